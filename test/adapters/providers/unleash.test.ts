import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createUnleashProvider, STRATEGY_TITLE, type UnleashProviderConfig } from '../../../src/adapters/providers/unleash.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import type { ApiProvider, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';
import { silentLogger } from '../../../src/ports/logger.js';
import { systemClock } from '../../../src/ports/clock.js';
import { startUnleashServer, type UnleashServer } from '../../support/unleash-server.js';

/** Against a real unleash-server on PostgreSQL, started once for this file; each test uses its own toggle. */
let server: UnleashServer;
before(async () => {
  server = await startUnleashServer();
  process.stderr.write(`# unleash-server ${server.version} started in ${server.startupMs} ms\n`);
});
after(async () => { await server?.stop(); });

const ENVIRONMENT = 'development';
const config = (): UnleashProviderConfig => ({ name: 'flags', type: 'unleash', url: server.url, environment: ENVIRONMENT, apiTokenEnv: 'UNLEASH_ADMIN_TOKEN' });

interface Sent { method: string; path: string; body?: unknown }
function deps(env: Record<string, string | undefined>, fetch: typeof globalThis.fetch = globalThis.fetch): AdapterDeps {
  return { root: '/nonexistent', env, fetch, logger: silentLogger, clock: systemClock, signal: new AbortController().signal };
}
/** Records what the provider sends, and lets a test act just before a request goes out. */
function recordingFetch(sent: Sent[], beforeSend?: (s: Sent) => Promise<void>): typeof globalThis.fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const s: Sent = { method: init?.method ?? 'GET', path: new URL(String(input)).pathname, ...(typeof init?.body === 'string' ? { body: JSON.parse(init.body) as unknown } : {}) };
    sent.push(s);
    await beforeSend?.(s);
    return globalThis.fetch(input, init);
  }) as typeof globalThis.fetch;
}
function providerWith(fetch?: typeof globalThis.fetch): ApiProvider {
  const built = createUnleashProvider(config(), deps({ UNLEASH_ADMIN_TOKEN: server.token }, fetch));
  assert.ok(built.ok, built.ok ? '' : built.error);
  return built.value;
}

async function admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: server.token, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
let toggles = 0;
async function newToggle(): Promise<TrafficTarget> {
  const key = `glidepath-test-${(toggles += 1)}`;
  await admin('POST', '/api/admin/projects/default/features', { name: key, type: 'release' });
  return {
    release: 'support-assistant',
    key,
    champion: { model: 'openai/gpt-4o-2024-08-06', prompt: 'prompts/support-v1.md', parameters: { temperature: 0.2 } },
    challenger: { model: 'openai/gpt-4.1-2025-04-14', prompt: 'prompts/support-v2.md', parameters: { temperature: 0.2 }, tools: ['search_docs'] },
  };
}
interface RawStrategy { id: string; title?: string; parameters: Record<string, string>; variants: { name: string; weight: number; weightType: string; stickiness: string; payload: { type: string; value: string } }[] }
const strategyPath = (key: string): string => `/api/admin/projects/default/features/${key}/environments/${ENVIRONMENT}`;
async function rawStrategies(key: string): Promise<{ enabled: boolean; strategies: RawStrategy[] }> {
  return admin('GET', strategyPath(key));
}
async function eventCount(key: string): Promise<number> {
  const answer = await admin<{ events: unknown[]; total?: number }>('GET', `/api/admin/search/events?feature=IS:${key}&limit=1000`);
  return answer.total ?? answer.events.length;
}

const RAMP: TrafficSplit[] = [
  { mode: 'off', weight: 0 },
  { mode: 'shadow', weight: 0 },
  { mode: 'traffic', weight: 1 },
  { mode: 'traffic', weight: 5 },
  { mode: 'traffic', weight: 12.5 },
  { mode: 'traffic', weight: 50 },
  { mode: 'traffic', weight: 100 },
  { mode: 'off', weight: 0 },
];

test('apply then read back each stage of a ramp', async () => {
  const provider = providerWith();
  const target = await newToggle();
  assert.deepEqual(await provider.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  for (const split of RAMP) {
    const applied = await provider.apply(target, split);
    assert.deepEqual(applied, { ok: true, value: { status: 'settled', split } }, `apply ${JSON.stringify(split)}`);
    assert.deepEqual(await provider.read(target), { ok: true, value: split }, `read after ${JSON.stringify(split)}`);
  }
});

test('variants survive every step, with the bundles as JSON payloads and the champion variable', async () => {
  const provider = providerWith();
  const target = await newToggle();
  for (const split of RAMP) {
    assert.equal((await provider.apply(target, split)).ok, true);
    const { strategies } = await rawStrategies(target.key);
    assert.equal(strategies.length, 1);
    const strategy = strategies[0] as RawStrategy;
    assert.equal(strategy.title, STRATEGY_TITLE);
    assert.equal(strategy.parameters['rollout'], '100');
    const byName = Object.fromEntries(strategy.variants.map((v) => [v.name, v]));
    const challengerWeight = split.mode === 'traffic' ? split.weight * 10 : 0;
    assert.deepEqual(
      { challenger: byName['challenger']?.weight, champion: byName['champion']?.weight, variable: strategy.variants.filter((v) => v.weightType === 'variable').map((v) => v.name) },
      { challenger: challengerWeight, champion: 1000 - challengerWeight, variable: ['champion'] },
      `variants at ${JSON.stringify(split)}`,
    );
    assert.deepEqual(JSON.parse(byName['champion']?.payload.value ?? 'null'), target.champion);
    assert.deepEqual(JSON.parse(byName['challenger']?.payload.value ?? 'null'), target.challenger);
  }
});

test('applying twice changes nothing: no write is sent and Unleash records no new event', async () => {
  const target = await newToggle();
  assert.equal((await providerWith().apply(target, { mode: 'traffic', weight: 10 })).ok, true);
  const events = await eventCount(target.key);
  const sent: Sent[] = [];
  const again = await providerWith(recordingFetch(sent)).apply(target, { mode: 'traffic', weight: 10 });
  assert.deepEqual(again, { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 10 } } });
  assert.deepEqual(sent.map((s) => s.method), ['GET', 'GET']);
  assert.equal(await eventCount(target.key), events);
});

test('a concurrent change between read and write is detected by the patch test and reported as conflict', async () => {
  const target = await newToggle();
  assert.equal((await providerWith().apply(target, { mode: 'traffic', weight: 5 })).ok, true);
  const [strategy] = (await rawStrategies(target.key)).strategies as [RawStrategy];
  const sent: Sent[] = [];
  let interfered = false;
  const provider = providerWith(recordingFetch(sent, async (s) => {
    if (s.method !== 'PATCH' || interfered) return;
    interfered = true;
    // Someone else steps the strategy in the Unleash UI after Glidepath read it.
    await admin('PATCH', `${strategyPath(target.key)}/strategies/${strategy.id}`, [{ op: 'replace', path: '/variants/0/weight', value: 333 }]);
  }));
  const result = await provider.apply(target, { mode: 'traffic', weight: 25 });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.kind, 'conflict');
  assert.match(!result.ok ? result.error : '', /changed between Glidepath's read and its write/);
  assert.equal(sent.filter((s) => s.method === 'PATCH').length, 1, 'the failed test is not retried');
  const after = (await rawStrategies(target.key)).strategies[0] as RawStrategy;
  assert.equal(after.variants.find((v) => v.name === 'challenger')?.weight, 333, "the other change stands; Glidepath's was not applied");
});

test('a missing token is a configuration error naming apiTokenEnv', () => {
  const built = createUnleashProvider(config(), deps({}));
  assert.equal(built.ok, false);
  assert.deepEqual(!built.ok && built.field, ['apiTokenEnv']);
  assert.match(!built.ok ? built.error : '', /UNLEASH_ADMIN_TOKEN \(apiTokenEnv\) is not set/);
});

test('a wrong token is unauthorized with a message that does not contain the token', async () => {
  const target = await newToggle();
  const wrong = '*:*.0123456789abcdef0123456789abcdef';
  const built = createUnleashProvider(config(), deps({ UNLEASH_ADMIN_TOKEN: wrong }));
  assert.ok(built.ok);
  const result = await built.value.apply(target, { mode: 'traffic', weight: 5 });
  assert.equal(!result.ok && result.kind, 'unauthorized');
  const error = !result.ok ? result.error : '';
  assert.match(error, /answered 401/);
  assert.match(error, /UNLEASH_ADMIN_TOKEN must hold an Admin API token/);
  assert.ok(!error.includes(wrong) && !error.includes('0123456789abcdef'), error);
});

test('a missing toggle is not-found naming the key', async () => {
  const result = await providerWith().read({ ...(await newToggle()), key: 'no-such-toggle' });
  assert.equal(!result.ok && result.kind, 'not-found');
  assert.match(!result.ok ? result.error : '', /toggle 'no-such-toggle' in project 'default', environment 'development' does not exist/);
});

test("a toggle with a strategy Glidepath does not own is refused, naming the strategy, and left as it was", async () => {
  const target = await newToggle();
  const foreign = await admin<{ id: string }>('POST', `${strategyPath(target.key)}/strategies`, { name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'default', groupId: target.key } });
  const result = await providerWith().apply(target, { mode: 'traffic', weight: 5 });
  assert.equal(!result.ok && result.kind, 'invalid');
  assert.match(!result.ok ? result.error : '', new RegExp(`strategies Glidepath does not own \\(flexibleRollout ${foreign.id}\\)`));
  assert.equal((await rawStrategies(target.key)).strategies.length, 1);
});

test("a user on the challenger stays on it as the weight grows, by Unleash's own evaluation", async () => {
  const provider = providerWith();
  const target = await newToggle();
  const users = Array.from({ length: 400 }, (_, i) => `user-${i}`);
  let previous = new Set<string>();
  for (const weight of [5, 20, 50, 80]) {
    assert.equal((await provider.apply(target, { mode: 'traffic', weight })).ok, true);
    const answer = await admin<{ features: { name: string; environments: Record<string, { context: { userId: string }; variant: { name: string } }[]> }[] }>(
      'POST', '/api/admin/playground/advanced', { projects: '*', environments: [ENVIRONMENT], context: { appName: 'glidepath-test', userId: users.join(',') } });
    const rows = answer.features.find((f) => f.name === target.key)?.environments[ENVIRONMENT] ?? [];
    assert.equal(rows.length, users.length);
    const onChallenger = new Set(rows.filter((r) => r.variant.name === 'challenger').map((r) => r.context.userId));
    const lost = [...previous].filter((u) => !onChallenger.has(u));
    assert.deepEqual(lost, [], `users moved back to the champion at ${weight}%`);
    const share = (onChallenger.size / users.length) * 100;
    assert.ok(Math.abs(share - weight) < 8, `${share.toFixed(1)}% on the challenger at ${weight}%`);
    previous = onChallenger;
  }
});

async function variantFor(key: string, context: Record<string, string>): Promise<string | undefined> {
  const answer = await admin<{ features: { name: string; variant: { name: string } }[] }>('POST', '/api/admin/playground', { projects: '*', environment: ENVIRONMENT, context: { appName: 'glidepath-test', ...context } });
  return answer.features.find((f) => f.name === key)?.variant.name;
}

test('a ring routes its listed context values to the challenger, beside the weight, and goes when the ring ends', async () => {
  const provider = providerWith();
  const target = await newToggle();
  const ring: TrafficSplit = { mode: 'traffic', weight: 0, segment: { attribute: 'tenantId', values: ['globex', 'acme'] } };
  assert.deepEqual(await provider.apply(target, ring), { ok: true, value: { status: 'settled', split: { ...ring, segment: { attribute: 'tenantId', values: ['acme', 'globex'] } } } });
  assert.equal(await variantFor(target.key, { tenantId: 'acme', userId: 'u-1' }), 'challenger');
  assert.equal(await variantFor(target.key, { tenantId: 'initech', userId: 'u-1' }), 'champion');

  const ringAndWeight: TrafficSplit = { mode: 'traffic', weight: 20, segment: { attribute: 'tenantId', values: ['acme'] } };
  assert.deepEqual(await provider.apply(target, ringAndWeight), { ok: true, value: { status: 'settled', split: ringAndWeight } });
  assert.equal(await variantFor(target.key, { tenantId: 'globex', userId: 'u-1' }), (await variantFor(target.key, { userId: 'u-1' })), 'globex left the ring: it is split by weight like everyone else');

  assert.deepEqual(await provider.apply(target, { mode: 'traffic', weight: 20 }), { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 20 } } });
  assert.deepEqual((await rawStrategies(target.key)).strategies.map((s) => s.title), [STRATEGY_TITLE]);
});
