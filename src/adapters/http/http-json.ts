import { kindOfStatus, type CallFailureKind, type CallResult } from '../../ports/call.js';

/**
 * The one HTTP client every HTTP adapter uses (providers, metrics sources): JSON in and out,
 * retries where waiting can help, and failures as data whose message is safe to print.
 */

export interface HttpRequest {
  readonly method?: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON (with `Content-Type: application/json` unless the headers set another). */
  readonly body?: unknown;
  /** Sent as these exact bytes instead of `body` (a signed body must arrive as it was signed). */
  readonly rawBody?: string;
}

export interface HttpDeps {
  readonly fetch: typeof globalThis.fetch;
  /** Waits between attempts; tests pass one that returns at once and records the waits. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter of the backoff. */
  readonly random?: () => number;
}

export interface HttpOptions {
  /** Who is calling, first in every error: `unleash 'flags'`, `prometheus`. */
  readonly label: string;
  /** The caller's deadline: once aborted, no further attempt and no wait. */
  readonly signal?: AbortSignal;
  /** Further attempts after the first, for 408, 429, 5xx, network errors and time-outs (default 3). */
  readonly retries?: number;
  /**
   * An error answer that retrying cannot change although its status says it might (Unleash
   * answers 500 when a JSON Patch `test` fails). Such an answer is returned at once.
   */
  readonly final?: (status: number, body: unknown) => boolean;
  /** The URL itself is a credential (a Slack webhook): errors name the label and method, not the path. */
  readonly secretUrl?: boolean;
  /** A 2xx answer that is not JSON is answered as its text (Slack answers `ok`), not as a failure. */
  readonly acceptText?: boolean;
}

export interface HttpAnswer<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** The first backoff; each later one doubles, with jitter. */
const BASE_DELAY_MS = 500;
/** The longest wait between two attempts; a `Retry-After` beyond it ends the retries (the engine holds and asks again later). */
const MAX_DELAY_MS = 30_000;
/** Each attempt's own deadline, inside the caller's. */
const ATTEMPT_TIMEOUT_MS = 30_000;
/** How much of a server's error message goes into ours. */
const MESSAGE_CHARS = 200;

/**
 * Sends one JSON request and answers the status, parsed body and headers of a 2xx answer, or a
 * CallFailure. 408, 429, 5xx (except 501), network errors and time-outs are retried with jittered
 * exponential backoff, honouring `Retry-After` (seconds or an HTTP date) up to a cap; every other
 * 4xx is answered at once. Errors name the label, method, URL path (never the query string, which
 * may carry keys, nor any header) and status, with the server's message clipped to one line.
 */
export async function requestJson<T = unknown>(deps: HttpDeps, request: HttpRequest, options: HttpOptions): Promise<CallResult<HttpAnswer<T>>> {
  const method = (request.method ?? 'GET').toUpperCase();
  const where = `${options.label}: ${method} ${options.secretUrl ? '(URL withheld: it is a credential)' : pathOf(request.url)}`;
  const secrets = Object.values(request.headers ?? {}).filter((value) => value.length >= 8);
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | undefined = request.rawBody;
  if (body === undefined && request.body !== undefined) {
    body = JSON.stringify(request.body);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const retries = Math.max(0, options.retries ?? 3);

  for (let attempt = 0; ; attempt += 1) {
    if (options.signal?.aborted) return { ok: false, kind: 'timeout', error: `${where}: the call's deadline passed before an answer` };
    const outcome = await attempt1(deps.fetch, request.url, { method, headers, body }, options.signal);
    let failure: { kind: CallFailureKind; error: string; retryAfterMs?: number };
    let retryable: boolean;

    if (outcome.type === 'thrown') {
      if (options.signal?.aborted) return { ok: false, kind: 'timeout', error: `${where}: the call's deadline passed before an answer` };
      const kind = kindOfThrown(outcome.error);
      failure = { kind, error: `${where}: ${kind === 'timeout' ? 'no answer in time' : 'no answer'} (${redact(describeThrown(outcome.error), secrets)})` };
      retryable = true;
    } else {
      const { response, text } = outcome;
      const parsed = parseJson(text);
      if (response.status >= 200 && response.status < 300) {
        if (parsed.ok) return { ok: true, value: { status: response.status, body: parsed.value as T, headers: response.headers } };
        if (options.acceptText) return { ok: true, value: { status: response.status, body: text as T, headers: response.headers } };
        return { ok: false, kind: 'invalid', error: `${where} answered ${response.status} with a body that is not JSON: ${redact(clip(text), secrets)}` };
      }
      const kind = kindOfStatus(response.status);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      const message = serverMessage(parsed.ok ? parsed.value : undefined, text);
      failure = {
        kind,
        error: `${where} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${message ? `: ${redact(message, secrets)}` : ''}${hintOf(response.status)}`,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
      retryable = isRetryableStatus(response.status) && !(options.final?.(response.status, parsed.ok ? parsed.value : text) ?? false);
    }

    if (!retryable) return { ok: false, ...failure };
    const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt * (0.5 + random() / 2));
    const wait = failure.retryAfterMs ?? backoff;
    if (attempt >= retries || wait > MAX_DELAY_MS) {
      const tried = attempt + 1;
      const suffix = tried > 1 ? ` (after ${tried} attempts)` : '';
      return { ok: false, ...failure, error: `${failure.error}${suffix}`, ...(failure.kind === 'rate-limited' ? { retryAfterMs: Math.round(wait) } : {}) };
    }
    await sleep(Math.round(wait));
  }
}

/** Whether asking again may get another answer: throttling, time-outs and server faults, never a client error. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds or an HTTP date (RFC 9110 §10.2.3);
 * undefined when absent or unreadable. A date in the past means now.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

type Outcome = { type: 'answered'; response: Response; text: string } | { type: 'thrown'; error: unknown };

async function attempt1(fetch: typeof globalThis.fetch, url: string, init: { method: string; headers: Record<string, string>; body: string | undefined }, signal: AbortSignal | undefined): Promise<Outcome> {
  const timeout = AbortSignal.timeout(ATTEMPT_TIMEOUT_MS);
  try {
    const { body, ...rest } = init;
    const response = await fetch(url, { ...rest, ...(body !== undefined ? { body } : {}), signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    return { type: 'answered', response, text: await response.text() };
  } catch (error) {
    return { type: 'thrown', error };
  }
}

function kindOfThrown(error: unknown): CallFailureKind {
  const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown; name?: unknown } } | undefined;
  const names = [e?.name, e?.cause?.name];
  const codes = [e?.code, e?.cause?.code].filter((c): c is string => typeof c === 'string');
  if (names.includes('TimeoutError') || names.includes('AbortError')) return 'timeout';
  if (codes.some((c) => c === 'ETIMEDOUT' || c.includes('TIMEOUT'))) return 'timeout';
  return 'unavailable';
}

function describeThrown(error: unknown): string {
  const e = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
  const cause = e?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return clip(cause.message);
  return clip(typeof e?.message === 'string' ? e.message : String(error));
}

/** The path of a URL without its query string, fragment or user info, which may carry credentials. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(an unparseable URL)';
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** What the server said went wrong: the usual `message`/`error`/`errors[0].message` fields, else the text. */
function serverMessage(body: unknown, text: string): string {
  if (body !== null && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const field of ['message', 'error', 'error_description', 'detail', 'title']) {
      const value = record[field];
      if (typeof value === 'string' && value.trim() !== '') return clip(value);
      if (value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>)['message'] === 'string') return clip((value as Record<string, string>)['message'] as string);
    }
    const errors = record['errors'];
    if (Array.isArray(errors) && errors.length > 0) {
      const first = errors[0] as unknown;
      if (typeof first === 'string') return clip(first);
      if (first !== null && typeof first === 'object' && typeof (first as Record<string, unknown>)['message'] === 'string') return clip((first as Record<string, string>)['message'] as string);
    }
  }
  return clip(text);
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MESSAGE_CHARS ? line : `${line.slice(0, MESSAGE_CHARS - 1)}…`;
}

/** A server that echoes a credential back must not put it in our output. */
function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}

function hintOf(status: number): string {
  if (status === 401) return ' (check the token: it is missing, wrong or expired)';
  if (status === 403) return ' (the token lacks a permission this call needs)';
  return '';
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
