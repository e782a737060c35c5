import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { specFile } from './openapi-check.js';

/**
 * A stateful Azure Resource Manager for Azure ML online endpoints behind an injected fetch. The
 * REST Swagger is not in ../shared/specs (its README says why); what is there is Microsoft's ARM
 * template schema of the same API version, which gives the writable shape of an endpoint. So:
 * every PUT body is checked against the `workspaces_onlineEndpoints` resource definition (with
 * its `OnlineEndpointProperties`, resolving common/definitions.json), plus the rules its
 * descriptions state (traffic sums to 100, mirror traffic to at most 50) and Azure's own (a
 * deployment receives live or mirrored traffic, not both; named deployments exist); every
 * request must carry the bearer token and `api-version=2024-04-01`; a PUT answers as a
 * long-running operation polled through `Azure-AsyncOperation` (or `Location`).
 */
export interface FakeEndpoint {
  location: string;
  kind?: string;
  identity?: { type: string; principalId?: string; tenantId?: string };
  sku?: Record<string, unknown>;
  tags?: Record<string, string>;
  properties: {
    authMode: string;
    description?: string;
    publicNetworkAccess?: string;
    traffic: Record<string, number>;
    mirrorTraffic: Record<string, number>;
    provisioningState: string;
    scoringUri?: string;
  };
}
export interface FakeAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}
/** How the next PUTs' operations end: after `polls` in-progress answers, `outcome` (never: always in progress). */
export interface OperationPlan {
  readonly polls?: number;
  readonly outcome?: 'Succeeded' | 'Failed' | 'Canceled' | 'never';
  /** `async`: 201 with Azure-AsyncOperation; `location`: 202 with Location; `sync`: 200, done at once. */
  readonly style?: 'async' | 'location' | 'sync';
}
export interface AzureMlFake {
  readonly fetch: typeof globalThis.fetch;
  readonly origin: string;
  readonly token: string;
  readonly violations: string[];
  readonly requests: { method: string; path: string; body: unknown }[];
  addEndpoint(name: string, deployments: string[], traffic: Record<string, number>): FakeEndpoint;
  endpoint(name: string): FakeEndpoint | undefined;
  plan(next: OperationPlan): void;
  inject(method: string, ...answers: FakeAnswer[]): void;
}

const WORKSPACE = '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-prod';
export const FAKE_WORKSPACE = { subscriptionId: '00000000-1111-2222-3333-444444444444', resourceGroup: 'rg-ml', workspace: 'ws-prod' };

let resource: ValidateFunction | undefined;
/** The template schema is draft-04 (`id`, not `$id`); ajv reads it as draft-07 once the ids are renamed, which changes nothing else it uses. */
function resourceSchema(): ValidateFunction {
  if (resource !== undefined) return resource;
  const load = (relative: string): Record<string, unknown> => {
    const { id, $schema: _draft, ...rest } = JSON.parse(readFileSync(specFile(relative), 'utf8')) as Record<string, unknown>;
    return { ...rest, $id: String(id).replace(/#$/, '') };
  };
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: false });
  ajv.addSchema(load('azure-ml/common/definitions.json'));
  const ml = load('azure-ml/2024-04-01/Microsoft.MachineLearningServices.json');
  ajv.addSchema(ml);
  resource = ajv.compile({ $ref: `${String(ml['$id'])}#/resourceDefinitions/workspaces_onlineEndpoints` });
  return resource;
}

export function startAzureMlFake(token = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.fake-arm-token.sig'): AzureMlFake {
  const validate = resourceSchema();
  const origin = 'https://management.azure.com';
  const endpoints = new Map<string, { endpoint: FakeEndpoint; deployments: Set<string> }>();
  const operations = new Map<string, { polls: number; outcome: NonNullable<OperationPlan['outcome']>; endpoint: string; change: { traffic: Record<string, number>; mirrorTraffic: Record<string, number> }; style: 'async' | 'location' }>();
  const injected = new Map<string, FakeAnswer[]>();
  const violations: string[] = [];
  const requests: AzureMlFake['requests'] = [];
  let plan: Required<OperationPlan> = { polls: 1, outcome: 'Succeeded', style: 'async' };
  let ops = 0;

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
  const armError = (status: number, code: string, message: string): Response => json(status, { error: { code, message } });

  function finish(id: string): 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled' {
    const op = operations.get(id);
    if (op === undefined) return 'Failed';
    if (op.outcome === 'never' || op.polls > 0) { op.polls -= 1; return 'InProgress'; }
    const entry = endpoints.get(op.endpoint);
    if (entry !== undefined && entry.endpoint.properties.provisioningState === 'Updating') {
      if (op.outcome === 'Succeeded') Object.assign(entry.endpoint.properties, op.change);
      entry.endpoint.properties.provisioningState = 'Succeeded';
    }
    return op.outcome;
  }

  function put(name: string, body: unknown): Response {
    const entry = endpoints.get(name);
    const full = { ...(body as Record<string, unknown>), name, type: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints', apiVersion: '2024-04-01' };
    if (!validate(full)) {
      violations.push(...(validate.errors ?? []).slice(0, 3).map((e) => `PUT ${name}: body${e.instancePath} ${e.message ?? ''}`));
      return armError(400, 'BadRequest', 'The request body is not a valid online endpoint');
    }
    if (entry === undefined) { violations.push(`PUT ${name}: Glidepath must not create endpoints`); return armError(400, 'BadRequest', 'create not expected'); }
    if (entry.endpoint.properties.provisioningState === 'Updating') return armError(409, 'Conflict', 'There is an ongoing operation on the endpoint.');
    const properties = (body as { properties: { traffic?: Record<string, number>; mirrorTraffic?: Record<string, number>; authMode?: unknown } }).properties;
    const traffic = properties.traffic ?? {};
    const mirrorTraffic = properties.mirrorTraffic ?? {};
    const problems: string[] = [];
    const sum = (m: Record<string, number>): number => Object.values(m).reduce((a, b) => a + b, 0);
    if (sum(traffic) !== 100) problems.push(`traffic sums to ${sum(traffic)}, not 100`);
    if (sum(mirrorTraffic) > 50) problems.push(`mirrorTraffic sums to ${sum(mirrorTraffic)}, more than 50`);
    for (const d of [...Object.keys(traffic), ...Object.keys(mirrorTraffic)]) if (!entry.deployments.has(d)) problems.push(`deployment ${d} does not exist`);
    for (const [d, v] of Object.entries(mirrorTraffic)) if (v > 0 && (traffic[d] ?? 0) > 0) problems.push(`deployment ${d} gets live and mirrored traffic`);
    for (const field of ['location', 'authMode'] as const) {
      const was = field === 'location' ? entry.endpoint.location : entry.endpoint.properties.authMode;
      const now = field === 'location' ? (body as { location?: unknown }).location : properties.authMode;
      if (now !== was) problems.push(`${field} changed from ${was} to ${String(now)}`);
    }
    if (JSON.stringify((body as { tags?: unknown }).tags) !== JSON.stringify(entry.endpoint.tags)) problems.push('the PUT dropped or changed the tags');
    if (problems.length > 0) {
      violations.push(...problems.map((p) => `PUT ${name}: ${p}`));
      return armError(400, 'BadRequest', problems.join('; '));
    }
    const change = { traffic, mirrorTraffic };
    if (plan.style === 'sync') {
      Object.assign(entry.endpoint.properties, change);
      return json(200, entry.endpoint);
    }
    entry.endpoint.properties.provisioningState = 'Updating';
    const id = `op-${(ops += 1)}`;
    operations.set(id, { polls: plan.polls, outcome: plan.outcome, endpoint: name, change, style: plan.style });
    const url = `${origin}/subscriptions/00000000-1111-2222-3333-444444444444/providers/Microsoft.MachineLearningServices/locations/westeurope/mfeOperations${plan.style === 'async' ? 'Status' : 'Results'}/${id}?api-version=2024-04-01`;
    return plan.style === 'async'
      ? json(201, entry.endpoint, { 'azure-asyncoperation': url })
      : new Response(null, { status: 202, headers: { location: url, 'retry-after': '10' } });
  }

  function handle(method: string, url: URL, body: unknown): Response {
    const path = url.pathname;
    const operation = /\/locations\/[^/]+\/mfeOperations(Status|Results)\/([^/]+)$/.exec(path);
    if (operation !== null && method === 'GET') {
      const id = operation[2] ?? '';
      const status = finish(id);
      if (operation[1] === 'Results') return status === 'InProgress' ? new Response(null, { status: 202, headers: { location: url.href } }) : status === 'Succeeded' ? new Response(null, { status: 200 }) : armError(400, 'DeploymentFailed', `Operation ${status}`);
      return json(200, { id, name: id, status, startTime: '2026-12-05T09:00:00Z', ...(status === 'Failed' ? { error: { code: 'ModelNotReady', message: 'Deployment challenger is not healthy: liveness probe failed' } } : {}) });
    }
    const match = new RegExp(`^${WORKSPACE}/onlineEndpoints/([^/]+)$`).exec(path);
    if (match === null) { violations.push(`${method} ${path}: not an online endpoint or operation of workspace ws-prod`); return armError(404, 'NotFound', 'no such path'); }
    const name = decodeURIComponent(match[1] ?? '');
    if (method === 'GET') {
      const entry = endpoints.get(name);
      return entry === undefined ? armError(404, 'ResourceNotFound', `The Resource 'Microsoft.MachineLearningServices/workspaces/ws-prod/onlineEndpoints/${name}' under resource group 'rg-ml' was not found.`) : json(200, entry.endpoint);
    }
    if (method === 'PUT') return put(name, body);
    violations.push(`${method} ${path}: Glidepath only reads (GET) and replaces (PUT) endpoints; the Swagger's PATCH cannot set traffic`);
    return armError(405, 'MethodNotAllowed', method);
  }

  const fake: AzureMlFake = {
    origin,
    token,
    violations,
    requests,
    async fetch(input, init) {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const method = (init?.method ?? 'GET').toUpperCase();
      const headers = new Headers(init?.headers);
      const text = typeof init?.body === 'string' ? init.body : undefined;
      const body = text === undefined ? undefined : JSON.parse(text) as unknown;
      requests.push({ method, path: url.pathname, body });
      if (url.searchParams.get('api-version') !== '2024-04-01') violations.push(`${method} ${url.pathname}: api-version is ${url.searchParams.get('api-version')}, not 2024-04-01`);
      if (method === 'PUT' && !(headers.get('content-type') ?? '').startsWith('application/json')) violations.push(`PUT ${url.pathname}: not sent as application/json`);
      if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
      const forced = injected.get(method)?.shift();
      if (forced !== undefined) return json(forced.status, forced.body, forced.headers);
      if (headers.get('authorization') !== `Bearer ${token}`) return armError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
      return handle(method, url, body);
    },
    addEndpoint(name, deployments, traffic) {
      const endpoint: FakeEndpoint = {
        location: 'westeurope',
        kind: 'Managed',
        identity: { type: 'SystemAssigned', principalId: 'aaaaaaaa-0000-0000-0000-000000000000', tenantId: 'bbbbbbbb-0000-0000-0000-000000000000' },
        tags: { team: 'support' },
        properties: { authMode: 'Key', description: 'support assistant', publicNetworkAccess: 'Enabled', traffic, mirrorTraffic: {}, provisioningState: 'Succeeded', scoringUri: `https://${name}.westeurope.inference.ml.azure.com/score` },
      };
      endpoints.set(name, { endpoint, deployments: new Set(deployments) });
      return endpoint;
    },
    endpoint: (name) => endpoints.get(name)?.endpoint,
    plan(next) { plan = { ...plan, ...next }; },
    inject(method, ...answers) { injected.set(method, [...(injected.get(method) ?? []), ...answers]); },
  };
  return fake;
}
