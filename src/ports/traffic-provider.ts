import type { Bundle } from '../core/model/index.js';
import type { TrafficSplit } from '../core/model/traffic-split.js';

/** What a provider needs to know about the release it shifts. */
export interface TrafficTarget {
  readonly release: string;
  /** The provider's resource: flag key, endpoint name, gateway config id. */
  readonly key: string;
  readonly champion: Bundle;
  readonly challenger: Bundle;
}

/**
 * What kind of failure a call to a provider or a metrics source ended in. The engine treats every
 * kind as a failed call (hold, never guess); the kind says what a person should look at.
 * `invalid`: the answer was malformed (a split that is not one, a snapshot with NaN counts).
 */
export type CallFailureKind = 'unavailable' | 'timeout' | 'invalid' | 'unauthorized' | 'not-found' | 'rate-limited' | 'conflict';

/** Provider failures are data, not exceptions: the engine records them and never guesses the state. */
export type ProviderResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string; readonly retryable: boolean; readonly kind?: CallFailureKind };

/** Passed to every call: the engine aborts the signal when the call's deadline passes. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/**
 * Where traffic is shifted: a feature-flag service, a model endpoint or an LLM gateway.
 * A new provider is one file in src/adapters/providers/ plus one line in its registry.
 */
export interface TrafficProvider {
  readonly type: string;
  /** The split the provider actually serves now (read back, never remembered). */
  read(target: TrafficTarget, options?: CallOptions): Promise<ProviderResult<TrafficSplit>>;
  /** Sets the split and returns what the provider serves afterwards, read back. */
  apply(target: TrafficTarget, split: TrafficSplit, options?: CallOptions): Promise<ProviderResult<TrafficSplit>>;
}
