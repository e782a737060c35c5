import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { createStatsigProvider, statsigCapabilities, type StatsigProviderConfig } from '../../../src/adapters/providers/statsig.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import type { ApiProvider, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';
import { silentLogger } from '../../../src/ports/logger.js';
import { systemClock } from '../../../src/ports/clock.js';
import { startStatsigFake, type StatsigFake } from '../../support/statsig-fake.js';

let fakes: StatsigFake[] = [];
afterEach(() => {
  for (const fake of fakes) assert.deepEqual(fake.violations, [], 'every request fits the Statsig Console API spec');
  fakes = [];
});

function setup(options: { config?: Partial<StatsigProviderConfig>; signal?: AbortSignal } = {}): { fake: StatsigFake; provider: ApiProvider; target: TrafficTarget; waits: number[] } {
  const fake = startStatsigFake();
  fakes.push(fake);
  fake.addGate('support_assistant_challenger');
  const waits: number[] = [];
  const deps: AdapterDeps & { sleep: (ms: number) => Promise<void>; random: () => number } = {
    root: '/nonexistent', env: { STATSIG_CONSOLE_KEY: fake.key }, fetch: fake.fetch, logger: silentLogger, clock: systemClock,
    signal: options.signal ?? new AbortController().signal, sleep: async (ms) => { waits.push(ms); }, random: () => 0.5,
  };
  const built = createStatsigProvider({ name: 'gates', type: 'statsig', apiKeyEnv: 'STATSIG_CONSOLE_KEY', ...options.config }, deps);
  assert.ok(built.ok);
  return { fake, provider: built.value, waits, target: { release: 'support', key: 'support_assistant_challenger', champion: { model: 'm-1' }, challenger: { model: 'm-2' } } };
}
const settled = (split: TrafficSplit): unknown => ({ ok: true, value: { status: 'settled', split } });
const writes = (fake: StatsigFake): string[] => fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

test('a whole ramp adds one Everyone rule and then steps its pass percentage, every request fitting the spec', async () => {
  const { fake, provider, target } = setup();
  assert.deepEqual(await provider.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  for (const weight of [0.5, 5, 25, 50, 100]) assert.deepEqual(await provider.apply(target, { mode: 'traffic', weight }), settled({ mode: 'traffic', weight }));
  assert.deepEqual(await provider.apply(target, { mode: 'off', weight: 0 }), settled({ mode: 'off', weight: 0 }));
  const rules = fake.gate(target.key)?.rules ?? [];
  assert.equal(rules.length, 1);
  assert.deepEqual({ name: rules[0]?.name, conditions: rules[0]?.conditions, pass: rules[0]?.passPercentage }, { name: 'glidepath', conditions: [{ type: 'public' }], pass: 0 });
  assert.deepEqual(writes(fake).map((w) => w.replace(/rules\/[^/]+$/, 'rules/{ruleID}')), [
    'POST /console/v1/gates/support_assistant_challenger/rule',
    ...Array.from({ length: 5 }, () => 'PATCH /console/v1/gates/support_assistant_challenger/rules/{ruleID}'),
  ]);
});

test('the rule is followed by its base id although Statsig changes its id with every percentage', async () => {
  const { fake, provider, target } = setup();
  await provider.apply(target, { mode: 'traffic', weight: 5 });
  const first = fake.gate(target.key)?.rules[0]?.id;
  assert.deepEqual(await provider.apply(target, { mode: 'traffic', weight: 12.34 }), settled({ mode: 'traffic', weight: 12.34 }));
  const rule = fake.gate(target.key)?.rules[0];
  assert.notEqual(rule?.id, first);
  assert.equal(rule?.id, `${rule?.baseID}:12.34:1`);
  assert.deepEqual(fake.requests.at(-2)?.path, `/console/v1/gates/support_assistant_challenger/rules/${encodeURIComponent(first ?? '')}`);
});

test('applying the split the gate already serves sends no write', async () => {
  const { fake, provider, target } = setup();
  await provider.apply(target, { mode: 'traffic', weight: 10 });
  const before = writes(fake).length;
  assert.deepEqual(await provider.apply(target, { mode: 'traffic', weight: 10 }), settled({ mode: 'traffic', weight: 10 }));
  assert.equal(writes(fake).length, before);
});

test('switching off a gate that has no Glidepath rule yet writes nothing', async () => {
  const { fake, provider, target } = setup();
  assert.deepEqual(await provider.apply(target, { mode: 'off', weight: 0 }), settled({ mode: 'off', weight: 0 }));
  assert.deepEqual(writes(fake), []);
});

test('a disabled gate reads as champion only and is enabled when traffic is applied', async () => {
  const { fake, provider, target } = setup();
  await provider.apply(target, { mode: 'traffic', weight: 10 });
  const gate = fake.gate(target.key);
  assert.ok(gate);
  gate.isEnabled = false;
  assert.deepEqual(await provider.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  assert.deepEqual(await provider.apply(target, { mode: 'traffic', weight: 10 }), settled({ mode: 'traffic', weight: 10 }));
  assert.equal(gate.isEnabled, true);
  assert.deepEqual(writes(fake).at(-1), 'PATCH /console/v1/gates/support_assistant_challenger');
});

test('a 429 with Retry-After is retried after the wait Statsig asked for, and the apply then settles', async () => {
  const { fake, provider, target, waits } = setup();
  fake.inject('GET', { status: 429, body: { status: 429, message: 'Too many requests' }, headers: { 'retry-after': '7' } });
  assert.deepEqual(await provider.apply(target, { mode: 'traffic', weight: 5 }), settled({ mode: 'traffic', weight: 5 }));
  assert.deepEqual(waits, [7000]);
});

test('throttling that outlasts the retries answers rate-limited with the wait and leaves the percentage as it was', async () => {
  const { fake, provider, target } = setup();
  await provider.apply(target, { mode: 'traffic', weight: 5 });
  fake.inject('PATCH', ...[1, 2, 3, 4].map(() => ({ status: 429, headers: { 'retry-after': '20' } })));
  const result = await provider.apply(target, { mode: 'traffic', weight: 10 });
  assert.deepEqual(!result.ok && { kind: result.kind, retryAfterMs: result.retryAfterMs }, { kind: 'rate-limited', retryAfterMs: 20_000 });
  assert.equal(fake.gate(target.key)?.rules[0]?.passPercentage, 5);
});

test('a PATCH that landed but whose 502 answer was lost settles on the read-back, though its retry finds the old rule id gone', async () => {
  const { fake, provider, target, waits } = setup();
  await provider.apply(target, { mode: 'traffic', weight: 5 });
  fake.inject('PATCH', { status: 502, applyFirst: true });
  assert.deepEqual(await provider.apply(target, { mode: 'traffic', weight: 20 }), settled({ mode: 'traffic', weight: 20 }));
  assert.equal(waits.length, 1);
  assert.equal(fake.requests.filter((r) => r.method === 'PATCH').length, 2, 'the retry answered 404 for the old id and the read-back decided');
});

test('a 5xx that never clears answers unavailable and changes nothing', async () => {
  const { fake, provider, target } = setup();
  await provider.apply(target, { mode: 'traffic', weight: 5 });
  fake.inject('PATCH', ...[1, 2, 3, 4].map(() => ({ status: 500, body: { status: 500, message: 'Internal Server Error' } })));
  const result = await provider.apply(target, { mode: 'traffic', weight: 10 });
  assert.equal(!result.ok && result.kind, 'unavailable');
  assert.match(!result.ok ? result.error : '', /after 4 attempts/);
  assert.equal(fake.gate(target.key)?.rules[0]?.passPercentage, 5);
});

test('adding the rule is not retried after a 5xx, since a retry could add a second one', async () => {
  const { fake, provider, target, waits } = setup();
  fake.inject('POST', { status: 503 });
  const result = await provider.apply(target, { mode: 'traffic', weight: 5 });
  assert.equal(!result.ok && result.kind, 'unavailable');
  assert.equal(fake.requests.filter((r) => r.method === 'POST').length, 1);
  assert.deepEqual(waits, []);
});

test('a 401 is unauthorized, names the variable to fix and never shows the key, even when Statsig echoes it', async () => {
  const { fake, provider, target } = setup();
  fake.inject('GET', { status: 401, body: { status: 401, message: `Invalid key ${fake.key}` } });
  const result = await provider.read(target);
  assert.equal(!result.ok && result.kind, 'unauthorized');
  assert.match(!result.ok ? result.error : '', /STATSIG_CONSOLE_KEY must hold a Console API key/);
  assert.doesNotMatch(!result.ok ? result.error : '', new RegExp(fake.key));
});

test('a 403 is unauthorized and says the key needs write access to gates', async () => {
  const { fake, provider, target } = setup();
  fake.inject('GET', { status: 403, body: { status: 403, message: 'Forbidden resource' } });
  const result = await provider.apply(target, { mode: 'traffic', weight: 5 });
  assert.equal(!result.ok && result.kind, 'unauthorized');
  assert.match(!result.ok ? result.error : '', /lacks a permission.*write access to gates/);
});

test('a gate that does not exist is not-found and says to create it or fix target.key', async () => {
  const { provider, target } = setup();
  const result = await provider.read({ ...target, key: 'no_such_gate' });
  assert.equal(!result.ok && result.kind, 'not-found');
  assert.match(!result.ok ? result.error : '', /gate 'no_such_gate' does not exist \(create the gate in the Statsig console, or fix the release's target.key\)/);
});

test('someone changing the percentage between the write and the read-back is a conflict, never taken as applied', async () => {
  const { fake, provider, target } = setup();
  await provider.apply(target, { mode: 'traffic', weight: 5 });
  let patched = false;
  fake.onRequest = (method) => {
    if (method === 'PATCH') patched = true;
    else if (patched) {
      const rule = fake.gate(target.key)?.rules[0];
      if (rule) { rule.passPercentage = 50; rule.id = `${rule.baseID}:50.00:1`; }
    }
  };
  const result = await provider.apply(target, { mode: 'traffic', weight: 10 });
  assert.equal(!result.ok && result.kind, 'conflict');
  assert.match(!result.ok ? result.error : '', /read back traffic 50% after applying traffic 10%/);
});

test('a rule before Glidepath\'s decides some users first, so the split is reported unknown rather than guessed', async () => {
  const { fake, provider, target } = setup();
  fake.addGate(target.key, [
    { name: 'employees', passPercentage: 100, conditions: [{ type: 'email', operator: 'str_contains_any', targetValue: ['@example.com'] }], environments: null },
    { name: 'glidepath', passPercentage: 10, conditions: [{ type: 'public' }], environments: null },
  ]);
  const result = await provider.read(target);
  assert.equal(!result.ok && result.kind, 'invalid');
  assert.match(!result.ok ? result.error : '', /rules before 'glidepath' \('employees'\)/);
});

test('a rule restricted to other environments than glidepath.yaml names is reported, not stepped', async () => {
  const { fake, provider, target } = setup({ config: { environments: ['production'] } });
  fake.addGate(target.key, [{ name: 'glidepath', passPercentage: 10, conditions: [{ type: 'public' }], environments: ['staging'] }]);
  const result = await provider.apply(target, { mode: 'traffic', weight: 20 });
  assert.equal(!result.ok && result.kind, 'invalid');
  assert.match(!result.ok ? result.error : '', /applies in environments staging, not production/);
  assert.equal(writes(fake).length, 0);
});

test('a new rule carries the configured environments', async () => {
  const { fake, provider, target } = setup({ config: { environments: ['production'] } });
  assert.deepEqual(await provider.apply(target, { mode: 'traffic', weight: 1 }), settled({ mode: 'traffic', weight: 1 }));
  assert.deepEqual(fake.gate(target.key)?.rules[0]?.environments, ['production']);
});

test('shadow stages and rings are refused as invalid, as the declared capabilities say', async () => {
  const { fake, provider, target } = setup();
  assert.deepEqual(statsigCapabilities, { shadow: 'none', segments: false, weightStep: 0.01, settles: 'now', stickiness: 'sticky' });
  const shadow = await provider.apply(target, { mode: 'shadow', weight: 0 });
  assert.equal(!shadow.ok && shadow.kind, 'invalid');
  const ring = await provider.apply(target, { mode: 'traffic', weight: 5, segment: { attribute: 'tenantId', values: ['acme'] } });
  assert.equal(!ring.ok && ring.kind, 'invalid');
  assert.equal(fake.requests.length, 0);
});

test('a call whose deadline has passed answers timeout without calling Statsig', async () => {
  const controller = new AbortController();
  controller.abort();
  const { fake, provider, target } = setup();
  const result = await provider.read(target, { signal: controller.signal });
  assert.equal(!result.ok && result.kind, 'timeout');
  assert.equal(fake.requests.length, 0);
});

test('a missing key variable and a plain-http URL off loopback are configuration errors naming their fields', () => {
  const deps: AdapterDeps = { root: '/', env: { K: 'console-x' }, fetch: globalThis.fetch, logger: silentLogger, clock: systemClock, signal: new AbortController().signal };
  const missing = createStatsigProvider({ name: 'gates', type: 'statsig', apiKeyEnv: 'STATSIG_CONSOLE_KEY' }, deps);
  assert.deepEqual(!missing.ok && missing.field, ['apiKeyEnv']);
  assert.match(!missing.ok ? missing.error : '', /STATSIG_CONSOLE_KEY \(apiKeyEnv\) is not set/);
  const http = createStatsigProvider({ name: 'gates', type: 'statsig', apiKeyEnv: 'K', url: 'http://statsig.example.com' }, deps);
  assert.deepEqual(!http.ok && http.field, ['url']);
});

test("the provider's schema fragment accepts a documented entry and target and rejects a key in the YAML", () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(JSON.parse(readFileSync('schemas/common.schema.json', 'utf8')) as object);
  ajv.addSchema(JSON.parse(readFileSync('src/adapters/providers/statsig.schema.json', 'utf8')) as object);
  const id = 'https://glidepath.dev/schemas/v1/providers/statsig.schema.json';
  const provider = ajv.getSchema(`${id}#/definitions/provider`);
  const target = ajv.getSchema(`${id}#/definitions/target`);
  assert.ok(provider && target);
  const entry = { name: 'gates', type: 'statsig', apiKeyEnv: 'STATSIG_CONSOLE_KEY', environments: ['production'] };
  assert.equal(provider(entry), true, JSON.stringify(provider.errors));
  assert.equal(provider({ ...entry, apiKey: 'console-abc' }), false);
  assert.equal(target({ provider: 'gates', key: 'support_assistant_challenger' }), true);
  assert.equal(target({ provider: 'gates', key: 'has/slash' }), false);
});
