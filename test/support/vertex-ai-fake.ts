import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discoveryChecker } from './discovery-check.js';
import { specFile } from './openapi-check.js';

/**
 * A Vertex AI REST API v1 on loopback, stateful as the real one: endpoints with deployed models
 * and a trafficSplit, an etag that changes on every write and is checked on every patch, errors
 * in Google's shape (`{error: {code, message, status}}`). Every request, and every answer the
 * fake gives, is checked against the discovery document; tests assert `violations` is empty.
 */
export interface FakeDeployedModel {
  id: string;
  model: string;
  modelVersionId?: string;
  displayName?: string;
}

export interface FakeEndpoint {
  name: string;
  displayName: string;
  etag: string;
  deployedModels: FakeDeployedModel[];
  trafficSplit: Record<string, number>;
}

export interface ScriptedAnswer {
  status: number;
  /** Never answer (the connection stays open until the caller gives up); `onHang` runs once the request is in. */
  hang?: boolean;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface VertexAiFake {
  readonly url: string;
  readonly token: string;
  readonly endpoints: Map<string, FakeEndpoint>;
  readonly requests: { method: string; path: string; query: string; body: unknown }[];
  readonly violations: string[];
  /** Answers to give, in order, before handling requests normally. */
  readonly script: ScriptedAnswer[];
  /** Runs before a patch is handled (someone else writing first, so the caller's etag is stale). */
  beforePatch?: () => void;
  /** Answers the next patch with this, changing nothing (a precondition the fake does not model). */
  refusePatch?: ScriptedAnswer;
  /** Applies the patch and then answers this (an answer lost on the way back). */
  afterPatch?: ScriptedAnswer;
  /** Runs when a scripted `hang` request arrives. */
  onHang?: () => void;
  /** Another writer's change: a new etag, as every write makes. */
  write(name: string, trafficSplit: Record<string, number>): void;
  close(): Promise<void>;
}

const GRPC_STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ABORTED', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };

export function googleError(status: number, message: string): ScriptedAnswer {
  return { status, body: { error: { code: status, message, status: GRPC_STATUS[status] ?? 'UNKNOWN' } } };
}

export async function startVertexAiFake(token = 'ya29.fake-access-token-0123456789'): Promise<VertexAiFake> {
  const checker = discoveryChecker(specFile('vertex-ai/aiplatform__v1.json'));
  let version = 0;
  const nextEtag = (): string => `AMEw9yP${(version += 1).toString().padStart(6, '0')}==`;
  const fake: VertexAiFake = {
    url: '',
    token,
    endpoints: new Map(),
    requests: [],
    violations: [],
    script: [],
    write(name, trafficSplit) {
      const endpoint = fake.endpoints.get(name);
      if (endpoint === undefined) throw new Error(`no endpoint ${name}`);
      endpoint.trafficSplit = { ...trafficSplit };
      endpoint.etag = nextEtag();
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  const send = (res: ServerResponse, answer: ScriptedAnswer): void => {
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  };
  const answerEndpoint = (res: ServerResponse, endpoint: FakeEndpoint): void => {
    const body = { ...endpoint, deployedModels: endpoint.deployedModels.map((d) => ({ ...d })) };
    fake.violations.push(...checker.checkSchema('GoogleCloudAiplatformV1Endpoint', body));
    send(res, { status: 200, body });
  };

  function handle(req: IncomingMessage, res: ServerResponse, text: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = text === '' ? undefined : JSON.parse(text) as unknown;
    const method = req.method ?? 'GET';
    fake.requests.push({ method, path: url.pathname, query: url.search, body });
    fake.violations.push(...checker.check(method, `http://fake${req.url ?? '/'}`, body));
    if (req.headers.authorization !== `Bearer ${token}`) {
      send(res, googleError(401, `Request had invalid authentication credentials. Expected OAuth 2 access token; got '${String(req.headers.authorization).replace(/^Bearer /, '')}'`));
      return;
    }
    const scripted = fake.script.shift();
    if (scripted?.hang === true) {
      fake.onHang?.();
      return;
    }
    if (scripted !== undefined) {
      send(res, scripted);
      return;
    }
    const name = url.pathname.replace(/^\/v1\//, '');
    const endpoint = fake.endpoints.get(name);
    if (endpoint === undefined) {
      send(res, googleError(404, `Endpoint \`${name}\` not found.`));
      return;
    }
    if (method === 'GET') {
      answerEndpoint(res, endpoint);
      return;
    }
    if (method === 'PATCH') {
      fake.beforePatch?.();
      if (fake.refusePatch !== undefined) {
        const refusal = fake.refusePatch;
        delete fake.refusePatch;
        send(res, refusal);
        return;
      }
      const patch = body as { trafficSplit?: Record<string, number>; etag?: string };
      if (url.searchParams.get('updateMask') !== 'trafficSplit') {
        send(res, googleError(400, 'The update mask must be trafficSplit in this fake.'));
        return;
      }
      if (patch.etag !== undefined && patch.etag !== endpoint.etag) {
        send(res, googleError(409, 'The etag provided does not match the current etag of the Endpoint; read it again.'));
        return;
      }
      const split = patch.trafficSplit ?? {};
      const deployed = new Set(endpoint.deployedModels.map((d) => d.id));
      const unknown = Object.keys(split).filter((id) => !deployed.has(id));
      const total = Object.values(split).reduce((sum, p) => sum + p, 0);
      if (unknown.length > 0 || total !== 100) {
        send(res, googleError(400, `Invalid traffic split: ${unknown.length > 0 ? `unknown deployed models ${unknown.join(', ')}` : `sums to ${total}`}.`));
        return;
      }
      fake.write(name, split);
      if (fake.afterPatch !== undefined) {
        const lost = fake.afterPatch;
        delete fake.afterPatch;
        send(res, lost);
        return;
      }
      answerEndpoint(res, endpoint);
      return;
    }
    send(res, googleError(400, `method ${method} is not served by this fake`));
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (fake as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** An endpoint with the champion (deployed model `1001`) at 100% and the challenger (`1002`) deployed at 0%. */
export function sampleEndpoint(name = 'projects/acme-ml/locations/us-central1/endpoints/4242'): FakeEndpoint {
  return {
    name,
    displayName: 'support-assistant',
    etag: 'AMEw9yP000000==',
    deployedModels: [
      { id: '1001', model: 'projects/123456/locations/us-central1/models/777', modelVersionId: '3', displayName: 'assistant-v3' },
      { id: '1002', model: 'projects/123456/locations/us-central1/models/777@4', modelVersionId: '4', displayName: 'assistant-v4' },
    ],
    trafficSplit: { '1001': 100 },
  };
}
