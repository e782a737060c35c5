import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createWebhookProvider, SIGNATURE_HEADER, TIMESTAMP_HEADER, type WebhookProviderConfig } from '../../../src/adapters/providers/webhook.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { ApiProvider, TrafficTarget } from '../../../src/ports/traffic-provider.js';

const SECRET = 'whsec_0123456789abcdef';
const NOW = new Date('2026-03-02T10:00:00Z');
const target: TrafficTarget = { release: 'support-assistant', key: 'assistant-route', champion: { model: 'openai/gpt-4o' }, challenger: { model: 'openai/gpt-4.1' } };

/** A receiver as docs/providers/webhook.md describes it, written independently of the adapter: it checks every signature and refuses replays. */
let server: Server;
let url = '';
let served: unknown = { mode: 'off', weight: 0 };
let answerWith: unknown;
const refused: string[] = [];
const bodies: Record<string, unknown>[] = [];

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = Number(req.headers[TIMESTAMP_HEADER]);
      const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(`${req.headers[TIMESTAMP_HEADER]}.${body}`).digest('hex')}`);
      const given = Buffer.from(String(req.headers[SIGNATURE_HEADER] ?? ''));
      const fresh = Math.abs(NOW.getTime() / 1000 - timestamp) <= 300;
      if (given.length !== expected.length || !timingSafeEqual(given, expected) || !fresh) {
        refused.push(fresh ? 'signature' : 'stale');
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'bad signature' }));
        return;
      }
      const request = JSON.parse(body) as Record<string, unknown>;
      bodies.push(request);
      if (request['action'] === 'apply') served = request['split'];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answerWith ?? { split: served }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/glidepath`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function deps(env: Record<string, string> = { HOOK_SECRET: SECRET }, clock = fixedClock(NOW)): AdapterDeps {
  return { root: '/repo', env, fetch: globalThis.fetch, logger: silentLogger, clock, signal: new AbortController().signal };
}

function provider(config: Partial<WebhookProviderConfig> = {}, env?: Record<string, string>, clock?: ReturnType<typeof fixedClock>): ApiProvider {
  const built = createWebhookProvider({ name: 'router', type: 'webhook', url, secretEnv: 'HOOK_SECRET', ...config }, deps(env, clock));
  assert.ok(built.ok, built.ok ? '' : built.error);
  return built.value;
}

test('a webhook provider applies each split, signed, and answers what the receiver serves afterwards', async () => {
  const hook = provider();
  for (const split of [{ mode: 'shadow', weight: 0 }, { mode: 'traffic', weight: 5 }, { mode: 'traffic', weight: 25 }] as const) {
    assert.deepEqual(await hook.apply(target, split), { ok: true, value: { status: 'settled', split } });
    assert.deepEqual(await hook.read(target), { ok: true, value: split });
  }
  const last = bodies.at(-2);
  assert.deepEqual(last, { version: 1, action: 'apply', release: 'support-assistant', key: 'assistant-route', champion: target.champion, challenger: target.challenger, split: { mode: 'traffic', weight: 25 } });
  assert.deepEqual(refused, []);
});

test('a receiver refuses a replayed request: the signature covers its timestamp', async () => {
  const stale = fixedClock(new Date(NOW.getTime() - 3_600_000));
  const answer = await provider({}, undefined, stale).read(target);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'unauthorized');
  assert.equal(refused.at(-1), 'stale');
});

test('a request signed with another secret is refused, and the error never shows the secret', async () => {
  const answer = await provider({}, { HOOK_SECRET: 'another-secret-value' }).apply(target, { mode: 'traffic', weight: 50 });
  assert.ok(!answer.ok);
  assert.equal(refused.at(-1), 'signature');
  assert.ok(!answer.error.includes('another-secret-value'));
  assert.match(answer.error, /webhook 'router': POST \/glidepath answered 401 Unauthorized: bad signature/);
});

test('an answer without a valid split is invalid, never taken as applied', async () => {
  answerWith = { split: { mode: 'traffic', weight: 140 } };
  try {
    const answer = await provider().apply(target, { mode: 'traffic', weight: 5 });
    assert.ok(!answer.ok);
    assert.equal(answer.kind, 'invalid');
    assert.match(answer.error, /apply answered without a valid split \(weight 140\)/);
  } finally {
    answerWith = undefined;
  }
});

test('a missing secret and a plain-http URL off loopback are configuration errors naming the field', () => {
  const noSecret = createWebhookProvider({ name: 'router', type: 'webhook', url, secretEnv: 'HOOK_SECRET' }, deps({}));
  assert.ok(!noSecret.ok);
  assert.deepEqual(noSecret.field, ['secretEnv']);
  assert.match(noSecret.error, /environment variable HOOK_SECRET \(secretEnv\) is not set/);
  const plain = createWebhookProvider({ name: 'router', type: 'webhook', url: 'http://router.internal/glidepath', secretEnv: 'HOOK_SECRET' }, deps());
  assert.ok(!plain.ok);
  assert.deepEqual(plain.field, ['url']);
});
