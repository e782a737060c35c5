import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { BEDROCK_PACK, parseCloudWatchMetricQuery } from '../../../src/adapters/metrics/cloudwatch.js';

const doc = readFileSync(new URL('../../../docs/metrics/cloudwatch.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as Record<string, unknown>);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { $id: string };
const fragment = json('../../../src/adapters/metrics/cloudwatch.schema.json');
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, discriminator: true });
ajv.addSchema(json('../../../schemas/common.schema.json'));
ajv.addSchema(fragment);
const validSource = ajv.getSchema(`${fragment.$id}#/definitions/source`)!;
const validQuery = ajv.getSchema(`${fragment.$id}#/definitions/query`)!;

interface Definition { name: string; type: string; query?: unknown }

test('every source entry and metric in the CloudWatch guide is valid, and its pack metrics and quantile gates are ones the pack serves', () => {
  const spec = (b: Record<string, unknown>) => (b['spec'] as { metrics?: { sources?: unknown[]; definitions?: Definition[] } } | undefined)?.metrics;
  const sources = blocks.flatMap((b) => spec(b)?.sources ?? []);
  const definitions = blocks.flatMap((b) => spec(b)?.definitions ?? (b['definitions'] as Definition[] | undefined) ?? []);
  const gates = blocks.flatMap((b) => (b['gates'] as { metric: string; test: string; quantile?: number }[] | undefined) ?? []);
  assert.ok(sources.length >= 1 && definitions.length >= 6 && gates.length >= 3, `found ${sources.length} sources, ${definitions.length} metrics, ${gates.length} gates`);
  for (const s of sources) assert.ok(validSource(s), JSON.stringify(validSource.errors));
  for (const d of definitions) {
    if (d.query === undefined) {
      assert.ok(d.name in BEDROCK_PACK, `${d.name} has no query and is not a pack metric`);
      continue;
    }
    assert.ok(validQuery(d.query) && parseCloudWatchMetricQuery(d.query).ok, `${d.name}: ${JSON.stringify(validQuery.errors)}`);
  }
  for (const g of gates.filter((x) => x.test === 'quantile')) {
    const pack = BEDROCK_PACK[g.metric];
    assert.ok(pack?.kind === 'percentiles' && [50, 90, 95, 99].includes(Math.round(g.quantile! * 100)), `the guide's quantile gate on ${g.metric} at ${g.quantile} is not a percentile the pack reads`);
  }
});
