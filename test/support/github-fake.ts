import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { createFakeGit, type FakeGit } from './github-fake-git.js';
import { createFakeIssues, type FakeIssues } from './github-fake-issues.js';

/**
 * An in-memory GitHub REST API served through an injected `fetch`, for adapter and command tests.
 *
 * Every request is checked against GitHub's own OpenAPI description (@octokit/openapi,
 * api.github.com): the method and path must name an operation, path and query parameters must
 * match their schemas (unknown query parameters included), and the JSON body must match the
 * operation's request-body schema, with unknown body fields rejected too (GitHub ignores them
 * silently, so a misspelt field would otherwise pass unnoticed). A request that fails a check is
 * answered like GitHub would (404/422) and recorded in `violations`; tests end with
 * `fake.assertClean()`. The fake's own answers are checked against the response schemas as well,
 * so what the adapters read is shaped like the real thing.
 *
 * State is kept for check runs (with appended annotations), issue comments (paginated with
 * Link headers), issues (github-fake-issues.ts), and in `fake.git` one repository's git objects, branch refs and pull requests
 * (github-fake-git.ts). Later adapters add operations with `fake.handle(operationId, handler)`.
 */

// ---------------------------------------------------------------------------------------------
// The OpenAPI description, loaded once per test process and only when a fake is first used.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: JsonObject;
  readonly 'x-multi-segment'?: boolean;
}

interface Operation {
  readonly operationId: string;
  readonly method: string;
  readonly template: string;
  readonly parameters: readonly Parameter[];
  readonly requestBody?: { readonly required?: boolean; readonly content?: Record<string, { schema?: JsonObject }> };
  readonly responses: Record<string, JsonObject>;
}

interface PathMatcher {
  readonly template: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
  /** Literal segments: the more, the more specific (`/issues/comments` beats `/issues/{issue_number}`). */
  readonly literals: number;
  readonly operations: ReadonlyMap<string, Operation>;
}

interface Spec {
  readonly document: JsonObject;
  readonly matchers: readonly PathMatcher[];
  readonly operations: ReadonlyMap<string, Operation>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;
let loadedSpec: Spec | undefined;

function specPath(): string {
  return createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
}

function resolveRef<T>(document: JsonObject, value: unknown): T {
  let node = value as JsonObject;
  for (let depth = 0; depth < 10 && node && typeof node['$ref'] === 'string'; depth += 1) {
    node = pointer(document, node['$ref'] as string) as JsonObject;
  }
  return node as unknown as T;
}

function pointer(document: JsonObject, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`github-fake: only local $refs are supported, got ${ref}`);
  let node: Json = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !(key in node)) throw new Error(`github-fake: dangling $ref ${ref}`);
    node = (node as JsonObject)[key] as Json;
  }
  return node;
}

/** GitHub's OpenAPI description, indexed by templated path; loaded lazily once per process. */
export function loadGitHubSpec(): Spec {
  if (loadedSpec) return loadedSpec;
  const document = JSON.parse(readFileSync(specPath(), 'utf8')) as JsonObject;
  const paths = document['paths'] as Record<string, JsonObject>;
  const matchers: PathMatcher[] = [];
  const operations = new Map<string, Operation>();
  for (const [template, item] of Object.entries(paths)) {
    const shared = ((item['parameters'] as Json[] | undefined) ?? []).map((p) => resolveRef<Parameter>(document, p));
    const ops = new Map<string, Operation>();
    for (const method of METHODS) {
      const raw = item[method] as JsonObject | undefined;
      if (!raw) continue;
      const own = ((raw['parameters'] as Json[] | undefined) ?? []).map((p) => resolveRef<Parameter>(document, p));
      const byKey = new Map<string, Parameter>();
      for (const p of [...shared, ...own]) byKey.set(`${p.in}:${p.name}`, p);
      const operation: Operation = {
        operationId: raw['operationId'] as string,
        method: method.toUpperCase(),
        template,
        parameters: [...byKey.values()],
        ...(raw['requestBody'] ? { requestBody: resolveRef<Operation['requestBody'] & object>(document, raw['requestBody']) } : {}),
        responses: raw['responses'] as Record<string, JsonObject>,
      };
      ops.set(operation.method, operation);
      operations.set(operation.operationId, operation);
    }
    const multi = new Set([...ops.values()].flatMap((o) => o.parameters.filter((p) => p.in === 'path' && p['x-multi-segment']).map((p) => p.name)));
    const names: string[] = [];
    let literals = 0;
    const source = template.split('/').map((segment) => {
      const param = /^\{([^}]+)\}$/.exec(segment);
      if (!param) {
        if (segment) literals += 1;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      names.push(param[1] as string);
      return multi.has(param[1] as string) ? '(.+?)' : '([^/]+)';
    }).join('/');
    matchers.push({ template, regex: new RegExp(`^${source}$`), names, literals, operations: ops });
  }
  matchers.sort((a, b) => b.literals - a.literals);
  loadedSpec = { document, matchers, operations };
  return loadedSpec;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.0 schemas as JSON Schema for ajv: `nullable`, `#/components/...` refs gathered into
// `definitions`, documentation keywords dropped. Only the schemas a test touches are compiled.

const DROPPED = new Set(['example', 'examples', 'xml', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly', 'discriminator', 'description', 'title', 'nullable']);

function convertSchema(spec: Spec, root: JsonObject, closeObjects: boolean): JsonObject {
  const definitions: Record<string, Json> = {};
  const pending: { name: string; ref: string }[] = [];
  const convert = (node: Json, close: boolean): Json => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((n) => convert(n, close));
    if (typeof node['$ref'] === 'string') {
      const ref = node['$ref'];
      const name = ref.replace(/^#\/components\//, '').replace(/[^A-Za-z0-9_-]/g, '_');
      if (!(name in definitions) && !pending.some((p) => p.name === name)) pending.push({ name, ref });
      return { $ref: `#/definitions/${name}` };
    }
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (DROPPED.has(key) || key.startsWith('x-')) continue;
      if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, convert(schema, close)]));
      } else if (key === 'allOf') {
        // Parts of an allOf each see only some properties: closing them would reject the rest.
        out[key] = (value as Json[]).map((n) => convert(n, false));
      } else if (key === 'items' || key === 'additionalProperties' || key === 'not' || key === 'anyOf' || key === 'oneOf') {
        out[key] = convert(value, close);
      } else {
        out[key] = value;
      }
    }
    if (close && out['properties'] && out['additionalProperties'] === undefined && !out['allOf'] && !out['anyOf'] && !out['oneOf']) {
      out['additionalProperties'] = false;
    }
    if (node['nullable'] === true) {
      if (typeof out['type'] === 'string') {
        out['type'] = [out['type'], 'null'];
        if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
      } else {
        return { anyOf: [out, { type: 'null' }] };
      }
    }
    return out;
  };
  const converted = convert(root, closeObjects) as JsonObject;
  while (pending.length > 0) {
    const { name, ref } = pending.shift() as { name: string; ref: string };
    definitions[name] = null;
    definitions[name] = convert(pointer(spec.document, ref), false);
  }
  return { ...converted, definitions };
}

const validators = new WeakMap<Ajv, Map<string, ValidateFunction>>();
let bodyAjv: Ajv | undefined;
let paramAjv: Ajv | undefined;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function createAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, coerceTypes });
  ajv.addFormat('date-time', (s: string) => RFC3339.test(s) && !Number.isNaN(Date.parse(s)));
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  for (const name of ['uri-template', 'int32', 'int64', 'double', 'email', 'timestamp', 'repo.nwo', 'binary']) ajv.addFormat(name, true);
  validators.set(ajv, new Map());
  return ajv;
}

function validatorFor(ajv: Ajv, key: string, build: () => JsonObject): ValidateFunction {
  const cache = validators.get(ajv) as Map<string, ValidateFunction>;
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile(build());
    cache.set(key, validate);
  }
  return validate;
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params['additionalProperty'])}'` : ''}`).join('; ');
}

// ---------------------------------------------------------------------------------------------
// The fake server.

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly operationId?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export interface RecordedRequest extends FakeRequest {
  readonly status: number;
}

export interface Violation {
  readonly kind: 'unknown-endpoint' | 'parameter' | 'body' | 'response' | 'unimplemented';
  readonly request: string;
  readonly message: string;
}

export interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type FakeHandler = (request: FakeRequest, fake: GitHubFake) => FakeResponse;

export interface FakeAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly annotation_level: string;
  readonly message: string;
  readonly title?: string;
  readonly start_column?: number;
  readonly end_column?: number;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  details_url: string | null;
  external_id: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: FakeAnnotation[];
}

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  login: string;
  userType: 'User' | 'Bot';
  created_at: string;
  updated_at: string;
}

export interface GitHubFakeOptions {
  /** API root the client talks to (GHES: `https://ghe.example/api/v3`). */
  readonly baseUrl?: string;
  /** Login the token belongs to, shown as the author of comments it creates. */
  readonly login?: string;
}

export interface GitHubFake {
  /** Pass to `createOctokit(token, { fetch })`. */
  readonly fetch: typeof fetch;
  readonly requests: RecordedRequest[];
  readonly violations: Violation[];
  readonly checkRuns: FakeCheckRun[];
  readonly comments: FakeComment[];
  /** The repository's git objects, branches and pull requests (the git data and pulls APIs). */
  readonly git: FakeGit;
  /** The repository's issues (not pull requests) and who may be assigned (github-fake-issues.ts). */
  readonly issues: FakeIssues;
  /** Adds a comment as if someone had written it (to seed pages of comments). */
  addComment(issueNumber: number, body: string, login?: string): FakeComment;
  /** Adds a check run as if an earlier run had created it. */
  addCheckRun(run: Partial<FakeCheckRun> & { name: string; head_sha: string }): FakeCheckRun;
  /** Serves an operation the fake does not implement yet (or replaces one). */
  handle(operationId: string, handler: FakeHandler): void;
  /** Answers the next request for `operationId` with this error, as GitHub would. */
  failNext(operationId: string, status: number, message: string, headers?: Readonly<Record<string, string>>): void;
  /** Requests that reached an operation, in order (`['POST /repos/{owner}/{repo}/check-runs', …]`). */
  routes(): string[];
  /** Throws, listing them, when any request or response broke the spec. */
  assertClean(): void;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, body, headers };
}

function notFound(): FakeResponse {
  return json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
}

export function createGitHubFake(options: GitHubFakeOptions = {}): GitHubFake {
  const baseUrl = new URL(options.baseUrl ?? 'https://api.github.com');
  const basePath = baseUrl.pathname.replace(/\/$/, '');
  const login = options.login ?? 'github-actions[bot]';
  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  const checkRuns: FakeCheckRun[] = [];
  const comments: FakeComment[] = [];
  const handlers = new Map<string, FakeHandler>();
  const failures = new Map<string, FakeResponse[]>();
  let nextId = 1000;
  let tick = 0;
  // A deterministic clock: every write is one second after the previous one.
  const timestamp = (): string => new Date(Date.UTC(2024, 0, 1) + (tick += 1) * 1000).toISOString().replace('.000Z', 'Z');

  const spec = (): Spec => loadGitHubSpec();
  const apiUrl = (path: string): string => `${baseUrl.origin}${basePath}${path}`;

  function exampleValue(name: string): JsonObject {
    const examples = (spec().document['components'] as JsonObject)['examples'] as Record<string, { value: JsonObject }>;
    return structuredClone((examples[name] as { value: JsonObject }).value);
  }

  function repoUrl(owner: string, repo: string): string {
    return apiUrl(`/repos/${owner}/${repo}`);
  }

  function checkRunJson(run: FakeCheckRun, owner: string, repo: string): JsonObject {
    const body = exampleValue('check-run');
    const url = `${repoUrl(owner, repo)}/check-runs/${run.id}`;
    return {
      ...body,
      id: run.id,
      node_id: Buffer.from(`CheckRun${run.id}`).toString('base64'),
      head_sha: run.head_sha,
      name: run.name,
      url,
      html_url: `https://github.com/${owner}/${repo}/runs/${run.id}`,
      details_url: run.details_url,
      external_id: run.external_id,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.started_at,
      completed_at: run.completed_at,
      output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${url}/annotations` },
      pull_requests: [],
    };
  }

  function commentJson(comment: FakeComment, owner: string, repo: string): JsonObject {
    const body = exampleValue('issue-comment');
    const user = { ...(body['user'] as JsonObject), login: comment.login, type: comment.userType };
    return {
      ...body,
      id: comment.id,
      node_id: Buffer.from(`IssueComment${comment.id}`).toString('base64'),
      url: `${repoUrl(owner, repo)}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${repoUrl(owner, repo)}/issues/${comment.issueNumber}`,
      body: comment.body,
      user,
      created_at: comment.created_at,
      updated_at: comment.updated_at,
    };
  }

  /** One page of `items` with GitHub's Link header (per_page at most 100, default 30). */
  function page<T>(request: FakeRequest, items: readonly T[]): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Math.max(1, Number(request.query['per_page'] ?? 30)));
    const current = Math.max(1, Number(request.query['page'] ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string): string => {
      const url = new URL(apiUrl(request.path));
      for (const [k, v] of Object.entries(request.query)) url.searchParams.set(k, v);
      url.searchParams.set('per_page', String(perPage));
      url.searchParams.set('page', String(n));
      return `<${url.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (current > 1) links.push(link(current - 1, 'prev'));
    if (current < last) links.push(link(current + 1, 'next'), link(last, 'last'));
    if (current > 1) links.push(link(1, 'first'));
    return { items: items.slice((current - 1) * perPage, current * perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  function applyCheckRun(run: FakeCheckRun, body: Record<string, unknown>): void {
    for (const key of ['name', 'details_url', 'external_id', 'started_at', 'completed_at'] as const) {
      if (typeof body[key] === 'string') (run as unknown as Record<string, unknown>)[key] = body[key];
    }
    if (typeof body['status'] === 'string') run.status = body['status'];
    if (typeof body['conclusion'] === 'string') {
      run.conclusion = body['conclusion'];
      run.status = 'completed';
      run.completed_at ??= timestamp();
    }
    const output = body['output'] as Record<string, unknown> | undefined;
    if (output) {
      if (typeof output['title'] === 'string') run.output.title = output['title'];
      if (typeof output['summary'] === 'string') run.output.summary = output['summary'];
      if (typeof output['text'] === 'string') run.output.text = output['text'];
      // GitHub appends annotations on every update; it never replaces them.
      run.annotations.push(...((output['annotations'] as FakeAnnotation[] | undefined) ?? []));
    }
  }

  const gitData = createFakeGit({ apiUrl, repoUrl, timestamp, nextId: () => (nextId += 1), example: exampleValue, login });

  const issueData = createFakeIssues({ apiUrl, repoUrl, timestamp, nextId: () => (nextId += 1), example: exampleValue, login }, page);

  const builtIn: Record<string, FakeHandler> = {
    ...gitData.handlers,
    ...issueData.handlers,
    'checks/list-for-ref': (r) => {
      let runs = checkRuns.filter((c) => c.head_sha === r.params['ref']);
      if (r.query['check_name']) runs = runs.filter((c) => c.name === r.query['check_name']);
      if (r.query['status']) runs = runs.filter((c) => c.status === r.query['status']);
      runs = [...runs].sort((a, b) => b.id - a.id);
      if ((r.query['filter'] ?? 'latest') === 'latest') runs = runs.filter((c, i) => runs.findIndex((d) => d.name === c.name) === i);
      const { items, headers } = page(r, runs);
      return json(200, { total_count: runs.length, check_runs: items.map((c) => checkRunJson(c, r.params['owner'] as string, r.params['repo'] as string)) }, headers);
    },
    'checks/get': (r) => {
      const run = checkRuns.find((c) => c.id === Number(r.params['check_run_id']));
      return run ? json(200, checkRunJson(run, r.params['owner'] as string, r.params['repo'] as string)) : notFound();
    },
    'checks/create': (r) => {
      const body = r.body as Record<string, unknown>;
      const run: FakeCheckRun = {
        id: (nextId += 1), name: body['name'] as string, head_sha: body['head_sha'] as string, status: 'queued', conclusion: null,
        details_url: null, external_id: null, started_at: timestamp(), completed_at: null,
        output: { title: null, summary: null, text: null }, annotations: [],
      };
      applyCheckRun(run, body);
      checkRuns.push(run);
      return json(201, checkRunJson(run, r.params['owner'] as string, r.params['repo'] as string));
    },
    'checks/update': (r) => {
      const run = checkRuns.find((c) => c.id === Number(r.params['check_run_id']));
      if (!run) return notFound();
      applyCheckRun(run, r.body as Record<string, unknown>);
      return json(200, checkRunJson(run, r.params['owner'] as string, r.params['repo'] as string));
    },
    'issues/list-comments': (r) => {
      const issue = Number(r.params['issue_number']);
      const since = r.query['since'];
      const all = comments.filter((c) => c.issueNumber === issue && (!since || c.updated_at >= since)).sort((a, b) => a.id - b.id);
      const { items, headers } = page(r, all);
      return json(200, items.map((c) => commentJson(c, r.params['owner'] as string, r.params['repo'] as string)), headers);
    },
    'issues/create-comment': (r) => {
      const comment = fake.addComment(Number(r.params['issue_number']), (r.body as { body: string }).body, login);
      return json(201, commentJson(comment, r.params['owner'] as string, r.params['repo'] as string), { location: `${repoUrl(r.params['owner'] as string, r.params['repo'] as string)}/issues/comments/${comment.id}` });
    },
    'issues/update-comment': (r) => {
      const comment = comments.find((c) => c.id === Number(r.params['comment_id']));
      if (!comment) return notFound();
      comment.body = (r.body as { body: string }).body;
      comment.updated_at = timestamp();
      return json(200, commentJson(comment, r.params['owner'] as string, r.params['repo'] as string));
    },
  };

  function match(method: string, path: string): { operation?: Operation; params: Record<string, string>; pathKnown: boolean } {
    let pathKnown = false;
    for (const matcher of spec().matchers) {
      const m = matcher.regex.exec(path);
      if (!m) continue;
      pathKnown = true;
      const operation = matcher.operations.get(method);
      if (!operation) continue;
      const params: Record<string, string> = {};
      matcher.names.forEach((name, i) => { params[name] = decodeURIComponent(m[i + 1] as string); });
      return { operation, params, pathKnown };
    }
    return { params: {}, pathKnown };
  }

  function checkParameters(operation: Operation, location: 'path' | 'query', values: Record<string, string>, label: string): void {
    const declared = operation.parameters.filter((p) => p.in === location);
    if (location === 'query') {
      for (const name of Object.keys(values)) {
        if (!declared.some((p) => p.name === name)) violations.push({ kind: 'parameter', request: label, message: `unknown query parameter '${name}' for ${operation.operationId}` });
      }
    }
    paramAjv ??= createAjv(true);
    const validate = validatorFor(paramAjv, `${operation.operationId}:${location}`, () => convertSchema(spec(), {
      type: 'object',
      properties: Object.fromEntries(declared.map((p) => [p.name, p.schema ?? {}])),
      required: declared.filter((p) => p.required).map((p) => p.name),
    }, false));
    if (!validate({ ...values })) violations.push({ kind: 'parameter', request: label, message: `${location} parameters of ${operation.operationId}: ${describeErrors(validate)}` });
  }

  function checkBody(operation: Operation, body: unknown, label: string): boolean {
    const content = operation.requestBody?.content?.['application/json'];
    if (body === undefined) {
      if (operation.requestBody?.required) {
        violations.push({ kind: 'body', request: label, message: `${operation.operationId} requires a JSON body` });
        return false;
      }
      return true;
    }
    if (!content?.schema) {
      violations.push({ kind: 'body', request: label, message: `${operation.operationId} takes no JSON body` });
      return false;
    }
    bodyAjv ??= createAjv(false);
    const validate = validatorFor(bodyAjv, `${operation.operationId}:body`, () => convertSchema(spec(), content.schema as JsonObject, true));
    if (validate(body)) return true;
    violations.push({ kind: 'body', request: label, message: `body of ${operation.operationId}: ${describeErrors(validate)}` });
    return false;
  }

  function checkResponse(operation: Operation, response: FakeResponse, label: string): void {
    const declared = operation.responses[String(response.status)] ?? operation.responses['default'];
    if (!declared) {
      if (response.status < 400) violations.push({ kind: 'response', request: label, message: `${operation.operationId} does not answer ${response.status}` });
      return;
    }
    const resolved = resolveRef<JsonObject>(spec().document, declared);
    const schema = ((resolved['content'] as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.['schema'] as JsonObject | undefined;
    if (!schema || response.body === undefined) return;
    bodyAjv ??= createAjv(false);
    const validate = validatorFor(bodyAjv, `${operation.operationId}:response:${response.status}`, () => convertSchema(spec(), schema, false));
    if (!validate(response.body)) violations.push({ kind: 'response', request: label, message: `the fake's answer to ${operation.operationId} breaks the spec: ${describeErrors(validate)}` });
  }

  function serve(method: string, url: URL, headers: Record<string, string>, rawBody: string | undefined): RecordedRequest & { response: FakeResponse } {
    const label = `${method} ${url.pathname}${url.search}`;
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
    const query = Object.fromEntries(url.searchParams.entries());
    let body: unknown;
    if (rawBody !== undefined && rawBody !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        violations.push({ kind: 'body', request: label, message: 'the body is not JSON' });
      }
    }
    const base = { method, path, query, body, headers, params: {} as Record<string, string> };
    if (url.origin !== baseUrl.origin) {
      violations.push({ kind: 'unknown-endpoint', request: label, message: `request to ${url.origin}, not the API at ${baseUrl.origin}` });
      const response = notFound();
      return { ...base, status: response.status, response };
    }
    const { operation, params, pathKnown } = match(method, path);
    if (!operation) {
      violations.push({ kind: 'unknown-endpoint', request: label, message: pathKnown ? `${method} is not an operation on this path` : 'no GitHub operation has this path' });
      const response = notFound();
      return { ...base, status: response.status, response };
    }
    const request: FakeRequest = { ...base, params, operationId: operation.operationId };
    checkParameters(operation, 'path', params, label);
    checkParameters(operation, 'query', query, label);
    const bodyOk = checkBody(operation, body, label);
    const queued = failures.get(operation.operationId);
    let response: FakeResponse;
    if (queued && queued.length > 0) {
      response = queued.shift() as FakeResponse;
    } else if (!bodyOk) {
      response = json(422, { message: 'Invalid request.', documentation_url: 'https://docs.github.com/rest', status: '422' });
    } else {
      const handler = handlers.get(operation.operationId) ?? builtIn[operation.operationId];
      if (!handler) {
        violations.push({ kind: 'unimplemented', request: label, message: `the fake does not serve ${operation.operationId}; add it with fake.handle()` });
        response = json(501, { message: `not implemented in the fake: ${operation.operationId}` });
      } else {
        response = handler(request, fake);
      }
    }
    if (response.status < 400) checkResponse(operation, response, label);
    return { ...request, status: response.status, response };
  }

  const fakeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const download = gitData.git.codeload(url);
    if (download) return download;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).forEach((value, key) => { headers[key] = value; });
    const rawBody = typeof init?.body === 'string' ? init.body : init?.body == null ? undefined : String(init.body);
    const served = serve(method, url, headers, rawBody);
    const { response, ...recorded } = served;
    requests.push(recorded);
    // fetch follows redirects (the archive APIs answer 302 to codeload) unless told not to.
    const location = response.headers?.['location'];
    if (response.status === 302 && location && init?.redirect !== 'manual') return fakeFetch(location, { method: 'GET' });
    const responseHeaders = new Headers({ 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json', ...response.headers });
    return new Response(response.body === undefined ? null : JSON.stringify(response.body), { status: response.status, headers: responseHeaders });
  };

  const fake: GitHubFake = {
    fetch: fakeFetch as typeof fetch,
    requests,
    violations,
    checkRuns,
    comments,
    git: gitData.git,
    issues: issueData.state,
    addComment(issueNumber, body, author = 'octocat') {
      const now = timestamp();
      const comment: FakeComment = { id: (nextId += 1), issueNumber, body, login: author, userType: author.endsWith('[bot]') ? 'Bot' : 'User', created_at: now, updated_at: now };
      comments.push(comment);
      return comment;
    },
    addCheckRun(run) {
      const created: FakeCheckRun = {
        id: (nextId += 1), status: 'completed', conclusion: 'success', details_url: null, external_id: null,
        started_at: timestamp(), completed_at: timestamp(), output: { title: null, summary: null, text: null }, annotations: [],
        ...run,
      };
      checkRuns.push(created);
      return created;
    },
    handle(operationId, handler) {
      if (!spec().operations.has(operationId)) throw new Error(`github-fake: '${operationId}' is not an operation in GitHub's OpenAPI description`);
      handlers.set(operationId, handler);
    },
    failNext(operationId, status, message, headers = {}) {
      if (!spec().operations.has(operationId)) throw new Error(`github-fake: '${operationId}' is not an operation in GitHub's OpenAPI description`);
      const queue = failures.get(operationId) ?? [];
      queue.push(json(status, { message, documentation_url: 'https://docs.github.com/rest', status: String(status) }, headers));
      failures.set(operationId, queue);
    },
    routes() {
      return requests.map((r) => {
        const operation = r.operationId ? spec().operations.get(r.operationId) : undefined;
        return operation ? `${operation.method} ${operation.template}` : `${r.method} ${r.path} (unknown)`;
      });
    },
    assertClean() {
      if (violations.length === 0) return;
      throw new Error(`GitHub fake: ${violations.length} request(s) broke GitHub's OpenAPI description:\n${violations.map((v) => `- [${v.kind}] ${v.request}: ${v.message}`).join('\n')}`);
    },
  };
  return fake;
}
