import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, test } from 'node:test';
import { createSagemakerProvider, SAGEMAKER_CAPABILITIES, type SagemakerProviderConfig } from '../../../src/adapters/providers/sagemaker.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { ApiProvider, ApplyAnswer, PendingOperation, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import type { CallResult } from '../../../src/ports/call.js';
import { startSagemakerFake, type FakeEndpoint, type SagemakerFake } from '../../support/sagemaker-fake.js';
import { smithyChecker } from '../../support/smithy-check.js';
import { specFile } from '../../support/openapi-check.js';
import { applyOverrides, type Overrides } from '../../support/overrides.js';

const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ENV = { GLIDEPATH_AWS_KEY_ID: KEYS.accessKeyId, GLIDEPATH_AWS_SECRET: KEYS.secretAccessKey };
const ENDPOINT = 'support-assistant';
const target: TrafficTarget = {
  release: 'support-assistant-v2',
  key: ENDPOINT,
  champion: { model: 'llama-3-8b-v1' },
  challenger: { model: 'llama-3-8b-v2' },
  fields: { championVariant: 'champion', challengerVariant: 'challenger' },
};

let fake: SagemakerFake;
let waits: number[] = [];

before(async () => {
  fake = await startSagemakerFake(KEYS);
});
after(() => fake.close());
beforeEach(() => {
  fake.endpoints.clear();
  fake.faults.length = 0;
  fake.requests.length = 0;
  fake.rejected.length = 0;
  fake.violations.length = 0;
  delete fake.onRequest;
  waits = [];
  endpoint();
});

/** Each test's requests must follow the model: checked after every test, not only where a test remembers to. */
test.afterEach(() => assert.deepEqual(fake.violations, []));

function endpoint(overrides: Partial<FakeEndpoint> = {}): FakeEndpoint {
  const e: FakeEndpoint = { name: ENDPOINT, status: 'InService', variants: [{ name: 'champion', current: 1 }, { name: 'challenger', current: 0 }], updateDescribes: 2, ...overrides };
  fake.endpoints.set(e.name, e);
  return e;
}

function deps(env: Record<string, string> = ENV): AdapterDeps & { sleep: (ms: number) => Promise<void> } {
  return { root: '/repo', env, fetch: globalThis.fetch, logger: silentLogger, clock: fixedClock(new Date('2026-03-02T10:00:00Z')), signal: new AbortController().signal, sleep: async (ms) => void waits.push(ms) };
}

function config(overrides: Overrides<SagemakerProviderConfig> = {}): SagemakerProviderConfig {
  return applyOverrides<SagemakerProviderConfig>({ name: 'aws-prod', type: 'sagemaker', region: fake.region, endpoint: fake.url, credentials: { accessKeyIdEnv: 'GLIDEPATH_AWS_KEY_ID', secretAccessKeyEnv: 'GLIDEPATH_AWS_SECRET' } }, overrides);
}

function provider(overrides: Overrides<SagemakerProviderConfig> = {}, env?: Record<string, string>): ApiProvider & { verify: NonNullable<ApiProvider['verify']> } {
  const built = createSagemakerProvider(config(overrides), deps(env));
  assert.ok(built.ok, built.ok ? '' : built.error);
  assert.ok(built.value.verify);
  return built.value as ApiProvider & { verify: NonNullable<ApiProvider['verify']> };
}

function pendingOf(answer: CallResult<ApplyAnswer>): PendingOperation {
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  assert.equal(answer.value.status, 'pending');
  return (answer.value as Extract<ApplyAnswer, { status: 'pending' }>).operation;
}

const updates = () => fake.requests.filter((r) => r.operation === 'UpdateEndpointWeightsAndCapacities');

test('a SageMaker provider answers pending while the endpoint is Updating, and verify answers the split read back once it is InService', async () => {
  const sagemaker = provider();
  const operation = pendingOf(await sagemaker.apply(target, { mode: 'traffic', weight: 5 }));
  assert.deepEqual(operation, { id: fake.arn(ENDPOINT), requested: { mode: 'traffic', weight: 5 }, status: 'endpoint Updating' });
  assert.deepEqual(updates().map((r) => r.body), [{ EndpointName: ENDPOINT, DesiredWeightsAndCapacities: [{ VariantName: 'champion', DesiredWeight: 95 }, { VariantName: 'challenger', DesiredWeight: 5 }] }]);
  // Until it settles, read says what serves now: the champion only.
  assert.deepEqual(await sagemaker.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  assert.deepEqual(await sagemaker.verify(target, operation), { ok: true, value: { status: 'pending', operation } });
  assert.deepEqual(await sagemaker.verify(target, operation), { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 5 } } });
  assert.deepEqual(await sagemaker.read(target), { ok: true, value: { mode: 'traffic', weight: 5 } });
  assert.equal(SAGEMAKER_CAPABILITIES.settles, 'eventually');
});

test('every request is signed with SigV4 for the provider region and names its operation in X-Amz-Target', async () => {
  await provider().apply(target, { mode: 'traffic', weight: 25 });
  assert.deepEqual(fake.requests.map((r) => r.headers['x-amz-target']), ['SageMaker.DescribeEndpoint', 'SageMaker.UpdateEndpointWeightsAndCapacities']);
  for (const request of fake.requests) {
    assert.match(String(request.headers['authorization']), /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/sagemaker\/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$/);
    assert.equal(request.headers['content-type'], 'application/x-amz-json-1.1');
  }
  assert.deepEqual(fake.rejected, []);
});

test('the Smithy checker refuses request bodies the SageMaker model does not allow', () => {
  const checker = smithyChecker(specFile('aws/sagemaker.json'));
  assert.deepEqual(checker.checkInput('UpdateEndpointWeightsAndCapacities', { EndpointName: ENDPOINT, DesiredWeightsAndCapacities: [{ VariantName: 'champion', DesiredWeight: 95 }] }), []);
  const problems = checker.checkInput('UpdateEndpointWeightsAndCapacities', { EndpointName: 'bad_name', DesiredWeightsAndCapacities: [{ VariantName: 'champion', DesiredWeight: -1, Weight: 3 }, { DesiredInstanceCount: 1.5 }] });
  assert.deepEqual(problems, [
    'UpdateEndpointWeightsAndCapacities input.EndpointName: "bad_name" does not match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$ (EndpointName)',
    'UpdateEndpointWeightsAndCapacities input.DesiredWeightsAndCapacities[0].DesiredWeight: -1 is below 0 (VariantWeight)',
    'UpdateEndpointWeightsAndCapacities input.DesiredWeightsAndCapacities[0]: unknown member Weight (DesiredWeightAndCapacity)',
    'UpdateEndpointWeightsAndCapacities input.DesiredWeightsAndCapacities[1]: required member VariantName is missing (DesiredWeightAndCapacity)',
    'UpdateEndpointWeightsAndCapacities input.DesiredWeightsAndCapacities[1].DesiredInstanceCount: expected an integer, got 1.5 (TaskCount)',
  ]);
  assert.deepEqual(checker.checkInput('DescribeEndpoint', {}), ['DescribeEndpoint input: required member EndpointName is missing (DescribeEndpointInput)']);
  assert.deepEqual(checker.checkOutput('DescribeEndpoint', { EndpointName: ENDPOINT, EndpointArn: fake.arn(ENDPOINT), EndpointStatus: 'Busy', CreationTime: 1, LastModifiedTime: 1 }), [
    'DescribeEndpoint output.EndpointStatus: "Busy" is not one of OutOfService, Creating, Updating, SystemUpdating, RollingBack, InService, Deleting, Failed, UpdateRollbackFailed (EndpointStatus)',
  ]);
  assert.deepEqual(checker.checkInput('UpdateEndpointWeights', {}), [`UpdateEndpointWeights: no such operation in ${specFile('aws/sagemaker.json')}`]);
});

test('applying the split the endpoint serves sends no update, and applying again while its update runs answers the same operation', async () => {
  const sagemaker = provider();
  assert.deepEqual(await sagemaker.apply(target, { mode: 'off', weight: 0 }), { ok: true, value: { status: 'settled', split: { mode: 'off', weight: 0 } } });
  assert.equal(updates().length, 0);
  const first = pendingOf(await sagemaker.apply(target, { mode: 'traffic', weight: 10 }));
  const again = pendingOf(await sagemaker.apply(target, { mode: 'traffic', weight: 10 }));
  assert.deepEqual(again, first);
  assert.equal(updates().length, 1);
});

test('weights are read as relative floats: float noise and weights the team set by hand give the split to a hundredth of a percent', async () => {
  endpoint({ variants: [{ name: 'champion', current: 0.949999988079071 }, { name: 'challenger', current: 0.05000000074505806 }] });
  assert.deepEqual(await provider().read(target), { ok: true, value: { mode: 'traffic', weight: 5 } });
  endpoint({ variants: [{ name: 'challenger', current: 1 }, { name: 'champion', current: 3 }] });
  assert.deepEqual(await provider().read(target), { ok: true, value: { mode: 'traffic', weight: 25 } });
  endpoint({ variants: [{ name: 'champion', current: 2 }, { name: 'challenger', current: 1 }] });
  assert.deepEqual(await provider().read(target), { ok: true, value: { mode: 'traffic', weight: 33.33 } });
});

test('a third variant taking traffic is refused by name, never zeroed by Glidepath', async () => {
  endpoint({ variants: [{ name: 'champion', current: 8 }, { name: 'challenger', current: 1 }, { name: 'legacy', current: 1 }] });
  const answer = await provider().apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'invalid');
  assert.match(answer.error, /also sends traffic to legacy \(weight 1\).*set the other variants' weight to 0/);
  assert.equal(updates().length, 0);
});

test('ThrottlingException is rate-limited and retried with growing jittered waits; persistent throttling answers rate-limited with a wait', async () => {
  fake.faults.push({ operation: 'DescribeEndpoint', status: 400, type: 'ThrottlingException', message: 'Rate exceeded', times: 2 });
  assert.deepEqual(await provider().read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  assert.equal(waits.length, 2);
  assert.ok((waits[1] as number) > (waits[0] as number) / 2 && (waits[0] as number) >= 250);
  waits = [];
  fake.faults.push({ operation: 'DescribeEndpoint', status: 400, type: 'ThrottlingException', message: 'Rate exceeded', times: 10 });
  const answer = await provider().read(target);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'rate-limited');
  assert.ok((answer.retryAfterMs ?? 0) > 0);
  assert.match(answer.error, /DescribeEndpoint on endpoint support-assistant \(eu-west-1\) answered ThrottlingException \(400\): Rate exceeded.*\(after 4 attempts\)/);
  assert.equal(waits.length, 3);
});

test('a 5xx is retried, a lasting one answers unavailable, and an update answered 500 is sent again', async () => {
  fake.faults.push({ operation: 'DescribeEndpoint', status: 500, type: 'InternalFailure', message: 'We encountered an internal error. Please try again.', times: 1 });
  assert.ok((await provider().read(target)).ok);
  fake.faults.push({ operation: 'DescribeEndpoint', status: 503, type: 'ServiceUnavailable', message: 'Service unavailable', times: 10 });
  const down = await provider().read(target);
  assert.ok(!down.ok);
  assert.equal(down.kind, 'unavailable');
  assert.match(down.error, /answered ServiceUnavailable \(503\): Service unavailable \(after 4 attempts\)/);
  fake.faults.length = 0;
  fake.faults.push({ operation: 'UpdateEndpointWeightsAndCapacities', status: 500, type: 'InternalFailure', message: 'internal error', times: 1 });
  const operation = pendingOf(await provider().apply(target, { mode: 'traffic', weight: 5 }));
  assert.deepEqual(operation.requested, { mode: 'traffic', weight: 5 });
  assert.equal(updates().length, 2);
});

test('an update SageMaker took although it answered 500 is found under way on the retry: the same operation, not a failure', async () => {
  fake.onRequest = (request) => {
    if (request.operation !== 'UpdateEndpointWeightsAndCapacities' || updates().length > 1) return;
    const e = fake.endpoints.get(ENDPOINT) as FakeEndpoint;
    for (const v of e.variants) v.desired = v.name === 'challenger' ? 5 : 95;
    e.status = 'Updating';
    e.left = 2;
    fake.faults.push({ operation: 'UpdateEndpointWeightsAndCapacities', status: 500, type: 'InternalFailure', message: 'internal error', times: 1 });
  };
  const sagemaker = provider();
  const operation = pendingOf(await sagemaker.apply(target, { mode: 'traffic', weight: 5 }));
  assert.equal(operation.id, fake.arn(ENDPOINT));
  // The retry met SageMaker's "Cannot update in-progress endpoint"; a describe showed it was ours.
  assert.equal(updates().length, 2);
  assert.deepEqual(fake.requests.map((r) => r.operation).slice(-1), ['DescribeEndpoint']);
  assert.deepEqual(await sagemaker.verify(target, operation), { ok: true, value: { status: 'pending', operation } });
});

test('a call whose deadline passes answers timeout and sends nothing more', async () => {
  const controller = new AbortController();
  fake.faults.push({ operation: 'DescribeEndpoint', hang: true });
  fake.onRequest = () => controller.abort();
  const answer = await provider().read(target, { signal: controller.signal });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'timeout');
  assert.match(answer.error, /DescribeEndpoint on endpoint support-assistant \(eu-west-1\): the call's deadline passed/);
  assert.equal(fake.requests.length, 1);
  assert.deepEqual(waits, []);
});

test('a missing endpoint and a variant the endpoint does not have are not-found, naming what to fix', async () => {
  const missing = await provider().read({ ...target, key: 'support-assistent' });
  assert.ok(!missing.ok);
  assert.equal(missing.kind, 'not-found');
  assert.match(missing.error, /answered ValidationException \(400\): Could not find endpoint .*check the release target's key/);
  const wrongVariant = await provider().apply({ ...target, fields: { championVariant: 'champion', challengerVariant: 'challenger-v2' } }, { mode: 'traffic', weight: 5 });
  assert.ok(!wrongVariant.ok);
  assert.equal(wrongVariant.kind, 'not-found');
  assert.match(wrongVariant.error, /no production variant named by the release target's challengerVariant challenger-v2 \(it has champion, challenger\)/);
  assert.equal(updates().length, 0);
});

test('a ValidationException about a variant from the update itself is not-found, pointing at the target variant names', async () => {
  fake.faults.push({ operation: 'UpdateEndpointWeightsAndCapacities', status: 400, type: 'ValidationException', message: `The variant name(s) [challenger] is/are not present in the endpoint configuration of "${fake.arn(ENDPOINT)}".`, times: 1 });
  const answer = await provider().apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'not-found');
  assert.match(answer.error, /\[challenger\].*check championVariant and challengerVariant/);
});

test('an update that ends Failed makes verify answer a failure with SageMaker\'s reason', async () => {
  endpoint({ outcome: 'failed', updateDescribes: 0 });
  const sagemaker = provider();
  const operation = pendingOf(await sagemaker.apply(target, { mode: 'traffic', weight: 5 }));
  const answer = await sagemaker.verify(target, operation);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'unavailable');
  assert.match(answer.error, /endpoint support-assistant is Failed \(Variant challenger: the model container did not pass the ping health check\.\), so the change to 5% to the challenger did not take effect/);
});

test('an update SageMaker rolls back is a failure while RollingBack and after it, never settled at the old weights', async () => {
  endpoint({ outcome: 'rolled-back', updateDescribes: 0, variants: [{ name: 'champion', current: 95 }, { name: 'challenger', current: 5 }] });
  const sagemaker = provider();
  const operation = pendingOf(await sagemaker.apply(target, { mode: 'traffic', weight: 25 }));
  const rolling = await sagemaker.verify(target, operation);
  assert.ok(!rolling.ok);
  assert.match(rolling.error, /is RollingBack \(Unable to update endpoint/);
  const back = await sagemaker.verify(target, operation);
  assert.ok(!back.ok);
  assert.match(back.error, /is InService serving 5% to the challenger, not the 25% to the challenger asked for: SageMaker says Unable to update endpoint/);
  assert.deepEqual(await sagemaker.read(target), { ok: true, value: { mode: 'traffic', weight: 5 } });
});

test('an update that never finishes stays pending on every verify: the engine\'s deadline decides', async () => {
  endpoint({ outcome: 'never', updateDescribes: 0 });
  const sagemaker = provider();
  const operation = pendingOf(await sagemaker.apply(target, { mode: 'traffic', weight: 5 }));
  for (let i = 0; i < 6; i += 1) assert.deepEqual(await sagemaker.verify(target, operation), { ok: true, value: { status: 'pending', operation } });
  assert.equal(updates().length, 1);
});

test('an endpoint Updating someone else\'s change is a conflict for apply and for verify', async () => {
  endpoint({ status: 'Updating', left: 5, variants: [{ name: 'champion', current: 1, desired: 1 }, { name: 'challenger', current: 0, desired: 1 }] });
  const sagemaker = provider();
  const apply = await sagemaker.apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(!apply.ok);
  assert.equal(apply.kind, 'conflict');
  assert.match(apply.error, /is Updating toward 50% to the challenger, not Glidepath's 5% to the challenger/);
  const verify = await sagemaker.verify(target, { id: fake.arn(ENDPOINT), requested: { mode: 'traffic', weight: 5 } });
  assert.ok(!verify.ok);
  assert.equal(verify.kind, 'conflict');
  assert.equal(updates().length, 0);
});

test('access denied is unauthorized naming the IAM action each call needs', async () => {
  const denied = (action: string) => `User: arn:aws:sts::123456789012:assumed-role/glidepath/gh is not authorized to perform: sagemaker:${action} on resource: ${fake.arn(ENDPOINT)} because no identity-based policy allows the sagemaker:${action} action`;
  fake.faults.push({ operation: 'DescribeEndpoint', status: 400, type: 'AccessDeniedException', message: denied('DescribeEndpoint'), times: 1 });
  const read = await provider().read(target);
  assert.ok(!read.ok);
  assert.equal(read.kind, 'unauthorized');
  assert.match(read.error, /grant the role or user Glidepath runs as IAM permission sagemaker:DescribeEndpoint on arn:aws:sagemaker:eu-west-1:<account>:endpoint\/support-assistant$/);
  fake.faults.push({ operation: 'UpdateEndpointWeightsAndCapacities', status: 400, type: 'AccessDeniedException', message: denied('UpdateEndpointWeightsAndCapacities'), times: 1 });
  const apply = await provider().apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(!apply.ok);
  assert.equal(apply.kind, 'unauthorized');
  assert.match(apply.error, /IAM permission sagemaker:UpdateEndpointWeightsAndCapacities on /);
  assert.equal(waits.length, 0);
});

test('credentials AWS rejects are unauthorized, and no error carries a key or secret even when AWS echoes one', async () => {
  const wrong = await provider({}, { ...ENV, GLIDEPATH_AWS_SECRET: 'not-the-secret-key-0123456789' }).read(target);
  assert.ok(!wrong.ok);
  assert.equal(wrong.kind, 'unauthorized');
  assert.match(wrong.error, /InvalidSignatureException.*AWS rejected the credentials/);
  assert.equal(fake.rejected.length, 1);
  fake.faults.push({ operation: 'DescribeEndpoint', status: 400, type: 'UnrecognizedClientException', message: `The security token included in the request is invalid: ${KEYS.accessKeyId} ${KEYS.secretAccessKey}`, times: 1 });
  const echoed = await provider().read(target);
  assert.ok(!echoed.ok);
  for (const answer of [wrong, echoed]) {
    assert.ok(!answer.error.includes(KEYS.accessKeyId) && !answer.error.includes(KEYS.secretAccessKey) && !answer.error.includes('not-the-secret-key'), answer.error);
  }
  assert.match(echoed.error, /<access key id> <credential>/);
});

test('shadow stages, rings and a target without variant names are refused before any call', async () => {
  const sagemaker = provider();
  const shadow = await sagemaker.apply(target, { mode: 'shadow', weight: 0 });
  assert.ok(!shadow.ok);
  assert.match(shadow.error, /cannot serve a shadow stage/);
  const ring = await sagemaker.apply(target, { mode: 'traffic', weight: 5, segment: { attribute: 'tenant', values: ['acme'] } });
  assert.ok(!ring.ok);
  const { fields: _fields, ...bare } = target;
  const unnamed = await sagemaker.read(bare);
  assert.ok(!unnamed.ok);
  assert.equal(unnamed.kind, 'invalid');
  assert.match(unnamed.error, /must name its endpoint's two production variants in spec.target: championVariant and challengerVariant/);
  assert.equal(fake.requests.length, 0);
  assert.deepEqual(SAGEMAKER_CAPABILITIES, { shadow: 'none', segments: false, weightStep: 0.01, settles: 'eventually', stickiness: 'per-request' });
});

test('a credential variable that is not set and a region that is not one are configuration errors naming the field', () => {
  const noSecret = createSagemakerProvider(config(), deps({ GLIDEPATH_AWS_KEY_ID: KEYS.accessKeyId }));
  assert.ok(!noSecret.ok);
  assert.deepEqual(noSecret.field, ['credentials', 'secretAccessKeyEnv']);
  assert.match(noSecret.error, /environment variable GLIDEPATH_AWS_SECRET \(credentials.secretAccessKeyEnv\) is not set/);
  assert.ok(!noSecret.error.includes(KEYS.accessKeyId));
  const region = createSagemakerProvider(config({ region: 'Ireland' }), deps());
  assert.ok(!region.ok);
  assert.deepEqual(region.field, ['region']);
  // Without credentials the SDK's default chain is used, found only when a call needs it.
  assert.ok(createSagemakerProvider(config({ credentials: undefined }), deps({})).ok);
});

test('without a credentials entry, the standard AWS variables of the injected environment sign the requests', async () => {
  const sagemaker = provider({ credentials: undefined }, { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey, AWS_SESSION_TOKEN: 'session-token-from-oidc' });
  assert.deepEqual(await sagemaker.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  assert.equal(fake.requests.at(-1)?.headers['x-amz-security-token'], 'session-token-from-oidc');
  assert.deepEqual(fake.rejected, []);
});

test('the adapter module loads the AWS SDK only on first use: the CLI loads every adapter at start-up', () => {
  const source = readFileSync(new URL('../../../src/adapters/providers/sagemaker.ts', import.meta.url), 'utf8');
  const staticImports = source.split('\n').filter((line) => /^import\s(?!type\s)/.test(line) && line.includes('@aws-sdk'));
  assert.deepEqual(staticImports, []);
  assert.match(source, /import\('@aws-sdk\/client-sagemaker'\)/);
});
