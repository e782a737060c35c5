import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guardProvider, kindOfThrown } from '../../src/engine/guarded-port.js';
import type { ApiProvider, CallOptions } from '../../src/ports/traffic-provider.js';
import type { CallResult } from '../../src/ports/call.js';
import type { TrafficSplit } from '../../src/core/model/traffic-split.js';

const target = { release: 'r', key: 'k', champion: { model: 'a' }, challenger: { model: 'b' } };
const capabilities = { shadow: 'none', segments: false, weightStep: 1, settles: 'now' } as const;
const provider = (read: ApiProvider['read']): ApiProvider => ({ kind: 'api', type: 'test', capabilities, read, apply: async () => ({ ok: true, value: { status: 'settled', split: { mode: 'off', weight: 0 } } }) });

test('a thrown error is a failed call whose kind follows its HTTP status or errno code', () => {
  const cases: [unknown, string][] = [
    [Object.assign(new Error('x'), { status: 401 }), 'unauthorized'],
    [Object.assign(new Error('x'), { statusCode: 404 }), 'not-found'],
    [Object.assign(new Error('x'), { response: { status: 429 } }), 'rate-limited'],
    [Object.assign(new Error('x'), { status: 409 }), 'conflict'],
    [Object.assign(new Error('x'), { status: 504 }), 'timeout'],
    [Object.assign(new Error('x'), { status: 502 }), 'unavailable'],
    [Object.assign(new Error('x'), { code: 'ETIMEDOUT' }), 'timeout'],
    [Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'unavailable'],
    [Object.assign(new Error('x'), { name: 'AbortError' }), 'timeout'],
    ['a string', 'unavailable'],
  ];
  for (const [error, kind] of cases) assert.equal(kindOfThrown(error), kind, JSON.stringify(error));
});

test('a failure the adapter answers as data keeps its words for the audit log and gains a kind', async () => {
  // A third party's adapter, written without the kind: the guard fills it in.
  const untyped = JSON.parse('{ "ok": false, "error": "HTTP 503 from the flag service" }') as CallResult<TrafficSplit>;
  const guarded = guardProvider(provider(async () => untyped), { label: 'flags' });
  assert.deepEqual(await guarded.read(target), { ok: false, error: 'HTTP 503 from the flag service', kind: 'unavailable' });
  const typed = guardProvider(provider(async () => ({ ok: false, error: 'no such flag', kind: 'not-found' })), { label: 'flags' });
  const answer = await typed.read(target);
  assert.equal(answer.ok ? undefined : answer.kind, 'not-found');
});

test('a rate-limited failure keeps the retry-after the service asked for, and the guard keeps the provider’s capabilities', async () => {
  const limited = guardProvider(provider(async () => ({ ok: false, error: 'HTTP 429', kind: 'rate-limited', retryAfterMs: 30_000 })), { label: 'flags' });
  assert.deepEqual(await limited.read(target), { ok: false, error: 'HTTP 429', kind: 'rate-limited', retryAfterMs: 30_000 });
  assert.deepEqual(limited.capabilities, capabilities);
});

test('the adapter gets a signal that is aborted when the deadline passes, so it can stop its request', async () => {
  let seen: AbortSignal | undefined;
  const hanging = provider((_t, options?: CallOptions) => {
    seen = options?.signal;
    return new Promise(() => {});
  });
  const answer = await guardProvider(hanging, { label: 'gw', timeoutMs: 5 }).read(target);
  assert.deepEqual(answer, { ok: false, error: 'provider gw: read timed out after 5 ms', kind: 'timeout' });
  assert.equal(seen?.aborted, true);
});

test('credentials an HTTP client quotes in its error never reach the message', async () => {
  const leaky = provider(async () => {
    throw new Error('GET https://bob:hunter2@api.example.com/v1?token=abc123 failed; Authorization: Bearer sk-live-999, api_key="k-55"');
  });
  const answer = await guardProvider(leaky, { label: 'gw' }).read(target);
  assert.equal(answer.ok, false);
  const error = answer.ok ? '' : answer.error;
  for (const secret of ['hunter2', 'abc123', 'sk-live-999', 'k-55']) assert.doesNotMatch(error, new RegExp(secret));
  assert.match(error, /^provider gw: read threw: GET https:\/\/\*\*\*@api\.example\.com/);
});

test('guarding twice adds no second deadline and no second prefix', async () => {
  const once = guardProvider(provider(async () => { throw new Error('boom'); }), { label: 'flags' });
  assert.equal(guardProvider(once, { label: 'flags' }), once);
  const answer = await once.read(target);
  assert.equal(answer.ok ? '' : answer.error, 'provider flags: read threw: boom');
});

