import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crdChecker } from './crd-check.js';
import { specFile } from './openapi-check.js';

/**
 * A Kubernetes API server on loopback serving KServe InferenceServices as the real one does:
 * GET and JSON merge patch (RFC 7386) of `/apis/serving.kserve.io/v1beta1/...`, a
 * resourceVersion that changes on every write and is a precondition when a patch carries it
 * (409 Conflict, as a Status), a generation that moves when the spec does. The KServe controller
 * and Knative are the test's `reconcile`, which makes the status catch up (or fail, or never).
 * Every request is checked against the CRD, and every stored object against its openAPIV3Schema.
 */
export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer; `onHang` runs once the request is in. */
  hang?: boolean;
}

export interface Isvc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; resourceVersion: string; generation: number; uid: string };
  spec: { predictor: Record<string, unknown> & { canaryTrafficPercent?: number } };
  status?: Record<string, unknown>;
}

export interface KServeFake {
  readonly url: string;
  readonly token: string;
  readonly objects: Map<string, Isvc>;
  readonly requests: { method: string; path: string; contentType: string | undefined; body: unknown }[];
  readonly violations: string[];
  readonly script: ScriptedAnswer[];
  onHang?: () => void;
  /** Runs before a patch is handled (someone else writing first, so the caller's resourceVersion is stale). */
  beforePatch?: () => void;
  /** Applies the patch and then answers this (an answer lost on the way back). */
  afterPatch?: ScriptedAnswer;
  /** A write by someone else: merges `patch` into the object, with a new resourceVersion. */
  write(key: string, patch: unknown): void;
  /** What the controller and Knative do next: serve the spec with the newest revision ready, fail that revision, or nothing. */
  reconcile(key: string, outcome: 'ready' | 'failed'): void;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable' };

export function kubeStatus(code: number, message: string): ScriptedAnswer {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: REASONS[code] ?? 'Unknown', code } };
}

export async function startKServeFake(token = 'eyJhbGciOiJSUzI1NiJ9.fake-service-account-token'): Promise<KServeFake> {
  const checker = crdChecker(specFile('kserve/serving.kserve.io_inferenceservices.yaml'));
  let version = 1000;
  const fake: KServeFake = {
    url: '',
    token,
    objects: new Map(),
    requests: [],
    violations: [],
    script: [],
    write(key, patch) {
      const current = fake.objects.get(key);
      if (current === undefined) throw new Error(`no InferenceService ${key}`);
      store(key, mergePatch(current, patch) as Isvc, current);
    },
    reconcile(key, outcome) {
      const isvc = fake.objects.get(key);
      if (isvc === undefined) throw new Error(`no InferenceService ${key}`);
      const status = structuredClone(isvc.status ?? {}) as { observedGeneration?: number; conditions?: unknown[]; components?: { predictor?: Record<string, unknown> } };
      const predictor = status.components?.predictor ?? {};
      const newest = predictor['latestCreatedRevision'] as string;
      const previous = predictor['previousRolledoutRevision'] as string;
      status.observedGeneration = isvc.metadata.generation;
      if (outcome === 'failed') {
        status.conditions = [{ type: 'PredictorReady', status: 'False', reason: 'RevisionFailed', message: `Revision "${newest}" failed with message: container failed to load the model.` }, { type: 'Ready', status: 'False', reason: 'RevisionFailed' }];
        predictor['traffic'] = [{ revisionName: previous, percent: 100, latestRevision: false, tag: 'prev' }];
      } else {
        const percent = isvc.spec.predictor.canaryTrafficPercent ?? 100;
        status.conditions = [{ type: 'PredictorReady', status: 'True' }, { type: 'Ready', status: 'True' }];
        predictor['latestReadyRevision'] = newest;
        predictor['traffic'] = [
          { revisionName: newest, percent, latestRevision: true, tag: 'latest' },
          ...(percent < 100 ? [{ revisionName: previous, percent: 100 - percent, latestRevision: false, tag: 'prev' }] : []),
        ];
      }
      status.components = { ...status.components, predictor };
      store(key, { ...isvc, status } as Isvc, isvc);
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  function store(key: string, next: Isvc, previous: Isvc | undefined): void {
    const specChanged = previous === undefined || JSON.stringify(next.spec) !== JSON.stringify(previous.spec);
    next.metadata = { ...next.metadata, resourceVersion: String((version += 1)), generation: (previous?.metadata.generation ?? 0) + (specChanged ? 1 : 0) };
    fake.violations.push(...checker.validate(next));
    fake.objects.set(key, next);
  }

  const send = (res: ServerResponse, answer: ScriptedAnswer): void => {
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  };

  function handle(req: IncomingMessage, res: ServerResponse, text: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const contentType = req.headers['content-type'];
    const body = text === '' ? undefined : JSON.parse(text) as unknown;
    fake.requests.push({ method, path: url.pathname, contentType, body });
    fake.violations.push(...checker.check(method, `http://fake${req.url ?? '/'}`, contentType));
    if (req.headers.authorization !== `Bearer ${token}`) {
      send(res, kubeStatus(401, `Unauthorized: token ${String(req.headers.authorization).replace(/^Bearer /, '')} is not valid`));
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
    const match = /^\/apis\/serving\.kserve\.io\/v1beta1\/namespaces\/([^/]+)\/inferenceservices\/([^/]+)$/.exec(url.pathname);
    const key = match ? `${match[1]}/${match[2]}` : '';
    const isvc = fake.objects.get(key);
    if (isvc === undefined) {
      send(res, kubeStatus(404, `inferenceservices.serving.kserve.io "${match?.[2] ?? ''}" not found`));
      return;
    }
    if (method === 'GET') {
      send(res, { status: 200, body: isvc });
      return;
    }
    if (method === 'PATCH') {
      if (contentType?.split(';')[0] !== 'application/merge-patch+json') {
        send(res, kubeStatus(415, `the body of the request was in an unknown format: ${contentType}`));
        return;
      }
      fake.beforePatch?.();
      const current = fake.objects.get(key) as Isvc;
      const wanted = (body as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
      if (wanted !== undefined && wanted !== current.metadata.resourceVersion) {
        send(res, kubeStatus(409, `Operation cannot be fulfilled on inferenceservices.serving.kserve.io "${current.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`));
        return;
      }
      const merged = mergePatch(current, body) as Isvc;
      // The API server ignores a status in a patch of the main resource (status is a subresource).
      store(key, { ...merged, ...(current.status !== undefined ? { status: current.status } : {}) }, current);
      if (fake.afterPatch !== undefined) {
        const lost = fake.afterPatch;
        delete fake.afterPatch;
        send(res, lost);
        return;
      }
      send(res, { status: 200, body: fake.objects.get(key) });
      return;
    }
    send(res, kubeStatus(405, `method ${method} is not served by this fake`));
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

/** RFC 7386: objects merge key by key, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/**
 * An InferenceService mid-release: the champion (revision 00001) rolled out, the challenger's
 * predictor (revision 00002, gs://models/assistant-v4) applied with canaryTrafficPercent 0 and ready.
 */
export function sampleIsvc(namespace = 'ml', name = 'support-assistant'): Isvc {
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name, namespace, resourceVersion: '1000', generation: 2, uid: '6f1c1e0e-0000-4000-8000-000000000001' },
    spec: { predictor: { minReplicas: 1, canaryTrafficPercent: 0, model: { modelFormat: { name: 'huggingface' }, storageUri: 'gs://models/assistant-v4', resources: { limits: { cpu: '2', memory: '8Gi' } } } } },
    status: {
      observedGeneration: 2,
      url: `http://${name}.${namespace}.example.com`,
      conditions: [{ type: 'PredictorReady', status: 'True' }, { type: 'Ready', status: 'True' }],
      components: {
        predictor: {
          latestCreatedRevision: `${name}-predictor-00002`,
          latestReadyRevision: `${name}-predictor-00002`,
          previousRolledoutRevision: `${name}-predictor-00001`,
          latestRolledoutRevision: `${name}-predictor-00001`,
          traffic: [
            { revisionName: `${name}-predictor-00002`, percent: 0, latestRevision: true, tag: 'latest' },
            { revisionName: `${name}-predictor-00001`, percent: 100, latestRevision: false, tag: 'prev' },
          ],
        },
      },
    },
  };
}
