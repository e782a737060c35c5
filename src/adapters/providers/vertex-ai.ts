import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailure, CallOptions, CallResult } from '../../ports/call.js';
import type { ApiProvider, ApplyAnswer, ProviderCapabilities, TrafficTarget } from '../../ports/traffic-provider.js';
import type { TrafficSplit } from '../../core/model/traffic-split.js';
import type { Bundle } from '../../core/model/index.js';
import { requestJson, type HttpDeps, type HttpRequest } from '../http/http-json.js';

/** A glidepath.yaml provider entry of type `vertex-ai` (schema: vertex-ai.schema.json beside this file). */
export interface VertexAiProviderConfig {
  /** Name releases use in `spec.target.provider`. */
  readonly name: string;
  readonly type: 'vertex-ai';
  readonly description?: string;
  /** The Google Cloud project the endpoints live in (id or number). */
  readonly project: string;
  /** The region the endpoints live in, e.g. `us-central1`; the API is called at its regional host. */
  readonly location: string;
  /** The environment variable holding an OAuth 2.0 access token (google-github-actions/auth's `access_token` output). */
  readonly accessTokenEnv: string;
  /** Another API host (a Private Service Connect endpoint); default `https://{location}-aiplatform.googleapis.com`. */
  readonly apiEndpoint?: string;
}

export const vertexAiCapabilities: ProviderCapabilities = {
  // An endpoint sends each request to one deployed model; it cannot mirror.
  shadow: 'none',
  // trafficSplit is by request, with no context to route on.
  segments: false,
  // trafficSplit values are integer percentages.
  weightStep: 1,
  // endpoints.patch answers the updated Endpoint, not a long-running operation.
  settles: 'now',
  stickiness: 'per-request',
};

interface DeployedModel {
  readonly id: string;
  readonly model?: string;
  readonly modelVersionId?: string;
  readonly displayName?: string;
}

interface Endpoint {
  readonly name: string;
  readonly etag?: string;
  readonly deployedModels: readonly DeployedModel[];
  readonly trafficSplit: Readonly<Record<string, number>>;
}

/** The two deployed models a release moves traffic between, by their deployed-model ids. */
interface Arms {
  readonly champion: string;
  readonly challenger: string;
}

const NAME_PATTERN = /^projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/]+$/;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Vertex AI online-prediction endpoints through the REST API v1. The release's `target.key` names
 * the endpoint (its id, or its full resource name); the champion and the challenger are two
 * models deployed on it, found by each bundle's `model`: the deployed-model id, or the Model's
 * resource name (with or without `@version`), or the Model's id. Glidepath writes the endpoint's
 * whole `trafficSplit` (champion 100−w, challenger w) with `endpoints.patch`, carrying the `etag`
 * it read so a concurrent change loses nothing, and refuses an endpoint where a third deployed
 * model takes traffic (its share would be taken over silently).
 */
export function createVertexAiProvider(config: VertexAiProviderConfig, deps: AdapterDeps & Partial<Pick<HttpDeps, 'sleep' | 'random'>>): Built<ApiProvider> {
  const entry = `providers[${config.name}]`;
  const token = deps.env[config.accessTokenEnv]?.trim();
  if (token === undefined || token === '') {
    return { ok: false, field: ['accessTokenEnv'], error: `${entry}: environment variable ${config.accessTokenEnv} (accessTokenEnv) is not set: run google-github-actions/auth with token_format: access_token before Glidepath and pass its access_token output in the step's env` };
  }
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(config.location)) {
    return { ok: false, field: ['location'], error: `${entry}: location '${config.location}' is not a Google Cloud region such as us-central1` };
  }
  let base: URL;
  try {
    base = new URL(config.apiEndpoint ?? `https://${config.location}-aiplatform.googleapis.com`);
  } catch {
    return { ok: false, field: ['apiEndpoint'], error: `${entry}: apiEndpoint '${config.apiEndpoint}' is not a URL` };
  }
  const loopback = base.hostname === '127.0.0.1' || base.hostname === 'localhost' || base.hostname === '[::1]';
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && loopback)) {
    return { ok: false, field: ['apiEndpoint'], error: `${entry}: apiEndpoint must use https (plain http only on loopback): the access token would travel in the clear` };
  }
  const root = base.href.replace(/\/+$/, '');
  const label = `vertex-ai '${config.name}'`;
  const http: HttpDeps = { fetch: deps.fetch, ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.random ? { random: deps.random } : {}) };
  const headers = { authorization: `Bearer ${token}` };

  function signalOf(options?: CallOptions): AbortSignal {
    return options?.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal;
  }

  /** The endpoint's resource name for a target key: an id below the configured project and location, or a full name in that location. */
  function nameOf(key: string): CallResult<string> {
    if (NAME_PATTERN.test(key)) {
      const location = key.split('/')[3];
      if (location !== config.location) return { ok: false, kind: 'invalid', error: `${label}: target.key '${key}' is in location ${location}, but the provider calls ${config.location}'s regional API; use a provider entry for ${location}` };
      return { ok: true, value: key };
    }
    if (!ID_PATTERN.test(key)) return { ok: false, kind: 'invalid', error: `${label}: target.key '${key}' is neither an endpoint id nor projects/{project}/locations/{location}/endpoints/{endpoint}` };
    return { ok: true, value: `projects/${config.project}/locations/${config.location}/endpoints/${key}` };
  }

  /** A failure a person must act on, with what to fix; never the token, even when a server echoes it. */
  function explain(failure: CallFailure, name: string): CallFailure {
    let error = failure.error;
    if (failure.kind === 'not-found') error = `${label}: endpoint ${name} does not exist (fix the release's target.key or the provider's project/location): ${error}`;
    if (failure.kind === 'unauthorized') error = `${error}; ${config.accessTokenEnv} must hold a current access token (they expire after an hour) of an identity with aiplatform.endpoints.get and aiplatform.endpoints.update on project ${config.project} (roles/aiplatform.user)`;
    return { ...failure, error: error.split(token as string).join('***') };
  }

  async function call<T>(request: HttpRequest, name: string, options: CallOptions | undefined): Promise<CallResult<T>> {
    const answer = await requestJson<T>(http, { ...request, headers }, { label, signal: signalOf(options) });
    return answer.ok ? { ok: true, value: answer.value.body } : explain(answer, name);
  }

  async function load(name: string, options?: CallOptions): Promise<CallResult<Endpoint>> {
    const answer = await call<unknown>({ url: `${root}/v1/${name}` }, name, options);
    if (!answer.ok) return answer;
    return endpointOf(answer.value, name);
  }

  function endpointOf(value: unknown, name: string): CallResult<Endpoint> {
    const problem = endpointProblem(value);
    if (problem !== undefined) return { ok: false, kind: 'invalid', error: `${label}: endpoint ${name}: the answer is not an Endpoint (${problem})` };
    const raw = value as { name: string; etag?: string; deployedModels?: DeployedModel[]; trafficSplit?: Record<string, number> };
    return { ok: true, value: { name: raw.name, ...(raw.etag !== undefined ? { etag: raw.etag } : {}), deployedModels: raw.deployedModels ?? [], trafficSplit: raw.trafficSplit ?? {} } };
  }

  function armsOf(endpoint: Endpoint, target: TrafficTarget): CallResult<Arms> {
    const champion = deployedModelFor(endpoint, target.champion);
    if (!champion.ok) return champion;
    const challenger = deployedModelFor(endpoint, target.challenger);
    if (!challenger.ok) return challenger;
    if (champion.value === challenger.value) return { ok: false, kind: 'invalid', error: `${label}: endpoint ${endpoint.name}: the champion and the challenger are the same deployed model ${champion.value}; name each by its deployed-model id` };
    return { ok: true, value: { champion: champion.value, challenger: challenger.value } };
  }

  function deployedModelFor(endpoint: Endpoint, bundle: Bundle): CallResult<string> {
    const byId = endpoint.deployedModels.filter((d) => d.id === bundle.model);
    const matches = byId.length > 0 ? byId : endpoint.deployedModels.filter((d) => servesModel(d, bundle.model));
    const ids = endpoint.deployedModels.map((d) => d.id).join(', ') || 'none';
    if (matches.length === 0) return { ok: false, kind: 'invalid', error: `${label}: endpoint ${endpoint.name} has no deployed model for '${bundle.model}' (deployed: ${ids}); deploy it first, or set the bundle's model to a deployed-model id` };
    if (matches.length > 1) return { ok: false, kind: 'invalid', error: `${label}: endpoint ${endpoint.name} deploys '${bundle.model}' more than once (${matches.map((d) => d.id).join(', ')}); set the bundle's model to one deployed-model id` };
    return { ok: true, value: (matches[0] as DeployedModel).id };
  }

  function splitOf(endpoint: Endpoint, arms: Arms): CallResult<TrafficSplit> {
    const others = Object.entries(endpoint.trafficSplit).filter(([id, percent]) => id !== arms.champion && id !== arms.challenger && percent > 0);
    if (others.length > 0) {
      return { ok: false, kind: 'invalid', error: `${label}: endpoint ${endpoint.name} sends traffic to deployed models that are neither champion nor challenger (${others.map(([id, p]) => `${id}: ${p}%`).join(', ')}); move it to the champion or undeploy them so the split is the release's alone` };
    }
    const weight = endpoint.trafficSplit[arms.challenger] ?? 0;
    const total = weight + (endpoint.trafficSplit[arms.champion] ?? 0);
    if (total !== 100) return { ok: false, kind: 'invalid', error: `${label}: endpoint ${endpoint.name}'s trafficSplit sums to ${total}, not 100, so what it serves is unknown` };
    return { ok: true, value: weight > 0 ? { mode: 'traffic', weight } : { mode: 'off', weight: 0 } };
  }

  async function read(target: TrafficTarget, options?: CallOptions): Promise<CallResult<TrafficSplit>> {
    const name = nameOf(target.key);
    if (!name.ok) return name;
    const endpoint = await load(name.value, options);
    if (!endpoint.ok) return endpoint;
    const arms = armsOf(endpoint.value, target);
    if (!arms.ok) return arms;
    return splitOf(endpoint.value, arms.value);
  }

  async function apply(target: TrafficTarget, split: TrafficSplit, options?: CallOptions): Promise<CallResult<ApplyAnswer>> {
    if (split.mode === 'shadow') return { ok: false, kind: 'invalid', error: `${label}: a Vertex AI endpoint cannot mirror requests, so shadow stages cannot run on it; drop the shadow stage or use a provider with shadow support` };
    if (split.segment !== undefined) return { ok: false, kind: 'invalid', error: `${label}: a Vertex AI endpoint cannot route a ring (segment): trafficSplit is by request only` };
    const weight = split.mode === 'traffic' ? split.weight : 0;
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) return { ok: false, kind: 'invalid', error: `${label}: weight ${weight} is not a whole percentage; Vertex AI stores trafficSplit in whole percent` };
    const name = nameOf(target.key);
    if (!name.ok) return name;
    const loaded = await load(name.value, options);
    if (!loaded.ok) return loaded;
    const arms = armsOf(loaded.value, target);
    if (!arms.ok) return arms;
    const current = splitOf(loaded.value, arms.value);
    if (!current.ok) return current;
    const desired = { [arms.value.champion]: 100 - weight, [arms.value.challenger]: weight };
    if (sameSplit(loaded.value.trafficSplit, desired)) return { ok: true, value: { status: 'settled', split: current.value } };

    const endpointName = loaded.value.name;
    const patched = await call<unknown>({
      method: 'PATCH',
      url: `${root}/v1/${endpointName}?updateMask=trafficSplit`,
      body: { trafficSplit: desired, ...(loaded.value.etag !== undefined ? { etag: loaded.value.etag } : {}) },
    }, endpointName, options);

    let after: CallResult<Endpoint>;
    if (patched.ok) {
      after = endpointOf(patched.value, endpointName);
    } else if (isStale(patched)) {
      // Our own earlier attempt may have landed with its answer lost: only a split that still differs is someone else's change.
      after = await load(name.value, options);
      if (after.ok && !sameSplit(after.value.trafficSplit, desired)) {
        return { ok: false, kind: 'conflict', error: `${label}: endpoint ${endpointName} changed between Glidepath's read and its write (its etag is stale); nothing was applied, the next tick reads it again` };
      }
    } else {
      return patched;
    }
    if (after.ok && !sameSplit(after.value.trafficSplit, desired)) after = await load(name.value, options);
    if (!after.ok) return after;
    const served = splitOf(after.value, arms.value);
    if (!served.ok) return served;
    if (!sameSplit(after.value.trafficSplit, desired)) {
      return { ok: false, kind: 'conflict', error: `${label}: endpoint ${endpointName} reads back ${describe(served.value)} after applying ${describe(split)}; someone else changed it, the next tick reads it again` };
    }
    return { ok: true, value: { status: 'settled', split: served.value } };
  }

  return { ok: true, value: { kind: 'api', type: 'vertex-ai', capabilities: vertexAiCapabilities, read, apply } };
}

/** A stale etag: ABORTED (409), a failed precondition (412), or a 400 FAILED_PRECONDITION about the etag. */
function isStale(failure: CallFailure): boolean {
  return failure.kind === 'conflict' || (failure.kind === 'invalid' && /etag/i.test(failure.error));
}

/** Whether a deployed model serves a Model named by resource name (`projects/…/models/123`, with or without `@version`) or by id (`123`, `123@2`). */
function servesModel(deployed: DeployedModel, model: string): boolean {
  if (deployed.model === undefined) return false;
  const [resource, version] = deployed.model.split('@') as [string, string | undefined];
  const versioned = `${resource}@${version ?? deployed.modelVersionId ?? ''}`;
  const id = resource.split('/').at(-1) ?? '';
  return model === deployed.model || model === resource || model === versioned || model === id || model === `${id}@${version ?? deployed.modelVersionId ?? ''}`;
}

/** Two traffic splits are the same when every deployed model gets the same share (an unlisted one gets none). */
function sameSplit(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const ids = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...ids].every((id) => (a[id] ?? 0) === (b[id] ?? 0));
}

function endpointProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'not an object';
  const record = value as Record<string, unknown>;
  if (typeof record['name'] !== 'string' || !NAME_PATTERN.test(record['name'])) return '`name` is not an endpoint resource name';
  if (record['etag'] !== undefined && typeof record['etag'] !== 'string') return '`etag` is not a string';
  const deployed = record['deployedModels'];
  if (deployed !== undefined && !(Array.isArray(deployed) && deployed.every((d) => d !== null && typeof d === 'object' && typeof (d as Record<string, unknown>)['id'] === 'string'))) return '`deployedModels` is not a list of deployed models with ids';
  const split = record['trafficSplit'];
  if (split !== undefined && (split === null || typeof split !== 'object' || !Object.values(split).every((p) => Number.isInteger(p) && (p as number) >= 0 && (p as number) <= 100))) return '`trafficSplit` is not a map of percentages';
  return undefined;
}

function describe(split: TrafficSplit): string {
  return split.mode === 'traffic' ? `traffic ${split.weight}%` : split.mode;
}
