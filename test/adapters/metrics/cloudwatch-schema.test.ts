import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { BEDROCK_PACK, parseCloudWatchMetricQuery } from '../../../src/adapters/metrics/cloudwatch.js';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { $id: string; definitions: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
const fragment = read('../../../src/adapters/metrics/cloudwatch.schema.json');
// The options the generated validators are compiled with (scripts/generate.mjs), so the fragment composes.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, discriminator: true });
ajv.addSchema(read('../../../schemas/common.schema.json'));
ajv.addSchema(fragment);
const validQuery = ajv.getSchema(`${fragment.$id}#/definitions/query`)!;
const validSource = ajv.getSchema(`${fragment.$id}#/definitions/source`)!;

const m = (metric: string, extra: Record<string, unknown> = {}) => ({ namespace: 'MyApp/LLM', metric, dimensions: { Variant: '{{variant}}' }, ...extra });
const queries: readonly [unknown, boolean][] = [
  [{ kind: 'rate', events: m('Errors'), total: m('Requests') }, true],
  [{ kind: 'rate', events: [m('ClientErrors', { absentIsZero: true }), m('ServerErrors')], total: m('Requests', { stat: 'Sum' }) }, true],
  [{ kind: 'summary', sum: m('Cost'), count: m('Cost', { stat: 'SampleCount' }), sumOfSquares: m('CostSquared') }, true],
  [{ kind: 'summary', sum: m('Cost'), count: m('Cost') }, true],
  [{ kind: 'percentiles', metric: { namespace: 'AWS/Bedrock', metric: 'InvocationLatency', dimensions: { ModelId: '{{ model }}' } }, percentiles: [50, 99.9] }, true],
  [{ kind: 'pack', metric: 'latency' }, true],
  [{ kind: 'pack', metric: 'p95_latency' }, false],
  [{ kind: 'rate', events: m('Errors'), total: m('Requests', { absentIsZero: true }) }, false],
  [{ kind: 'rate', events: [], total: m('Requests') }, false],
  [{ kind: 'rate', events: m('Errors') }, false],
  [{ kind: 'rate', events: m('Errors', { stat: 'p95' }), total: m('Requests') }, false],
  [{ kind: 'rate', events: { namespace: 'N', metric: 'E', dimensions: { Stage: '{{stage}}' } }, total: m('Requests') }, false],
  [{ kind: 'rate', events: { namespace: '', metric: 'E' }, total: m('Requests') }, false],
  [{ kind: 'percentiles', metric: m('Latency'), percentiles: [100] }, false],
  [{ kind: 'percentiles', metric: m('Latency'), extra: 1 }, false],
  [{ kind: 'histogram', buckets: m('Latency') }, false],
  ['MyApp/LLM Errors', false],
];

test('the schema fragment and the adapter\'s own check accept and reject the same metric queries', () => {
  for (const [query, valid] of queries) {
    assert.equal(validQuery(query), valid, `schema on ${JSON.stringify(query)}: ${JSON.stringify(validQuery.errors)}`);
    assert.equal(parseCloudWatchMetricQuery(query).ok, valid, `adapter on ${JSON.stringify(query)}`);
  }
});

test('every query of the Bedrock pack passes the schema, and the schema lists exactly the pack\'s metrics', () => {
  for (const [name, query] of Object.entries(BEDROCK_PACK)) assert.ok(validQuery(query), `${name}: ${JSON.stringify(validQuery.errors)}`);
  assert.deepEqual(fragment.definitions['packQuery']!.properties!['metric']!.enum, Object.keys(BEDROCK_PACK));
});

test('the schema fragment accepts a source with static credential variables and the Bedrock pack, and refuses a region that is not one', () => {
  assert.ok(validSource({ name: 'bedrock', type: 'cloudwatch', region: 'eu-central-1', pack: 'bedrock', accessKeyIdEnv: 'AWS_KEY_ID', secretAccessKeyEnv: 'AWS_SECRET', models: { control: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0' } }), JSON.stringify(validSource.errors));
  assert.ok(validSource({ name: 'cw', type: 'cloudwatch', region: 'us-gov-west-1', requests: m('Requests'), variants: { control: 'a', canary: 'b' } }), JSON.stringify(validSource.errors));
  assert.equal(validSource({ name: 'cw', type: 'cloudwatch', region: 'Frankfurt' }), false);
  assert.equal(validSource({ name: 'cw', type: 'cloudwatch', region: 'us-east-1', pack: 'sagemaker' }), false);
  assert.equal(validSource({ name: 'cw', type: 'cloudwatch', region: 'us-east-1', accessKeyIdEnv: 'lower-case' }), false);
});
