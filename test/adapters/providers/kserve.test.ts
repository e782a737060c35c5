import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { createKServeProvider, kserveCapabilities, type KServeProviderConfig } from '../../../src/adapters/providers/kserve.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { ApiProvider, ApplyAnswer, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import type { CallResult } from '../../../src/ports/call.js';
import { crdChecker } from '../../support/crd-check.js';
import { kubeStatus, sampleIsvc, startKServeFake, type KServeFake } from '../../support/kserve-fake.js';
import { specFile } from '../../support/openapi-check.js';

const KEY = 'ml/support-assistant';
const PATH = '/apis/serving.kserve.io/v1beta1/namespaces/ml/inferenceservices/support-assistant';
const target: TrafficTarget = { release: 'support-assistant', key: KEY, champion: { model: 'gs://models/assistant-v3' }, challenger: { model: 'gs://models/assistant-v4' } };

let fake: KServeFake;
let waits: number[] = [];

before(async () => {
  fake = await startKServeFake();
});
after(() => fake.close());
beforeEach(() => {
  fake.objects.clear();
  fake.objects.set(KEY, sampleIsvc());
  fake.requests.length = 0;
  fake.script.length = 0;
  delete fake.beforePatch;
  delete fake.afterPatch;
  delete fake.onHang;
  waits = [];
});

function deps(env: Record<string, string> = { KUBE_TOKEN: fake.token }): AdapterDeps & { sleep: (ms: number) => Promise<void>; random: () => number } {
  return { root: '/repo', env, fetch: globalThis.fetch, logger: silentLogger, clock: fixedClock(new Date('2026-03-02T10:00:00Z')), signal: new AbortController().signal, sleep: async (ms) => { waits.push(ms); }, random: () => 0.5 };
}

function config(overrides: Partial<KServeProviderConfig> = {}): KServeProviderConfig {
  return { name: 'cluster', type: 'kserve', apiServer: fake.url, tokenEnv: 'KUBE_TOKEN', ...overrides };
}

function provider(overrides: Partial<KServeProviderConfig> = {}, env?: Record<string, string>): ApiProvider {
  const built = createKServeProvider(config(overrides), deps(env));
  assert.ok(built.ok, built.ok ? '' : built.error);
  return built.value;
}

function pending(answer: CallResult<ApplyAnswer>): Extract<ApplyAnswer, { status: 'pending' }> {
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  assert.equal(answer.value.status, 'pending', JSON.stringify(answer.value));
  return answer.value as Extract<ApplyAnswer, { status: 'pending' }>;
}

test('an InferenceService steps the canary through 5, 25 and 100 percent and back to off, each pending until the status serves it', async () => {
  const kserve = provider();
  assert.deepEqual(await kserve.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  for (const split of [{ mode: 'traffic', weight: 5 }, { mode: 'traffic', weight: 25 }, { mode: 'traffic', weight: 100 }, { mode: 'off', weight: 0 }] as const) {
    const { operation } = pending(await kserve.apply(target, split));
    assert.deepEqual(operation.requested, split);
    assert.match(operation.status ?? '', /has not yet observed generation/);
    pending(await kserve.verify!(target, operation));
    fake.reconcile(KEY, 'ready');
    assert.deepEqual(await kserve.verify!(target, operation), { ok: true, value: { status: 'settled', split } });
    assert.deepEqual(await kserve.read(target), { ok: true, value: split });
  }
  assert.deepEqual(fake.violations, []);
});

test('an apply sends a merge patch of canaryTrafficPercent carrying the resourceVersion it read, and the resourceVersion changes', async () => {
  await provider().apply(target, { mode: 'traffic', weight: 10 });
  const patch = fake.requests.find((r) => r.method === 'PATCH');
  assert.deepEqual(patch, { method: 'PATCH', path: PATH, contentType: 'application/merge-patch+json', body: { metadata: { resourceVersion: '1000' }, spec: { predictor: { canaryTrafficPercent: 10 } } } });
  assert.notEqual(fake.objects.get(KEY)?.metadata.resourceVersion, '1000');
  assert.equal(fake.objects.get(KEY)?.metadata.generation, 3);
  assert.deepEqual(fake.violations, []);
});

test('applying the percentage already set sends no patch: settled when served, pending while the status catches up', async () => {
  const kserve = provider();
  assert.deepEqual(await kserve.apply(target, { mode: 'off', weight: 0 }), { ok: true, value: { status: 'settled', split: { mode: 'off', weight: 0 } } });
  fake.write(KEY, { spec: { predictor: { canaryTrafficPercent: 20 } } });
  fake.requests.length = 0;
  pending(await kserve.apply(target, { mode: 'traffic', weight: 20 }));
  assert.deepEqual(fake.requests.map((r) => r.method), ['GET']);
});

test('a write by someone else between the read and the patch is a conflict, and nothing is applied', async () => {
  fake.beforePatch = () => { fake.write(KEY, { spec: { predictor: { canaryTrafficPercent: 40 } } }); delete fake.beforePatch; };
  const answer = await provider().apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'conflict');
  assert.match(answer.error, /InferenceService ml\/support-assistant changed between Glidepath's read and its write \(its resourceVersion is stale\)/);
  assert.equal(fake.objects.get(KEY)?.spec.predictor.canaryTrafficPercent, 40);
  assert.deepEqual(fake.violations, []);
});

test('a patch that landed but whose answer was lost is pending when the retry finds its resourceVersion stale and the percentage set', async () => {
  fake.afterPatch = kubeStatus(503, 'the server is currently unable to handle the request');
  pending(await provider().apply(target, { mode: 'traffic', weight: 5 }));
  assert.deepEqual(fake.requests.map((r) => r.method), ['GET', 'PATCH', 'PATCH', 'GET']);
  assert.equal(fake.objects.get(KEY)?.spec.predictor.canaryTrafficPercent, 5);
});

test('a canary revision that fails is a failure naming its reason, and a rollback to off settles once traffic is back on the champion', async () => {
  const kserve = provider();
  const { operation } = pending(await kserve.apply(target, { mode: 'traffic', weight: 5 }));
  fake.reconcile(KEY, 'failed');
  const failed = await kserve.verify!(target, operation);
  assert.ok(!failed.ok);
  assert.equal(failed.kind, 'unavailable');
  assert.match(failed.error, /is not ready \(PredictorReady: RevisionFailed: Revision "support-assistant-predictor-00002" failed.*fix the predictor or roll back/);
  assert.deepEqual(await kserve.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  const rollback = pending(await kserve.apply(target, { mode: 'off', weight: 0 }));
  fake.reconcile(KEY, 'failed');
  assert.deepEqual(await kserve.verify!(target, rollback.operation), { ok: true, value: { status: 'settled', split: { mode: 'off', weight: 0 } } });
  assert.deepEqual(fake.violations, []);
});

test('a change the controller never reconciles stays pending on every verify, saying what it waits for', async () => {
  const kserve = provider();
  const { operation } = pending(await kserve.apply(target, { mode: 'traffic', weight: 5 }));
  for (let i = 0; i < 3; i += 1) {
    const answer = pending(await kserve.verify!(target, operation));
    assert.equal(answer.operation.status, 'the KServe controller has not yet observed generation 3');
  }
});

test('a new revision not yet ready keeps the apply pending even once the controller has seen the change', async () => {
  const isvc = fake.objects.get(KEY);
  assert.ok(isvc);
  const predictor = (isvc.status as { components: { predictor: Record<string, unknown> } }).components.predictor;
  predictor['latestCreatedRevision'] = 'support-assistant-predictor-00003';
  const { operation } = pending(await provider().apply(target, { mode: 'traffic', weight: 5 }));
  (fake.objects.get(KEY)?.status as { observedGeneration: number }).observedGeneration = 3;
  assert.equal(pending(await provider().verify!(target, operation)).operation.status, 'revision support-assistant-predictor-00003 is not ready yet');
});

test('someone changing canaryTrafficPercent while an apply is pending is a conflict on verify', async () => {
  const kserve = provider();
  const { operation } = pending(await kserve.apply(target, { mode: 'traffic', weight: 5 }));
  fake.write(KEY, { spec: { predictor: { canaryTrafficPercent: 50 } } });
  const answer = await kserve.verify!(target, operation);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'conflict');
  assert.match(answer.error, /canaryTrafficPercent is now 50, not the 5 Glidepath applied/);
});

test('a 429 with Retry-After is waited out as asked, 5xx answers are retried, and one that persists is unavailable', async () => {
  fake.script.push({ ...kubeStatus(429, 'Too many requests, please try again later.'), headers: { 'retry-after': '2' } }, kubeStatus(500, 'Internal error occurred'));
  assert.deepEqual(await provider().read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  assert.deepEqual(waits.slice(0, 1), [2000]);
  assert.equal(waits.length, 2);
  for (let i = 0; i < 4; i += 1) fake.script.push(kubeStatus(503, 'the server is currently unable to handle the request'));
  const answer = await provider().read(target);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'unavailable');
});

test('a request that hangs past the deadline of its call is a time-out, and no patch follows', async () => {
  const deadline = new AbortController();
  fake.onHang = () => deadline.abort();
  fake.script.push({ status: 0, hang: true });
  const answer = await provider().apply(target, { mode: 'traffic', weight: 5 }, { signal: deadline.signal });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'timeout');
  assert.deepEqual(fake.requests.map((r) => r.method), ['GET']);
});

test('a wrong token is unauthorized with what to fix, and the token never appears in the error', async () => {
  const answer = await provider({}, { KUBE_TOKEN: 'eyJ.a-wrong-but-secret-token' }).read(target);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'unauthorized');
  assert.match(answer.error, /KUBE_TOKEN must hold a current token of a ServiceAccount whose Role allows get and patch on inferenceservices/);
  assert.ok(!answer.error.includes('a-wrong-but-secret-token'), answer.error);
});

test('a 403 is unauthorized, and an InferenceService that does not exist is not-found naming it', async () => {
  fake.script.push(kubeStatus(403, 'inferenceservices.serving.kserve.io "support-assistant" is forbidden: User "system:serviceaccount:ml:glidepath" cannot patch resource'));
  const forbidden = await provider().apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(!forbidden.ok);
  assert.equal(forbidden.kind, 'unauthorized');
  const missing = await provider().read({ ...target, key: 'ml/other' });
  assert.ok(!missing.ok);
  assert.equal(missing.kind, 'not-found');
  assert.match(missing.error, /InferenceService ml\/other does not exist \(fix the release's target\.key/);
});

test('a predictor serving another model than the challenger is refused before any patch', async () => {
  const answer = await provider().apply({ ...target, challenger: { model: 'gs://models/assistant-v5' } }, { mode: 'traffic', weight: 5 });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'invalid');
  assert.match(answer.error, /predictor serves gs:\/\/models\/assistant-v4, not the release's challenger gs:\/\/models\/assistant-v5/);
  assert.equal(fake.requests.filter((r) => r.method === 'PATCH').length, 0);
});

test('shadow stages, rings and fractional weights are refused without a call', async () => {
  const kserve = provider();
  for (const split of [{ mode: 'shadow', weight: 0 }, { mode: 'traffic', weight: 5, segment: { attribute: 'tenant', values: ['a'] } }, { mode: 'traffic', weight: 0.5 }] as const) {
    const answer = await kserve.apply(target, split);
    assert.ok(!answer.ok);
    assert.equal(answer.kind, 'invalid');
  }
  assert.deepEqual(fake.requests, []);
  assert.deepEqual(kserveCapabilities, { shadow: 'none', segments: false, weightStep: 1, settles: 'eventually', stickiness: 'per-request' });
});

test('a key without a namespace uses the provider namespace, and a key that is no Kubernetes name is refused', async () => {
  assert.deepEqual(await provider({ namespace: 'ml' }).read({ ...target, key: 'support-assistant' }), { ok: true, value: { mode: 'off', weight: 0 } });
  const answer = await provider().read({ ...target, key: 'ml/Support_Assistant' });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'invalid');
});

test('a missing token, a plain-http API server off loopback and an unreadable CA are configuration errors naming the field', () => {
  const cases: [Partial<KServeProviderConfig>, Record<string, string>, string][] = [
    [{}, {}, 'tokenEnv'],
    [{ apiServer: 'http://kube.internal:6443' }, { KUBE_TOKEN: 't0ken-value' }, 'apiServer'],
    [{ caFile: 'no/such/ca.crt' }, { KUBE_TOKEN: 't0ken-value' }, 'caFile'],
    [{ caDataEnv: 'KUBE_CA' }, { KUBE_TOKEN: 't0ken-value', KUBE_CA: 'not a certificate' }, 'caDataEnv'],
  ];
  for (const [overrides, env, field] of cases) {
    const built = createKServeProvider(config(overrides), deps(env));
    assert.ok(!built.ok);
    assert.deepEqual(built.field, [field]);
  }
});

test('an API server whose certificate a private CA signed is trusted through caFile, and refused without it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-kserve-ca-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'ca.crt'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  } catch {
    t.skip('openssl is not installed');
    return;
  }
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'ca.crt')) }, (req, res) => {
    const ok = req.headers.authorization === `Bearer ${fake.token}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? sampleIsvc() : kubeStatus(401, 'Unauthorized').body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  const apiServer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(join(dir, 'not-pem.txt'), 'x');
  assert.deepEqual(await provider({ apiServer, caFile: join(dir, 'ca.crt') }).read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  assert.deepEqual(await provider({ apiServer, caDataEnv: 'KUBE_CA' }, { KUBE_TOKEN: fake.token, KUBE_CA: readFileSync(join(dir, 'ca.crt'), 'utf8') }).read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  const untrusted = await provider({ apiServer }).read(target);
  assert.ok(!untrusted.ok);
  assert.equal(untrusted.kind, 'unavailable');
});

test('the CRD checker catches a strategic merge patch, a path off the resource, a string percentage and a field the API server would prune', () => {
  const checker = crdChecker(specFile('kserve/serving.kserve.io_inferenceservices.yaml'));
  assert.deepEqual(checker.check('PATCH', `https://k${PATH}`, 'application/merge-patch+json'), []);
  assert.match(checker.check('PATCH', `https://k${PATH}`, 'application/strategic-merge-patch+json').join('\n'), /is not a patch type custom resources take/);
  assert.match(checker.check('GET', 'https://k/apis/serving.kserve.io/v1alpha1/namespaces/ml/inferenceservices/x', undefined).join('\n'), /not a InferenceService path of a served version/);
  const isvc = sampleIsvc();
  assert.deepEqual(checker.validate(isvc), []);
  const bad = structuredClone(isvc) as unknown as { spec: { predictor: Record<string, unknown> } };
  bad.spec.predictor['canaryTrafficPercent'] = '10';
  bad.spec.predictor['canaryPercent'] = 10;
  assert.match(checker.validate(bad).join('\n'), /canaryTrafficPercent "10" is not an integer[\s\S]*predictor\.canaryPercent is not in the schema/);
});
