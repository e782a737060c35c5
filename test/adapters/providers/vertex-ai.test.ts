import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { createVertexAiProvider, vertexAiCapabilities, type VertexAiProviderConfig } from '../../../src/adapters/providers/vertex-ai.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { ApiProvider, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import { discoveryChecker } from '../../support/discovery-check.js';
import { specFile } from '../../support/openapi-check.js';
import { googleError, sampleEndpoint, startVertexAiFake, type VertexAiFake } from '../../support/vertex-ai-fake.js';

const NAME = 'projects/acme-ml/locations/us-central1/endpoints/4242';
/** Champion by deployed-model id, challenger by its Model's versioned resource name. */
const target: TrafficTarget = { release: 'support-assistant', key: '4242', champion: { model: '1001' }, challenger: { model: 'projects/123456/locations/us-central1/models/777@4' } };

let fake: VertexAiFake;
let waits: number[] = [];

before(async () => {
  fake = await startVertexAiFake();
});
after(() => fake.close());
beforeEach(() => {
  fake.endpoints.clear();
  fake.endpoints.set(NAME, sampleEndpoint(NAME));
  fake.requests.length = 0;
  fake.script.length = 0;
  delete fake.beforePatch;
  delete fake.afterPatch;
  delete fake.refusePatch;
  waits = [];
});

function deps(env: Record<string, string> = { VERTEX_TOKEN: fake.token }): AdapterDeps & { sleep: (ms: number) => Promise<void>; random: () => number } {
  return { root: '/repo', env, fetch: globalThis.fetch, logger: silentLogger, clock: fixedClock(new Date('2026-03-02T10:00:00Z')), signal: new AbortController().signal, sleep: async (ms) => { waits.push(ms); }, random: () => 0.5 };
}

function config(overrides: Partial<VertexAiProviderConfig> = {}): VertexAiProviderConfig {
  return { name: 'vertex', type: 'vertex-ai', project: 'acme-ml', location: 'us-central1', accessTokenEnv: 'VERTEX_TOKEN', apiEndpoint: fake.url, ...overrides };
}

function provider(overrides: Partial<VertexAiProviderConfig> = {}, env?: Record<string, string>): ApiProvider {
  const built = createVertexAiProvider(config(overrides), deps(env));
  assert.ok(built.ok, built.ok ? '' : built.error);
  return built.value;
}

test('a Vertex AI endpoint steps the challenger through 5, 25 and 100 percent and back to off, read back after each', async () => {
  const vertex = provider();
  assert.deepEqual(await vertex.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  for (const split of [{ mode: 'traffic', weight: 5 }, { mode: 'traffic', weight: 25 }, { mode: 'traffic', weight: 100 }, { mode: 'off', weight: 0 }] as const) {
    assert.deepEqual(await vertex.apply(target, split), { ok: true, value: { status: 'settled', split } });
    assert.deepEqual(await vertex.read(target), { ok: true, value: split });
  }
  assert.deepEqual(fake.endpoints.get(NAME)?.trafficSplit, { '1001': 100, '1002': 0 });
  assert.deepEqual(fake.violations, []);
});

test('an apply sends trafficSplit with the etag it read to PATCH v1/{name}?updateMask=trafficSplit, and the etag changes', async () => {
  const before = fake.endpoints.get(NAME)?.etag;
  await provider().apply(target, { mode: 'traffic', weight: 10 });
  const patch = fake.requests.find((r) => r.method === 'PATCH');
  assert.deepEqual(patch, { method: 'PATCH', path: `/v1/${NAME}`, query: '?updateMask=trafficSplit', body: { trafficSplit: { '1001': 90, '1002': 10 }, etag: before } });
  assert.notEqual(fake.endpoints.get(NAME)?.etag, before);
  assert.deepEqual(fake.violations, []);
});

test('applying the split the endpoint already serves sends no patch', async () => {
  fake.write(NAME, { '1001': 75, '1002': 25 });
  const answer = await provider().apply(target, { mode: 'traffic', weight: 25 });
  assert.deepEqual(answer, { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 25 } } });
  assert.deepEqual(fake.requests.map((r) => r.method), ['GET']);
});

test('a write by someone else between the read and the patch is a conflict, and nothing is applied', async () => {
  fake.beforePatch = () => { fake.write(NAME, { '1001': 60, '1002': 40 }); delete fake.beforePatch; };
  const answer = await provider().apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'conflict');
  assert.match(answer.error, /changed between Glidepath's read and its write \(its etag is stale\)/);
  assert.deepEqual(fake.endpoints.get(NAME)?.trafficSplit, { '1001': 60, '1002': 40 });
  assert.deepEqual(fake.violations, []);
});

test('a patch that landed but whose answer was lost is settled when the retry finds its etag stale and the split already applied', async () => {
  fake.afterPatch = googleError(503, 'The service is currently unavailable.');
  const answer = await provider().apply(target, { mode: 'traffic', weight: 5 });
  assert.deepEqual(answer, { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 5 } } });
  assert.deepEqual(fake.requests.map((r) => r.method), ['GET', 'PATCH', 'PATCH', 'GET']);
  assert.deepEqual(fake.violations, []);
});

test('a 412 failed precondition and a 400 FAILED_PRECONDITION about the etag are conflicts too', async () => {
  for (const refusal of [googleError(412, 'Precondition failed.'), { status: 400, body: { error: { code: 400, message: 'Etag mismatch: the Endpoint was modified.', status: 'FAILED_PRECONDITION' } } }]) {
    fake.refusePatch = refusal;
    const answer = await provider().apply(target, { mode: 'traffic', weight: 5 });
    assert.ok(!answer.ok);
    assert.equal(answer.kind, 'conflict', answer.error);
  }
  assert.deepEqual(fake.endpoints.get(NAME)?.trafficSplit, { '1001': 100 });
  assert.deepEqual(fake.violations, []);
});

test('a 429 with Retry-After is waited out as asked and then the apply goes through', async () => {
  fake.script.push({ ...googleError(429, 'Quota exceeded for aiplatform.googleapis.com/online_prediction_requests.'), headers: { 'retry-after': '7' } });
  const answer = await provider().apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(answer.ok);
  assert.deepEqual(waits, [7000]);
  assert.deepEqual(fake.violations, []);
});

test('a 429 that keeps coming is rate-limited with the wait the service asked for', async () => {
  for (let i = 0; i < 4; i += 1) fake.script.push({ ...googleError(429, 'Quota exceeded.'), headers: { 'retry-after': '3' } });
  const answer = await provider().read(target);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'rate-limited');
  assert.equal(answer.retryAfterMs, 3000);
});

test('5xx answers are retried with backoff, and one that persists is unavailable', async () => {
  fake.script.push(googleError(503, 'The service is currently unavailable.'), googleError(500, 'Internal error encountered.'));
  assert.deepEqual(await provider().read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  assert.equal(waits.length, 2);
  for (let i = 0; i < 4; i += 1) fake.script.push(googleError(503, 'The service is currently unavailable.'));
  const answer = await provider().read(target);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'unavailable');
  assert.match(answer.error, /answered 503 .*The service is currently unavailable\. \(after 4 attempts\)/);
});

test('a call past its deadline is a time-out, and nothing is patched', async () => {
  const deadline = new AbortController();
  deadline.abort();
  const answer = await provider().apply(target, { mode: 'traffic', weight: 5 }, { signal: deadline.signal });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'timeout');
  assert.deepEqual(fake.requests, []);
});

test('a request that hangs past the deadline of its call is a time-out, and no patch follows', async () => {
  const deadline = new AbortController();
  fake.onHang = () => deadline.abort();
  fake.script.push({ status: 0, hang: true });
  const answer = await provider().apply(target, { mode: 'traffic', weight: 5 }, { signal: deadline.signal });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'timeout');
  assert.match(answer.error, /vertex-ai 'vertex': GET \/v1\/projects\/acme-ml\/locations\/us-central1\/endpoints\/4242: the call's deadline passed/);
  assert.deepEqual(fake.requests.map((r) => r.method), ['GET']);
  delete fake.onHang;
});

test('a wrong token is unauthorized with what to fix, and the token never appears in the error', async () => {
  const answer = await provider({}, { VERTEX_TOKEN: 'ya29.a-wrong-but-secret-token' }).read(target);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'unauthorized');
  assert.match(answer.error, /VERTEX_TOKEN must hold a current access token .* aiplatform\.endpoints\.update/);
  assert.ok(!answer.error.includes('a-wrong-but-secret-token'), answer.error);
});

test('a 403 is unauthorized and names the permissions the identity needs', async () => {
  fake.script.push(googleError(403, "Permission 'aiplatform.endpoints.update' denied on resource."));
  const answer = await provider().read(target);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'unauthorized');
  assert.match(answer.error, /answered 403.*roles\/aiplatform\.user/);
});

test('an endpoint that does not exist is not-found, naming the endpoint and what to fix', async () => {
  const answer = await provider().read({ ...target, key: '9999' });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'not-found');
  assert.match(answer.error, /endpoint projects\/acme-ml\/locations\/us-central1\/endpoints\/9999 does not exist \(fix the release's target\.key/);
});

test('a challenger not deployed on the endpoint is invalid and lists what is deployed', async () => {
  const answer = await provider().apply({ ...target, challenger: { model: 'projects/123456/locations/us-central1/models/888' } }, { mode: 'traffic', weight: 5 });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'invalid');
  assert.match(answer.error, /has no deployed model for '.*models\/888' \(deployed: 1001, 1002\)/);
  assert.equal(fake.requests.filter((r) => r.method === 'PATCH').length, 0);
});

test('a third deployed model taking traffic leaves the split unknown rather than taking its share', async () => {
  const endpoint = fake.endpoints.get(NAME);
  assert.ok(endpoint);
  endpoint.deployedModels.push({ id: '1003', model: 'projects/123456/locations/us-central1/models/999' });
  fake.write(NAME, { '1001': 80, '1003': 20 });
  const vertex = provider();
  for (const answer of [await vertex.read(target), await vertex.apply(target, { mode: 'traffic', weight: 5 })]) {
    assert.ok(!answer.ok);
    assert.equal(answer.kind, 'invalid');
    assert.match(answer.error, /neither champion nor challenger \(1003: 20%\)/);
  }
  assert.deepEqual(fake.endpoints.get(NAME)?.trafficSplit, { '1001': 80, '1003': 20 });
});

test('shadow stages, rings and fractional weights are refused without a call', async () => {
  const vertex = provider();
  for (const split of [{ mode: 'shadow', weight: 0 }, { mode: 'traffic', weight: 5, segment: { attribute: 'tenant', values: ['a'] } }, { mode: 'traffic', weight: 2.5 }] as const) {
    const answer = await vertex.apply(target, split);
    assert.ok(!answer.ok);
    assert.equal(answer.kind, 'invalid');
  }
  assert.deepEqual(fake.requests, []);
  assert.deepEqual(vertexAiCapabilities, { shadow: 'none', segments: false, weightStep: 1, settles: 'now', stickiness: 'per-request' });
});

test('a full resource name as the key is used as is, and one in another region is refused', async () => {
  assert.deepEqual(await provider().read({ ...target, key: NAME }), { ok: true, value: { mode: 'off', weight: 0 } });
  const answer = await provider().read({ ...target, key: 'projects/acme-ml/locations/europe-west4/endpoints/4242' });
  assert.ok(!answer.ok);
  assert.match(answer.error, /is in location europe-west4, but the provider calls us-central1's regional API/);
});

test('a missing token and a plain-http endpoint off loopback are configuration errors naming the field', () => {
  const noToken = createVertexAiProvider(config(), deps({}));
  assert.ok(!noToken.ok);
  assert.deepEqual(noToken.field, ['accessTokenEnv']);
  assert.match(noToken.error, /environment variable VERTEX_TOKEN \(accessTokenEnv\) is not set: run google-github-actions\/auth/);
  const plain = createVertexAiProvider(config({ apiEndpoint: 'http://vertex.internal' }), deps());
  assert.ok(!plain.ok);
  assert.deepEqual(plain.field, ['apiEndpoint']);
});

test('the regional host is the default base URL', async () => {
  const seen: string[] = [];
  const built = createVertexAiProvider({ name: 'vertex', type: 'vertex-ai', project: 'acme-ml', location: 'europe-west4', accessTokenEnv: 'VERTEX_TOKEN' }, { ...deps(), fetch: async (input) => { seen.push(String(input)); return new Response('{}', { status: 404 }); } });
  assert.ok(built.ok);
  await built.value.read(target);
  assert.deepEqual(seen, ['https://europe-west4-aiplatform.googleapis.com/v1/projects/acme-ml/locations/europe-west4/endpoints/4242']);
});

test('the discovery checker catches a wrong path, an unknown query parameter, an update mask naming no field and an output-only field', () => {
  const checker = discoveryChecker(specFile('vertex-ai/aiplatform__v1.json'));
  assert.deepEqual(checker.check('PATCH', `https://x/v1/${NAME}?updateMask=trafficSplit`, { trafficSplit: { '1': 100 }, etag: 'e' }), []);
  assert.match(checker.check('PATCH', 'https://x/v1/projects/p/endpoints/1?updateMask=trafficSplit', {}).join('\n'), /no such method/);
  assert.match(checker.check('PATCH', `https://x/v1/${NAME}?updateMask=traffic_splits`, {}).join('\n'), /'traffic_splits' is not a field/);
  assert.match(checker.check('PATCH', `https://x/v1/${NAME}?mask=trafficSplit`, {}).join('\n'), /query parameter mask is not one/);
  assert.match(checker.check('PATCH', `https://x/v1/${NAME}`, {}).join('\n'), /required query parameter updateMask is missing/);
  assert.match(checker.check('PATCH', `https://x/v1/${NAME}?updateMask=trafficSplit`, { trafficSplit: { '1': '100' }, deployedModels: [] }).join('\n'), /body\.trafficSplit\.1 "100" is not an integer[\s\S]*body\.deployedModels is output only/);
  assert.match(checker.check('GET', `https://x/v1/${NAME}`, { etag: 'x' }).join('\n'), /takes no body/);
});
