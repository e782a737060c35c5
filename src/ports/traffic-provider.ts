import type { Bundle } from '../core/model/index.js';

/** The split a provider serves for one release. */
export interface TrafficSplit {
  /** `off`: champion only. `shadow`: champion serves, challenger mirrored. `traffic`: weighted split. */
  readonly mode: 'off' | 'shadow' | 'traffic';
  /** Percent of requests the challenger serves (0 for off and shadow). */
  readonly weight: number;
  /** Ring: context attribute values always routed to the challenger. */
  readonly segment?: { readonly attribute: string; readonly values: readonly string[] };
}

/** What a provider needs to know about the release it shifts. */
export interface TrafficTarget {
  readonly release: string;
  /** The provider's resource: flag key, endpoint name, gateway config id. */
  readonly key: string;
  readonly champion: Bundle;
  readonly challenger: Bundle;
}

/** Provider failures are data, not exceptions: the engine records them and never guesses the state. */
export type ProviderResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string; readonly retryable: boolean };

/**
 * Where traffic is shifted: a feature-flag service, a model endpoint or an LLM gateway.
 * A new provider is one file in src/adapters/providers/ plus one line in its registry.
 */
export interface TrafficProvider {
  readonly type: string;
  /** The split the provider actually serves now (read back, never remembered). */
  read(target: TrafficTarget): Promise<ProviderResult<TrafficSplit>>;
  /** Sets the split and returns what the provider serves afterwards, read back. */
  apply(target: TrafficTarget, split: TrafficSplit): Promise<ProviderResult<TrafficSplit>>;
}
