import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { azureMlCapabilities, createAzureMlProvider, type AzureMlProviderConfig } from '../../../src/adapters/providers/azure-ml.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import type { CallResult } from '../../../src/ports/call.js';
import type { ApiProvider, ApplyAnswer, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';
import { silentLogger } from '../../../src/ports/logger.js';
import { systemClock } from '../../../src/ports/clock.js';
import { FAKE_WORKSPACE, startAzureMlFake, type AzureMlFake } from '../../support/azure-ml-fake.js';

let fakes: AzureMlFake[] = [];
afterEach(() => {
  for (const fake of fakes) assert.deepEqual(fake.violations, [], 'every request fits the ARM schema of online endpoints and Azure\'s rules');
  fakes = [];
});

function setup(fields: Record<string, unknown> = {}): { fake: AzureMlFake; provider: ApiProvider; target: TrafficTarget; waits: number[] } {
  const fake = startAzureMlFake();
  fakes.push(fake);
  fake.addEndpoint('support-assistant', ['blue', 'green'], { blue: 100, green: 0 });
  const waits: number[] = [];
  const deps: AdapterDeps & { sleep: (ms: number) => Promise<void>; random: () => number } = {
    root: '/nonexistent', env: { AZURE_ARM_TOKEN: fake.token }, fetch: fake.fetch, logger: silentLogger, clock: systemClock,
    signal: new AbortController().signal, sleep: async (ms) => { waits.push(ms); }, random: () => 0.5,
  };
  const config: AzureMlProviderConfig = { name: 'foundry', type: 'azure-ml', ...FAKE_WORKSPACE, accessTokenEnv: 'AZURE_ARM_TOKEN' };
  const built = createAzureMlProvider(config, deps);
  assert.ok(built.ok);
  return {
    fake, provider: built.value, waits,
    target: { release: 'support', key: 'support-assistant', champion: { model: 'gpt-4o' }, challenger: { model: 'gpt-4.1' }, fields: { championDeployment: 'blue', challengerDeployment: 'green', ...fields } },
  };
}

/** Applies, then verifies until the operation ends (at most `polls` times), as the engine does on later ticks. */
async function applyAndSettle(provider: ApiProvider, target: TrafficTarget, split: TrafficSplit, polls = 5): Promise<{ answer: CallResult<ApplyAnswer>; pendings: number }> {
  let answer = await provider.apply(target, split);
  let pendings = 0;
  while (answer.ok && answer.value.status === 'pending' && pendings < polls) {
    pendings += 1;
    answer = await provider.verify!(target, answer.value.operation);
  }
  return { answer, pendings };
}
const settled = (split: TrafficSplit): unknown => ({ ok: true, value: { status: 'settled', split } });

test('a whole ramp answers pending with the operation URL and settles once the operation succeeds, every PUT fitting the ARM schema', async () => {
  const { fake, provider, target } = setup();
  assert.deepEqual(await provider.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  const first = await provider.apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(first.ok && first.value.status === 'pending');
  assert.match(first.value.operation.id, /^https:\/\/management\.azure\.com\/subscriptions\/.*\/mfeOperationsStatus\/op-1\?api-version=2024-04-01$/);
  assert.equal(first.value.operation.status, 'endpoint Updating');
  assert.deepEqual(await provider.verify!(target, first.value.operation), { ok: true, value: { status: 'pending', operation: { ...first.value.operation, status: 'operation InProgress' } } });
  assert.deepEqual(await provider.verify!(target, first.value.operation), settled({ mode: 'traffic', weight: 5 }));
  for (const weight of [25, 50, 100]) assert.deepEqual((await applyAndSettle(provider, target, { mode: 'traffic', weight })).answer, settled({ mode: 'traffic', weight }));
  assert.deepEqual((await applyAndSettle(provider, target, { mode: 'off', weight: 0 })).answer, settled({ mode: 'off', weight: 0 }));
  assert.deepEqual(fake.endpoint(target.key)?.properties.traffic, { blue: 100, green: 0 });
  assert.deepEqual([...new Set(fake.requests.map((r) => r.method))].sort(), ['GET', 'PUT']);
});

test('the PUT keeps everything else the endpoint had: location, identity, tags, auth mode', async () => {
  const { fake, provider, target } = setup();
  await applyAndSettle(provider, target, { mode: 'traffic', weight: 10 });
  const put = fake.requests.find((r) => r.method === 'PUT')?.body as Record<string, unknown>;
  assert.deepEqual(put, {
    location: 'westeurope', kind: 'Managed', identity: { type: 'SystemAssigned' }, tags: { team: 'support' },
    properties: { authMode: 'Key', description: 'support assistant', publicNetworkAccess: 'Enabled', traffic: { blue: 90, green: 10 }, mirrorTraffic: {} },
  });
});

test('a shadow stage mirrors the target\'s mirrorPercent to the challenger, which serves nobody', async () => {
  const { fake, provider, target } = setup({ mirrorPercent: 25 });
  assert.deepEqual((await applyAndSettle(provider, target, { mode: 'shadow', weight: 0 })).answer, settled({ mode: 'shadow', weight: 0 }));
  assert.deepEqual({ traffic: fake.endpoint(target.key)?.properties.traffic, mirror: fake.endpoint(target.key)?.properties.mirrorTraffic }, { traffic: { blue: 100, green: 0 }, mirror: { green: 25 } });
  assert.deepEqual(await provider.read(target), { ok: true, value: { mode: 'shadow', weight: 0 } });
  assert.deepEqual((await applyAndSettle(provider, target, { mode: 'traffic', weight: 5 })).answer, settled({ mode: 'traffic', weight: 5 }));
  assert.deepEqual(fake.endpoint(target.key)?.properties.mirrorTraffic, {}, 'mirroring stops when the challenger takes live traffic');
});

test('a shadow stage asking to mirror more than 50 percent is invalid and says Azure caps it', async () => {
  const { fake, provider, target } = setup();
  const result = await provider.apply(target, { mode: 'shadow', weight: 60 });
  assert.equal(!result.ok && result.kind, 'invalid');
  assert.match(!result.ok ? result.error : '', /may mirror at most 50%.*not 60%/);
  const configured = await provider.apply({ ...target, fields: { ...target.fields, mirrorPercent: 75 } }, { mode: 'shadow', weight: 0 });
  assert.match(!configured.ok ? configured.error : '', /mirrorPercent 75 must be a whole number from 1 to 50/);
  assert.equal(fake.requests.filter((r) => r.method === 'PUT').length, 0);
});

test('applying the split the endpoint already serves sends no PUT and settles at once', async () => {
  const { fake, provider, target } = setup();
  await applyAndSettle(provider, target, { mode: 'traffic', weight: 10 });
  const puts = fake.requests.filter((r) => r.method === 'PUT').length;
  assert.deepEqual(await provider.apply(target, { mode: 'traffic', weight: 10 }), settled({ mode: 'traffic', weight: 10 }));
  assert.equal(fake.requests.filter((r) => r.method === 'PUT').length, puts);
});

test('a fractional weight is invalid, since Azure takes whole percentages, as the declared capabilities say', async () => {
  const { provider, target } = setup();
  assert.deepEqual(azureMlCapabilities, { shadow: 'native', segments: false, weightStep: 1, settles: 'eventually', stickiness: 'per-request' });
  const result = await provider.apply(target, { mode: 'traffic', weight: 2.5 });
  assert.equal(!result.ok && result.kind, 'invalid');
});

test('an operation that fails is reported with Azure\'s reason and what the endpoint still serves', async () => {
  const { fake, provider, target } = setup();
  await applyAndSettle(provider, target, { mode: 'traffic', weight: 5 });
  fake.plan({ outcome: 'Failed', polls: 0 });
  const { answer } = await applyAndSettle(provider, target, { mode: 'traffic', weight: 25 });
  assert.equal(!answer.ok && answer.kind, 'unavailable');
  assert.match(!answer.ok ? answer.error : '', /the traffic change Failed: ModelNotReady: Deployment challenger is not healthy.*; it serves traffic 5%/);
});

test('an operation someone cancels is a conflict and the traffic is read again', async () => {
  const { fake, provider, target } = setup();
  fake.plan({ outcome: 'Canceled', polls: 0 });
  const { answer } = await applyAndSettle(provider, target, { mode: 'traffic', weight: 5 });
  assert.equal(!answer.ok && answer.kind, 'conflict');
  assert.match(!answer.ok ? answer.error : '', /Canceled; it serves off/);
});

test('an operation that never finishes stays pending on every verify and is never taken as applied', async () => {
  const { fake, provider, target } = setup();
  fake.plan({ outcome: 'never' });
  const { answer, pendings } = await applyAndSettle(provider, target, { mode: 'traffic', weight: 5 }, 12);
  assert.equal(pendings, 12);
  assert.ok(answer.ok && answer.value.status === 'pending');
  assert.equal(answer.value.operation.status, 'operation InProgress');
  assert.deepEqual(await provider.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
});

test('an operation record Resource Manager no longer keeps is settled from the endpoint itself', async () => {
  const { fake, provider, target } = setup();
  const pending = await provider.apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(pending.ok && pending.value.status === 'pending');
  fake.inject('GET', { status: 404, body: { error: { code: 'NotFound', message: 'operation not found' } } });
  const gone = await provider.verify!(target, pending.value.operation);
  assert.ok(gone.ok && gone.value.status === 'pending', 'the endpoint is still Updating');
  assert.deepEqual(await provider.verify!(target, gone.value.operation), { ok: true, value: { status: 'pending', operation: { ...gone.value.operation, status: 'operation Updating' } } });
});

test('an operation followed through its Location header (202 until done) settles too', async () => {
  const { fake, provider, target } = setup();
  fake.plan({ style: 'location', polls: 2 });
  const { answer, pendings } = await applyAndSettle(provider, target, { mode: 'traffic', weight: 5 });
  assert.deepEqual(answer, settled({ mode: 'traffic', weight: 5 }));
  assert.equal(pendings, 3);
});

test('a PUT answered at once without an operation settles on the read-back', async () => {
  const { fake, provider, target } = setup();
  fake.plan({ style: 'sync' });
  assert.deepEqual(await provider.apply(target, { mode: 'traffic', weight: 5 }), settled({ mode: 'traffic', weight: 5 }));
});

test('a 429 with Retry-After on the read is retried after the wait Resource Manager asked for', async () => {
  const { fake, provider, target, waits } = setup();
  fake.inject('GET', { status: 429, body: { error: { code: 'TooManyRequests', message: 'Rate limit exceeded' } }, headers: { 'retry-after': '17' } });
  assert.deepEqual(await provider.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  assert.deepEqual(waits, [17000]);
});

test('a 5xx on the PUT is retried, the whole-resource PUT being idempotent', async () => {
  const { fake, provider, target, waits } = setup();
  fake.inject('PUT', { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'try later' } } });
  assert.deepEqual((await applyAndSettle(provider, target, { mode: 'traffic', weight: 5 })).answer, settled({ mode: 'traffic', weight: 5 }));
  assert.equal(waits.length, 1);
});

test('a 409 from another operation in flight is a conflict that says the next tick reads again', async () => {
  const { fake, provider, target } = setup();
  fake.inject('PUT', { status: 409, body: { error: { code: 'Conflict', message: 'There is an ongoing operation on the endpoint.' } } });
  const result = await provider.apply(target, { mode: 'traffic', weight: 5 });
  assert.equal(!result.ok && result.kind, 'conflict');
  assert.match(!result.ok ? result.error : '', /ongoing operation.*next tick reads it again/);
});

test('an endpoint already Updating is not written, and the apply answers conflict', async () => {
  const { fake, provider, target } = setup();
  const endpoint = fake.endpoint(target.key);
  assert.ok(endpoint);
  endpoint.properties.provisioningState = 'Updating';
  const result = await provider.apply(target, { mode: 'traffic', weight: 5 });
  assert.equal(!result.ok && result.kind, 'conflict');
  assert.equal(fake.requests.filter((r) => r.method === 'PUT').length, 0);
});

test('a 401 names the token variable and its lifetime, and never shows the token even when echoed', async () => {
  const { fake, provider, target } = setup();
  fake.inject('GET', { status: 401, body: { error: { code: 'ExpiredAuthenticationToken', message: `The token ${fake.token} is expired` } } });
  const result = await provider.read(target);
  assert.equal(!result.ok && result.kind, 'unauthorized');
  assert.match(!result.ok ? result.error : '', /AZURE_ARM_TOKEN must hold a current Resource Manager token/);
  assert.doesNotMatch(!result.ok ? result.error : '', /fake-arm-token/);
});

test('a 403 names the permissions the identity needs', async () => {
  const { fake, provider, target } = setup();
  fake.inject('PUT', { status: 403, body: { error: { code: 'AuthorizationFailed', message: 'does not have authorization to perform action' } } });
  const result = await provider.apply(target, { mode: 'traffic', weight: 5 });
  assert.equal(!result.ok && result.kind, 'unauthorized');
  assert.match(!result.ok ? result.error : '', /onlineEndpoints\/read and \/write on workspace 'ws-prod'/);
});

test('an endpoint that does not exist is not-found and says what to fix', async () => {
  const { provider, target } = setup();
  const result = await provider.read({ ...target, key: 'nope' });
  assert.equal(!result.ok && result.kind, 'not-found');
  assert.match(!result.ok ? result.error : '', /endpoint 'nope' in workspace 'ws-prod' does not exist \(fix the release's target.key/);
});

test('traffic on a third deployment leaves the split unknown, so it is reported rather than overwritten', async () => {
  const { fake, provider, target } = setup();
  fake.addEndpoint('support-assistant', ['blue', 'green', 'red'], { blue: 80, green: 0, red: 20 });
  const result = await provider.apply(target, { mode: 'traffic', weight: 5 });
  assert.equal(!result.ok && result.kind, 'invalid');
  assert.match(!result.ok ? result.error : '', /deployments outside this release \(red\)/);
  assert.equal(fake.requests.filter((r) => r.method === 'PUT').length, 0);
});

test('verify never sends the token to a host other than Resource Manager', async () => {
  const { fake, provider, target } = setup();
  const result = await provider.verify!(target, { id: 'https://evil.example.com/op?api-version=2024-04-01', requested: { mode: 'traffic', weight: 5 } });
  assert.equal(!result.ok && result.kind, 'invalid');
  assert.equal(fake.requests.length, 0);
});

test('a target without its two deployments is invalid and names the fields', async () => {
  const { fake, provider, target } = setup();
  const result = await provider.read({ ...target, fields: { championDeployment: 'blue' } });
  assert.match(!result.ok ? result.error : '', /championDeployment and challengerDeployment/);
  assert.equal(fake.requests.length, 0);
});

test('a call whose deadline has passed answers timeout', async () => {
  const { provider, target } = setup();
  const controller = new AbortController();
  controller.abort();
  const result = await provider.read(target, { signal: controller.signal });
  assert.equal(!result.ok && result.kind, 'timeout');
});

test('a missing token variable is a configuration error naming accessTokenEnv and how to get a token', () => {
  const built = createAzureMlProvider({ name: 'foundry', type: 'azure-ml', ...FAKE_WORKSPACE, accessTokenEnv: 'AZURE_ARM_TOKEN' }, { root: '/', env: {}, fetch: globalThis.fetch, logger: silentLogger, clock: systemClock, signal: new AbortController().signal });
  assert.deepEqual(!built.ok && built.field, ['accessTokenEnv']);
  assert.match(!built.ok ? built.error : '', /az account get-access-token --resource https:\/\/management.azure.com/);
});

test("the provider's schema fragment accepts a documented entry and target and rejects a mirror share over 50", () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(JSON.parse(readFileSync('schemas/common.schema.json', 'utf8')) as object);
  ajv.addSchema(JSON.parse(readFileSync('src/adapters/providers/azure-ml.schema.json', 'utf8')) as object);
  const id = 'https://glidepath.dev/schemas/v1/providers/azure-ml.schema.json';
  const provider = ajv.getSchema(`${id}#/definitions/provider`);
  const target = ajv.getSchema(`${id}#/definitions/target`);
  assert.ok(provider && target);
  const entry = { name: 'foundry', type: 'azure-ml', ...FAKE_WORKSPACE, accessTokenEnv: 'AZURE_ARM_TOKEN' };
  assert.equal(provider(entry), true, JSON.stringify(provider.errors));
  assert.equal(provider({ ...entry, accessToken: 'eyJ...' }), false);
  const release = { provider: 'foundry', key: 'support-assistant', championDeployment: 'blue', challengerDeployment: 'green', mirrorPercent: 20 };
  assert.equal(target(release), true, JSON.stringify(target.errors));
  assert.equal(target({ ...release, mirrorPercent: 60 }), false);
  assert.equal(target({ provider: 'foundry', key: 'support-assistant' }), false);
});
