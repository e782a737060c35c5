import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { specFile } from './openapi-check.js';

/**
 * A stateful Statsig Console API behind an injected fetch: gates with rules whose `id` changes with
 * their `passPercentage` (`<baseID>:<pct>:1`, as the spec's examples show), the key and version
 * headers required, every request checked against Statsig's OpenAPI description (statsig/capiopenapi.json)
 * and every gate answered checked against its `ExternalGateDto`.
 */
export interface StatsigFakeRule {
  id: string;
  baseID: string;
  name: string;
  passPercentage: number;
  conditions: Record<string, unknown>[];
  environments: string[] | null;
}
export interface StatsigFakeGate {
  id: string;
  name: string;
  isEnabled: boolean;
  status: 'In Progress' | 'Launched' | 'Disabled' | 'Archived';
  rules: StatsigFakeRule[];
}
export interface FakeAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Handle the request first, then answer this (an answer lost on the way back). */
  readonly applyFirst?: boolean;
}
export interface StatsigFake {
  readonly fetch: typeof globalThis.fetch;
  readonly key: string;
  readonly violations: string[];
  readonly requests: { method: string; path: string; body: unknown }[];
  addGate(id: string, rules?: Omit<StatsigFakeRule, 'id' | 'baseID'>[]): StatsigFakeGate;
  gate(id: string): StatsigFakeGate | undefined;
  /** Answers to give instead of the real handling, for requests with this method, in order. */
  inject(method: string, ...answers: FakeAnswer[]): void;
  /** Runs before each request is handled (someone else editing the gate in the console). */
  onRequest?: (method: string, path: string) => void;
}

const SPEC = specFile('statsig/capiopenapi.json');
type Spec = { paths: Record<string, Record<string, { requestBody?: unknown }>> };
let shared: { spec: Spec; ajv: Ajv; gateDto: ValidateFunction } | undefined;

/**
 * OpenAPI 3.0's `nullable` as JSON Schema: `{…, nullable: true}` becomes `anyOf: [{…}, null]`
 * (ajv takes `nullable` only beside a `type`, and Statsig's spec puts it beside a `oneOf`).
 */
function nullableToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableToJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, example: _example, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, nullableToJsonSchema(v)]));
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}

function loadSpec(): NonNullable<typeof shared> {
  if (shared !== undefined) return shared;
  const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: false });
  ajv.addSchema({ ...(nullableToJsonSchema(spec) as object), $id: 'statsig' });
  shared = { spec, ajv, gateDto: ajv.compile({ $ref: 'statsig#/components/schemas/ExternalGateDto' }) };
  return shared;
}

const ruleId = (baseID: string, pct: number): string => `${baseID}:${pct.toFixed(2)}:1`;

export function startStatsigFake(key = 'console-Sx9vQ2kLmN3pR7tY1wZ4aB6cD8eF0gH'): StatsigFake {
  const { spec, ajv, gateDto } = loadSpec();
  const bodies = new Map<string, ValidateFunction>();
  const gates = new Map<string, StatsigFakeGate>();
  const injected = new Map<string, FakeAnswer[]>();
  const violations: string[] = [];
  const requests: StatsigFake['requests'] = [];
  let bases = 0;
  const newBase = (): string => `4kTq${(bases += 1).toString().padStart(4, '0')}xYzRuleBase`;
  const templates = Object.keys(spec.paths).map((t) => ({ t, re: new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));

  function checkRequest(method: string, path: string, headers: Headers, body: unknown): void {
    if (headers.get('statsig-api-key') === null) violations.push(`${method} ${path}: no STATSIG-API-KEY header`);
    if (headers.get('statsig-api-version') !== '20240601') violations.push(`${method} ${path}: STATSIG-API-VERSION is not 20240601`);
    const op = templates.find((x) => x.re.test(path));
    const node = op ? spec.paths[op.t]?.[method.toLowerCase()] : undefined;
    if (node === undefined) { violations.push(`${method} ${path}: no such operation in the Statsig spec`); return; }
    if (node.requestBody === undefined) {
      if (body !== undefined) violations.push(`${method} ${path} takes no body but got one`);
      return;
    }
    const pointer = `statsig#/paths/${(op?.t ?? '').replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
    let validate = bodies.get(pointer);
    if (validate === undefined) bodies.set(pointer, (validate = ajv.compile({ $ref: pointer })));
    if (!validate(body)) violations.push(...(validate.errors ?? []).map((e) => `${method} ${path}: body${e.instancePath} ${e.message ?? 'is invalid'}`));
  }

  function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  }
  function answerGate(gate: StatsigFakeGate, message: string): Response {
    const data = {
      ...structuredClone(gate), description: '', lastModifierID: '1vaQaBoLlkauH9iiuOSBP2', lastModifiedTime: 1704929983827, lastModifierEmail: null,
      lastModifierName: 'CONSOLE API', createdTime: 1704929979761, creatorName: 'CONSOLE API', checksPerHour: 0, type: 'PERMANENT', typeReason: 'NONE',
    };
    if (!gateDto(data)) violations.push(`the fake's gate breaks ExternalGateDto: ${JSON.stringify(gateDto.errors?.slice(0, 2))}`);
    return json(200, { message, data });
  }

  function handle(method: string, path: string, body: unknown): Response {
    const parts = path.split('/').map(decodeURIComponent);
    // ['', 'console', 'v1', 'gates', id, ...rest]
    const gate = gates.get(parts[4] ?? '');
    if (gate === undefined) return json(404, { status: 404, message: 'Gate not found' });
    const rest = parts.slice(5);
    if (method === 'GET' && rest.length === 0) return answerGate(gate, 'Gate read successfully.');
    if (method === 'PATCH' && rest.length === 0) {
      const patch = body as Partial<StatsigFakeGate>;
      if (typeof patch.isEnabled === 'boolean') gate.isEnabled = patch.isEnabled;
      return answerGate(gate, 'Gate updated successfully.');
    }
    if (method === 'POST' && rest.length === 1 && rest[0] === 'rule') {
      const rule = body as Omit<StatsigFakeRule, 'id' | 'baseID'>;
      const baseID = newBase();
      gate.rules.push({ name: rule.name, passPercentage: rule.passPercentage, conditions: rule.conditions, environments: rule.environments ?? null, baseID, id: ruleId(baseID, rule.passPercentage) });
      return answerGate(gate, 'Gate updated successfully.');
    }
    if (method === 'PATCH' && rest.length === 2 && rest[0] === 'rules') {
      const rule = gate.rules.find((r) => r.id === rest[1]);
      if (rule === undefined) return json(404, { status: 404, message: `Rule ${rest[1]} not found` });
      const patch = body as Partial<StatsigFakeRule>;
      if (typeof patch.passPercentage === 'number') rule.passPercentage = patch.passPercentage;
      rule.id = ruleId(rule.baseID, rule.passPercentage);
      return answerGate(gate, 'Gate updated successfully.');
    }
    return json(400, { status: 400, message: `the fake does not handle ${method} ${path}` });
  }

  const fake: StatsigFake = {
    key,
    violations,
    requests,
    async fetch(input, init) {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const method = (init?.method ?? 'GET').toUpperCase();
      const headers = new Headers(init?.headers);
      const text = typeof init?.body === 'string' ? init.body : undefined;
      const body = text === undefined ? undefined : JSON.parse(text) as unknown;
      requests.push({ method, path: url.pathname, body });
      checkRequest(method, url.pathname, headers, body);
      if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
      fake.onRequest?.(method, url.pathname);
      const forced = injected.get(method)?.shift();
      if (forced !== undefined && !forced.applyFirst) return json(forced.status, forced.body, forced.headers);
      if (headers.get('statsig-api-key') !== key) return json(401, { status: 401, message: 'Invalid or missing STATSIG-API-KEY' });
      const answer = handle(method, url.pathname, body);
      return forced !== undefined ? json(forced.status, forced.body, forced.headers) : answer;
    },
    addGate(id, rules = []) {
      const gate: StatsigFakeGate = { id, name: id, isEnabled: true, status: 'In Progress', rules: [] };
      for (const r of rules) {
        const baseID = newBase();
        gate.rules.push({ ...r, baseID, id: ruleId(baseID, r.passPercentage) });
      }
      gates.set(id, gate);
      return gate;
    },
    gate: (id) => gates.get(id),
    inject(method, ...answers) { injected.set(method, [...(injected.get(method) ?? []), ...answers]); },
  };
  return fake;
}
