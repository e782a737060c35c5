import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openApiCheckerFromObject, specFile, type OpenApiChecker } from './openapi-check.js';

/**
 * A Datadog metrics API with behaviour, for the Datadog source's tests: it stores count points
 * per metric and tag set and answers `POST /api/v2/query/scalar` and `GET /api/v1/query` for the
 * simple query form `sum:<metric>{tag:value,…} [by {tag}].as_count()` by summing the points in
 * [from, to). Every request is checked against Datadog's published API descriptions (v1 and v2
 * openapi.yaml in ../shared/specs) and for both keys; the problems collect in `violations`.
 */
export interface DatadogFake {
  readonly fetch: typeof globalThis.fetch;
  readonly violations: string[];
  readonly requests: { readonly method: string; readonly url: string; readonly body: unknown }[];
  /** Adds one count point. */
  point(metric: string, tags: Readonly<Record<string, string>>, atMs: number, value: number): void;
  /** Answers the next requests with these (status, headers, body) first, in order, before behaving normally. */
  queue(...answers: { status: number; headers?: Record<string, string>; body?: unknown }[]): void;
  /** Queries whose text contains this are answered with the v2 `errors` text beside the data (a partial failure). */
  failQueriesContaining(text: string | undefined): void;
}

// js-yaml parses the 4 MB v2 description several times faster than `yaml`; it ships no types, hence require.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

let checkers: { v1: OpenApiChecker; v2: OpenApiChecker } | undefined;

/** Parsing the 4 MB v2 description takes a moment: done once per test process. */
function specCheckers(): { v1: OpenApiChecker; v2: OpenApiChecker } {
  checkers ??= {
    v1: openApiCheckerFromObject(yaml.load(readFileSync(specFile('datadog/v1/openapi.yaml'), 'utf8')), 'datadog/v1/openapi.yaml', { queryParameters: true }),
    v2: openApiCheckerFromObject(yaml.load(readFileSync(specFile('datadog/v2/openapi.yaml'), 'utf8')), 'datadog/v2/openapi.yaml'),
  };
  return checkers;
}

interface Point {
  readonly metric: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly atMs: number;
  readonly value: number;
}

export function datadogFake(keys: { readonly apiKey: string; readonly appKey: string }, host = 'api.datadoghq.com'): DatadogFake {
  const spec = specCheckers();
  const points: Point[] = [];
  const violations: string[] = [];
  const requests: { method: string; url: string; body: unknown }[] = [];
  const queued: { status: number; headers?: Record<string, string>; body?: unknown }[] = [];
  let failing: string | undefined;

  /** The groups a query answers over [fromMs, toMs): tag values of the `by` tag → summed value; an empty map when nothing matches. */
  function evaluate(query: string, fromMs: number, toMs: number): Map<string, number> | string {
    const m = /^sum:([\w.]+)\{([^}]*)\}(?:\s*by\s*\{([\w.]+)\})?\.as_count\(\)$/.exec(query);
    if (!m) return `unsupported query in this fake: ${query}`;
    const [, metric, filter, by] = m;
    const wanted = filter === '*' ? [] : filter!.split(',').map((pair) => pair.split(':') as [string, string]);
    const groups = new Map<string, number>();
    for (const p of points) {
      if (p.metric !== metric || p.atMs < fromMs || p.atMs >= toMs) continue;
      if (!wanted.every(([k, v]) => p.tags[k] === v)) continue;
      const key = by ? (p.tags[by] ?? 'N/A') : '';
      groups.set(key, (groups.get(key) ?? 0) + p.value);
    }
    return groups;
  }

  function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  }

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const text = typeof init?.body === 'string' ? init.body : undefined;
    const body = text === undefined ? undefined : (JSON.parse(text) as unknown);
    requests.push({ method, url, body });
    if (init?.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    const parsed = new URL(url);
    if (parsed.host !== host || parsed.protocol !== 'https:') violations.push(`${method} ${url}: expected https://${host}`);
    const headers = new Headers(init?.headers);
    if (headers.get('dd-api-key') !== keys.apiKey || headers.get('dd-application-key') !== keys.appKey) {
      violations.push(`${method} ${parsed.pathname}: DD-API-KEY and DD-APPLICATION-KEY must both be sent`);
    }
    const checker = parsed.pathname.startsWith('/api/v1/') ? spec.v1 : spec.v2;
    violations.push(...checker.check(method, url, body));

    const next = queued.shift();
    if (next) return json(next.status, next.body, next.headers);
    // Datadog answers 403 with this shape for a key it does not accept; it must never show up in the source's errors.
    if (headers.get('dd-api-key') !== keys.apiKey) return json(403, { errors: [`Forbidden: key ${headers.get('dd-api-key') ?? ''} is not valid`] });

    if (method === 'POST' && parsed.pathname === '/api/v2/query/scalar') {
      const attributes = (body as { data: { attributes: { from: number; to: number; queries: { name: string; query: string }[]; formulas?: { formula: string }[] } } }).data.attributes;
      const evaluated = attributes.queries.map((q) => ({ name: q.name, groups: evaluate(q.query, attributes.from, attributes.to) }));
      const bad = evaluated.find((e) => typeof e.groups === 'string');
      if (bad) return json(400, { errors: [bad.groups as string] });
      const byName = new Map(evaluated.map((e) => [e.name, e.groups as Map<string, number>]));
      const outputs = (attributes.formulas ?? attributes.queries.map((q) => ({ formula: q.name }))).map((f) => ({ name: f.formula, groups: byName.get(f.formula) ?? new Map<string, number>() }));
      // One row per group seen in any output, as Datadog lays out a scalar table: a group an output lacks is null there.
      const rows = [...new Set(outputs.flatMap((o) => [...o.groups.keys()]))];
      const grouped = rows.some((r) => r !== '');
      const columns: unknown[] = [];
      const byTag = attributes.queries.map((q) => /\bby\s*\{([\w.]+)\}/.exec(q.query)?.[1]).find((t) => t !== undefined) ?? 'group';
      if (grouped) columns.push({ type: 'group', name: byTag, values: rows.map((r) => [r]) });
      for (const o of outputs) columns.push({ type: 'number', name: o.name, values: rows.map((r) => o.groups.get(r) ?? null), meta: { unit: null } });
      const partial = failing !== undefined && attributes.queries.some((q) => q.query.includes(failing!));
      return json(200, { data: { type: 'scalar_response', attributes: { columns } }, ...(partial ? { errors: 'Error executing query: timeout reading one of the series' } : {}) });
    }
    if (method === 'GET' && parsed.pathname === '/api/v1/query') {
      const from = Number(parsed.searchParams.get('from')) * 1000;
      const to = Number(parsed.searchParams.get('to')) * 1000;
      const query = parsed.searchParams.get('query') ?? '';
      const groups = evaluate(query, from, to);
      if (typeof groups === 'string') return json(400, { errors: [groups] });
      const byTag = /\bby\s*\{([\w.]+)\}/.exec(query)?.[1] ?? 'group';
      const series = [...groups.entries()].map(([group, value]) => ({
        aggr: 'sum',
        metric: query.split(':')[1]?.split('{')[0],
        expression: query,
        scope: group === '' ? '*' : `${byTag}:${group}`,
        ...(group === '' ? {} : { tag_set: [`${byTag}:${group}`] }),
        // Two points per series, one of them a gap, as a sparse count comes back.
        pointlist: [[from, value], [to - 1000, null]],
        start: from,
        end: to,
        interval: to - from,
        length: 2,
      }));
      return json(200, { status: 'ok', res_type: 'time_series', query, from_date: from, to_date: to, series });
    }
    return json(404, { errors: ['Not found'] });
  };

  return {
    fetch,
    violations,
    requests,
    point: (metric, tags, atMs, value) => points.push({ metric, tags, atMs, value }),
    queue: (...answers) => queued.push(...answers),
    failQueriesContaining: (text) => {
      failing = text;
    },
  };
}
