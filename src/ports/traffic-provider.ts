import type { Bundle, Provider } from '../core/model/index.js';
import type { TrafficSplit } from '../core/model/traffic-split.js';
import type { CallOptions, CallResult } from './call.js';
import type { FileChange } from './scm.js';
import type { AdapterDeps, Built } from './adapter-deps.js';

export type { CallFailureKind, CallOptions } from './call.js';

/** What a provider needs to know about the release it shifts. */
export interface TrafficTarget {
  readonly release: string;
  /** The provider's resource: flag key, endpoint name, gateway config id. */
  readonly key: string;
  readonly champion: Bundle;
  readonly challenger: Bundle;
  /**
   * The release target's provider-specific fields, everything in `spec.target` beside `provider`
   * and `key` (SageMaker's variant names), as the provider's schema fragment validated them.
   */
  readonly fields?: Readonly<Record<string, unknown>>;
}

// The provider contract every adapter implements (issue #8, decision 0013).

/**
 * What a provider can do, declared once and statically, so `validate` and `plan` can refuse a
 * policy the provider cannot carry out (a tenant-rings stage on a provider without segments is an
 * error at the YAML line) before anything ships.
 */
export interface ProviderCapabilities {
  /**
   * How a shadow stage is served. `native`: the provider mirrors requests to the challenger
   * (SageMaker shadow variants, Azure mirrorTraffic). `marker`: the provider records shadow mode
   * and the application mirrors (flag services). `none`: shadow stages cannot run on it.
   */
  readonly shadow: 'native' | 'marker' | 'none';
  /** Can route listed values of a context attribute (tenant rings) to the challenger. */
  readonly segments: boolean;
  /**
   * The smallest weight step the provider stores, in percent (Vertex AI 1, Unleash 0.1 of
   * strategy rollout and 0.1 of variant weight out of 1000, LaunchDarkly 0.001). Stage weights
   * must be multiples of it; a read-back within half a step of the request is the same split.
   */
  readonly weightStep: number;
  /** `eventually`: `apply` may answer `pending`, and `verify` is called on later ticks until it settles. */
  readonly settles: 'now' | 'eventually';
  /**
   * Whether a user (or conversation) stays on one arm as the weight grows. `sticky`: the provider
   * buckets by a key, so a user on the challenger stays there. `per-request`: each request is
   * drawn afresh (Portkey loadbalance, LiteLLM simple-shuffle); `plan` warns on the pull request.
   * Absent: not declared.
   */
  readonly stickiness?: 'sticky' | 'per-request';
}

/** What an apply answered: the split read back, or an operation still under way. */
export type ApplyAnswer =
  | { readonly status: 'settled'; readonly split: TrafficSplit }
  | { readonly status: 'pending'; readonly operation: PendingOperation };

/** A change the provider accepted but has not finished (an endpoint Updating, a long-running operation). */
export interface PendingOperation {
  /** The provider's handle, stored in the rollout state: an LRO name, an endpoint config name. */
  readonly id: string;
  readonly requested: TrafficSplit;
  /** What the provider says it is doing, for the hold's reason ("endpoint Updating"). */
  readonly status?: string;
}

/** A provider driven through its API: a flag service, a model endpoint, a gateway's control plane. */
export interface ApiProvider {
  readonly kind: 'api';
  readonly type: string;
  readonly capabilities: ProviderCapabilities;
  /** The split the provider actually serves now (read back, never remembered). */
  read(target: TrafficTarget, options?: CallOptions): Promise<CallResult<TrafficSplit>>;
  /**
   * Sets the split as absolute weights (applying twice changes nothing), using the provider's
   * compare-and-swap where it has one, and answers what it serves afterwards, read back, or
   * `pending` for a provider that settles later.
   */
  apply(target: TrafficTarget, split: TrafficSplit, options?: CallOptions): Promise<CallResult<ApplyAnswer>>;
  /** Only for `settles: 'eventually'`: where a pending operation stands now. */
  verify?(target: TrafficTarget, operation: PendingOperation, options?: CallOptions): Promise<CallResult<ApplyAnswer>>;
}

/**
 * A provider whose traffic is files in git that the serving system syncs from (flagd, a
 * self-hosted gateway's config). It only reads and renders files; the engine reads them and
 * commits the changes through the Scm (to the flag branch in Actions, the working tree locally),
 * so traffic is what that branch says, whichever runner wrote it.
 */
export interface GitOpsProvider {
  readonly kind: 'gitops';
  readonly type: string;
  readonly capabilities: ProviderCapabilities;
  /** Repository-relative paths of the files this target's traffic lives in. */
  paths(target: TrafficTarget): readonly string[];
  /** The split the files say (a missing file is absent from `files`). */
  read(target: TrafficTarget, files: ReadonlyMap<string, string>): CallResult<TrafficSplit>;
  /** The file changes that make the files say `split`; none when they already do. */
  render(target: TrafficTarget, split: TrafficSplit, files: ReadonlyMap<string, string>): CallResult<readonly FileChange[]>;
}

export type ProviderAdapter = ApiProvider | GitOpsProvider;

/**
 * Builds a provider from its glidepath.yaml entry (typed by the schema's `type` union). Building
 * makes no call; a missing credential or an unusable setting is answered here, not on every call.
 */
export type ProviderFactory<Config> = (config: Config, deps: AdapterDeps) => Built<ProviderAdapter>;

/**
 * A provider type as the registry holds it: what every provider of the type can do (static, so
 * `validate` and `plan` check policies against it without building anything or reading a
 * credential) and the factory that builds one from its glidepath.yaml entry.
 */
export interface ProviderType<Config> {
  readonly capabilities: ProviderCapabilities;
  readonly create: ProviderFactory<Config>;
}

/**
 * Every provider type glidepath.yaml may name, each built by the factory for its own entry type.
 * Exhaustive by the schema's `type` union: a provider type added to the schema (its fragment beside
 * the adapter) does not compile until it has its line in the registry.
 */
export type ProviderRegistry = { readonly [K in Provider['type']]: ProviderType<Extract<Provider, { readonly type: K }>> };
