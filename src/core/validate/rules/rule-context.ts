import type { Problem } from '../../problem.js';
import type { GlidepathConfig, MetricDefinition, Release, RolloutPolicy } from '../../model/index.js';
import type { SourceDocument } from '../source-document.js';
import type { ProviderCapabilities } from '../../../ports/traffic-provider.js';

/** The repository as semantic rules see it: only documents that passed their schema. */
export interface RuleRepository {
  readonly config: SourceDocument<GlidepathConfig> | undefined;
  readonly policies: ReadonlyMap<string, SourceDocument<RolloutPolicy>>;
  readonly releases: ReadonlyMap<string, SourceDocument<Release>>;
  /** Prompt files and other referenced files that could be read, by repository path. */
  readonly files: ReadonlyMap<string, string>;
}

export interface RuleContext {
  readonly repository: RuleRepository;
  /**
   * Names of every document that parsed far enough to have one, valid or not: a reference to a
   * policy whose file has schema errors is not reported again as a missing policy.
   */
  readonly knownPolicies: ReadonlySet<string>;
  /** Whether glidepath.yaml exists at all (valid or not); rules that need it skip quietly when it is broken. */
  readonly configPresent: boolean;
  /** Every path in the snapshot, for "did you mean" on file references. */
  readonly paths: readonly string[];
  /** Metric definitions of a valid config, by name. */
  readonly metrics: ReadonlyMap<string, MetricDefinition> | undefined;
  /** What each provider type can do (the registry's static capabilities); absent, stages are not checked against providers. */
  readonly providerCapabilities?: Readonly<Record<string, ProviderCapabilities>> | undefined;
}

/** One semantic rule: reads the repository, reports problems at fields. A new rule is one function in the registry. */
export type SemanticRule = (context: RuleContext) => Problem[];

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
