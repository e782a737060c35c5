import type { Sha256 } from '../core/audit/hash.js';
import type { MetricSource } from '../core/model/index.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { AdapterDeps } from '../ports/adapter-deps.js';
import type { MetricsSourceFactory as SourceFactory, MetricsSourceRegistry } from '../ports/metrics-source.js';
import type { ReviewChannel } from '../ports/review.js';
import type { ReadRepository } from '../ports/repository-files.js';
import type { ScmRoles } from '../ports/scm.js';
import type { ProviderRegistry } from '../ports/traffic-provider.js';
import type { FlagFiles } from '../ports/flag-files.js';
import type { CallDeadlines } from './guarded-port.js';
import type { NotifierRegistry } from '../ports/notifier.js';

/** The bot identity automatic decisions are recorded under. */
export const BOT_ACTOR = 'glidepath[bot]';

/** How many times a run re-reads and re-plans after losing the compare-and-swap on the state branch. */
export const DEFAULT_MAX_ATTEMPTS = 5;

export type MetricsSourceFactory = SourceFactory<MetricSource>;

/**
 * Everything the imperative shell needs, injected: the same engine runs from the CLI, the Action,
 * the demo and the tests. Nothing in here reaches for a global.
 */
export interface EngineContext {
  /** The checkout the Glidepath files, the flag file and metric files are read from. */
  readonly root: string;
  /**
   * The repository's revisions and change requests, scoped to `root` (engine/scoped-scm.ts:
   * release and prompt paths are root-relative), and its compare-and-swap branches (the state branch).
   */
  readonly scm: ScmRoles;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly sha256: Sha256;
  /** Reads the Glidepath files under `root` from disk. */
  readonly readRepository: ReadRepository;
  /** Tests register only the types they use. */
  readonly providers: Partial<ProviderRegistry>;
  /** What provider and metrics-source factories are given besides root, logger and clock (the rest of AdapterDeps). */
  readonly adapterDeps: Pick<AdapterDeps, 'env' | 'fetch' | 'signal'>;
  /** Where a GitOps provider's files are read and committed: the working tree locally, the flag branch in Actions. */
  readonly flagFiles: (root: string, branch: string) => FlagFiles;
  /** Tests register only the types they use. */
  readonly metricsSources: Partial<MetricsSourceRegistry>;
  /** Notification channels by type (PagerDuty, Slack); absent: notices are only logged. */
  readonly notifiers?: Partial<NotifierRegistry>;
  /** Who the records name: the bot for ticks, the person for rollback and approve. */
  readonly actor: string;
  /** Plan and print; change neither traffic nor git. */
  readonly dryRun: boolean;
  /** The branch rollouts start from; revert branches are cut from it. */
  readonly baseBranch: string;
  /** Default DEFAULT_MAX_ATTEMPTS. */
  readonly maxAttempts?: number;
  /** Jitter between retries; default Math.random. */
  readonly random?: () => number;
  /** Waits between retries; default a timer. Tests pass a no-op. */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * How long a provider call and a metrics query may take before they count as failed (kind
   * `timeout`); defaults DEFAULT_PROVIDER_TIMEOUT_MS and DEFAULT_METRICS_TIMEOUT_MS. Tests pass small ones.
   */
  readonly deadlines?: CallDeadlines;
  /** Where planned comments and checks go, when running for a pull request. */
  readonly review?: ReviewChannel;
  readonly pullRequest?: { readonly number: number; readonly headSha: string };
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Milliseconds to wait before retry `attempt` (1-based): exponential from 50 ms, capped, with full jitter. */
export function retryDelay(attempt: number, random: () => number): number {
  return Math.round(random() * Math.min(1_000, 50 * 2 ** (attempt - 1)));
}
