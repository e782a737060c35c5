import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { parseDatadogMetricQuery } from '../../../src/adapters/metrics/datadog.js';
import { parseHttpJsonMetricQuery } from '../../../src/adapters/metrics/http-json-source.js';

const text = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, discriminator: true });
ajv.addSchema(JSON.parse(text('../../../schemas/common.schema.json')) as object);

interface Entry {
  readonly name: string;
  readonly type?: string;
  readonly query?: unknown;
}

/** Every source entry and metric definition in the page's YAML blocks, whether under spec.metrics or a bare `definitions:` list. */
function entriesOf(page: string): { sources: Entry[]; definitions: Entry[] } {
  const sources: Entry[] = [];
  const definitions: Entry[] = [];
  for (const [, block] of page.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const doc = parse(block!) as { spec?: { metrics?: { sources?: Entry[]; definitions?: Entry[] } }; definitions?: Entry[] } | null;
    sources.push(...(doc?.spec?.metrics?.sources ?? []));
    definitions.push(...(doc?.spec?.metrics?.definitions ?? []), ...(doc?.definitions ?? []));
  }
  return { sources, definitions };
}

for (const [page, fragmentFile, parseQuery, type] of [
  ['docs/metrics/datadog.md', 'datadog.schema.json', parseDatadogMetricQuery, 'datadog'],
  ['docs/metrics/http-json.md', 'http-json.schema.json', parseHttpJsonMetricQuery, 'http-json'],
] as const) {
  test(`every source entry and metric query in ${page} passes the schema fragment and the adapter's own check, and the LLM pack is complete`, () => {
    const fragment = JSON.parse(text(`../../../src/adapters/metrics/${fragmentFile}`)) as { $id: string };
    if (!ajv.getSchema(fragment.$id)) ajv.addSchema(fragment);
    const validSource = ajv.getSchema(`${fragment.$id}#/definitions/source`)!;
    const validQuery = ajv.getSchema(`${fragment.$id}#/definitions/query`)!;
    const { sources, definitions } = entriesOf(text(`../../../${page}`));
    assert.ok(sources.length > 0 && sources.every((s) => s.type === type));
    for (const s of sources) assert.ok(validSource(s), `${s.name}: ${JSON.stringify(validSource.errors)}`);
    for (const d of definitions) {
      assert.ok(validQuery(d.query), `${d.name}: ${JSON.stringify(validQuery.errors)}`);
      const parsed = parseQuery(d.query);
      assert.ok(parsed.ok, `${d.name}: ${parsed.ok ? '' : parsed.error}`);
    }
    const names = new Set(definitions.map((d) => d.name));
    for (const name of ['error_rate', 'refusal_rate', 'valid_json_rate', 'tool_call_error_rate', 'latency_ms', 'ttft_ms', 'output_tokens', 'cost_usd', 'regeneration_rate', 'edit_rate', 'judge_score']) {
      assert.ok(names.has(name), `${page} lacks ${name}`);
    }
  });
}
