import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { parseCloudWatchMetricQuery } from '../../../src/adapters/metrics/cloudwatch.js';
import { parseMetricsJson } from '../../../src/core/metrics/parse-metrics-json.js';

const page = readFileSync(new URL('../../../docs/metrics/llm-metric-pack.md', import.meta.url), 'utf8');
const yamlBlocks = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as { definitions: { name: string; source: string; query?: unknown }[] });
const jsonBlocks = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
const PACK = ['error_rate', 'refusal_rate', 'valid_json_rate', 'tool_call_error_rate', 'latency_ms', 'ttft_ms', 'output_tokens', 'cost_usd', 'regeneration_rate', 'edit_rate', 'judge_score'];

test('every CloudWatch query in the LLM metric pack passes the CloudWatch schema fragment and query check', () => {
  const json = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { $id: string };
  const fragment = json('../../../src/adapters/metrics/cloudwatch.schema.json');
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, discriminator: true });
  ajv.addSchema(json('../../../schemas/common.schema.json'));
  ajv.addSchema(fragment);
  const validQuery = ajv.getSchema(`${fragment.$id}#/definitions/query`)!;
  const cw = yamlBlocks.flatMap((b) => b.definitions).filter((d) => d.source === 'cw');
  assert.ok(cw.length >= 9, `found ${cw.length} CloudWatch metrics`);
  for (const d of cw) {
    assert.ok(validQuery(d.query), `${d.name}: ${JSON.stringify(validQuery.errors)}`);
    const parsed = parseCloudWatchMetricQuery(d.query);
    assert.ok(parsed.ok, `${d.name}: ${parsed.ok ? '' : parsed.error}`);
  }
});

test('the file-source example of the LLM metric pack parses as a metrics file and holds every pack metric its definitions name', () => {
  assert.equal(jsonBlocks.length, 1);
  const parsed = parseMetricsJson(jsonBlocks[0]!, { file: 'metrics/support-bot.json' });
  assert.ok(parsed.ok, parsed.ok ? '' : `${parsed.error}: ${parsed.problems.join('; ')}`);
  const file = yamlBlocks.flatMap((b) => b.definitions).filter((d) => d.source === 'warehouse').map((d) => d.name);
  assert.deepEqual(file, PACK);
  for (const name of PACK) assert.ok(parsed.snapshot.arms.canary[name], `the example file has no canary ${name}`);
});
