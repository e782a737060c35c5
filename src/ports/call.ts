/**
 * What every call to an outside system (a traffic provider, a metrics source, a git host) answers:
 * a value, or a failure as data with a kind the engine acts on. Adapters never throw for a failure
 * they can name; the engine's guard turns whatever else happens (throws, hangs, garbage) into one.
 */

/**
 * What kind of failure a call ended in. The engine treats every kind as a failed call (hold,
 * never guess); the kind says whether waiting helps and what a person should look at.
 * - `unavailable`: 5xx, connection refused or reset; may clear on its own.
 * - `timeout`: no answer before the call's deadline; what an apply did is unknown until the next read.
 * - `rate-limited`: 429; `retryAfterMs` says when to ask again, when the service said.
 * - `unauthorized`: 401/403, a missing or wrong credential; a person must fix it.
 * - `not-found`: the flag, endpoint or config named in glidepath.yaml does not exist.
 * - `invalid`: the request or the answer was malformed (a split that is not one, NaN counts).
 * - `conflict`: someone else changed the resource between read and write (a compare-and-swap lost).
 */
export type CallFailureKind = 'unavailable' | 'timeout' | 'invalid' | 'unauthorized' | 'not-found' | 'rate-limited' | 'conflict';

export interface CallFailure {
  readonly ok: false;
  readonly kind: CallFailureKind;
  /** One line a user can act on: what was called, what it answered, what to fix. Never a credential. */
  readonly error: string;
  /** For `rate-limited` (and 503s that say so): how long the service asked callers to wait. */
  readonly retryAfterMs?: number;
}

export type CallResult<T> = { readonly ok: true; readonly value: T } | CallFailure;

/** Passed to every call: the engine aborts the signal when the call's deadline passes. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** The kind an HTTP error status means: one table for every adapter and for the engine's guard. */
export function kindOfStatus(status: number): CallFailureKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 400 || status === 405 || status === 415 || status === 422) return 'invalid';
  return 'unavailable';
}
