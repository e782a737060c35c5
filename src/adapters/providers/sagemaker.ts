import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailure, CallFailureKind, CallOptions, CallResult } from '../../ports/call.js';
import type { ApiProvider, ApplyAnswer, PendingOperation, ProviderCapabilities, TrafficTarget } from '../../ports/traffic-provider.js';
import type { TrafficSplit } from '../../core/model/traffic-split.js';
import type { HttpDeps } from '../http/http-json.js';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';

/** A glidepath.yaml provider entry of type `sagemaker` (schema: sagemaker.schema.json beside this file). */
export interface SagemakerProviderConfig {
  readonly name: string;
  readonly type: 'sagemaker';
  readonly description?: string;
  /** The AWS region the endpoints live in, e.g. `eu-west-1`. */
  readonly region: string;
  /** The SageMaker API's URL when it is not the region's public one (a VPC interface endpoint, a test server). */
  readonly endpoint?: string;
  /**
   * Environment variables holding static keys. Without them: `AWS_ACCESS_KEY_ID`,
   * `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` when set (aws-actions/configure-aws-credentials
   * sets them), else the rest of the AWS SDK's default chain (web identity, SSO, profiles, instance roles).
   */
  readonly credentials?: { readonly accessKeyIdEnv: string; readonly secretAccessKeyEnv: string; readonly sessionTokenEnv?: string };
}

/** What a release's `target` names on a SageMaker provider, beside `key` (the endpoint's name). */
export interface SagemakerTarget {
  /** The production variant serving today. */
  readonly championVariant: string;
  /** The production variant this release shifts traffic to. */
  readonly challengerVariant: string;
}

/**
 * What every SageMaker provider can do. Weights are floats on SageMaker; Glidepath writes the
 * challenger's percent and the champion's remainder as the two relative weights and keeps stage
 * weights to hundredths of a percent, well inside a 32-bit float's precision at 100.
 * Shadow variants (`ShadowProductionVariants`) are a new endpoint config and a blue/green
 * redeploy, not a weight, and a variant cannot move from shadow to production by weight: shadow
 * stages are not offered (docs/providers/sagemaker.md shows how to shadow-test before the release).
 */
export const SAGEMAKER_CAPABILITIES: ProviderCapabilities = { shadow: 'none', segments: false, weightStep: 0.01, settles: 'eventually', stickiness: 'per-request' };

/** Further attempts after the first for throttling, 5xx, connection errors and attempt time-outs. */
const RETRIES = 3;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;
/** One attempt's own deadline, inside the caller's. */
const ATTEMPT_TIMEOUT_MS = 30_000;
const MESSAGE_CHARS = 300;

type Operation = 'DescribeEndpoint' | 'UpdateEndpointWeightsAndCapacities';

interface Variant {
  readonly name: string;
  readonly current: number | undefined;
  readonly desired: number | undefined;
}

interface Endpoint {
  readonly arn: string;
  readonly status: string;
  readonly failureReason: string | undefined;
  readonly variants: readonly Variant[];
}

/** The two variant names, read from the release target. */
interface Arms {
  readonly endpoint: string;
  readonly champion: string;
  readonly challenger: string;
}

/**
 * An Amazon SageMaker real-time endpoint with two production variants, champion and challenger,
 * shifted by `UpdateEndpointWeightsAndCapacities` and read by `DescribeEndpoint`. SageMaker takes
 * the change at once but applies it while the endpoint is `Updating`, so `apply` answers `pending`
 * and `verify` answers settled once the endpoint is `InService` again, read back. The AWS SDK (real
 * SigV4 signing, credentials from the default chain) is loaded on first use: the CLI loads every
 * adapter module at start-up.
 */
export function createSagemakerProvider(config: SagemakerProviderConfig, deps: AdapterDeps & Partial<Pick<HttpDeps, 'sleep' | 'random'>>): Built<ApiProvider> {
  const label = `sagemaker '${config.name}'`;
  const entry = `providers[${config.name}]`;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(config.region)) {
    return { ok: false, field: ['region'], error: `${entry}: region '${config.region}' is not an AWS region name; use one like eu-west-1` };
  }
  if (config.endpoint !== undefined && !URL.canParse(config.endpoint)) {
    return { ok: false, field: ['endpoint'], error: `${entry}: endpoint '${config.endpoint}' is not a URL; leave it out to use the region's SageMaker API` };
  }
  let staticKeys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
  if (config.credentials) {
    const read = (field: 'accessKeyIdEnv' | 'secretAccessKeyEnv' | 'sessionTokenEnv'): string | undefined => {
      const name = config.credentials?.[field];
      return name === undefined ? undefined : deps.env[name];
    };
    for (const field of ['accessKeyIdEnv', 'secretAccessKeyEnv', 'sessionTokenEnv'] as const) {
      const name = config.credentials[field];
      const value = read(field);
      if (name !== undefined && (value === undefined || value.trim() === '')) {
        return { ok: false, field: ['credentials', field], error: `${entry}: environment variable ${name} (credentials.${field}) is not set: add it to the workflow's env from a secret, or leave credentials out to use the AWS default chain (e.g. aws-actions/configure-aws-credentials with OIDC)` };
      }
    }
    const sessionToken = read('sessionTokenEnv');
    staticKeys = { accessKeyId: read('accessKeyIdEnv') as string, secretAccessKey: read('secretAccessKeyEnv') as string, ...(sessionToken ? { sessionToken } : {}) };
  } else if (deps.env['AWS_ACCESS_KEY_ID'] && deps.env['AWS_SECRET_ACCESS_KEY']) {
    // The default chain's first link, taken from the injected environment rather than the process's:
    // aws-actions/configure-aws-credentials exports these three after assuming the role.
    const sessionToken = deps.env['AWS_SESSION_TOKEN'];
    staticKeys = { accessKeyId: deps.env['AWS_ACCESS_KEY_ID'], secretAccessKey: deps.env['AWS_SECRET_ACCESS_KEY'], ...(sessionToken ? { sessionToken } : {}) };
  }
  const secrets = staticKeys ? Object.values(staticKeys) : [];
  const random = deps.random ?? Math.random;
  let client: Promise<{ client: SageMakerClient; sdk: typeof import('@aws-sdk/client-sagemaker') }> | undefined;

  function sdkClient() {
    client ??= import('@aws-sdk/client-sagemaker').then((sdk) => ({
      sdk,
      client: new sdk.SageMakerClient({
        region: config.region,
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
        ...(staticKeys ? { credentials: staticKeys } : {}),
        // Retries are ours: jittered, bounded by the engine's deadline, and waits the tests can see.
        maxAttempts: 1,
      }),
    }));
    return client;
  }

  /** One SageMaker call, retried where waiting can help; failures as data that never carry a credential. */
  async function call<T>(operation: Operation, endpoint: string, input: Record<string, unknown>, options?: CallOptions): Promise<CallResult<T>> {
    const { client: sagemaker, sdk } = await sdkClient();
    const command = () => operation === 'DescribeEndpoint'
      ? new sdk.DescribeEndpointCommand(input as unknown as ConstructorParameters<typeof sdk.DescribeEndpointCommand>[0])
      : new sdk.UpdateEndpointWeightsAndCapacitiesCommand(input as unknown as ConstructorParameters<typeof sdk.UpdateEndpointWeightsAndCapacitiesCommand>[0]);
    const where = `${label}: ${operation} on endpoint ${endpoint} (${config.region})`;
    const deadline = AbortSignal.any([deps.signal, ...(options?.signal ? [options.signal] : [])]);
    for (let attempt = 0; ; attempt += 1) {
      if (deadline.aborted) return { ok: false, kind: 'timeout', error: `${where}: the call's deadline passed before an answer` };
      let failure: CallFailure & { retryable: boolean };
      try {
        const attemptSignal = AbortSignal.any([deadline, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]);
        return { ok: true, value: (await sagemaker.send(command() as never, { abortSignal: attemptSignal })) as T };
      } catch (error) {
        if (deadline.aborted) return { ok: false, kind: 'timeout', error: `${where}: the call's deadline passed before an answer` };
        failure = failureOf(error, operation, where, config.region, endpoint, secrets);
      }
      const wait = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt * (0.5 + random() / 2));
      const { retryable, ...answer } = failure;
      if (!retryable || attempt >= RETRIES) {
        const suffix = attempt > 0 ? ` (after ${attempt + 1} attempts)` : '';
        return { ...answer, error: `${answer.error}${suffix}`, ...(answer.kind === 'rate-limited' ? { retryAfterMs: Math.round(wait) } : {}) };
      }
      await (deps.sleep ? deps.sleep(Math.round(wait)) : abortableSleep(Math.round(wait), deadline));
    }
  }

  async function describe(arms: Arms, options?: CallOptions): Promise<CallResult<Endpoint>> {
    const answer = await call<Record<string, unknown>>('DescribeEndpoint', arms.endpoint, { EndpointName: arms.endpoint }, options);
    if (!answer.ok) return answer;
    const body = answer.value;
    const variants = Array.isArray(body['ProductionVariants']) ? (body['ProductionVariants'] as Record<string, unknown>[]) : [];
    return {
      ok: true,
      value: {
        arn: typeof body['EndpointArn'] === 'string' ? body['EndpointArn'] : arms.endpoint,
        status: typeof body['EndpointStatus'] === 'string' ? body['EndpointStatus'] : 'unknown',
        failureReason: typeof body['FailureReason'] === 'string' && body['FailureReason'] !== '' ? clip(redact(body['FailureReason'], secrets)) : undefined,
        variants: variants.map((v) => ({
          name: String(v['VariantName']),
          current: typeof v['CurrentWeight'] === 'number' ? v['CurrentWeight'] : undefined,
          desired: typeof v['DesiredWeight'] === 'number' ? v['DesiredWeight'] : undefined,
        })),
      },
    };
  }

  /** The split the endpoint's weights (current or desired) make, or why they make none. */
  function splitOf(endpoint: Endpoint, arms: Arms, which: 'current' | 'desired'): CallResult<TrafficSplit> {
    const found = variantsOf(endpoint, arms);
    if (!found.ok) return found;
    const weightOf = (v: Variant): number | undefined => (which === 'desired' ? v.desired ?? v.current : v.current);
    const champion = weightOf(found.value.champion);
    const challenger = weightOf(found.value.challenger);
    const others = endpoint.variants.filter((v) => v !== found.value.champion && v !== found.value.challenger && (weightOf(v) ?? 0) > 0);
    if (others.length > 0) {
      return { ok: false, kind: 'invalid', error: `${label}: endpoint ${arms.endpoint} also sends traffic to ${others.map((v) => `${v.name} (weight ${weightOf(v)})`).join(', ')}; Glidepath splits between ${arms.champion} and ${arms.challenger} only: set the other variants' weight to 0` };
    }
    if (champion === undefined || challenger === undefined || !(champion + challenger > 0)) {
      return { ok: false, kind: 'invalid', error: `${label}: endpoint ${arms.endpoint} reports no usable ${which} weights for ${arms.champion} (${champion}) and ${arms.challenger} (${challenger})` };
    }
    const weight = roundToStep((100 * challenger) / (champion + challenger));
    return { ok: true, value: weight === 0 ? { mode: 'off', weight: 0 } : { mode: 'traffic', weight } };
  }

  function variantsOf(endpoint: Endpoint, arms: Arms): CallResult<{ champion: Variant; challenger: Variant }> {
    const champion = endpoint.variants.find((v) => v.name === arms.champion);
    const challenger = endpoint.variants.find((v) => v.name === arms.challenger);
    const missing = [champion ? undefined : `championVariant ${arms.champion}`, challenger ? undefined : `challengerVariant ${arms.challenger}`].filter((m) => m !== undefined);
    if (!champion || !challenger) {
      return { ok: false, kind: 'not-found', error: `${label}: endpoint ${arms.endpoint} has no production variant named by the release target's ${missing.join(' or ')} (it has ${endpoint.variants.map((v) => v.name).join(', ') || 'none'}); fix spec.target in the release file` };
    }
    return { ok: true, value: { champion, challenger } };
  }

  function armsOf(target: TrafficTarget): CallResult<Arms> {
    const champion = target.fields?.['championVariant'];
    const challenger = target.fields?.['challengerVariant'];
    if (typeof champion !== 'string' || typeof challenger !== 'string' || champion === '' || challenger === '') {
      return { ok: false, kind: 'invalid', error: `${label}: release ${target.release} must name its endpoint's two production variants in spec.target: championVariant and challengerVariant` };
    }
    return { ok: true, value: { endpoint: target.key, champion, challenger } };
  }

  function pending(endpoint: Endpoint, split: TrafficSplit): CallResult<ApplyAnswer> {
    const operation: PendingOperation = { id: endpoint.arn, requested: split, status: `endpoint ${endpoint.status}` };
    return { ok: true, value: { status: 'pending', operation } };
  }

  function notServing(endpoint: Endpoint, arms: Arms, doing: string): CallFailure {
    return { ok: false, kind: 'unavailable', error: `${label}: endpoint ${arms.endpoint} is ${endpoint.status}${endpoint.failureReason ? ` (${endpoint.failureReason})` : ''}, so ${doing}; fix or wait for the endpoint in SageMaker until it is InService` };
  }

  return {
    ok: true,
    value: {
      kind: 'api',
      type: 'sagemaker',
      capabilities: SAGEMAKER_CAPABILITIES,

      async read(target, options) {
        const arms = armsOf(target);
        if (!arms.ok) return arms;
        const endpoint = await describe(arms.value, options);
        return endpoint.ok ? splitOf(endpoint.value, arms.value, 'current') : endpoint;
      },

      async apply(target, split, options) {
        if (split.mode === 'shadow') return { ok: false, kind: 'invalid', error: `${label}: SageMaker weights cannot serve a shadow stage (shadow variants need a new endpoint config); see docs/providers/sagemaker.md for shadow testing before the release` };
        if (split.segment) return { ok: false, kind: 'invalid', error: `${label}: SageMaker routes by weight only; a ring (segment ${split.segment.attribute}) cannot be served` };
        const arms = armsOf(target);
        if (!arms.ok) return arms;
        const wanted: TrafficSplit = split.mode === 'off' || split.weight <= 0 ? { mode: 'off', weight: 0 } : { mode: 'traffic', weight: roundToStep(split.weight) };
        const described = await describe(arms.value, options);
        if (!described.ok) return described;
        const endpoint = described.value;
        const found = variantsOf(endpoint, arms.value);
        if (!found.ok) return found;
        if (endpoint.status === 'Updating' || endpoint.status === 'SystemUpdating') {
          // Our own earlier change, still under way (its answer was lost, or apply ran twice): the same operation.
          const desired = splitOf(endpoint, arms.value, 'desired');
          if (desired.ok && sameWeight(desired.value, wanted)) return pending(endpoint, wanted);
          return { ok: false, kind: 'conflict', error: `${label}: endpoint ${arms.value.endpoint} is ${endpoint.status} toward ${desired.ok ? showSplit(desired.value) : 'other weights'}, not Glidepath's ${showSplit(wanted)}; SageMaker takes one change at a time: wait for it to be InService, and check who else changes its weights` };
        }
        if (endpoint.status !== 'InService') return notServing(endpoint, arms.value, `weights cannot be changed now`);
        // A third variant taking traffic is refused here, not zeroed: it is someone else's.
        const current = splitOf(endpoint, arms.value, 'current');
        if (!current.ok && current.kind !== 'invalid') return current;
        if (!current.ok && endpoint.variants.some((v) => v !== found.value.champion && v !== found.value.challenger && (v.current ?? 0) > 0)) return current;
        if (current.ok && sameWeight(current.value, wanted)) return { ok: true, value: { status: 'settled', split: current.value } };
        // Relative weights as percentages, so SageMaker's console shows the policy's numbers.
        const weights = [
          { VariantName: arms.value.champion, DesiredWeight: Number((100 - wanted.weight).toFixed(2)) },
          { VariantName: arms.value.challenger, DesiredWeight: wanted.weight },
        ];
        const updated = await call<Record<string, unknown>>('UpdateEndpointWeightsAndCapacities', arms.value.endpoint, { EndpointName: arms.value.endpoint, DesiredWeightsAndCapacities: weights }, options);
        if (!updated.ok) {
          if (updated.kind !== 'conflict' && updated.kind !== 'unavailable' && updated.kind !== 'timeout') return updated;
          // The update may have been taken although its answer was lost or a retry found it in progress: ask the endpoint.
          const after = await describe(arms.value, options);
          if (after.ok && after.value.status === 'Updating') {
            const desired = splitOf(after.value, arms.value, 'desired');
            if (desired.ok && sameWeight(desired.value, wanted)) return pending(after.value, wanted);
          }
          return updated;
        }
        const arn = typeof updated.value['EndpointArn'] === 'string' ? updated.value['EndpointArn'] : endpoint.arn;
        return pending({ ...endpoint, arn, status: 'Updating' }, wanted);
      },

      async verify(target, operation, options) {
        const arms = armsOf(target);
        if (!arms.ok) return arms;
        const described = await describe(arms.value, options);
        if (!described.ok) return described;
        const endpoint = described.value;
        const requested = showSplit(operation.requested);
        switch (endpoint.status) {
          case 'Updating':
          case 'SystemUpdating':
          case 'Creating': {
            const desired = splitOf(endpoint, arms.value, 'desired');
            if (desired.ok && !sameWeight(desired.value, operation.requested)) {
              return { ok: false, kind: 'conflict', error: `${label}: endpoint ${arms.value.endpoint} is ${endpoint.status} toward ${showSplit(desired.value)}, not the ${requested} Glidepath asked for: someone else changed its weights` };
            }
            return { ok: true, value: { status: 'pending', operation: { ...operation, status: `endpoint ${endpoint.status}` } } };
          }
          case 'InService': {
            const served = splitOf(endpoint, arms.value, 'current');
            if (!served.ok) return served;
            if (!sameWeight(served.value, operation.requested) && endpoint.failureReason) {
              return { ok: false, kind: 'unavailable', error: `${label}: endpoint ${arms.value.endpoint} is InService serving ${showSplit(served.value)}, not the ${requested} asked for: SageMaker says ${endpoint.failureReason}` };
            }
            return { ok: true, value: { status: 'settled', split: served.value } };
          }
          default:
            return notServing(endpoint, arms.value, `the change to ${requested} did not take effect`);
        }
      },
    },
  };
}

/** Stage weights are kept to the provider's step; this undoes float noise in what SageMaker stores. */
function roundToStep(weight: number): number {
  const step = SAGEMAKER_CAPABILITIES.weightStep;
  return Number((Math.round(Math.min(100, Math.max(0, weight)) / step) * step).toFixed(2));
}

function sameWeight(a: TrafficSplit, b: TrafficSplit): boolean {
  const weight = (s: TrafficSplit): number => (s.mode === 'traffic' ? s.weight : 0);
  return Math.abs(weight(a) - weight(b)) < SAGEMAKER_CAPABILITIES.weightStep / 2;
}

function showSplit(split: TrafficSplit): string {
  return split.mode === 'traffic' ? `${split.weight}% to the challenger` : 'the champion only';
}

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'SlowDown', 'ProvisionedThroughputExceededException', 'BandwidthLimitExceeded', 'EC2ThrottledException', 'TransactionInProgressException', 'PriorRequestNotComplete']);
const REJECTED_CREDENTIALS = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'IncompleteSignature', 'MissingAuthenticationToken', 'InvalidAccessKeyId', 'AuthFailure', 'RequestExpired']);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'NotAuthorized', 'UnauthorizedOperation', 'AuthorizationError']);

/**
 * What an error the SDK threw means. The SDK names a service error after the `__type` of the
 * answer (a ThrottlingException arrives as a 400 whose name says so) and marks server faults;
 * credential-chain and network errors carry their own names and codes.
 */
function failureOf(error: unknown, operation: Operation, where: string, region: string, endpoint: string, secrets: readonly string[]): CallFailure & { retryable: boolean } {
  const e = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: unknown }; cause?: { code?: unknown } };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const message = clip(redact(typeof e.message === 'string' ? e.message : String(error), secrets));
  const code = [e.code, e.cause?.code].find((c): c is string => typeof c === 'string');
  const said = `answered ${name}${status ? ` (${status})` : ''}: ${message}`;
  const result = (kind: CallFailureKind, text: string, retryable: boolean) => ({ ok: false as const, kind, error: text, retryable });
  const action = `sagemaker:${operation}`;
  const resource = `arn:aws:sagemaker:${region}:<account>:endpoint/${endpoint.toLowerCase()}`;

  if (THROTTLING.has(name) || status === 429) return result('rate-limited', `${where} ${said}; AWS is throttling this account's SageMaker calls`, true);
  if (ACCESS_DENIED.has(name) || (status === 403 && !REJECTED_CREDENTIALS.has(name))) {
    return result('unauthorized', `${where} ${said}; grant the role or user Glidepath runs as IAM permission ${action} on ${resource}`, false);
  }
  if (REJECTED_CREDENTIALS.has(name)) return result('unauthorized', `${where} ${said}; AWS rejected the credentials: check the role Glidepath assumes (aws-actions/configure-aws-credentials) or the keys named in credentials`, false);
  if (name === 'CredentialsProviderError' || name === 'ProviderError') {
    return result('unauthorized', `${where}: no AWS credentials (${message}); in GitHub Actions add aws-actions/configure-aws-credentials with role-to-assume (OIDC) before Glidepath, or name the keys' variables under credentials`, false);
  }
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT' || code === 'ECONNABORTED') return result('timeout', `${where}: no answer in time`, true);
  if (name === 'ValidationException' || name === 'ResourceNotFound') {
    if (/could not find|not found|does not exist/i.test(message)) return result('not-found', `${where} ${said}; check the release target's key (the endpoint's name) and the provider's region`, false);
    if (/in[- ]progress|updating|being updated/i.test(message)) return result('conflict', `${where} ${said}; the endpoint is taking another change: wait until it is InService`, false);
    if (/variant/i.test(message)) return result('not-found', `${where} ${said}; check championVariant and challengerVariant in the release target against the endpoint's production variants`, false);
    return result('invalid', `${where} ${said}`, false);
  }
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) return result('unavailable', `${where} ${said}`, status !== 501);
  if (status === undefined && (code !== undefined || /ECONN|EPIPE|socket|network/i.test(message))) return result('unavailable', `${where}: no answer (${code ?? message})`, true);
  if (name === 'ResourceLimitExceeded') return result('invalid', `${where} ${said}; raise the SageMaker quota or lower the variants' capacity`, false);
  return result('invalid', `${where} ${said}`, false);
}

/** AWS messages may echo an access key id; ours never carry one, nor any known secret. */
function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(/\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '<access key id>');
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('<credential>');
  return out;
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MESSAGE_CHARS ? line : `${line.slice(0, MESSAGE_CHARS - 1)}…`;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
