// The YAML's types come from schemas/ (generated); this module adds the loaded-repository view.
export type { GlidepathConfig, Provider, FlagdProvider, MetricSource, FileMetricSource, MetricDefinition, PagerDutyNotifierConfig, SlackNotifierConfig } from './generated/config.js';
export type { RolloutPolicy, Stage, Gate, RollbackCriterion, DeployWindow, Freeze, Analysis } from './generated/rollout-policy.js';
export type { Release, Bundle, DecodingParameters } from './generated/release.js';

import type { GlidepathConfig } from './generated/config.js';
import type { RolloutPolicy } from './generated/rollout-policy.js';
import type { Release } from './generated/release.js';

export const API_VERSION = 'glidepath.dev/v1';

export type DocumentKind = 'Config' | 'RolloutPolicy' | 'Release';

/** Where a value sits in its source file; 1-based line and column. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/**
 * A parsed document together with a way back to the YAML: `locate(['spec','stages',2,'weight'])`
 * answers the position of that field (or of the nearest existing parent).
 */
export interface LoadedDocument<T> {
  readonly file: string;
  readonly value: T;
  readonly locate: (path: readonly (string | number)[]) => SourcePosition;
}

/** Every Glidepath file of a repository at one revision, parsed and schema-valid. */
export interface GlidepathRepository {
  readonly config: LoadedDocument<GlidepathConfig> | undefined;
  readonly policies: ReadonlyMap<string, LoadedDocument<RolloutPolicy>>;
  readonly releases: ReadonlyMap<string, LoadedDocument<Release>>;
  /** Raw contents of other files documents refer to (prompt files), by repository path. */
  readonly files: ReadonlyMap<string, string>;
}
