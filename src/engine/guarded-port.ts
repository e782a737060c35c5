import type { ApiProvider, ApplyAnswer, CallFailureKind, CallOptions, PendingOperation, TrafficTarget } from '../ports/traffic-provider.js';
import { kindOfStatus, type CallResult } from '../ports/call.js';
import type { TrafficSplit } from '../core/model/traffic-split.js';

/** A provider call past this is a failed call of kind `timeout`: the split it serves is unknown until the next read. */
export const DEFAULT_PROVIDER_TIMEOUT_MS = 30_000;
/** Metrics queries scan a warehouse; they get longer, but not a job's lifetime. */
export const DEFAULT_METRICS_TIMEOUT_MS = 60_000;

/** Deadlines for external calls, in milliseconds (EngineContext.deadlines). */
export interface CallDeadlines {
  readonly providerMs?: number;
  readonly metricsMs?: number;
  /** How long a change a provider accepted may take to settle before it counts as failed (default DEFAULT_PROVIDER_SETTLE_MS, 30 min). */
  readonly providerSettleMs?: number;
}

/** One failed call to a provider or a metrics source during a release's tick, as the outcome reports it. */
export interface PortFault {
  readonly port: 'provider' | 'metrics';
  readonly call: 'read' | 'apply' | 'verify' | 'query';
  readonly kind: CallFailureKind;
  readonly error: string;
}

export type Failure = { readonly ok: false; readonly error: string; readonly kind: CallFailureKind; readonly retryAfterMs?: number };
export type Answered = { readonly ok: true; readonly answer: unknown } | Failure;

/** Answers may come from any adapter, including a third party's; one that prints a whole HTML error page must not flood the log. */
const MAX_MESSAGE = 300;

// A guard over a guarded port would give every call two deadlines and wrap its messages twice.
// (The metrics guard, src/engine/guarded-metrics.ts, shares the helpers below.)
const guarded = new WeakSet<object>();

/**
 * The provider every engine call goes through: each call gets a deadline, and whatever the
 * adapter does — answers a failure, throws, never answers, or answers something that is not a
 * split or an apply answer — comes back as a CallResult whose failure has a `kind`. Adapters are
 * meant to answer failures as data; this is what makes the engine safe from the ones that do not.
 */
export function guardProvider(provider: ApiProvider, opts: { readonly label: string; readonly timeoutMs?: number }): ApiProvider {
  if (guarded.has(provider)) return provider;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  const call = async <T>(name: 'read' | 'apply' | 'verify', run: (options: CallOptions) => Promise<unknown>, check: (value: unknown) => string | undefined): Promise<CallResult<T>> => {
    const what = `provider ${opts.label}: ${name}`;
    const answered = await withDeadline(what, timeoutMs, run);
    const result = answered.ok ? checkProviderAnswer<T>(what, answered.answer, check) : answered;
    if (result.ok) return result;
    const timeoutNote = name !== 'read' && result.kind === 'timeout' ? '; what it serves now is unknown until the next read' : '';
    return { ...result, error: `${result.error}${timeoutNote}` };
  };
  const { verify } = provider;
  const wrapped: ApiProvider = {
    kind: 'api',
    type: provider.type,
    capabilities: provider.capabilities,
    read: (target: TrafficTarget) => call<TrafficSplit>('read', (options) => provider.read(target, options), readProblem),
    apply: (target: TrafficTarget, split: TrafficSplit) => call<ApplyAnswer>('apply', (options) => provider.apply(target, split, options), applyAnswerProblem),
    ...(verify
      ? { verify: (target: TrafficTarget, operation: PendingOperation) => call<ApplyAnswer>('verify', (options) => verify.call(provider, target, operation, options), applyAnswerProblem) }
      : {}),
  };
  guarded.add(wrapped);
  return wrapped;
}

/** Runs one call against its deadline; the adapter gets a signal it may pass on to its HTTP client. */
export async function withDeadline(what: string, timeoutMs: number, run: (options: CallOptions) => Promise<unknown>): Promise<Answered> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<Failure>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`${what} timed out`));
      resolve({ ok: false, kind: 'timeout', error: `${what} timed out after ${timeoutMs} ms` });
    }, timeoutMs);
  });
  // An adapter that throws before returning its promise is caught here too.
  const attempt = Promise.resolve()
    .then(() => run({ signal: controller.signal }))
    .then(
      (answer): Answered => ({ ok: true, answer }),
      (error: unknown): Failure => ({ ok: false, kind: kindOfThrown(error), error: `${what} threw: ${messageOf(error)}` }),
    );
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function checkProviderAnswer<T>(what: string, answer: unknown, check: (value: unknown) => string | undefined): CallResult<T> {
  if (!isRecord(answer) || typeof answer['ok'] !== 'boolean') return { ok: false, kind: 'invalid', error: `${what} answered ${show(answer)}, which is not a result` };
  if (answer['ok'] === false) return failureOf(what, answer);
  const problem = check(answer['value']);
  if (problem !== undefined) return { ok: false, kind: 'invalid', error: `${what} answered ${problem}` };
  return { ok: true, value: answer['value'] as T };
}

/** A failure the adapter answered as data keeps its words (the audit log records them); only the kind is filled in. */
export function failureOf(what: string, answer: Record<string, unknown>): Failure {
  const error = typeof answer['error'] === 'string' && answer['error'].trim() !== '' ? clip(answer['error']) : `${what} failed without saying why`;
  const retryAfterMs = answer['retryAfterMs'];
  return {
    ok: false,
    error,
    kind: isKind(answer['kind']) ? answer['kind'] : 'unavailable',
    ...(isNumberIn(retryAfterMs, 0, Infinity) ? { retryAfterMs } : {}),
  };
}

const KINDS: readonly CallFailureKind[] = ['unavailable', 'timeout', 'invalid', 'unauthorized', 'not-found', 'rate-limited', 'conflict'];

export function isKind(value: unknown): value is CallFailureKind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

/** The kind of a thrown error, from what HTTP clients and Node put on it: an HTTP status, an errno code, an abort. */
export function kindOfThrown(error: unknown): CallFailureKind {
  if (!isRecord(error)) return 'unavailable';
  const response = isRecord(error['response']) ? error['response'] : undefined;
  const status = Number(error['status'] ?? error['statusCode'] ?? response?.['status']);
  if (Number.isInteger(status) && status >= 400) return kindOfStatus(status);
  if (error['name'] === 'AbortError' || error['name'] === 'TimeoutError') return 'timeout';
  const code = typeof error['code'] === 'string' ? error['code'] : '';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /TIMEOUT/.test(code)) return 'timeout';
  if (code === 'ENOENT') return 'not-found';
  if (code === 'EACCES' || code === 'EPERM') return 'unauthorized';
  return 'unavailable';
}

function readProblem(value: unknown): string | undefined {
  const problem = splitProblem(value);
  return problem === undefined ? undefined : `an invalid split: ${problem}`;
}

/** Why `value` is not an ApplyAnswer (a settled split or a pending operation), or undefined when it is one. */
export function applyAnswerProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return `${show(value)}, which is not an apply answer`;
  if (value['status'] === 'settled') return readProblem(value['split']);
  if (value['status'] !== 'pending') return `status ${show(value['status'])}; expected settled or pending`;
  const operation = value['operation'];
  if (!isRecord(operation) || typeof operation['id'] !== 'string' || operation['id'] === '') return `a pending operation ${show(operation)} without an id to verify it by`;
  const requested = splitProblem(operation['requested']);
  return requested === undefined ? undefined : `a pending operation whose requested split is invalid: ${requested}`;
}

/** Why `value` is not a TrafficSplit, or undefined when it is one. */
export function splitProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return `${show(value)} is not a split`;
  const { mode, weight, segment } = value;
  if (mode !== 'off' && mode !== 'shadow' && mode !== 'traffic') return `mode is ${show(mode)}; expected off, shadow or traffic`;
  if (!isNumberIn(weight, 0, 100)) return `weight is ${show(weight)}; expected a number from 0 to 100`;
  if (segment === undefined) return undefined;
  if (!isRecord(segment) || typeof segment['attribute'] !== 'string' || segment['attribute'] === '') return `segment is ${show(segment)}; expected an attribute and its values`;
  const values = segment['values'];
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return `segment.values is ${show(values)}; expected a list of strings`;
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number in [min, max] (an open end is ±Infinity, which itself is not accepted). */
export function isNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

export function isTime(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : show(error);
  return clip(message.trim() === '' ? (error instanceof Error ? error.name : 'no message') : message);
}

/** A value as a message shows it: NaN and undefined by name, everything else as (clipped) JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let text: string;
  try {
    // JSON has no NaN or Infinity and would print both as null: name them, they are usually the fault.
    text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * Messages go to the log, the outcome line and the audit record. An HTTP client's error may
 * quote the request: credentials in a URL or a header are masked before anything keeps them.
 */
export function clip(text: string): string {
  const masked = text
    .replace(/:\/\/[^/\s:@]+:[^/\s@]+@/g, '://***@')
    .replace(/\b(bearer|basic)\s+[\w.~+/=-]+/gi, '$1 ***')
    .replace(/\b(authorization|token|api[_-]?key|password|secret)(["']?\s*[=:]\s*["']?)(?!\*\*\*)[^\s"'&,;]+/gi, '$1$2***');
  return masked.length > MAX_MESSAGE ? `${masked.slice(0, MAX_MESSAGE - 1)}…` : masked;
}
