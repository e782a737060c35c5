import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailure, CallOptions, CallResult } from '../../ports/call.js';
import type { ApiProvider, ApplyAnswer, PendingOperation, ProviderCapabilities, TrafficTarget } from '../../ports/traffic-provider.js';
import type { TrafficSplit } from '../../core/model/traffic-split.js';
import { requestJson, type HttpDeps, type HttpRequest } from '../http/http-json.js';

/** A glidepath.yaml provider entry of type `azure-ml` (schema: azure-ml.schema.json beside this file). */
export interface AzureMlProviderConfig {
  /** Name releases use in `spec.target.provider`. */
  readonly name: string;
  readonly type: 'azure-ml';
  readonly description?: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  /** The Azure Machine Learning workspace (or Azure AI Foundry hub project) the endpoints live in. */
  readonly workspace: string;
  /** The environment variable holding an ARM access token (audience https://management.azure.com). */
  readonly accessTokenEnv: string;
  /** Another Resource Manager host: a sovereign cloud's (`https://management.usgovcloudapi.net`) or a test server. */
  readonly armEndpoint?: string;
}

/** What a release's `target` names on an Azure ML provider, beside `key` (the endpoint's name). */
export interface AzureMlTargetFields {
  readonly championDeployment: string;
  readonly challengerDeployment: string;
  /** Percent of requests copied to the challenger during a shadow stage (1–50; default 10). */
  readonly mirrorPercent?: number;
}

export const ARM_ENDPOINT = 'https://management.azure.com';
export const AZURE_ML_API_VERSION = '2024-04-01';
/** Azure refuses `mirrorTraffic` summing to more than this. */
export const MAX_MIRROR_PERCENT = 50;
const DEFAULT_MIRROR_PERCENT = 10;

export const azureMlCapabilities: ProviderCapabilities = {
  // The endpoint copies `mirrorTraffic` percent of requests to a deployment and discards its answers.
  shadow: 'native',
  segments: false,
  // `traffic` and `mirrorTraffic` values are integers.
  weightStep: 1,
  // Every change is an ARM long-running operation.
  settles: 'eventually',
  // The endpoint draws a deployment for each request.
  stickiness: 'per-request',
};

interface Endpoint {
  location: string;
  kind?: string;
  identity?: { type: string; userAssignedIdentities?: Record<string, unknown> | null };
  sku?: Record<string, unknown>;
  tags?: Record<string, string>;
  properties: {
    authMode: string;
    description?: string;
    compute?: string;
    publicNetworkAccess?: string;
    properties?: Record<string, string>;
    traffic?: Record<string, number> | null;
    mirrorTraffic?: Record<string, number> | null;
    provisioningState?: string;
  };
}

/** Resource Manager's states of a resource or an operation that end it; the rest mean it is under way. */
const DONE = new Set(['Succeeded', 'Failed', 'Canceled']);

/**
 * Azure Machine Learning / Azure AI Foundry managed online endpoints through Azure Resource
 * Manager. The endpoint's `traffic` map gives the champion deployment 100 − w and the challenger w
 * percent; a shadow stage sets the challenger's `mirrorTraffic` instead, and the endpoint copies
 * that share of requests to it, discarding its answers. The Swagger's PATCH takes only tags, sku
 * and identity, so a change is a PUT of the whole endpoint as read, with only the two maps changed;
 * Resource Manager answers it as a long-running operation, which `verify` polls until it ends.
 * The endpoint routes each request on its own, so a user does not stay on one arm (docs say how to
 * pin one with the `azureml-model-deployment` header).
 */
export function createAzureMlProvider(config: AzureMlProviderConfig, deps: AdapterDeps & Partial<Pick<HttpDeps, 'sleep' | 'random'>>): Built<ApiProvider> {
  const entry = `providers[${config.name}]`;
  const token = deps.env[config.accessTokenEnv];
  if (token === undefined || token.trim() === '') {
    return { ok: false, field: ['accessTokenEnv'], error: `${entry}: environment variable ${config.accessTokenEnv} (accessTokenEnv) is not set: after azure/login, add a step that sets it from \`az account get-access-token --resource https://management.azure.com --query accessToken -o tsv\`` };
  }
  let arm: URL;
  try {
    arm = new URL(config.armEndpoint ?? ARM_ENDPOINT);
  } catch {
    return { ok: false, field: ['armEndpoint'], error: `${entry}: armEndpoint '${config.armEndpoint}' is not a URL; leave it out to use ${ARM_ENDPOINT}` };
  }
  const loopback = arm.hostname === '127.0.0.1' || arm.hostname === 'localhost' || arm.hostname === '[::1]';
  if (arm.protocol !== 'https:' && !(arm.protocol === 'http:' && loopback)) {
    return { ok: false, field: ['armEndpoint'], error: `${entry}: armEndpoint must use https (plain http only on loopback): the token would travel in the clear` };
  }
  const label = `azure-ml '${config.name}'`;
  const http: HttpDeps = { fetch: deps.fetch, ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.random ? { random: deps.random } : {}) };
  const secret = token.trim();
  const headers = { authorization: `Bearer ${secret}` };
  const workspacePath = `/subscriptions/${encodeURIComponent(config.subscriptionId)}/resourceGroups/${encodeURIComponent(config.resourceGroup)}/providers/Microsoft.MachineLearningServices/workspaces/${encodeURIComponent(config.workspace)}`;
  const endpointUrl = (name: string): string => `${arm.origin}${workspacePath}/onlineEndpoints/${encodeURIComponent(name)}?api-version=${AZURE_ML_API_VERSION}`;
  const where = (name: string): string => `${label}: endpoint '${name}' in workspace '${config.workspace}'`;

  function signalOf(options?: CallOptions): AbortSignal {
    return options?.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal;
  }

  async function call<T>(request: HttpRequest, options: CallOptions | undefined): Promise<CallResult<{ status: number; body: T; headers: Headers }>> {
    const answer = await requestJson<T>(http, { ...request, headers }, { label, signal: signalOf(options) });
    // requestJson hides the header's whole value (`Bearer …`); a server echoing the bare token must not show it either.
    return answer.ok ? answer : { ...answer, error: answer.error.split(secret).join('***') };
  }

  function explain(failure: CallFailure, name: string): CallFailure {
    if (failure.kind === 'not-found') return { ...failure, error: `${where(name)} does not exist (fix the release's target.key, or the provider's subscriptionId, resourceGroup or workspace): ${failure.error}` };
    if (failure.kind === 'unauthorized') {
      return { ...failure, error: `${failure.error}; ${config.accessTokenEnv} must hold a current Resource Manager token (they last about an hour: fetch it in the same job) of an identity with Microsoft.MachineLearningServices/workspaces/onlineEndpoints/read and /write on workspace '${config.workspace}', e.g. the AzureML Data Scientist role` };
    }
    if (failure.kind === 'conflict') return { ...failure, error: `${failure.error} (another change to the endpoint is under way; the next tick reads it again)` };
    return failure;
  }

  function deploymentsOf(target: TrafficTarget): CallResult<{ champion: string; challenger: string; mirror: number }> {
    const fields = target.fields ?? {};
    const champion = fields['championDeployment'];
    const challenger = fields['challengerDeployment'];
    const mirror = fields['mirrorPercent'] ?? DEFAULT_MIRROR_PERCENT;
    if (typeof champion !== 'string' || typeof challenger !== 'string' || champion === challenger) {
      return { ok: false, kind: 'invalid', error: `${label}: release ${target.release} must name two different deployments of endpoint '${target.key}' in its target: championDeployment and challengerDeployment` };
    }
    if (typeof mirror !== 'number' || !Number.isInteger(mirror) || mirror < 1 || mirror > MAX_MIRROR_PERCENT) {
      return { ok: false, kind: 'invalid', error: `${label}: release ${target.release}'s target.mirrorPercent ${JSON.stringify(mirror)} must be a whole number from 1 to ${MAX_MIRROR_PERCENT} (Azure mirrors at most ${MAX_MIRROR_PERCENT}%)` };
    }
    return { ok: true, value: { champion, challenger, mirror } };
  }

  async function load(name: string, options?: CallOptions): Promise<CallResult<Endpoint>> {
    const answer = await call<unknown>({ url: endpointUrl(name) }, options);
    if (!answer.ok) return explain(answer, name);
    const problem = endpointProblem(answer.value.body);
    if (problem !== undefined) return { ok: false, kind: 'invalid', error: `${where(name)}: the answer is not an online endpoint (${problem})` };
    return { ok: true, value: answer.value.body as Endpoint };
  }

  /** The split the endpoint's maps say, with the challenger's mirror share, or why they leave it unknown. */
  function splitOf(name: string, endpoint: Endpoint, champion: string, challenger: string): CallResult<{ split: TrafficSplit; mirror: number }> {
    const traffic = endpoint.properties.traffic ?? {};
    const mirrors = endpoint.properties.mirrorTraffic ?? {};
    const strangers = [...Object.entries(traffic), ...Object.entries(mirrors)].filter(([d, v]) => d !== champion && d !== challenger && v > 0).map(([d]) => d);
    if (strangers.length > 0) {
      return { ok: false, kind: 'invalid', error: `${where(name)} sends traffic to deployments outside this release (${[...new Set(strangers)].join(', ')}); set their traffic and mirror traffic to 0 so only '${champion}' and '${challenger}' serve` };
    }
    if ((mirrors[champion] ?? 0) > 0) return { ok: false, kind: 'invalid', error: `${where(name)} mirrors traffic to the champion '${champion}'; set its mirror traffic to 0` };
    const weight = traffic[challenger] ?? 0;
    const total = weight + (traffic[champion] ?? 0);
    if (total !== 100) return { ok: false, kind: 'invalid', error: `${where(name)}: '${champion}' and '${challenger}' take ${total}% of its traffic, not 100%; set them to sum to 100` };
    const mirror = mirrors[challenger] ?? 0;
    if (weight > 0) return { ok: true, value: { split: { mode: 'traffic', weight }, mirror } };
    return { ok: true, value: { split: mirror > 0 ? { mode: 'shadow', weight: 0 } : { mode: 'off', weight: 0 }, mirror } };
  }

  async function read(target: TrafficTarget, options?: CallOptions): Promise<CallResult<TrafficSplit>> {
    const names = deploymentsOf(target);
    if (!names.ok) return names;
    const endpoint = await load(target.key, options);
    if (!endpoint.ok) return endpoint;
    const served = splitOf(target.key, endpoint.value, names.value.champion, names.value.challenger);
    return served.ok ? { ok: true, value: served.value.split } : served;
  }

  /** The maps that serve `split`, and the mirror share that goes with it. */
  function desiredOf(split: TrafficSplit, names: { champion: string; challenger: string; mirror: number }): CallResult<{ traffic: Record<string, number>; mirror: number }> {
    if (split.segment !== undefined) return { ok: false, kind: 'invalid', error: `${label}: rings (a stage's segment) are not supported on Azure ML endpoints; drop the segment` };
    if (split.mode === 'shadow') {
      const mirror = split.weight > 0 ? split.weight : names.mirror;
      if (!(Number.isInteger(mirror) && mirror <= MAX_MIRROR_PERCENT)) return { ok: false, kind: 'invalid', error: `${label}: a shadow stage may mirror at most ${MAX_MIRROR_PERCENT}% in whole percent (Azure's mirrorTraffic limit), not ${mirror}%` };
      return { ok: true, value: { traffic: { [names.champion]: 100, [names.challenger]: 0 }, mirror } };
    }
    const weight = split.mode === 'traffic' ? split.weight : 0;
    if (!(Number.isInteger(weight) && weight >= 0 && weight <= 100)) return { ok: false, kind: 'invalid', error: `${label}: weight ${weight} is not a whole percentage; Azure endpoint traffic is set in whole percent` };
    return { ok: true, value: { traffic: { [names.champion]: 100 - weight, [names.challenger]: weight }, mirror: 0 } };
  }

  async function apply(target: TrafficTarget, split: TrafficSplit, options?: CallOptions): Promise<CallResult<ApplyAnswer>> {
    const names = deploymentsOf(target);
    if (!names.ok) return names;
    const desired = desiredOf(split, names.value);
    if (!desired.ok) return desired;
    const loaded = await load(target.key, options);
    if (!loaded.ok) return loaded;
    const endpoint = loaded.value;
    const state = endpoint.properties.provisioningState ?? 'Succeeded';
    if (!DONE.has(state)) return { ok: false, kind: 'conflict', error: `${where(target.key)} is ${state}: another change is under way; the next tick reads it again` };
    const current = splitOf(target.key, endpoint, names.value.champion, names.value.challenger);
    if (!current.ok) return current;
    if (state === 'Succeeded' && sameServing(current.value, split, desired.value.mirror)) return { ok: true, value: { status: 'settled', split: current.value.split } };

    // Every other deployment named in the maps is at 0 (splitOf refused otherwise) and stays listed at 0.
    const traffic = { ...Object.fromEntries(Object.keys(endpoint.properties.traffic ?? {}).map((d) => [d, 0])), ...desired.value.traffic };
    const mirrorTraffic = desired.value.mirror > 0 ? { [names.value.challenger]: desired.value.mirror } : {};
    const body = putBodyOf(endpoint, traffic, mirrorTraffic);
    const put = await call<unknown>({ method: 'PUT', url: endpointUrl(target.key), body }, options);
    if (!put.ok) return explain(put, target.key);
    const operation = put.value.headers.get('azure-asyncoperation') ?? put.value.headers.get('location');
    if (operation !== null) {
      const provisioning = (put.value.body as Partial<Endpoint> | undefined)?.properties?.provisioningState;
      return { ok: true, value: { status: 'pending', operation: { id: operation, requested: split, status: `endpoint ${provisioning ?? 'Updating'}` } } };
    }
    return settle(target, split, names.value, `the endpoint's own state (no operation URL)`, options);
  }

  /** Reads the endpoint after its operation ended, and answers settled only when it serves what was asked. */
  async function settle(target: TrafficTarget, split: TrafficSplit, names: { champion: string; challenger: string; mirror: number }, via: string, options?: CallOptions): Promise<CallResult<ApplyAnswer>> {
    const back = await load(target.key, options);
    if (!back.ok) return back;
    const state = back.value.properties.provisioningState ?? 'Succeeded';
    if (!DONE.has(state)) return { ok: true, value: { status: 'pending', operation: { id: endpointUrl(target.key), requested: split, status: `endpoint ${state}` } } };
    const served = splitOf(target.key, back.value, names.champion, names.challenger);
    if (!served.ok) return served;
    if (state !== 'Succeeded') return { ok: false, kind: 'unavailable', error: `${where(target.key)} is ${state} after the change (${via}); it serves ${describe(served.value.split)}` };
    const desired = desiredOf(split, names);
    if (!desired.ok) return desired;
    if (!sameServing(served.value, split, desired.value.mirror)) {
      return { ok: false, kind: 'conflict', error: `${where(target.key)}: read back ${describe(served.value.split)}${served.value.mirror > 0 ? ` mirroring ${served.value.mirror}%` : ''} after applying ${describe(split)}; someone else changed it, the next tick reads it again` };
    }
    return { ok: true, value: { status: 'settled', split: served.value.split } };
  }

  async function verify(target: TrafficTarget, operation: PendingOperation, options?: CallOptions): Promise<CallResult<ApplyAnswer>> {
    const names = deploymentsOf(target);
    if (!names.ok) return names;
    let url: URL;
    try {
      url = new URL(operation.id);
    } catch {
      return { ok: false, kind: 'invalid', error: `${label}: the recorded operation '${operation.id}' is not a URL` };
    }
    // The token goes only to the Resource Manager host it was issued for.
    if (url.origin !== arm.origin) return { ok: false, kind: 'invalid', error: `${label}: the recorded operation is on ${url.origin}, not ${arm.origin}; Glidepath does not send the token there` };
    const answer = await call<unknown>({ url: url.href }, options);
    // Resource Manager keeps operation records for a limited time: once gone, the endpoint itself says how the change ended.
    if (!answer.ok && answer.kind === 'not-found') return settle(target, operation.requested, names.value, 'operation record gone', options);
    if (!answer.ok) return explain(answer, target.key);
    const pending = (status: string): CallResult<ApplyAnswer> => ({ ok: true, value: { status: 'pending', operation: { ...operation, status } } });
    if (answer.value.status === 202) return pending('operation InProgress');
    const body = answer.value.body as { status?: unknown; error?: { code?: unknown; message?: unknown }; properties?: { provisioningState?: unknown } } | undefined;
    const status = typeof body?.status === 'string' ? body.status : typeof body?.properties?.provisioningState === 'string' ? body.properties.provisioningState : 'Succeeded';
    if (!DONE.has(status)) return pending(`operation ${status}`);
    if (status === 'Succeeded') return settle(target, operation.requested, names.value, 'operation Succeeded', options);
    const reason = body?.error && typeof body.error.message === 'string' ? `: ${String(body.error.code ?? 'Error')}: ${body.error.message.replace(/\s+/g, ' ').slice(0, 300)}` : '';
    const now = await read(target, options);
    const serves = now.ok ? `it serves ${describe(now.value)}` : `what it serves is unknown (${now.error})`;
    return { ok: false, kind: status === 'Canceled' ? 'conflict' : 'unavailable', error: `${where(target.key)}: the traffic change ${status}${reason}; ${serves}` };
  }

  return { ok: true, value: { kind: 'api', type: 'azure-ml', capabilities: azureMlCapabilities, read, apply, verify } };
}

/** The endpoint as read, minus what Resource Manager computes, with the two maps replaced: a PUT replaces the whole resource. */
function putBodyOf(endpoint: Endpoint, traffic: Record<string, number>, mirrorTraffic: Record<string, number>): Record<string, unknown> {
  const { authMode, description, compute, publicNetworkAccess, properties } = endpoint.properties;
  const identity = endpoint.identity
    ? { type: endpoint.identity.type, ...(endpoint.identity.userAssignedIdentities ? { userAssignedIdentities: Object.fromEntries(Object.keys(endpoint.identity.userAssignedIdentities).map((id) => [id, {}])) } : {}) }
    : undefined;
  return {
    location: endpoint.location,
    ...(endpoint.kind !== undefined ? { kind: endpoint.kind } : {}),
    ...(identity ? { identity } : {}),
    ...(endpoint.sku ? { sku: endpoint.sku } : {}),
    ...(endpoint.tags ? { tags: endpoint.tags } : {}),
    properties: {
      authMode,
      ...(description !== undefined && description !== null ? { description } : {}),
      ...(compute !== undefined && compute !== null ? { compute } : {}),
      ...(publicNetworkAccess !== undefined && publicNetworkAccess !== null ? { publicNetworkAccess } : {}),
      ...(properties ? { properties } : {}),
      traffic,
      mirrorTraffic,
    },
  };
}

function sameServing(served: { split: TrafficSplit; mirror: number }, split: TrafficSplit, mirror: number): boolean {
  if (served.split.mode !== split.mode) return false;
  if (split.mode === 'traffic') return served.split.weight === split.weight && served.mirror === 0;
  return served.mirror === mirror;
}

function endpointProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'not an object';
  const endpoint = value as Record<string, unknown>;
  if (typeof endpoint['location'] !== 'string') return '`location` is not a string';
  const properties = endpoint['properties'];
  if (properties === null || typeof properties !== 'object') return 'no `properties`';
  const p = properties as Record<string, unknown>;
  if (typeof p['authMode'] !== 'string') return '`properties.authMode` is not a string';
  for (const map of ['traffic', 'mirrorTraffic']) {
    const m = p[map];
    if (m === undefined || m === null) continue;
    if (typeof m !== 'object' || !Object.values(m).every((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100)) return `\`properties.${map}\` is not a map of whole percentages`;
  }
  return undefined;
}

function describe(split: TrafficSplit): string {
  return split.mode === 'traffic' ? `traffic ${split.weight}%` : split.mode;
}
