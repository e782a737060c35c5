import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

/**
 * What a provider or metrics-source factory is given: everything it may reach, injected, so that
 * tests hand it a fake fetch, a fixed clock and a small environment, and no adapter reads a global.
 */
export interface AdapterDeps {
  /** The repository checkout the command runs in (absolute path). */
  readonly root: string;
  /** Where credentials come from: only the variables glidepath.yaml names are read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch: typeof globalThis.fetch;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Aborted when the run is cancelled; each call also gets its own deadline (CallOptions.signal). */
  readonly signal: AbortSignal;
}

/**
 * What a factory answers: the adapter, or why its glidepath.yaml entry cannot be used (a missing
 * credential, an unusable URL). Reported once, when the rollout is resolved, at the entry's line.
 */
export type Built<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      /** What is wrong and how to fix it, e.g. "environment variable UNLEASH_TOKEN (apiTokenEnv) is not set: add it to the workflow's env from a secret". */
      readonly error: string;
      /** The field of the entry at fault, as a path below the entry (['apiTokenEnv']), so the error points at its line. */
      readonly field?: readonly (string | number)[];
    };
