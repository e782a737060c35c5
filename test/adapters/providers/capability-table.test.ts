import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROVIDER_CAPABILITIES } from '../../../src/adapters/generated/provider-capabilities.js';
import { trafficProviders } from '../../../src/adapters/providers/index.js';
import { createRuntime } from '../../../src/runtime.js';

test('the generated capability table holds exactly the capabilities each registered provider declares', () => {
  const declared = Object.fromEntries(Object.entries(trafficProviders).map(([type, entry]) => [type, entry.capabilities]));
  assert.deepEqual({ ...PROVIDER_CAPABILITIES }, declared, 'run `npm run generate` after changing a provider\'s capabilities');
});

test('the runtime answers the providers\' capabilities as data and loads the registries once, on first need', async () => {
  const runtime = createRuntime();
  assert.equal(runtime.providerCapabilities, PROVIDER_CAPABILITIES);
  const first = await runtime.adapters();
  assert.equal(first.providers, trafficProviders);
  assert.equal(await runtime.adapters(), first);
  assert.deepEqual(Object.keys(first.metricsSources).sort(), ['cloudwatch', 'datadog', 'file', 'http-json', 'prometheus']);
  assert.deepEqual(Object.keys(first.notifiers).sort(), ['pagerduty', 'slack']);
});
