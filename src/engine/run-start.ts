import { judgeOfflineGate } from '../core/offline/judge-offline-gate.js';
import { planStart } from '../core/rollout/plan-start.js';
import type { RolloutPullRequest } from '../core/rollout/types.js';
import type { EngineContext } from './context.js';
import { isolateRelease } from './isolate-release.js';
import { planAndCommitRelease, plannedOf } from './plan-release.js';
import { errorOutcome, type ReleaseOutcome } from './retry-on-conflict.js';
import { isFailure, stateStoreFor } from './run-tick.js';
import { loadWorkspace, type Workspace } from './workspace.js';

export interface StartOptions {
  /** Start this release whether or not the merge changed it. */
  readonly release?: string;
  /** The merge's range; default HEAD against its first parent (HEAD~1..HEAD), asked of the reader as parentOf. */
  readonly base?: string;
  readonly head?: string;
  readonly workspace?: Workspace;
}

export interface StartReport {
  /** The releases the merge changed (or the one asked for). */
  readonly releases: readonly string[];
  readonly outcomes: readonly ReleaseOutcome[];
  readonly failed: boolean;
}

/**
 * Begins the rollouts a merge asks for: every release whose file, whose challenger's prompt file,
 * or whose offline gate's results file changed between `base` and `head`, each at its policy's
 * first stage. Starting again with the same bundle is a no-op, so re-running the workflow is safe.
 * A release whose offline gate fails is recorded paused before stage 0, its evidence in the audit
 * record.
 */
export async function runStart(ctx: EngineContext, options: StartOptions = {}): Promise<StartReport> {
  const workspace = options.workspace ?? (await loadWorkspace(ctx.root, ctx.readRepository));
  const { revisions } = ctx.scm;
  const head = options.head ?? 'HEAD';
  const sourceCommit = await revisions.resolve(head);
  let names: string[];
  if (options.release !== undefined) {
    names = [options.release];
  } else {
    if (!sourceCommit) {
      return { releases: [], outcomes: [errorOutcome('*', `the merge's head ${head} does not exist; name the release with --release, or the range with --base and --head`)], failed: true };
    }
    // The first parent, asked of the reader: revision syntax (`HEAD~1`) means nothing to a host API.
    const base = options.base !== undefined ? await revisions.resolve(options.base) : await revisions.parentOf(sourceCommit);
    if (!base) {
      return { releases: [], outcomes: [errorOutcome('*', `the merge's base ${options.base ?? `${head}~1`} does not exist (a repository with one commit?); name the release with --release, or the range with --base and --head`)], failed: true };
    }
    const changed = new Set(await revisions.changedFiles(base, sourceCommit));
    names = [...workspace.repository.releases.values()]
      .filter((doc) => changed.has(doc.file) || (doc.value.spec.challenger.prompt !== undefined && changed.has(doc.value.spec.challenger.prompt))
        // New eval results judge a release that its offline gate stopped again.
        || (doc.value.spec.offlineGate !== undefined && changed.has(doc.value.spec.offlineGate.results)))
      .map((doc) => doc.value.metadata.name)
      .sort();
  }
  const store = stateStoreFor(ctx, workspace);
  const pullRequest = names.length > 0 && sourceCommit ? await pullRequestOf(ctx, sourceCommit) : undefined;
  const outcomes: ReleaseOutcome[] = [];
  for (const name of names) {
    outcomes.push(await isolateRelease(ctx, name, undefined, () => planAndCommitRelease(ctx, store, workspace, {
      release: name,
      plan: (setup, previous) => plannedOf(planStart({
        release: setup.release,
        policy: setup.policy,
        config: setup.config,
        previous,
        bundleHash: setup.bundleHash,
        ...(sourceCommit ? { sourceCommit } : {}),
        ...(pullRequest ? { pullRequest } : {}),
        now: ctx.clock.now(),
        actor: ctx.actor,
        // The results file came in with the release's other files (core/validate/referenced-paths).
        ...(setup.release.spec.offlineGate ? { offline: judgeOfflineGate(setup.release.spec.offlineGate, workspace.repository.files) } : {}),
      })),
    })));
  }
  // A start that pauses was stopped by its offline gate: the job fails so that the merge shows it.
  return { releases: names, outcomes, failed: outcomes.some((o) => isFailure(o) || o.decision === 'refused' || o.decision === 'pause') };
}

/**
 * The pull request that merged `commit`, asked once at the start and kept in the state, so that
 * reports link it without a request per tick. Not knowing it costs only the link: a host that
 * cannot answer is a debug line, never a failed start.
 */
async function pullRequestOf(ctx: EngineContext, commit: string): Promise<RolloutPullRequest | undefined> {
  try {
    const pull = await ctx.scm.changeRequests.forCommit(commit);
    return pull?.number !== undefined && /^https?:\/\//.test(pull.url) ? { number: pull.number, url: pull.url } : undefined;
  } catch (error) {
    ctx.logger.debug(`glidepath: could not find the pull request of ${commit.slice(0, 12)}: ${(error as Error).message}; the reports will look for it again`);
    return undefined;
  }
}
