import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { DATADOG_SITES, parseDatadogMetricQuery } from '../../../src/adapters/metrics/datadog.js';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { $id: string; definitions: { source: { properties: { site: { enum: string[] } } } } };
const fragment = read('../../../src/adapters/metrics/datadog.schema.json');
// The options the generated validators are compiled with (scripts/generate.mjs), so the fragment composes.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, discriminator: true });
ajv.addSchema(read('../../../schemas/common.schema.json'));
ajv.addSchema(fragment);
const validQuery = ajv.getSchema(`${fragment.$id}#/definitions/query`)!;
const validSource = ajv.getSchema(`${fragment.$id}#/definitions/source`)!;

const total = 'sum:llm.requests{variant:{{variant}}}.as_count()';
const queries: readonly [unknown, boolean][] = [
  [{ kind: 'rate', events: 'sum:llm.errors{variant:{{variant}},release:{{ release }}}.as_count()', total }, true],
  [{ kind: 'rate', events: 'sum:llm.errors{arm:{{arm}}}.as_count()', total, noEventsIsZero: true }, true],
  [{ kind: 'summary', sum: 'sum:llm.cost{variant:{{variant}}}.as_count()', count: total, sumOfSquares: 'sum:llm.cost.squared{variant:{{variant}}}.as_count()' }, true],
  [{ kind: 'histogram', buckets: 'sum:llm.latency.bucket{variant:{{variant}}} by {upper_bound}.as_count()', scale: 1000 }, true],
  [{ kind: 'histogram', buckets: 'sum:llm.latency.bucket{variant:{{variant}}} by {le}.as_count()', boundTag: 'le', cumulative: true }, true],
  [{ kind: 'histogram', buckets: 'sum:llm.latency.bucket{variant:{{variant}}}.as_count()' }, false],
  [{ kind: 'ratio', x: 'sum:llm.errors{variant:{{variant}}} by {usr.id}.as_count()', y: 'sum:llm.requests{variant:{{variant}}} by {usr.id}.as_count()', noEventsIsZero: true }, true],
  [{ kind: 'ratio', x: 'sum:llm.errors{variant:{{variant}}} by {conversation_id}.as_count()', y: 'sum:llm.requests{variant:{{variant}}} by {conversation_id}.as_count()', unitTag: 'conversation_id' }, true],
  [{ kind: 'ratio', x: 'sum:llm.errors{variant:{{variant}}}.as_count()', y: 'sum:llm.requests{variant:{{variant}}} by {usr.id}.as_count()' }, false],
  [{ kind: 'rate', events: 'sum:llm.errors{stage:{{stage}}}.as_count()', total }, false],
  [{ kind: 'rate', events: 'sum:llm.errors{*}.as_count()' }, false],
  [{ kind: 'rate', events: '', total }, false],
  [{ kind: 'rate', events: total, total, noEventsIsZero: 'yes' }, false],
  [{ kind: 'histogram', buckets: 'sum:b{*} by {upper_bound}', scale: 0 }, false],
  [{ kind: 'summary', sum: total, count: total }, false],
  [{ kind: 'percentile', query: 'p95:llm.latency{*}' }, false],
  ['sum:llm.errors{*}.as_count()', false],
];

test('the schema fragment and the adapter\'s own check accept and reject the same metric queries', () => {
  for (const [query, valid] of queries) {
    assert.equal(validQuery(query), valid, `schema on ${JSON.stringify(query)}: ${JSON.stringify(validQuery.errors)}`);
    assert.equal(parseDatadogMetricQuery(query).ok, valid, `adapter on ${JSON.stringify(query)}`);
  }
});

test('the schema fragment accepts a source entry with both key variables, a site and variants, and refuses keys written in the entry', () => {
  assert.ok(validSource({ name: 'dd', type: 'datadog', site: 'datadoghq.eu', apiKeyEnv: 'DD_API_KEY', appKeyEnv: 'DD_APP_KEY', api: 'v1', requests: total, variants: { control: 'gpt-4o', canary: 'gpt-4.1' } }), JSON.stringify(validSource.errors));
  assert.equal(validSource({ name: 'dd', type: 'datadog', apiKeyEnv: 'DD_API_KEY' }), false);
  assert.equal(validSource({ name: 'dd', type: 'datadog', apiKeyEnv: 'DD_API_KEY', appKeyEnv: 'DD_APP_KEY', apiKey: '0123abcd' }), false);
  assert.equal(validSource({ name: 'dd', type: 'datadog', apiKeyEnv: 'DD_API_KEY', appKeyEnv: 'DD_APP_KEY', site: 'example.com' }), false);
});

test('the schema fragment and the adapter know the same Datadog sites', () => {
  assert.deepEqual([...fragment.definitions.source.properties.site.enum].sort(), [...DATADOG_SITES].sort());
});
