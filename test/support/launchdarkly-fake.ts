import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { load } from 'js-yaml';
import { openApiCheckerFromObject, specFile, type OpenApiChecker } from './openapi-check.js';

/**
 * A LaunchDarkly REST API as an injected fetch, with state: flags (JSON Patch, whose `test`
 * operations are honoured) and AI Config targeting (semantic patch). Every request is checked
 * against LaunchDarkly's published OpenAPI description (method, path, query parameters, JSON
 * body) and against what its prose requires of headers; the problems collect in `violations`.
 */

export const LD_TOKEN = 'api-0123abcd-4567-89ef-0123-456789abcdef';
export const VERSION_HEADER = '20240415';

let checker: OpenApiChecker | undefined;
/** The spec is 2.8 MB of YAML: parsed once per test process. */
function specChecker(): OpenApiChecker {
  checker ??= openApiCheckerFromObject(load(readFileSync(specFile('launchdarkly/openapi.yaml'), 'utf8')), 'launchdarkly/openapi.yaml', { queryParameters: true });
  return checker;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

export interface Scripted {
  readonly status: number;
  readonly body?: Json;
  readonly headers?: Record<string, string>;
  /** Only requests of this method get it (default: any). */
  readonly method?: string;
  /** Apply the request first, then answer this (a lost answer). */
  readonly afterApplying?: boolean;
}

export interface Seen {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface LaunchDarklyFake {
  readonly fetch: typeof globalThis.fetch;
  readonly flags: Map<string, Obj>;
  readonly aiConfigs: Map<string, Obj>;
  readonly requests: Seen[];
  readonly violations: string[];
  /** Answers given instead of the real one, first first. */
  readonly script: Scripted[];
  /** Called just before a PATCH is applied: another writer's change lands in between. */
  beforePatch?: (fake: LaunchDarklyFake) => void;
  /** The environment requires approvals: every PATCH answers 405. */
  requireApproval: boolean;
  /** Never answer: the returned promise rejects only when the request's signal aborts. */
  hang: boolean;
  /** Called when a hanging request has started. */
  onHang?: () => void;
}

const PROJECT = 'ai';

export function variation(id: string, name: string, value: Json): Obj {
  return { _id: id, name, value };
}

/** A flag as `GET /api/v2/flags/{projectKey}/{featureFlagKey}` answers it, with one environment. */
export function flagOf(key: string, options: { variations?: Obj[]; env?: string; fallthrough?: Obj; on?: boolean; rules?: Obj[]; offVariation?: number } = {}): Obj {
  return {
    key,
    name: key,
    kind: 'multivariate',
    _version: 1,
    creationDate: 1700000000000,
    archived: false,
    temporary: false,
    tags: [],
    customProperties: {},
    experiments: { baselineIdx: 0, items: [] },
    _links: { self: { href: `/api/v2/flags/${PROJECT}/${key}`, type: 'application/json' } },
    variations: options.variations ?? [variation('v-champ', 'champion', 'gpt-4o'), variation('v-chall', 'challenger', 'gpt-4.1')],
    environments: {
      [options.env ?? 'production']: {
        _environmentName: 'Production',
        _site: { href: `/default/production/features/${key}`, type: 'text/html' },
        archived: false,
        lastModified: 1700000000000,
        on: options.on ?? true,
        salt: 'b2f6c1b1e1c94c40a1f2d6c5b0e3a4d2',
        sel: '0',
        trackEvents: false,
        trackEventsFallthrough: false,
        version: 7,
        offVariation: options.offVariation ?? 0,
        fallthrough: options.fallthrough ?? { variation: 0 },
        rules: options.rules ?? [],
        targets: [],
        contextTargets: [],
        prerequisites: [],
      },
    },
  };
}

/** An AI Config's targeting as `GET …/ai-configs/{configKey}/targeting` answers it. */
export function aiConfigOf(key: string, options: { enabled?: boolean; fallthrough?: Obj } = {}): Obj {
  return {
    key,
    name: key,
    _version: 1,
    createdAt: 1700000000000,
    tags: [],
    experiments: { baselineIdx: 0, items: [] },
    variations: [
      { _id: 'ai-champ', name: 'champion', description: '', value: { model: { name: 'gpt-4o' } } },
      { _id: 'ai-chall', name: 'challenger', description: '', value: { model: { name: 'gpt-4.1' } } },
    ],
    environments: {
      production: {
        _environmentName: 'Production',
        _version: 3,
        enabled: options.enabled ?? true,
        lastModified: 1700000000000,
        offVariation: 0,
        fallthrough: options.fallthrough ?? { variation: 0 },
        rules: [],
        targets: [],
        contextTargets: [],
        trackEvents: false,
        trackEventsFallthrough: false,
      },
    },
  };
}

export function launchDarklyFake(): LaunchDarklyFake {
  const fake: LaunchDarklyFake = {
    flags: new Map(),
    aiConfigs: new Map(),
    requests: [],
    violations: [],
    script: [],
    requireApproval: false,
    hang: false,
    fetch: async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const method = (init?.method ?? 'GET').toUpperCase();
      const headers = new Headers(init?.headers);
      const text = typeof init?.body === 'string' ? init.body : undefined;
      const body = text === undefined ? undefined : (JSON.parse(text) as unknown);
      fake.requests.push({ method, url, headers, body });
      check(fake, method, url, headers, body);
      if (fake.hang) {
        return new Promise<Response>((_resolve, reject) => {
          const signal = init?.signal;
          signal?.addEventListener('abort', () => reject(signal.reason ?? new DOMException('aborted', 'AbortError')));
          fake.onHang?.();
        });
      }
      if (headers.get('authorization') !== LD_TOKEN) return answer(401, { code: 'unauthorized', message: `Invalid access token ${headers.get('authorization') ?? ''}` });
      const index = fake.script.findIndex((s) => s.method === undefined || s.method === method);
      const scripted = index >= 0 ? fake.script.splice(index, 1)[0] : undefined;
      if (scripted !== undefined && !scripted.afterApplying) return answer(scripted.status, scripted.body ?? { code: 'scripted', message: 'scripted' }, scripted.headers);
      const real = serve(fake, method, url, headers, body);
      return scripted !== undefined ? answer(scripted.status, scripted.body ?? { code: 'scripted', message: 'scripted' }, scripted.headers) : real;
    },
  };
  return fake;
}

function check(fake: LaunchDarklyFake, method: string, url: URL, headers: Headers, body: unknown): void {
  const where = `${method} ${url.pathname}`;
  fake.violations.push(...specChecker().check(method, url.href, body));
  const authorization = headers.get('authorization') ?? '';
  // "The value of the Authorization header must be your access token."
  if (/^bearer\s/i.test(authorization) || authorization === '') fake.violations.push(`${where}: Authorization must be the bare access token`);
  if (headers.get('ld-api-version') !== VERSION_HEADER) fake.violations.push(`${where}: LD-API-Version is ${headers.get('ld-api-version')}, not the pinned ${VERSION_HEADER}`);
  if (method === 'PATCH') {
    const type = headers.get('content-type') ?? '';
    const semantic = /;\s*domain-model=launchdarkly\.semanticpatch/.test(type);
    if (!type.startsWith('application/json')) fake.violations.push(`${where}: Content-Type ${type} is not JSON`);
    const isAiConfig = url.pathname.includes('/ai-configs/');
    // AI Config targeting takes only semantic patch; a flag body without the header is read as a JSON patch.
    if (isAiConfig && !semantic) fake.violations.push(`${where}: an AI Config's targeting takes only semantic patch (Content-Type …; domain-model=launchdarkly.semanticpatch)`);
    if (!isAiConfig && semantic) fake.violations.push(`${where}: a semantic patch body sent to a flag, which the adapter does not use`);
  }
}

function answer(status: number, body: Json | undefined, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function serve(fake: LaunchDarklyFake, method: string, url: URL, _headers: Headers, body: unknown): Response {
  const flag = /^\/api\/v2\/flags\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  const ai = /^\/api\/v2\/projects\/([^/]+)\/ai-configs\/([^/]+)\/targeting$/.exec(url.pathname);
  const notFound = answer(404, { code: 'not_found', message: 'Invalid resource identifier' });
  if (flag) {
    const key = decodeURIComponent(flag[2] as string);
    const stored = decodeURIComponent(flag[1] as string) === PROJECT ? fake.flags.get(key) : undefined;
    if (stored === undefined) return notFound;
    if (method === 'GET') {
      const env = url.searchParams.get('env');
      const environments = stored['environments'] as Obj;
      return answer(200, { ...stored, environments: env === null ? environments : Object.fromEntries(Object.entries(environments).filter(([k]) => k === env)) });
    }
    if (method === 'PATCH') {
      if (fake.requireApproval) return answer(405, { code: 'method_not_allowed', message: 'This environment requires approval for changes' });
      fake.beforePatch?.(fake);
      const current = fake.flags.get(key) as Obj;
      const ops = ((body as { patch?: unknown }).patch ?? []) as { op: string; path: string; value?: Json }[];
      const next = structuredClone(current);
      for (const op of ops) {
        const problem = applyOp(next, op);
        if (problem === 'test') return answer(409, { code: 'optimistic_locking_error', message: 'Conflict. Optimistic lock error. Try again later.' });
        if (problem !== undefined) return answer(400, { code: 'invalid_request', message: problem });
      }
      const touched = new Set(ops.filter((o) => o.op !== 'test').map((o) => o.path.split('/')[2] ?? ''));
      for (const envKey of touched) {
        const env = (next['environments'] as Obj)[envKey] as Obj | undefined;
        if (env !== undefined) env['version'] = (env['version'] as number) + 1;
      }
      next['_version'] = (next['_version'] as number) + 1;
      fake.flags.set(key, next);
      return answer(200, next);
    }
  }
  if (ai) {
    const key = decodeURIComponent(ai[2] as string);
    const stored = decodeURIComponent(ai[1] as string) === PROJECT ? fake.aiConfigs.get(key) : undefined;
    if (stored === undefined) return notFound;
    if (method === 'GET') return answer(200, stored);
    if (method === 'PATCH') {
      if (fake.requireApproval) return answer(405, { code: 'method_not_allowed', message: 'This environment requires approval for changes' });
      fake.beforePatch?.(fake);
      const current = fake.aiConfigs.get(key) as Obj;
      const patch = body as { environmentKey: string; instructions: Obj[] };
      const next = structuredClone(current);
      const env = (next['environments'] as Obj)[patch.environmentKey] as Obj | undefined;
      if (env === undefined) return answer(400, { code: 'invalid_request', message: `unknown environment ${patch.environmentKey}` });
      const ids = (next['variations'] as Obj[]).map((v) => v['_id']);
      for (const instruction of patch.instructions) {
        if (instruction['kind'] !== 'updateFallthroughVariationOrRollout') return answer(400, { code: 'invalid_request', message: `unsupported instruction ${String(instruction['kind'])}` });
        if (typeof instruction['variationId'] === 'string') {
          const index = ids.indexOf(instruction['variationId']);
          if (index < 0) return answer(400, { code: 'invalid_request', message: 'unknown variationId' });
          env['fallthrough'] = { variation: index };
          continue;
        }
        const weights = instruction['rolloutWeights'] as Record<string, number> | undefined;
        if (weights === undefined || Object.values(weights).reduce((a, b) => a + b, 0) !== 100000) return answer(400, { code: 'invalid_request', message: 'rolloutWeights must sum to 100000' });
        const variations = Object.entries(weights).map(([id, weight]) => ({ variation: ids.indexOf(id), weight }));
        if (variations.some((v) => v.variation < 0)) return answer(400, { code: 'invalid_request', message: 'unknown variationId' });
        env['fallthrough'] = { rollout: { variations: variations.sort((a, b) => a.variation - b.variation), contextKind: (instruction['rolloutContextKind'] as string | undefined) ?? 'user', ...(instruction['rolloutBucketBy'] ? { bucketBy: instruction['rolloutBucketBy'] } : {}) } };
      }
      env['_version'] = (env['_version'] as number) + 1;
      next['_version'] = (next['_version'] as number) + 1;
      fake.aiConfigs.set(key, next);
      return answer(200, next);
    }
  }
  return notFound;
}

let ruleIds = 0;

/** One RFC 6902 operation on `doc`; answers 'test' for a failed test, a message for a bad op. */
function applyOp(doc: Obj, op: { op: string; path: string; value?: Json }): string | undefined {
  const parts = op.path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = parts.pop();
  if (last === undefined) return `bad path ${op.path}`;
  let parent: Json = doc;
  for (const part of parts) {
    parent = Array.isArray(parent) ? (parent[Number(part)] as Json) : parent !== null && typeof parent === 'object' ? ((parent as Obj)[part] as Json) : null;
    if (parent === undefined || parent === null || typeof parent !== 'object') return `no such path ${op.path}`;
  }
  const container = parent as Obj | Json[];
  const withIds = (value: Json | undefined): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) && parts.at(-1) === 'rules' && value['_id'] === undefined ? { _id: `rule-${(ruleIds += 1)}`, ...value } : (value ?? null));
  switch (op.op) {
    case 'test': {
      const have = Array.isArray(container) ? container[Number(last)] : container[last];
      return isDeepStrictEqual(have, op.value) ? undefined : 'test';
    }
    case 'replace':
    case 'add':
      if (Array.isArray(container)) {
        const i = last === '-' ? container.length : Number(last);
        if (op.op === 'add') container.splice(i, 0, withIds(op.value));
        else container[i] = withIds(op.value);
      } else container[last] = op.value ?? null;
      return undefined;
    case 'remove':
      if (Array.isArray(container)) container.splice(Number(last), 1);
      else delete container[last];
      return undefined;
    default:
      return `unsupported op ${op.op}`;
  }
}
