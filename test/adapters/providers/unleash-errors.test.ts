import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { createUnleashProvider, type UnleashProviderConfig } from '../../../src/adapters/providers/unleash.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import type { ApiProvider, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';
import { silentLogger } from '../../../src/ports/logger.js';
import { systemClock } from '../../../src/ports/clock.js';
import { startUnleashFake, type UnleashFake } from '../../support/unleash-server.js';

/**
 * The paths a real Unleash will not take on demand (429, 5xx, Retry-After, a lost answer),
 * against a fake that checks every request against Unleash's OpenAPI description.
 */
let fake: UnleashFake;
before(async () => { fake = await startUnleashFake(); });
after(async () => { await fake.stop(); });
afterEach(() => {
  assert.deepEqual(fake.violations, [], 'every request fits the Unleash spec');
  fake.requests.length = 0;
});

let toggles = 0;
function setup(): { provider: ApiProvider; target: TrafficTarget; waits: number[] } {
  const key = `errors-${(toggles += 1)}`;
  fake.addToggle(key);
  const waits: number[] = [];
  const config: UnleashProviderConfig = { name: 'flags', type: 'unleash', url: `${fake.url}/`, environment: 'development', apiTokenEnv: 'UNLEASH_TOKEN' };
  const deps: AdapterDeps & { sleep: (ms: number) => Promise<void>; random: () => number } = {
    root: '/nonexistent', env: { UNLEASH_TOKEN: fake.token }, fetch: globalThis.fetch, logger: silentLogger, clock: systemClock,
    signal: new AbortController().signal, sleep: async (ms) => { waits.push(ms); }, random: () => 0.5,
  };
  const built = createUnleashProvider(config, deps);
  assert.ok(built.ok);
  return {
    provider: built.value,
    waits,
    target: { release: 'r', key, champion: { model: 'm-1' }, challenger: { model: 'm-2', parameters: { temperature: 0 } } },
  };
}
const challengerWeight = (key: string): unknown => (fake.featureEnvironment(key)?.strategies[0]?.['variants'] as { name: string; weight: number }[] | undefined)?.find((v) => v.name === 'challenger')?.weight;

test('every request of a whole ramp is an operation of the Unleash spec with a body that fits it', async () => {
  const { provider, target } = setup();
  const ramp: TrafficSplit[] = [{ mode: 'shadow', weight: 0 }, { mode: 'traffic', weight: 2.5 }, { mode: 'traffic', weight: 40 }, { mode: 'traffic', weight: 100 }, { mode: 'off', weight: 0 }];
  for (const split of ramp) assert.deepEqual(await provider.apply(target, split), { ok: true, value: { status: 'settled', split } });
  assert.deepEqual([...new Set(fake.requests.map((r) => r.operationId))].sort(), ['addFeatureStrategy', 'getFeatureEnvironment', 'patchFeatureStrategy', 'toggleFeatureEnvironmentOn']);
});

test('a 429 with Retry-After on the read is retried after the wait Unleash asked for, and the apply then settles', async () => {
  const { provider, target, waits } = setup();
  fake.inject('GET', { status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '3' } });
  const result = await provider.apply(target, { mode: 'traffic', weight: 5 });
  assert.deepEqual(result, { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 5 } } });
  assert.deepEqual(waits, [3000]);
});

test('a 503 on the patch is retried and the step lands once', async () => {
  const { provider, target, waits } = setup();
  assert.equal((await provider.apply(target, { mode: 'traffic', weight: 5 })).ok, true);
  fake.inject('PATCH', { status: 503, body: { message: 'Service Unavailable' } }, { status: 502 });
  const result = await provider.apply(target, { mode: 'traffic', weight: 10 });
  assert.deepEqual(result, { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 10 } } });
  assert.equal(waits.length, 2);
  assert.equal(fake.requests.filter((r) => r.method === 'PATCH').length, 3);
  assert.equal(challengerWeight(target.key), 100);
});

test('throttling that outlasts the retries leaves the split as it was and answers rate-limited with the wait', async () => {
  const { provider, target } = setup();
  assert.equal((await provider.apply(target, { mode: 'traffic', weight: 5 })).ok, true);
  fake.inject('PATCH', ...[1, 2, 3, 4].map(() => ({ status: 429, headers: { 'retry-after': '20' } })));
  const result = await provider.apply(target, { mode: 'traffic', weight: 10 });
  assert.deepEqual(!result.ok && { kind: result.kind, retryAfterMs: result.retryAfterMs }, { kind: 'rate-limited', retryAfterMs: 20_000 });
  assert.match(!result.ok ? result.error : '', /^unleash 'flags': PATCH \/api\/admin\/projects\/default\/features\/errors-\d+\/environments\/development\/strategies\/fake-\d+ answered 429/);
  assert.equal(challengerWeight(target.key), 50);
});

test('a PATCH that landed but whose answer was lost is settled on the retry, not reported as a conflict', async () => {
  const { provider, target } = setup();
  assert.equal((await provider.apply(target, { mode: 'traffic', weight: 5 })).ok, true);
  fake.inject('PATCH', { status: 502, applyFirst: true });
  const result = await provider.apply(target, { mode: 'traffic', weight: 20 });
  assert.deepEqual(result, { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 20 } } });
  assert.equal(fake.requests.filter((r) => r.method === 'PATCH').length, 2, 'the retry failed its test, and the re-read showed the step had landed');
});

test('creating the strategy is not retried after a 5xx, since a retry could add a second one', async () => {
  const { provider, target, waits } = setup();
  fake.inject('POST', { status: 503 });
  const result = await provider.apply(target, { mode: 'traffic', weight: 5 });
  assert.equal(!result.ok && result.kind, 'unavailable');
  assert.equal(fake.requests.filter((r) => r.method === 'POST').length, 1);
  assert.deepEqual(waits, []);
});

test('a 403 is unauthorized and says which permission the token needs', async () => {
  const { provider, target } = setup();
  fake.inject('GET', { status: 403, body: { name: 'NoAccessError', message: 'You need permission=UPDATE_FEATURE_STRATEGY to perform this action' } });
  const result = await provider.read(target);
  assert.equal(!result.ok && result.kind, 'unauthorized');
  assert.match(!result.ok ? result.error : '', /permission=UPDATE_FEATURE_STRATEGY.*UNLEASH_TOKEN must hold an Admin API token that may update feature strategies in project 'default'/);
});

test('strategy variants dropped by someone else are reported, and the next apply restores them', async () => {
  const { provider, target } = setup();
  assert.equal((await provider.apply(target, { mode: 'traffic', weight: 5 })).ok, true);
  const strategy = fake.featureEnvironment(target.key)?.strategies[0] as Record<string, unknown>;
  strategy['variants'] = [];
  const read = await provider.read(target);
  assert.equal(!read.ok && read.kind, 'invalid');
  assert.match(!read.ok ? read.error : '', /lacks its 'champion' and 'challenger' variants/);
  assert.deepEqual(await provider.apply(target, { mode: 'traffic', weight: 5 }), { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 5 } } });
});

test('an unusable URL is a configuration error naming the url field', () => {
  const built = createUnleashProvider({ name: 'flags', type: 'unleash', url: 'unleash.example.com', environment: 'production', apiTokenEnv: 'T' }, { root: '/', env: { T: 'x' }, fetch: globalThis.fetch, logger: silentLogger, clock: systemClock, signal: new AbortController().signal });
  assert.deepEqual(!built.ok && built.field, ['url']);
});

test("the provider's schema fragment accepts a documented entry and target and rejects a token in the YAML", () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(JSON.parse(readFileSync('schemas/common.schema.json', 'utf8')) as object);
  ajv.addSchema(JSON.parse(readFileSync('src/adapters/providers/unleash.schema.json', 'utf8')) as object);
  const id = 'https://glidepath.dev/schemas/v1/providers/unleash.schema.json';
  const provider = ajv.getSchema(`${id}#/definitions/provider`);
  const target = ajv.getSchema(`${id}#/definitions/target`);
  assert.ok(provider && target);
  const entry = { name: 'flags', type: 'unleash', url: 'https://unleash.example.com', project: 'ai', environment: 'production', apiTokenEnv: 'UNLEASH_ADMIN_TOKEN', stickiness: 'userId' };
  assert.equal(provider(entry), true, JSON.stringify(provider.errors));
  assert.equal(provider({ ...entry, apiToken: '*:*.secret' }), false);
  assert.equal(provider({ ...entry, url: 'https://user:pass@unleash.example.com' }), false);
  assert.equal(target({ provider: 'flags', key: 'support-assistant-model' }), true);
  assert.equal(target({ provider: 'flags', key: 'has/slash' }), false);
});

test('a ring is a second strategy, evaluated first, with an IN constraint, and a failed test on it is a conflict', async () => {
  const { provider, target } = setup();
  const ring: TrafficSplit = { mode: 'traffic', weight: 5, segment: { attribute: 'tenantId', values: ['acme'] } };
  assert.deepEqual(await provider.apply(target, ring), { ok: true, value: { status: 'settled', split: ring } });
  const [main, second] = fake.featureEnvironment(target.key)?.strategies ?? [];
  assert.ok((second?.['sortOrder'] as number) < (main?.['sortOrder'] as number));
  assert.deepEqual(second?.['constraints'], [{ contextName: 'tenantId', operator: 'IN', values: ['acme'], caseInsensitive: false, inverted: false }]);
  // Someone edits the ring's values after Glidepath read them.
  const sent: string[] = [];
  const interfering: typeof globalThis.fetch = async (input, init) => {
    if (init?.method === 'PATCH') {
      sent.push('PATCH');
      (second as Record<string, unknown>)['constraints'] = [{ contextName: 'tenantId', operator: 'IN', values: ['umbrella'], caseInsensitive: false, inverted: false }];
    }
    return globalThis.fetch(input, init);
  };
  const built = createUnleashProvider({ name: 'flags', type: 'unleash', url: fake.url, environment: 'development', apiTokenEnv: 'T' }, { root: '/', env: { T: fake.token }, fetch: interfering, logger: silentLogger, clock: systemClock, signal: new AbortController().signal });
  assert.ok(built.ok);
  const result = await built.value.apply(target, { ...ring, segment: { attribute: 'tenantId', values: ['acme', 'globex'] } });
  assert.equal(!result.ok && result.kind, 'conflict');
  assert.deepEqual(sent, ['PATCH']);
});
