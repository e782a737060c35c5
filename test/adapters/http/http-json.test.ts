import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRetryAfter, requestJson, type HttpDeps } from '../../../src/adapters/http/http-json.js';

/**
 * A local HTTP server answering from a per-test script, so every path (retries, Retry-After,
 * errors) goes through real sockets and real `fetch`, with the waits recorded instead of slept.
 */
type Answer = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };
interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

let server: Server;
let base: string;
let script: Answer[] = [];
let seen: Seen[] = [];

before(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = script.shift() ?? { status: 500, body: { message: 'the test script ran out of answers' } };
      const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function setup(answers: Answer[]): { deps: HttpDeps; waits: number[] } {
  script = [...answers];
  seen = [];
  const waits: number[] = [];
  return { deps: { fetch: globalThis.fetch, sleep: async (ms) => { waits.push(ms); }, random: () => 0.5 }, waits };
}

test('a 2xx JSON answer is returned with its status, parsed body and headers, and the body is sent as JSON', async () => {
  const { deps } = setup([{ status: 201, body: { id: 7 }, headers: { etag: '"v3"' } }]);
  const result = await requestJson<{ id: number }>(deps, { method: 'post', url: `${base}/things`, headers: { authorization: 'token-123456' }, body: { a: 1 } }, { label: 'test' });
  assert.deepEqual(result.ok && { status: result.value.status, body: result.value.body, etag: result.value.headers.get('etag') }, { status: 201, body: { id: 7 }, etag: '"v3"' });
  assert.equal(seen[0]?.method, 'POST');
  assert.equal(seen[0]?.headers['content-type'], 'application/json');
  assert.equal(seen[0]?.headers['authorization'], 'token-123456');
  assert.deepEqual(JSON.parse(seen[0]?.body ?? ''), { a: 1 });
});

test('a 429 with Retry-After in seconds is retried after exactly the wait the server asked for', async () => {
  const { deps, waits } = setup([{ status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '2' } }, { status: 200, body: { ok: true } }]);
  const result = await requestJson(deps, { url: `${base}/x` }, { label: 'test' });
  assert.equal(result.ok, true);
  assert.deepEqual(waits, [2000]);
  assert.equal(seen.length, 2);
});

test('a Retry-After given as an HTTP date is honoured as the time until that date', () => {
  const now = Date.parse('2026-12-05T09:00:00Z');
  assert.equal(parseRetryAfter('Sat, 05 Dec 2026 09:00:05 GMT', now), 5000);
  assert.equal(parseRetryAfter('Sat, 05 Dec 2026 08:59:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(null, now), undefined);
});

test('5xx answers and 408 are retried with exponential backoff until one succeeds', async () => {
  const { deps, waits } = setup([{ status: 503 }, { status: 502 }, { status: 408 }, { status: 200, body: [] }]);
  const result = await requestJson(deps, { url: `${base}/x` }, { label: 'test' });
  assert.equal(result.ok, true);
  assert.deepEqual(waits, [375, 750, 1500]);
});

test('the backoff is jittered by the injected random source', async () => {
  const low = setup([{ status: 500 }, { status: 200, body: {} }]);
  await requestJson({ ...low.deps, random: () => 0 }, { url: `${base}/x` }, { label: 'test' });
  const high = setup([{ status: 500 }, { status: 200, body: {} }]);
  await requestJson({ ...high.deps, random: () => 0.999 }, { url: `${base}/x` }, { label: 'test' });
  assert.ok((low.waits[0] ?? 0) < (high.waits[0] ?? 0), `${low.waits[0]} < ${high.waits[0]}`);
});

test('when retries are exhausted on 429 the answer is rate-limited with the wait the server asked for', async () => {
  const { deps, waits } = setup([429, 429, 429].map((status) => ({ status, body: { message: 'quota' }, headers: { 'retry-after': '7' } })));
  const result = await requestJson(deps, { url: `${base}/x` }, { label: 'test', retries: 2 });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.kind, 'rate-limited');
  assert.equal(!result.ok && result.retryAfterMs, 7000);
  assert.match(!result.ok ? result.error : '', /after 3 attempts/);
  assert.deepEqual(waits, [7000, 7000]);
});

test('a Retry-After longer than the cap ends the retries at once with rate-limited and the asked wait', async () => {
  const { deps, waits } = setup([{ status: 429, headers: { 'retry-after': '3600' } }]);
  const result = await requestJson(deps, { url: `${base}/x` }, { label: 'test' });
  assert.deepEqual(!result.ok && { kind: result.kind, retryAfterMs: result.retryAfterMs }, { kind: 'rate-limited', retryAfterMs: 3_600_000 });
  assert.deepEqual(waits, []);
  assert.equal(seen.length, 1);
});

test('4xx answers other than 408 and 429 are never retried and map to their kinds', async () => {
  const cases: [number, string][] = [[400, 'invalid'], [401, 'unauthorized'], [403, 'unauthorized'], [404, 'not-found'], [409, 'conflict'], [412, 'conflict'], [422, 'invalid']];
  for (const [status, kind] of cases) {
    const { deps, waits } = setup([{ status, body: { message: `no (${status})` } }]);
    const result = await requestJson(deps, { method: 'PATCH', url: `${base}/x`, body: [] }, { label: 'test' });
    assert.equal(!result.ok && result.kind, kind, `status ${status}`);
    assert.equal(seen.length, 1, `status ${status} was sent once`);
    assert.deepEqual(waits, []);
  }
});

test('the error names the label, method, path and status with the server message clipped to one line, and no query string or header', async () => {
  const secret = 'sk-very-secret-token';
  const long = `line one\nline two ${'x'.repeat(400)} echoed ${secret}`;
  const { deps } = setup([{ status: 404, body: { message: long } }]);
  const result = await requestJson(deps, { method: 'GET', url: `${base}/api/things/abc?api_key=query-secret`, headers: { authorization: secret } }, { label: "unleash 'flags'" });
  assert.equal(result.ok, false);
  const error = !result.ok ? result.error : '';
  assert.match(error, /^unleash 'flags': GET \/api\/things\/abc answered 404 Not Found: line one line two x+…$/);
  assert.ok(error.length < 320, `clipped: ${error.length} characters`);
  assert.ok(!error.includes('\n'));
  assert.ok(!error.includes('query-secret') && !error.includes('api_key') && !error.includes(secret));
});

test('a credential the server echoes back within the clipped message is masked', async () => {
  const secret = 'sk-echoed-secret-1';
  const { deps } = setup([{ status: 401, body: { error: `bad token ${secret}` } }]);
  const result = await requestJson(deps, { url: `${base}/x`, headers: { authorization: secret } }, { label: 'test' });
  assert.equal(!result.ok && result.kind, 'unauthorized');
  assert.match(!result.ok ? result.error : '', /bad token \*\*\* \(check the token/);
});

test('a refused connection is unavailable after the retries', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const { deps, waits } = setup([]);
  const result = await requestJson(deps, { url: `http://127.0.0.1:${port}/x` }, { label: 'test', retries: 1 });
  assert.equal(!result.ok && result.kind, 'unavailable');
  assert.match(!result.ok ? result.error : '', /^test: GET \/x: no answer \(ECONNREFUSED\) \(after 2 attempts\)$/);
  assert.equal(waits.length, 1);
});

test('a time-out thrown by fetch is retried and then reported as timeout', async () => {
  let calls = 0;
  const fetch = (async () => { calls += 1; throw new DOMException('The operation timed out.', 'TimeoutError'); }) as typeof globalThis.fetch;
  const result = await requestJson({ fetch, sleep: async () => {} }, { url: 'http://example.invalid/x' }, { label: 'test', retries: 2 });
  assert.equal(!result.ok && result.kind, 'timeout');
  assert.equal(calls, 3);
});

test('an aborted caller signal sends nothing and answers timeout', async () => {
  const { deps } = setup([{ status: 200, body: {} }]);
  const result = await requestJson(deps, { url: `${base}/x` }, { label: 'test', signal: AbortSignal.abort() });
  assert.equal(!result.ok && result.kind, 'timeout');
  assert.equal(seen.length, 0);
});

test('an answer the caller marks final is returned at once even with a retryable status', async () => {
  const { deps, waits } = setup([{ status: 500, body: { message: 'Test operation failed' } }]);
  const result = await requestJson(deps, { method: 'PATCH', url: `${base}/x`, body: [] }, { label: 'test', final: (status, body) => status === 500 && JSON.stringify(body).includes('Test operation failed') });
  assert.equal(!result.ok && result.kind, 'unavailable');
  assert.deepEqual(waits, []);
  assert.equal(seen.length, 1);
});

test('a 2xx answer whose body is not JSON is invalid', async () => {
  const { deps } = setup([{ status: 200, text: '<html>login</html>' }]);
  const result = await requestJson(deps, { url: `${base}/x` }, { label: 'test' });
  assert.equal(!result.ok && result.kind, 'invalid');
  assert.match(!result.ok ? result.error : '', /not JSON: <html>login<\/html>/);
});

test('an empty 2xx answer has an undefined body', async () => {
  const { deps } = setup([{ status: 204 }]);
  const result = await requestJson(deps, { method: 'POST', url: `${base}/x` }, { label: 'test' });
  assert.deepEqual(result.ok && { status: result.value.status, body: result.value.body }, { status: 204, body: undefined });
});
