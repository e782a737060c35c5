import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parsePrometheusMetricQuery } from '../../../src/adapters/metrics/prometheus.js';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { $id: string };
const fragment = read('../../../src/adapters/metrics/prometheus.schema.json');
// The options the generated validators are compiled with (scripts/generate.mjs), so the fragment composes.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, discriminator: true });
ajv.addSchema(read('../../../schemas/common.schema.json'));
ajv.addSchema(fragment);
const validQuery = ajv.getSchema(`${fragment.$id}#/definitions/query`)!;
const validSource = ajv.getSchema(`${fragment.$id}#/definitions/source`)!;

const v = 'llm_requests_total{variant="{{variant}}"}';
const queries: readonly [unknown, boolean][] = [
  [{ kind: 'rate', events: 'llm_errors_total{variant="{{variant}}"}', total: v }, true],
  [{ kind: 'rate', events: 'sum(increase(llm_errors_total{variant="{{ variant }}",release="{{release}}"}[{{window}}]))', total: v }, true],
  [{ kind: 'histogram', buckets: 'llm_latency_seconds_bucket{arm="{{arm}}"}', scale: 1000 }, true],
  [{ kind: 'summary', sum: 'llm_cost_usd_total{variant="{{variant}}"}', count: v, sumOfSquares: 'llm_cost_usd_squared_total{variant="{{variant}}"}' }, true],
  [{ kind: 'rate', events: 'llm_errors_total{stage="{{stage}}"}', total: v }, false],
  [{ kind: 'rate', events: 'llm_errors_total' }, false],
  [{ kind: 'rate', events: '', total: v }, false],
  [{ kind: 'histogram', buckets: v, scale: 0 }, false],
  [{ kind: 'histogram', buckets: v, extra: 1 }, false],
  [{ kind: 'quantile', expr: v }, false],
  ['llm_errors_total', false],
];

test('the schema fragment and the adapter\'s own check accept and reject the same metric queries', () => {
  for (const [query, valid] of queries) {
    assert.equal(validQuery(query), valid, `schema on ${JSON.stringify(query)}: ${JSON.stringify(validQuery.errors)}`);
    assert.equal(parsePrometheusMetricQuery(query).ok, valid, `adapter on ${JSON.stringify(query)}`);
  }
});

test('the schema fragment accepts a source entry with a token variable and variants, and refuses a URL that is not http', () => {
  assert.ok(validSource({ name: 'prom', type: 'prometheus', url: 'https://mimir.example.com/prometheus', bearerTokenEnv: 'MIMIR_TOKEN', requests: v, variants: { control: 'gpt-4o', canary: 'gpt-4.1' } }), JSON.stringify(validSource.errors));
  assert.equal(validSource({ name: 'prom', type: 'prometheus', url: 'ftp://prometheus' }), false);
  assert.equal(validSource({ name: 'prom', type: 'prometheus', url: 'http://p:9090', bearerTokenEnv: 'lower-case' }), false);
});
