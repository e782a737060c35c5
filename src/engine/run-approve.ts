import { planApprove } from '../core/rollout/plan-approve.js';
import type { EngineContext } from './context.js';
import { planAndCommitRelease, plannedOf } from './plan-release.js';
import type { ReleaseOutcome } from './retry-on-conflict.js';
import { stateStoreFor } from './run-tick.js';
import { loadWorkspace, type Workspace } from './workspace.js';

export interface ApproveOptions {
  readonly release: string;
  /** The person approving (a GitHub login). */
  readonly by: string;
  readonly stage?: string;
  readonly reason?: string;
  /** Teams `by` belongs to, where the caller could resolve them. */
  readonly memberOf?: readonly string[];
  /** The author of the change being approved, for the policy's `selfApproval`. */
  readonly author?: string;
  readonly resumeOnly?: boolean;
  readonly workspace?: Workspace;
}

/**
 * Records a person's approval after checking them against the approvers of the policy (else of
 * glidepath.yaml). Traffic moves on the next tick, inside the deploy window; a resume after a
 * pause may set the stage's split back at once.
 */
export async function runApprove(ctx: EngineContext, options: ApproveOptions): Promise<ReleaseOutcome> {
  const workspace = options.workspace ?? (await loadWorkspace(ctx.root, ctx.readRepository));
  const store = stateStoreFor(ctx, workspace);
  return planAndCommitRelease(ctx, store, workspace, {
    release: options.release,
    needsRollout: 'approve',
    plan: (setup, state) => plannedOf(planApprove({
      release: setup.release,
      policy: setup.policy,
      config: setup.config,
      state,
      now: ctx.clock.now(),
      by: options.by,
      ...(options.reason !== undefined ? { reason: options.reason } : {}),
      ...(options.stage !== undefined ? { stage: options.stage } : {}),
      ...(options.memberOf !== undefined ? { memberOf: options.memberOf } : {}),
      ...(options.author !== undefined ? { author: options.author } : {}),
      ...(options.resumeOnly ? { resumeOnly: true } : {}),
    })),
  });
}
