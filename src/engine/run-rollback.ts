import { performance } from 'node:perf_hooks';
import { readRepositoryAt } from './read-repository-at.js';
import type { StateStore } from './state-store.js';
import { planRollback } from '../core/rollout/plan-rollback.js';
import { requestsPerHourOf } from '../core/model/traffic.js';
import type { RolloutState } from '../core/rollout/types.js';
import { loadRepository } from '../core/validate/load-repository.js';
import type { EngineContext } from './context.js';
import { planAndCommitRelease } from './plan-release.js';
import type { ReleaseOutcome } from './retry-on-conflict.js';
import { stateStoreFor } from './run-tick.js';
import { sealedStateRefusal } from './state-seal-check.js';
import { loadWorkspace, resolveRollout, type RolloutSetup, type Workspace } from './workspace.js';

export interface RollbackOptions {
  readonly release: string;
  readonly reason: string;
  readonly workspace?: Workspace;
}

/**
 * The runbook's single command: restore the champion now, record who and why, and open the
 * revert branch with the evidence. Works from any phase but rolled-back (which is a no-op).
 */
export async function runRollback(ctx: EngineContext, options: RollbackOptions): Promise<ReleaseOutcome> {
  const workspace = options.workspace ?? (await loadWorkspace(ctx.root, ctx.readRepository));
  const store = stateStoreFor(ctx, workspace);
  return planAndCommitRelease(ctx, store, workspace, {
    release: options.release,
    prepare: prepareRecorded,
    needsRollout: 'roll back',
    plan: (setup, state) => {
      const requestsPerHour = requestsPerHourOf(setup.release, setup.config);
      const plan = planRollback({
        release: setup.release,
        policy: setup.policy,
        state,
        now: ctx.clock.now(),
        actor: ctx.actor,
        reason: options.reason,
        trigger: 'manual',
        ...(requestsPerHour !== undefined ? { requestsPerHour } : {}),
      });
      // The record states how long the decision took to reach the provider.
      return { plan, metricsAt: performance.now() };
    },
  });
}

/**
 * The release's rollout setup, with a fallback for the moment a rollback matters most: when the
 * files on disk no longer load (a broken merge), the files of the commit the rollout started
 * from are used instead, so the champion can still be restored.
 */
export async function prepareRecorded(
  ctx: EngineContext,
  store: StateStore,
  workspace: Workspace,
  name: string,
): Promise<{ readonly setup: RolloutSetup; readonly state: RolloutState | undefined } | { readonly error: string; readonly state?: RolloutState }> {
  const snapshot = await store.load();
  const unvouched = sealedStateRefusal(snapshot, name, store.branch, ctx.sha256);
  if (unvouched !== undefined) return { error: unvouched };
  const state = snapshot.states.get(name);
  const here = resolveRollout(ctx, workspace, name);
  if (!('error' in here)) return { setup: here, state };
  if (!state?.sourceCommit) return { error: here.error, ...(state ? { state } : {}) };
  const recorded = loadRepository(await readRepositoryAt(ctx.scm.revisions, state.sourceCommit));
  const there = resolveRollout(ctx, { repository: recorded.repository, problems: recorded.problems }, name);
  if ('error' in there) return { error: here.error, state };
  ctx.logger.warn(`${here.error}\nusing the Glidepath files of ${state.sourceCommit.slice(0, 12)}, the commit the rollout started from`);
  return { setup: there, state };
}
