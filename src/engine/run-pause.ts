import { planPause } from '../core/rollout/plan-pause.js';
import type { EngineContext } from './context.js';
import { planAndCommitRelease, plannedOf } from './plan-release.js';
import type { ReleaseOutcome } from './retry-on-conflict.js';
import { stateStoreFor } from './run-tick.js';
import { loadWorkspace, type Workspace } from './workspace.js';

export interface PauseOptions {
  readonly release: string;
  /** The person pausing (a GitHub login). */
  readonly by: string;
  readonly reason: string;
  readonly workspace?: Workspace;
}

/**
 * A person's pause: the state and an audit record, no traffic change; the next ticks hold until
 * someone resumes or rolls back. Planned from the state at the branch head, like approve.
 */
export async function runPause(ctx: EngineContext, options: PauseOptions): Promise<ReleaseOutcome> {
  const workspace = options.workspace ?? (await loadWorkspace(ctx.root, ctx.readRepository));
  const store = stateStoreFor(ctx, workspace);
  return planAndCommitRelease(ctx, store, workspace, {
    release: options.release,
    needsRollout: 'pause',
    plan: (_setup, state) => plannedOf(planPause({ state, now: ctx.clock.now(), by: options.by, reason: options.reason })),
  });
}
