import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parseHttpJsonMetricQuery } from '../../../src/adapters/metrics/http-json-source.js';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { $id: string };
const fragment = read('../../../src/adapters/metrics/http-json.schema.json');
// The options the generated validators are compiled with (scripts/generate.mjs), so the fragment composes.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, discriminator: true });
ajv.addSchema(read('../../../schemas/common.schema.json'));
ajv.addSchema(fragment);
const validQuery = ajv.getSchema(`${fragment.$id}#/definitions/query`)!;
const validSource = ajv.getSchema(`${fragment.$id}#/definitions/source`)!;

const queries: readonly [unknown, boolean][] = [
  [{ kind: 'rate', events: '$.arms.{{arm}}.errors', total: "$.arms['{{arm}}'].requests" }, true],
  [{ kind: 'rate', events: '$.variants.{{ variant }}.errors', total: '$.variants.{{variant}}.requests' }, true],
  [{ kind: 'summary', n: '$.cost.{{arm}}.n', mean: '$.cost.{{arm}}.mean', sd: '$.cost.{{arm}}["sd"]' }, true],
  [{ kind: 'samples', values: '$.ttft[0].{{arm}}' }, true],
  [{ kind: 'histogram', buckets: '$.latency.{{arm}}.buckets', scale: 1000 }, true],
  [{ kind: 'ratio', units: '$.{{arm}}.users', sumX: '$.{{arm}}.x', sumY: '$.{{arm}}.y', sumXX: '$.{{arm}}.xx', sumYY: '$.{{arm}}.yy', sumXY: '$.{{arm}}.xy' }, true],
  [{ kind: 'ratio', units: '$.{{arm}}.users', sumX: '$.{{arm}}.x', sumY: '$.{{arm}}.y' }, false],
  [{ kind: 'rate', events: '$.arms.{{stage}}.errors', total: '$.x' }, false],
  [{ kind: 'rate', events: '$..errors', total: '$.x' }, false],
  [{ kind: 'rate', events: '$.arms[*].errors', total: '$.x' }, false],
  [{ kind: 'rate', events: 'arms.errors', total: '$.x' }, false],
  [{ kind: 'rate', events: '$.x' }, false],
  [{ kind: 'histogram', buckets: '$.b', scale: -1 }, false],
  [{ kind: 'samples', values: '$.v', extra: true }, false],
  [{ kind: 'quantile', path: '$.p95' }, false],
  ['$.arms.control.errors', false],
];

test('the schema fragment and the adapter\'s own check accept and reject the same metric queries', () => {
  for (const [query, valid] of queries) {
    assert.equal(validQuery(query), valid, `schema on ${JSON.stringify(query)}: ${JSON.stringify(validQuery.errors)}`);
    assert.equal(parseHttpJsonMetricQuery(query).ok, valid, `adapter on ${JSON.stringify(query)}`);
  }
});

test('the schema fragment accepts headers from environment variables and constants, and refuses a URL with an unknown template', () => {
  assert.ok(validSource({ name: 'svc', type: 'http-json', url: 'https://m.example.com/r/{{release}}?from={{start}}', headers: { Authorization: { env: 'METRICS_TOKEN', prefix: 'Bearer ' }, Accept: { value: 'application/json' } }, requests: '$.arms.{{arm}}.requests' }), JSON.stringify(validSource.errors));
  assert.equal(validSource({ name: 'svc', type: 'http-json', url: 'https://m.example.com/{{owner}}' }), false);
  assert.equal(validSource({ name: 'svc', type: 'http-json', url: 'https://m.example.com/', headers: { Authorization: 'Bearer abc' } }), false);
  assert.equal(validSource({ name: 'svc', type: 'http-json', url: 'file:///etc/passwd' }), false);
});
