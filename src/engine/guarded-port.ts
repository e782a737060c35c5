import type { MetricsSnapshot } from '../core/metrics/arm-data.js';
import { checkSnapshot } from '../core/metrics/check-snapshot.js';
import type { MetricsQuery, MetricsResult, MetricsSource } from '../ports/metrics-source.js';
import type { ApiProvider, ApplyAnswer, CallFailureKind, CallOptions, PendingOperation, TrafficTarget } from '../ports/traffic-provider.js';
import type { CallResult } from '../ports/call.js';
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

type Failure = { readonly ok: false; readonly error: string; readonly kind: CallFailureKind; readonly retryAfterMs?: number };
type Answered = { readonly ok: true; readonly answer: unknown } | Failure;

/** Answers may come from any adapter, including a third party's; one that prints a whole HTML error page must not flood the log. */
const MAX_MESSAGE = 300;
/** Broken count rules listed in one failed query: the first few say what is wrong with an export. */
const MAX_LISTED = 5;

// A guard over a guarded port would give every call two deadlines and wrap its messages twice.
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

/** The metrics source every query goes through: a deadline, and a throw or a malformed snapshot becomes a failed query with a `kind`. */
export function guardMetricsSource(source: MetricsSource, opts: { readonly label: string; readonly timeoutMs?: number }): MetricsSource {
  if (guarded.has(source)) return source;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_METRICS_TIMEOUT_MS;
  const wrapped: MetricsSource = {
    type: source.type,
    query: async (query: MetricsQuery): Promise<MetricsResult> => {
      const what = `metrics source ${opts.label}: query`;
      const answered = await withDeadline(what, timeoutMs, (options) => source.query(query, options));
      return answered.ok ? checkMetricsAnswer(what, answered.answer) : answered;
    },
  };
  guarded.add(wrapped);
  return wrapped;
}

/** Runs one call against its deadline; the adapter gets a signal it may pass on to its HTTP client. */
async function withDeadline(what: string, timeoutMs: number, run: (options: CallOptions) => Promise<unknown>): Promise<Answered> {
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

function checkMetricsAnswer(what: string, answer: unknown): MetricsResult {
  if (!isRecord(answer) || typeof answer['ok'] !== 'boolean') return { ok: false, kind: 'invalid', error: `${what} answered ${show(answer)}, which is not a result` };
  if (answer['ok'] === false) return failureOf(what, answer);
  const problem = snapshotProblem(answer['snapshot']);
  if (problem !== undefined) return { ok: false, kind: 'invalid', error: `${what} answered an invalid snapshot: ${problem}` };
  const violations = checkSnapshot(answer['snapshot'] as MetricsSnapshot);
  if (violations.length > 0) {
    const listed = violations.slice(0, MAX_LISTED).map((v) => `${v.path}: ${v.rule}`).join('; ');
    const more = violations.length > MAX_LISTED ? ` (and ${violations.length - MAX_LISTED} more)` : '';
    return { ok: false, kind: 'invalid', error: `${what} answered counts that cannot be true: ${listed}${more}` };
  }
  return answer as MetricsResult;
}

/** A failure the adapter answered as data keeps its words (the audit log records them); only the kind is filled in. */
function failureOf(what: string, answer: Record<string, unknown>): Failure {
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

function isKind(value: unknown): value is CallFailureKind {
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

/** The kind an HTTP status means. */
export function kindOfStatus(status: number): CallFailureKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 400 || status === 422) return 'invalid';
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

/** Why `value` is not a MetricsSnapshot the judge can use, or undefined when it is one. */
export function snapshotProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return `${show(value)} is not a snapshot`;
  const window = value['window'];
  if (!isRecord(window) || !isTime(window['start']) || !isTime(window['end'])) return `window is ${show(window)}; expected ISO start and end times`;
  const arms = armsProblem(value['arms'], 'arms');
  if (arms !== undefined) return arms;
  const requests = value['requests'];
  if (requests !== undefined) {
    if (!isRecord(requests)) return `requests is ${show(requests)}; expected control and canary counts`;
    for (const arm of ['control', 'canary']) {
      if (!isNumberIn(requests[arm], 0, Infinity)) return `requests.${arm} is ${show(requests[arm])}; expected a count`;
    }
  }
  const segments = value['segments'];
  if (segments === undefined) return undefined;
  if (!isRecord(segments)) return `segments is ${show(segments)}; expected attribute → value → arms`;
  for (const [attribute, byValue] of Object.entries(segments)) {
    if (!isRecord(byValue)) return `segments.${attribute} is ${show(byValue)}; expected value → arms`;
    for (const [segmentValue, arms] of Object.entries(byValue)) {
      const problem = armsProblem(arms, `segments.${attribute}.${segmentValue}`);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

function armsProblem(arms: unknown, where: string): string | undefined {
  if (!isRecord(arms)) return `${where} is ${show(arms)}; expected control and canary`;
  for (const arm of ['control', 'canary']) {
    const metrics = arms[arm];
    if (!isRecord(metrics)) return `${where}.${arm} is ${show(metrics)}; expected metric → data`;
    for (const [metric, data] of Object.entries(metrics)) {
      const problem = armDataProblem(data);
      if (problem !== undefined) return `${where}.${arm}.${metric}: ${problem}`;
    }
  }
  return undefined;
}

function armDataProblem(data: unknown): string | undefined {
  if (!isRecord(data)) return `${show(data)} is not metric data`;
  // Only the shape is checked here; what the numbers may be is checkSnapshot's (one set of rules for every source).
  const count = (field: string): string | undefined => (typeof data[field] === 'number' ? undefined : `${field} is ${show(data[field])}; expected a count`);
  switch (data['kind']) {
    case 'counts':
      return count('successes') ?? count('trials');
    case 'summary':
      return count('n') ?? (typeof data['mean'] === 'number' ? undefined : `mean is ${show(data['mean'])}; expected a number`) ?? count('sd');
    case 'samples': {
      const values = data['values'];
      if (!Array.isArray(values)) return `values is ${show(values)}; expected a list of numbers`;
      const index = values.findIndex((v) => typeof v !== 'number');
      return index === -1 ? undefined : `values[${index}] is ${show(values[index])}; expected a number`;
    }
    case 'histogram': {
      const buckets = data['buckets'];
      if (!Array.isArray(buckets)) return `buckets is ${show(buckets)}; expected a list of { le, count }`;
      const index = buckets.findIndex((b) => !isRecord(b) || typeof b['le'] !== 'number' || typeof b['count'] !== 'number');
      return index === -1 ? undefined : `buckets[${index}] is ${show(buckets[index])}; expected { le, count }`;
    }
    default:
      return `kind is ${show(data['kind'])}; expected counts, summary, samples or histogram`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number in [min, max] (an open end is ±Infinity, which itself is not accepted). */
function isNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

function isTime(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : show(error);
  return clip(message.trim() === '' ? (error instanceof Error ? error.name : 'no message') : message);
}

/** A value as a message shows it: NaN and undefined by name, everything else as (clipped) JSON. */
function show(value: unknown): string {
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
function clip(text: string): string {
  const masked = text
    .replace(/:\/\/[^/\s:@]+:[^/\s@]+@/g, '://***@')
    .replace(/\b(bearer|basic)\s+[\w.~+/=-]+/gi, '$1 ***')
    .replace(/\b(authorization|token|api[_-]?key|password|secret)(["']?\s*[=:]\s*["']?)(?!\*\*\*)[^\s"'&,;]+/gi, '$1$2***');
  return masked.length > MAX_MESSAGE ? `${masked.slice(0, MAX_MESSAGE - 1)}…` : masked;
}
