import type { CallFailureKind, CallResult } from '../../ports/call.js';

// A minimal stand-in, written by the Prometheus source's branch so it builds on its own: the
// shared HTTP client (retries with jittered backoff, Retry-After) replaces it at merge. Only the
// signature below is relied upon.

export interface HttpRequest {
  readonly method?: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface HttpDeps {
  readonly fetch: typeof globalThis.fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/**
 * One JSON request: the answer for a 2xx, a failure as data for anything else (the kind from the
 * status, the service's own message from a JSON body's `error` or `message`). `unavailable` and
 * `rate-limited` answers are retried up to `retries` times (default 2) with a short backoff.
 */
export async function requestJson<T = unknown>(
  deps: HttpDeps,
  request: HttpRequest,
  options: { readonly label: string; readonly signal?: AbortSignal; readonly retries?: number },
): Promise<CallResult<{ readonly status: number; readonly body: T; readonly headers: Headers }>> {
  const retries = options.retries ?? 2;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    const result = await once<T>(deps, request, options);
    if (result.ok || attempt >= retries || (result.kind !== 'unavailable' && result.kind !== 'rate-limited') || options.signal?.aborted) return result;
    await sleep(result.retryAfterMs ?? Math.round(200 * 2 ** attempt * (0.5 + random())));
  }
}

async function once<T>(
  deps: HttpDeps,
  request: HttpRequest,
  options: { readonly label: string; readonly signal?: AbortSignal },
): Promise<CallResult<{ readonly status: number; readonly body: T; readonly headers: Headers }>> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  const init: RequestInit = { method: request.method ?? 'GET', headers };
  if (request.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    init.body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  }
  if (options.signal) init.signal = options.signal;
  let response: Response;
  try {
    response = await deps.fetch(request.url, init);
  } catch (error) {
    const name = (error as Error | undefined)?.name;
    if (name === 'AbortError' || name === 'TimeoutError') return { ok: false, kind: 'timeout', error: `${options.label}: no answer before the deadline` };
    const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
    return { ok: false, kind: 'unavailable', error: `${options.label}: cannot connect (${cause?.code ?? cause?.message ?? (error as Error).message})` };
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status >= 200 && response.status < 300) {
    if (body === undefined && text !== '') return { ok: false, kind: 'invalid', error: `${options.label}: HTTP ${response.status} answered something other than JSON` };
    return { ok: true, value: { status: response.status, body: body as T, headers: response.headers } };
  }
  const said = messageOf(body) ?? (text.trim().slice(0, 200) || response.statusText);
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    ok: false,
    kind: kindOfStatus(response.status),
    error: `${options.label}: HTTP ${response.status}${said ? `: ${said}` : ''}`,
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 && response.headers.has('retry-after') ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['error', 'message']) {
    if (typeof record[key] === 'string' && record[key] !== '') return record[key];
  }
  return undefined;
}

function kindOfStatus(status: number): CallFailureKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 400 && status < 500) return 'invalid';
  return 'unavailable';
}
