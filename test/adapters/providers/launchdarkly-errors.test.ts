import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { createLaunchDarklyProvider, type LaunchDarklyProviderConfig } from '../../../src/adapters/providers/launchdarkly.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import type { CallResult } from '../../../src/ports/call.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { ApiProvider, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import { aiConfigOf, flagOf, launchDarklyFake, LD_TOKEN, type LaunchDarklyFake } from '../../support/launchdarkly-fake.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const target: TrafficTarget = { release: 'support-assistant', key: 'assistant-model', champion: { model: 'openai/gpt-4o' }, challenger: { model: 'openai/gpt-4.1' } };
const config: LaunchDarklyProviderConfig = { name: 'ld', type: 'launchdarkly', projectKey: 'ai', environmentKey: 'production', apiTokenEnv: 'LD_API_TOKEN' };

let fake: LaunchDarklyFake;
let waits: number[];
const errors: string[] = [];

beforeEach(() => {
  fake = launchDarklyFake();
  fake.flags.set(target.key, flagOf(target.key));
  fake.aiConfigs.set(target.key, aiConfigOf(target.key));
  waits = [];
});

afterEach(() => {
  assert.deepEqual(fake.violations, [], 'every request follows LaunchDarkly\'s OpenAPI description');
  for (const error of errors) assert.ok(!error.includes(LD_TOKEN) && !error.includes(LD_TOKEN.slice(4, 20)), `an error shows the token: ${error}`);
});

function deps(env: Record<string, string> = { LD_API_TOKEN: LD_TOKEN }): AdapterDeps & { sleep: (ms: number) => Promise<void> } {
  return { root: '/repo', env, fetch: fake.fetch, logger: silentLogger, clock: fixedClock(NOW), signal: new AbortController().signal, sleep: async (ms) => { waits.push(ms); } };
}

function provider(extra: Partial<LaunchDarklyProviderConfig> = {}, env?: Record<string, string>): ApiProvider {
  const built = createLaunchDarklyProvider({ ...config, ...extra }, deps(env));
  assert.ok(built.ok, built.ok ? '' : built.error);
  return built.value;
}

/** The failure, its error remembered so that afterEach can check no token leaked into it. */
function failure<T>(answer: CallResult<T>): { kind: string; error: string; retryAfterMs?: number } {
  assert.ok(!answer.ok, 'the call failed');
  errors.push(answer.error);
  return answer;
}

function production(): Record<string, unknown> {
  return ((fake.flags.get(target.key) as Record<string, unknown>)['environments'] as Record<string, Record<string, unknown>>)['production'] as Record<string, unknown>;
}

test('a missing token variable is a configuration error naming the field, built before any call', () => {
  const built = createLaunchDarklyProvider(config, deps({}));
  assert.ok(!built.ok);
  assert.deepEqual(built.field, ['apiTokenEnv']);
  assert.match(built.error, /LD_API_TOKEN \(apiTokenEnv\) is not set/);
  assert.equal(fake.requests.length, 0);
});

test('the fake holds requests to the spec: a Bearer token, an unpinned version and a semantic patch sent to a flag are violations', async () => {
  await fake.fetch('https://app.launchdarkly.com/api/v2/flags/ai/assistant-model?env=production&colour=red', { headers: { authorization: `Bearer ${LD_TOKEN}` } });
  await fake.fetch('https://app.launchdarkly.com/api/v2/flags/ai/assistant-model', {
    method: 'PATCH',
    headers: { authorization: LD_TOKEN, 'ld-api-version': '20240415', 'content-type': 'application/json; domain-model=launchdarkly.semanticpatch' },
    body: JSON.stringify({ environmentKey: 'production', instructions: [{ kind: 'turnFlagOn' }] }),
  });
  const found = fake.violations.splice(0);
  assert.ok(found.some((v) => /Authorization must be the bare access token/.test(v)), found.join('\n'));
  assert.ok(found.some((v) => /LD-API-Version is null/.test(v)), found.join('\n'));
  assert.ok(found.some((v) => /query parameter colour is not in the spec/.test(v)), found.join('\n'));
  assert.ok(found.some((v) => /body must have required property 'patch'/.test(v)), found.join('\n'));
  assert.ok(found.some((v) => /semantic patch body sent to a flag/.test(v)), found.join('\n'));
});

test('a 429 is retried after the Retry-After LaunchDarkly sends, then the split is applied', async () => {
  fake.script.push({ status: 429, method: 'PATCH', headers: { 'retry-after': '3' }, body: { code: 'rate_limited', message: "You've exceeded the API rate limit. Try again later." } });
  const applied = await provider().apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(applied.ok, applied.ok ? '' : applied.error);
  assert.deepEqual(waits, [3000]);
  assert.equal(fake.requests.filter((r) => r.method === 'PATCH').length, 2);
});

test('a 429 with only X-Ratelimit-Reset waits until the window resets; one beyond the cap is reported with how long to wait', async () => {
  fake.script.push({ status: 429, method: 'GET', headers: { 'x-ratelimit-reset': String(NOW.getTime() + 4_500) }, body: { code: 'rate_limited', message: 'slow down' } });
  const read = await provider().read(target);
  assert.ok(read.ok);
  assert.deepEqual(waits, [5000]);

  fake.script.push({ status: 429, method: 'GET', headers: { 'x-ratelimit-reset': String(NOW.getTime() + 120_000) }, body: { code: 'rate_limited', message: 'slow down' } });
  const limited = failure(await provider().read(target));
  assert.equal(limited.kind, 'rate-limited');
  assert.equal(limited.retryAfterMs, 120_000);
});

test('5xx answers are retried with backoff; one that persists leaves the split unknown as unavailable', async () => {
  fake.script.push({ status: 502, method: 'GET' }, { status: 503, method: 'GET' });
  assert.deepEqual(await provider().read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  assert.equal(waits.length, 2);
  for (let i = 0; i < 4; i++) fake.script.push({ status: 500, method: 'GET', body: { code: 'internal', message: 'boom' } });
  const down = failure(await provider().read(target));
  assert.equal(down.kind, 'unavailable');
  assert.match(down.error, /answered 500.*after 4 attempts/);
});

test('a PATCH that landed but whose answer was lost is retried, its version test fails, and the fresh read shows it applied', async () => {
  fake.script.push({ status: 502, method: 'PATCH', afterApplying: true });
  const applied = await provider().apply(target, { mode: 'traffic', weight: 5 });
  assert.deepEqual(applied, { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 5 } } });
  assert.equal(production()['version'], 8, 'applied once');
});

test('a change made between the read and the write fails the version test: a conflict, and the other writer\'s split stands', async () => {
  fake.beforePatch = (f) => {
    delete f.beforePatch;
    const env = production();
    env['fallthrough'] = { variation: 1 };
    env['version'] = (env['version'] as number) + 1;
  };
  const answer = failure(await provider().apply(target, { mode: 'traffic', weight: 5 }));
  assert.equal(answer.kind, 'conflict');
  assert.match(answer.error, /changed between Glidepath's read \(version 7\) and its write \(now 8\)/);
  assert.deepEqual(production()['fallthrough'], { variation: 1 });
});

test('a 405 means the environment requires approvals: reported as a permission to fix, with the setting to change', async () => {
  fake.requireApproval = true;
  const answer = failure(await provider().apply(target, { mode: 'traffic', weight: 5 }));
  assert.equal(answer.kind, 'unauthorized');
  assert.match(answer.error, /requires approval.*bypassRequiredApproval.*required approvals/);
  assert.deepEqual(production()['fallthrough'], { variation: 0 });

  const ai = failure(await provider({ kind: 'ai-config' }).apply(target, { mode: 'traffic', weight: 5 }));
  assert.equal(ai.kind, 'unauthorized');
});

test('a 409 that is not a lost race is reported as a conflict, the split left as it was', async () => {
  fake.script.push({ status: 409, method: 'PATCH', body: { code: 'optimistic_locking_error', message: 'Conflict. Optimistic lock error. Try again later.' } });
  const answer = failure(await provider().apply(target, { mode: 'traffic', weight: 5 }));
  assert.equal(answer.kind, 'conflict');
  assert.deepEqual(production()['fallthrough'], { variation: 0 });
});

test('401 and 403 are credential problems naming the variable to fix, and the token never appears even when the server echoes it', async () => {
  const wrong = failure(await provider({}, { LD_API_TOKEN: 'api-wrong-token-000000000000' }).read(target));
  assert.equal(wrong.kind, 'unauthorized');
  assert.match(wrong.error, /401.*LD_API_TOKEN must hold a LaunchDarkly access token/);
  assert.ok(!wrong.error.includes('api-wrong-token-000000000000'));

  fake.script.push({ status: 403, method: 'PATCH', body: { code: 'forbidden', message: `Access to ${LD_TOKEN} denied` } });
  const forbidden = failure(await provider().apply(target, { mode: 'traffic', weight: 5 }));
  assert.equal(forbidden.kind, 'unauthorized');
  assert.match(forbidden.error, /may update flags in project 'ai', environment 'production'/);
});

test('a missing flag, AI Config or environment is not-found, saying which key to fix', async () => {
  const flag = failure(await provider().read({ ...target, key: 'no-such-flag' }));
  assert.equal(flag.kind, 'not-found');
  assert.match(flag.error, /flag 'no-such-flag'.*target\.key/);
  const ai = failure(await provider({ kind: 'ai-config' }).read({ ...target, key: 'no-such-config' }));
  assert.equal(ai.kind, 'not-found');
  assert.match(ai.error, /AI Config 'no-such-config'/);
  const env = failure(await provider({ environmentKey: 'staging' }).read(target));
  assert.equal(env.kind, 'not-found');
  assert.match(env.error, /environmentKey/);
});

test('a call that never answers ends as a timeout when its deadline passes', async () => {
  const deadline = new AbortController();
  fake.hang = true;
  fake.onHang = () => deadline.abort(new DOMException('deadline', 'TimeoutError'));
  const answer = failure(await provider().read(target, { signal: deadline.signal }));
  assert.equal(answer.kind, 'timeout');
  assert.equal(fake.requests.length, 1, 'no attempt after the deadline');
});
