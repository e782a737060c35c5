import module from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailure, CallOptions, CallResult } from '../../ports/call.js';
import type { ApiProvider, ApplyAnswer, PendingOperation, ProviderCapabilities, TrafficTarget } from '../../ports/traffic-provider.js';
import type { TrafficSplit } from '../../core/model/traffic-split.js';
import { requestJson, type HttpDeps, type HttpRequest } from '../http/http-json.js';

// Required, not imported: an ES import of node:fs builds its whole namespace, which loads streams,
// fs/promises and the file watchers, some 7 ms at every start of the CLI (decision 0014).
const requireBuiltin = module.createRequire(import.meta.url);
const { readFileSync } = requireBuiltin('node:fs') as typeof import('node:fs');

/** A glidepath.yaml provider entry of type `kserve` (schema: kserve.schema.json beside this file). */
export interface KServeProviderConfig {
  /** Name releases use in `spec.target.provider`. */
  readonly name: string;
  readonly type: 'kserve';
  readonly description?: string;
  /** The Kubernetes API server's URL, e.g. `https://203.0.113.10:6443`. */
  readonly apiServer: string;
  /** The environment variable holding a bearer token (a ServiceAccount token) that may get and patch InferenceServices. */
  readonly tokenEnv: string;
  /** The namespace of a target whose key names no namespace (default `default`). */
  readonly namespace?: string;
  /** A PEM file of the CA that signed the API server's certificate (relative to the repository root, or absolute). */
  readonly caFile?: string;
  /** The environment variable holding that CA as PEM text, for setups without a file. */
  readonly caDataEnv?: string;
}

export const kserveCapabilities: ProviderCapabilities = {
  // Knative splits requests between revisions; nothing mirrors them.
  shadow: 'none',
  // canaryTrafficPercent is by request, with no context to route on.
  segments: false,
  // canaryTrafficPercent is an integer percent.
  weightStep: 1,
  // A new percentage is served once Knative's route has the ready revision at it.
  settles: 'eventually',
  stickiness: 'per-request',
};

const GROUP_PATH = '/apis/serving.kserve.io/v1beta1';
/** A DNS-1123 label: Kubernetes names of namespaces and InferenceServices. */
const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** URI schemes of a predictor's storageUri: a challenger named by one is checked against the InferenceService. */
const STORAGE_URI = /^(gs|s3|pvc|hf|oci|https?|azureblob|hdfs|webhdfs):\/\//;

interface TrafficEntry {
  readonly revisionName?: string;
  readonly percent?: number;
  readonly latestRevision?: boolean;
  readonly tag?: string;
}

interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

interface InferenceService {
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly resourceVersion: string; readonly generation?: number };
  readonly spec: { readonly predictor: Record<string, unknown> & { readonly canaryTrafficPercent?: number } };
  readonly status?: {
    readonly observedGeneration?: number;
    readonly conditions?: readonly Condition[];
    readonly components?: {
      readonly predictor?: {
        readonly traffic?: readonly TrafficEntry[];
        readonly latestCreatedRevision?: string;
        readonly latestReadyRevision?: string;
      };
    };
  };
}

/** Where an InferenceService stands against a requested percentage. */
type Standing = { readonly state: 'served'; readonly split: TrafficSplit } | { readonly state: 'waiting'; readonly why: string } | { readonly state: 'failed'; readonly why: string };

/**
 * KServe InferenceServices (Serverless mode, on Knative) through the Kubernetes API. The release's
 * `target.key` names the InferenceService (`name` or `namespace/name`), whose predictor spec
 * already describes the challenger: KServe's newest revision is the challenger, the previously
 * rolled-out one the champion, and Glidepath steps `spec.predictor.canaryTrafficPercent` with a
 * JSON merge patch carrying the `metadata.resourceVersion` it read (a stale one answers 409).
 * What is served is read from `status.components.predictor.traffic`, so an apply is pending
 * until the newest revision is ready and Knative's route gives it the requested percent.
 */
export function createKServeProvider(config: KServeProviderConfig, deps: AdapterDeps & Partial<Pick<HttpDeps, 'sleep' | 'random'>>): Built<ApiProvider> {
  const entry = `providers[${config.name}]`;
  const token = deps.env[config.tokenEnv]?.trim();
  if (token === undefined || token === '') {
    return { ok: false, field: ['tokenEnv'], error: `${entry}: environment variable ${config.tokenEnv} (tokenEnv) is not set: add a ServiceAccount token to the workflow's env from a secret (docs/providers/kserve.md shows how to make one)` };
  }
  let base: URL;
  try {
    base = new URL(config.apiServer);
  } catch {
    return { ok: false, field: ['apiServer'], error: `${entry}: apiServer '${config.apiServer}' is not a URL; use the cluster's API server URL, e.g. https://203.0.113.10:6443` };
  }
  const loopback = base.hostname === '127.0.0.1' || base.hostname === 'localhost' || base.hostname === '[::1]';
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && loopback)) {
    return { ok: false, field: ['apiServer'], error: `${entry}: apiServer must use https (plain http only on loopback): the token would travel in the clear` };
  }
  const namespace = config.namespace ?? 'default';
  if (!LABEL.test(namespace)) return { ok: false, field: ['namespace'], error: `${entry}: namespace '${namespace}' is not a Kubernetes namespace name` };
  let ca: string | undefined;
  if (config.caDataEnv !== undefined) {
    ca = deps.env[config.caDataEnv];
    if (ca === undefined || !ca.includes('-----BEGIN CERTIFICATE-----')) {
      return { ok: false, field: ['caDataEnv'], error: `${entry}: environment variable ${config.caDataEnv} (caDataEnv) does not hold a PEM certificate; set it from a secret or variable holding the cluster's CA (base64-decoded certificate-authority-data)` };
    }
  } else if (config.caFile !== undefined) {
    const path = isAbsolute(config.caFile) ? config.caFile : resolve(deps.root, config.caFile);
    try {
      ca = readFileSync(path, 'utf8');
    } catch {
      return { ok: false, field: ['caFile'], error: `${entry}: caFile ${config.caFile} cannot be read; write the cluster's CA there before Glidepath runs, or use caDataEnv` };
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) return { ok: false, field: ['caFile'], error: `${entry}: caFile ${config.caFile} holds no PEM certificate` };
  }
  const root = base.href.replace(/\/+$/, '');
  const label = `kserve '${config.name}'`;
  const http: HttpDeps = { fetch: ca !== undefined && base.protocol === 'https:' ? fetchTrusting(ca) : deps.fetch, ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.random ? { random: deps.random } : {}) };
  const headers = { authorization: `Bearer ${token}` };

  function signalOf(options?: CallOptions): AbortSignal {
    return options?.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal;
  }

  function locate(key: string): CallResult<{ namespace: string; name: string; url: string; where: string }> {
    const parts = key.split('/');
    const [ns, name] = parts.length === 2 ? parts as [string, string] : [namespace, parts[0] ?? ''];
    if (parts.length > 2 || !LABEL.test(ns) || !LABEL.test(name)) {
      return { ok: false, kind: 'invalid', error: `${label}: target.key '${key}' is not an InferenceService name or namespace/name (lowercase letters, digits and '-')` };
    }
    return { ok: true, value: { namespace: ns, name, url: `${root}${GROUP_PATH}/namespaces/${ns}/inferenceservices/${name}`, where: `${label}: InferenceService ${ns}/${name}` } };
  }

  function explain(failure: CallFailure, where: string): CallFailure {
    let error = failure.error;
    if (failure.kind === 'not-found') error = `${where} does not exist (fix the release's target.key or the provider's namespace; is KServe installed?): ${error}`;
    if (failure.kind === 'unauthorized') error = `${error}; ${config.tokenEnv} must hold a current token of a ServiceAccount whose Role allows get and patch on inferenceservices.serving.kserve.io in the namespace`;
    return { ...failure, error: error.split(token as string).join('***') };
  }

  async function call(request: HttpRequest, where: string, options: CallOptions | undefined): Promise<CallResult<InferenceService>> {
    const answer = await requestJson<unknown>(http, { ...request, headers: { ...headers, ...request.headers } }, { label, signal: signalOf(options) });
    if (!answer.ok) return explain(answer, where);
    const problem = objectProblem(answer.value.body);
    if (problem !== undefined) return { ok: false, kind: 'invalid', error: `${where}: the answer is not an InferenceService (${problem})` };
    return { ok: true, value: answer.value.body as InferenceService };
  }

  /** What the InferenceService serves now: the share of its newest revision, from the status Knative's route reports. */
  function servedOf(isvc: InferenceService, where: string): CallResult<TrafficSplit> {
    const predictor = isvc.status?.components?.predictor;
    const traffic = predictor?.traffic;
    if (traffic === undefined || traffic.length === 0) {
      return { ok: false, kind: 'unavailable', error: `${where} reports no predictor traffic yet (not ready, or a RawDeployment, which has no canary split: use Serverless mode)` };
    }
    const total = traffic.reduce((sum, t) => sum + (t.percent ?? 0), 0);
    if (total !== 100) return { ok: false, kind: 'invalid', error: `${where}: status.components.predictor.traffic sums to ${total}, not 100, so what it serves is unknown` };
    const newest = predictor?.latestCreatedRevision;
    // The newest revision is the challenger; if it never became ready, Knative's "latest" entry points at an older one.
    const challenger = newest !== undefined ? traffic.filter((t) => t.revisionName === newest) : traffic.filter((t) => t.latestRevision === true);
    const weight = challenger.reduce((sum, t) => sum + (t.percent ?? 0), 0);
    return { ok: true, value: weight > 0 ? { mode: 'traffic', weight } : { mode: 'off', weight: 0 } };
  }

  function standingOf(isvc: InferenceService, weight: number, where: string): Standing {
    const status = isvc.status;
    const generation = isvc.metadata.generation;
    if (generation !== undefined && (status?.observedGeneration ?? 0) < generation) return { state: 'waiting', why: `the KServe controller has not yet observed generation ${generation}` };
    const failed = status?.conditions?.find((c) => (c.type === 'PredictorReady' || c.type === 'Ready') && c.status === 'False');
    const predictor = status?.components?.predictor;
    const newest = predictor?.latestCreatedRevision;
    if (failed !== undefined && weight > 0) {
      return { state: 'failed', why: `${where} is not ready (${failed.type}: ${failed.reason ?? 'no reason'}${failed.message ? `: ${failed.message}` : ''}); its newest revision ${newest ?? ''} cannot take traffic: fix the predictor or roll back` };
    }
    if (weight > 0 && newest !== undefined && predictor?.latestReadyRevision !== newest) return { state: 'waiting', why: `revision ${newest} is not ready yet` };
    const served = servedOf(isvc, where);
    if (!served.ok) return { state: 'waiting', why: served.error };
    if (served.value.weight !== weight) return { state: 'waiting', why: `the route serves the newest revision ${served.value.weight}%, ${weight}% requested` };
    return { state: 'served', split: served.value };
  }

  function answerOf(isvc: InferenceService, split: TrafficSplit, where: string, id: string): CallResult<ApplyAnswer> {
    const standing = standingOf(isvc, split.mode === 'traffic' ? split.weight : 0, where);
    if (standing.state === 'served') return { ok: true, value: { status: 'settled', split: standing.split } };
    if (standing.state === 'failed') return { ok: false, kind: 'unavailable', error: standing.why };
    return { ok: true, value: { status: 'pending', operation: { id, requested: split, status: standing.why } } };
  }

  async function read(target: TrafficTarget, options?: CallOptions): Promise<CallResult<TrafficSplit>> {
    const at = locate(target.key);
    if (!at.ok) return at;
    const isvc = await call({ url: at.value.url }, at.value.where, options);
    if (!isvc.ok) return isvc;
    return servedOf(isvc.value, at.value.where);
  }

  async function apply(target: TrafficTarget, split: TrafficSplit, options?: CallOptions): Promise<CallResult<ApplyAnswer>> {
    if (split.mode === 'shadow') return { ok: false, kind: 'invalid', error: `${label}: KServe cannot mirror requests to the canary, so shadow stages cannot run on it; drop the shadow stage` };
    if (split.segment !== undefined) return { ok: false, kind: 'invalid', error: `${label}: KServe cannot route a ring (segment): canaryTrafficPercent is by request only` };
    const weight = split.mode === 'traffic' ? split.weight : 0;
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) return { ok: false, kind: 'invalid', error: `${label}: weight ${weight} is not a whole percentage; canaryTrafficPercent is an integer` };
    const at = locate(target.key);
    if (!at.ok) return at;
    const { url, where } = at.value;
    const loaded = await call({ url }, where, options);
    if (!loaded.ok) return loaded;
    const uri = storageUriOf(loaded.value.spec.predictor);
    if (STORAGE_URI.test(target.challenger.model) && uri !== undefined && uri !== target.challenger.model) {
      return { ok: false, kind: 'invalid', error: `${where}'s predictor serves ${uri}, not the release's challenger ${target.challenger.model}; apply the challenger's predictor spec (with canaryTrafficPercent: 0) first` };
    }

    let current = loaded.value;
    if (percentOf(current) !== weight) {
      const patched = await call({
        method: 'PATCH',
        url,
        headers: { 'content-type': 'application/merge-patch+json' },
        body: { metadata: { resourceVersion: current.metadata.resourceVersion }, spec: { predictor: { canaryTrafficPercent: weight } } },
      }, where, options);
      if (patched.ok) {
        current = patched.value;
      } else if (patched.kind === 'conflict') {
        // Our own earlier attempt may have landed with its answer lost: only a percentage that still differs is someone else's change.
        const again = await call({ url }, where, options);
        if (!again.ok) return again;
        if (percentOf(again.value) !== weight) {
          return { ok: false, kind: 'conflict', error: `${where} changed between Glidepath's read and its write (its resourceVersion is stale); nothing was applied, the next tick reads it again` };
        }
        current = again.value;
      } else {
        return patched;
      }
    }
    return answerOf(current, split, where, `${at.value.namespace}/${at.value.name}@${current.metadata.generation ?? current.metadata.resourceVersion}`);
  }

  async function verify(target: TrafficTarget, operation: PendingOperation, options?: CallOptions): Promise<CallResult<ApplyAnswer>> {
    const at = locate(target.key);
    if (!at.ok) return at;
    const isvc = await call({ url: at.value.url }, at.value.where, options);
    if (!isvc.ok) return isvc;
    const requested = operation.requested.mode === 'traffic' ? operation.requested.weight : 0;
    const percent = percentOf(isvc.value);
    if (percent !== requested) {
      return { ok: false, kind: 'conflict', error: `${at.value.where}: canaryTrafficPercent is now ${percent}, not the ${requested} Glidepath applied; someone else changed it, the next tick reads it again` };
    }
    return answerOf(isvc.value, operation.requested, at.value.where, operation.id);
  }

  return { ok: true, value: { kind: 'api', type: 'kserve', capabilities: kserveCapabilities, read, apply, verify } };
}

/** The spec's canary percentage; without one KServe sends all traffic to the newest revision. */
function percentOf(isvc: InferenceService): number {
  return isvc.spec.predictor.canaryTrafficPercent ?? 100;
}

/** The predictor's model location: `model.storageUri` or a framework's (`sklearn.storageUri`, …). */
function storageUriOf(predictor: Record<string, unknown>): string | undefined {
  for (const value of Object.values(predictor)) {
    const uri = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)['storageUri'] : undefined;
    if (typeof uri === 'string') return uri;
  }
  return undefined;
}

function objectProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'not an object';
  const record = value as { metadata?: Record<string, unknown>; spec?: { predictor?: unknown } };
  if (typeof record.metadata?.['name'] !== 'string' || typeof record.metadata['resourceVersion'] !== 'string') return 'no metadata.name or metadata.resourceVersion';
  if (record.spec?.predictor === null || typeof record.spec?.predictor !== 'object') return 'no spec.predictor';
  const percent = (record.spec.predictor as Record<string, unknown>)['canaryTrafficPercent'];
  if (percent !== undefined && !(Number.isInteger(percent) && (percent as number) >= 0 && (percent as number) <= 100)) return 'spec.predictor.canaryTrafficPercent is not a percentage';
  return undefined;
}

/**
 * A fetch for an API server whose certificate a private CA signed. Node's fetch takes no CA, so
 * this one sends the request with node:https and answers a standard Response.
 */
function fetchTrusting(ca: string): typeof globalThis.fetch {
  // Imported on first use: node:https brings TLS and HTTP with it, which costs every command's start-up otherwise.
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const { request: httpsRequest } = await import('node:https');
    return new Promise<Response>((done, fail) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      const req = httpsRequest(url, { method: init?.method ?? 'GET', headers: Object.fromEntries(new Headers(init?.headers).entries()), ca, ...(init?.signal ? { signal: init.signal } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
          const status = res.statusCode ?? 502;
          done(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers }));
        });
      });
      req.on('error', fail);
      if (typeof init?.body === 'string') req.write(init.body);
      req.end();
    });
  }) as typeof globalThis.fetch;
}
