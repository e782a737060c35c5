import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPortkeyProvider, type PortkeyProviderConfig } from '../../../src/adapters/providers/portkey.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { systemClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { ApiProvider, GitOpsProvider, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';
import { portkeyConfigViolations, portkeySpecChecker } from '../../support/portkey-fake.js';

const API_KEY = 'pk-live-0123456789abcdef';
const SLUG = 'pc-support-3f2a1b';
const PATH = 'gateway/support.json';
const target: TrafficTarget = { release: 'support-assistant', key: SLUG, champion: { model: 'openai/gpt-4o' }, challenger: { model: 'openai/gpt-4.1' } };
const fileTarget: TrafficTarget = { ...target, key: PATH };

/** A config as a user saves it: retries, a cache, and the two arms under a loadbalance strategy. */
function savedConfig(): Record<string, unknown> {
  return {
    retry: { attempts: 3, on_status_codes: [429, 503] },
    cache: { mode: 'simple', max_age: 3600 },
    strategy: { mode: 'loadbalance' },
    targets: [
      { name: 'champion', virtual_key: 'openai-prod-1a2b3c', override_params: { model: 'gpt-4o' }, weight: 100 },
      { name: 'challenger', virtual_key: 'openai-prod-1a2b3c', override_params: { model: 'gpt-4.1' }, weight: 0 },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The control plane: a fake of GET/PUT /configs/{slug} checking every request against Portkey's
// spec and every config written against the gateway's config shape.
// ---------------------------------------------------------------------------------------------

type Scripted = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

interface ControlPlane {
  config: Record<string, unknown>;
  /** Answers to give before the real ones, in order. */
  script: Scripted[];
  requests: { method: string; path: string; body: unknown }[];
  violations: string[];
  /** Runs after a PUT is stored: someone else saving the config in between. */
  afterPut?: () => void;
  /** Answer the config as a JSON string, as the API has done. */
  configAsString?: boolean;
  /** Answer `{ config }` without the spec's `data` wrapper. */
  unwrapped?: boolean;
}

function controlPlane(): ControlPlane & { fetch: typeof globalThis.fetch } {
  const state: ControlPlane = { config: savedConfig(), script: [], requests: [], violations: [] };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) as unknown : undefined;
    const path = new URL(url).pathname;
    state.requests.push({ method, path, body });
    state.violations.push(...portkeySpecChecker().check(method, url, body));
    const headers = new Headers(init?.headers);
    if (headers.get('x-portkey-api-key') !== API_KEY) state.violations.push(`${method} ${path}: no x-portkey-api-key header`);
    const next = state.script.shift();
    if (next === 'hang') {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    }
    if (next) return new Response(next.body === undefined ? '' : JSON.stringify(next.body), { status: next.status, headers: { 'content-type': 'application/json', ...next.headers } });
    if (path !== `/v1/configs/${SLUG}`) return json(404, { success: false, message: 'Config not found' });
    if (method === 'PUT') {
      const config = (body as { config?: unknown }).config;
      state.violations.push(...portkeyConfigViolations(config));
      state.config = config as Record<string, unknown>;
      state.afterPut?.();
      return json(200, { success: true, data: { version_id: '0db4065b-ead2-4daa-bf5e-7e9106585133' } });
    }
    const config = state.configAsString ? JSON.stringify(state.config) : state.config;
    return json(200, state.unwrapped ? { success: true, config } : { success: true, data: { config } });
  };
  return Object.assign(state, { fetch });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function deps(fetch: typeof globalThis.fetch, waits: number[] = [], env: Record<string, string> = { PORTKEY_API_KEY: API_KEY }): AdapterDeps & { sleep: (ms: number) => Promise<void> } {
  return { root: '/repo', env, fetch, logger: silentLogger, clock: systemClock, signal: new AbortController().signal, sleep: async (ms) => { waits.push(ms); } };
}

const apiConfig: PortkeyProviderConfig = { name: 'gateway', type: 'portkey', source: 'control-plane', apiKeyEnv: 'PORTKEY_API_KEY' };

function api(fake: { fetch: typeof globalThis.fetch }, waits?: number[]): ApiProvider {
  const built = createPortkeyProvider(apiConfig, deps(fake.fetch, waits));
  assert.ok(built.ok && built.value.kind === 'api', built.ok ? '' : built.error);
  return built.value;
}

function weights(config: Record<string, unknown>): number[] {
  return (config['targets'] as { weight: number }[]).map((t) => t.weight);
}

test('the control-plane provider steps the two target weights of the saved config and reads the split back', async () => {
  const fake = controlPlane();
  const portkey = api(fake);
  assert.deepEqual(await portkey.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  for (const weight of [5, 25, 100]) {
    assert.deepEqual(await portkey.apply(target, { mode: 'traffic', weight }), { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight } } });
  }
  assert.deepEqual(weights(fake.config), [0, 100]);
  const { targets: _t, ...rest } = fake.config;
  const { targets: _s, ...saved } = savedConfig();
  assert.deepEqual(rest, saved);
  assert.deepEqual(fake.requests.filter((r) => r.method === 'PUT').map((r) => weights((r.body as { config: Record<string, unknown> }).config)), [[95, 5], [75, 25], [0, 100]]);
  assert.deepEqual(fake.violations, []);
});

test('applying the split the config already has writes nothing', async () => {
  const fake = controlPlane();
  const portkey = api(fake);
  await portkey.apply(target, { mode: 'traffic', weight: 10 });
  const puts = fake.requests.filter((r) => r.method === 'PUT').length;
  assert.deepEqual(await portkey.apply(target, { mode: 'traffic', weight: 10 }), { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 10 } } });
  assert.equal(fake.requests.filter((r) => r.method === 'PUT').length, puts);
  assert.equal(puts, 1);
});

test('a config the API answers as a JSON string, or without the data wrapper, is read like an object', async () => {
  for (const unwrapped of [false, true]) {
    const fake = controlPlane();
    fake.configAsString = true;
    fake.unwrapped = unwrapped;
    fake.config = { ...savedConfig(), targets: [{ name: 'champion', virtual_key: 'a', weight: 3 }, { name: 'challenger', virtual_key: 'b', weight: 1 }] };
    assert.deepEqual(await api(fake).read(target), { ok: true, value: { mode: 'traffic', weight: 25 } });
  }
  const empty = controlPlane();
  empty.script.push({ status: 200, body: { success: true, data: {} } });
  const answer = await api(empty).read(target);
  assert.ok(!answer.ok && answer.kind === 'invalid');
});

test('a 429 is retried after the Retry-After the API asked for', async () => {
  const fake = controlPlane();
  fake.script.push({ status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '2' } });
  const waits: number[] = [];
  assert.deepEqual(await api(fake, waits).read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  assert.deepEqual(waits, [2000]);
  assert.deepEqual(fake.violations, []);
});

test('a control plane answering 5xx on every attempt leaves the split unknown as an unavailable failure', async () => {
  const fake = controlPlane();
  fake.script.push(...Array.from({ length: 4 }, () => ({ status: 502, body: { message: 'Bad gateway' } })));
  const answer = await api(fake, []).apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'unavailable');
  assert.match(answer.error, /portkey 'gateway': GET \/v1\/configs\/pc-support-3f2a1b answered 502.*after 4 attempts/);
  assert.equal(fake.requests.filter((r) => r.method === 'PUT').length, 0);
});

test('a call past its deadline is a time-out, not a guess', async () => {
  const fake = controlPlane();
  fake.script.push('hang');
  const deadline = new AbortController();
  const pending = api(fake).read(target, { signal: deadline.signal });
  setImmediate(() => deadline.abort());
  const answer = await pending;
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'timeout');
});

test('401, 403 and 404 say what to fix and never show the API key', async () => {
  for (const [status, kind, hint] of [[401, 'unauthorized', /Configs read and write permission/], [403, 'unauthorized', /Configs read and write permission/], [404, 'not-found', /no config with slug 'pc-support-3f2a1b'/]] as const) {
    const fake = controlPlane();
    fake.script.push({ status, body: { message: `refused with key ${API_KEY}` } });
    const answer = await api(fake).read(target);
    assert.ok(!answer.ok);
    assert.equal(answer.kind, kind);
    assert.match(answer.error, hint);
    assert.ok(!answer.error.includes(API_KEY), answer.error);
  }
});

test('a config saved by someone else while Glidepath writes is a conflict, not a success', async () => {
  const fake = controlPlane();
  fake.afterPut = () => { fake.config = { ...fake.config, cache: { mode: 'semantic' } }; };
  const answer = await api(fake).apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'conflict');
  assert.match(answer.error, /changed by someone else/);
});

test('a missing API key variable is a configuration error naming apiKeyEnv', () => {
  const built = createPortkeyProvider(apiConfig, deps(globalThis.fetch, [], {}));
  assert.ok(!built.ok);
  assert.deepEqual(built.field, ['apiKeyEnv']);
  assert.match(built.error, /environment variable PORTKEY_API_KEY \(apiKeyEnv\) is not set/);
  const noVariable = createPortkeyProvider({ name: 'gateway', type: 'portkey', source: 'control-plane' }, deps(globalThis.fetch));
  assert.ok(!noVariable.ok);
  assert.deepEqual(noVariable.field, ['apiKeyEnv']);
});

test('shadow stages, rings and a weighted third target are refused before anything is written', async () => {
  const fake = controlPlane();
  const portkey = api(fake);
  for (const split of [{ mode: 'shadow', weight: 0 }, { mode: 'traffic', weight: 5, segment: { attribute: 'tenant', values: ['acme'] } }] as TrafficSplit[]) {
    const answer = await portkey.apply(target, split);
    assert.ok(!answer.ok);
    assert.equal(answer.kind, 'invalid');
  }
  fake.config = { ...savedConfig(), targets: [...(savedConfig()['targets'] as object[]), { name: 'legacy', virtual_key: 'x', weight: 10 }] };
  const answer = await portkey.read(target);
  assert.ok(!answer.ok);
  assert.match(answer.error, /\$\.targets\[2\] \('legacy'\) has weight 10/);
  assert.equal(fake.requests.filter((r) => r.method === 'PUT').length, 0);
  assert.equal(portkey.capabilities.shadow, 'none');
  assert.equal(portkey.capabilities.stickiness, 'per-request');
});

// ---------------------------------------------------------------------------------------------
// The config file of a self-hosted gateway, committed through the GitOps path.
// ---------------------------------------------------------------------------------------------

function files(): GitOpsProvider {
  const built = createPortkeyProvider({ name: 'gateway', type: 'portkey', source: 'file', championTarget: 'gpt-4o', challengerTarget: 'gpt-4.1' }, deps(globalThis.fetch));
  assert.ok(built.ok && built.value.kind === 'gitops');
  return built.value;
}

/** A config whose loadbalance node sits under a fallback, next to content Glidepath does not own. */
const nested = `${JSON.stringify({
  strategy: { mode: 'fallback', on_status_codes: [429] },
  targets: [
    { strategy: { mode: 'loadbalance' }, targets: [{ name: 'gpt-4o', provider: 'openai', api_key: 'sk-a', weight: 1 }, { name: 'gpt-4.1', provider: 'openai', api_key: 'sk-a' }, { name: 'spare', provider: 'openai', api_key: 'sk-b', weight: 0 }] },
    { provider: 'anthropic', api_key: 'sk-c', override_params: { model: 'claude-sonnet-4' } },
  ],
}, null, 4)}\n`;

test('the config file round-trips: what render writes, read answers', () => {
  const portkey = files();
  assert.deepEqual(portkey.paths(fileTarget), [PATH]);
  let current = new Map([[PATH, nested]]);
  // A target without a weight counts 1, as in the gateway: the challenger has half.
  assert.deepEqual(portkey.read(fileTarget, current), { ok: true, value: { mode: 'traffic', weight: 50 } });
  for (const split of [{ mode: 'off', weight: 0 }, { mode: 'traffic', weight: 0.5 }, { mode: 'traffic', weight: 37.25 }, { mode: 'traffic', weight: 100 }] as TrafficSplit[]) {
    const changes = portkey.render(fileTarget, split, current);
    assert.ok(changes.ok, changes.ok ? '' : changes.error);
    current = new Map([[PATH, changes.value[0]?.content as string]]);
    assert.deepEqual(portkey.read(fileTarget, current), { ok: true, value: split });
    assert.deepEqual(portkeyConfigViolations(JSON.parse(current.get(PATH) as string)), []);
  }
});

test('rendering the split the file already says changes nothing', () => {
  const portkey = files();
  const first = portkey.render(fileTarget, { mode: 'traffic', weight: 20 }, new Map([[PATH, nested]]));
  assert.ok(first.ok && first.value.length === 1);
  const again = portkey.render(fileTarget, { mode: 'traffic', weight: 20 }, new Map([[PATH, first.value[0]?.content as string]]));
  assert.deepEqual(again, { ok: true, value: [] });
});

test('everything in the file but the two weights is left as it was, indentation included', () => {
  const changes = files().render(fileTarget, { mode: 'traffic', weight: 20 }, new Map([[PATH, nested]]));
  assert.ok(changes.ok);
  const text = changes.value[0]?.content as string;
  assert.match(text, /^\{\n {4}"strategy"/);
  const before = JSON.parse(nested) as { targets: { targets: Record<string, unknown>[] }[] };
  const after = JSON.parse(text) as typeof before;
  assert.deepEqual(after.targets[0]?.targets.map((t) => t['weight']), [80, 20, 0]);
  for (const config of [before, after]) for (const t of config.targets[0]?.targets ?? []) delete t['weight'];
  assert.deepEqual(after, before);
});

test('a malformed config file is invalid, naming the file and line', () => {
  const broken = '{\n  "strategy": { "mode": "loadbalance" },\n  "targets": [\n    { "name": "gpt-4o", }\n  ]\n}\n';
  const answer = files().read(fileTarget, new Map([[PATH, broken]]));
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'invalid');
  assert.match(answer.error, /^gateway\/support\.json:4: not valid JSON/);
});

test('a missing file, missing arms, a mode other than loadbalance and a path outside the repository are each refused with the fix', () => {
  const portkey = files();
  const missing = portkey.read(fileTarget, new Map());
  assert.ok(!missing.ok && missing.kind === 'not-found');
  assert.match(missing.error, /gateway\/support\.json: no such file; write the gateway config there with a loadbalance strategy and two targets named 'gpt-4o' and 'gpt-4\.1'/);
  const noArms = portkey.render(fileTarget, { mode: 'traffic', weight: 5 }, new Map([[PATH, '{"provider":"openai","api_key":"sk"}']]));
  assert.ok(!noArms.ok && noArms.kind === 'not-found');
  const fallback = portkey.read(fileTarget, new Map([[PATH, JSON.stringify({ strategy: { mode: 'fallback' }, targets: [{ name: 'gpt-4o' }, { name: 'gpt-4.1' }] })]]));
  assert.ok(!fallback.ok && fallback.kind === 'invalid');
  assert.match(fallback.error, /\$\.strategy\.mode is "fallback"/);
  const outside = portkey.read({ ...fileTarget, key: '../other/gateway.json' }, new Map());
  assert.ok(!outside.ok && outside.kind === 'invalid');
  assert.deepEqual(portkey.paths({ ...fileTarget, key: '../other/gateway.json' }), []);
});

test('the schema fragment accepts both sources and refuses a control-plane entry without apiKeyEnv or a file entry with one', async () => {
  const { Ajv } = await import('ajv');
  const { readFileSync } = await import('node:fs');
  const ajv = new Ajv({ strict: false });
  ajv.addSchema(JSON.parse(readFileSync(new URL('../../../schemas/common.schema.json', import.meta.url), 'utf8')) as object);
  const fragment = JSON.parse(readFileSync(new URL('../../../src/adapters/providers/portkey.schema.json', import.meta.url), 'utf8')) as { $id: string };
  ajv.addSchema(fragment);
  const valid = ajv.compile({ $ref: `${fragment.$id}#/definitions/provider` });
  assert.ok(valid({ name: 'gateway', type: 'portkey', source: 'control-plane', apiKeyEnv: 'PORTKEY_API_KEY' }));
  assert.ok(valid({ name: 'gateway', type: 'portkey', source: 'file', championTarget: 'gpt-4o', challengerTarget: 'gpt-4.1' }));
  assert.ok(!valid({ name: 'gateway', type: 'portkey', source: 'control-plane' }));
  assert.ok(!valid({ name: 'gateway', type: 'portkey', source: 'file', apiKeyEnv: 'PORTKEY_API_KEY' }));
});
