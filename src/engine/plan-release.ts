import type { RolloutState } from '../core/rollout/types.js';
import type { EngineContext } from './context.js';
import { errorOutcome, planAndCommit, type Planned, type ReleaseOutcome } from './retry-on-conflict.js';
import type { StateStore } from './state-store.js';
import { resolveRollout, type RolloutSetup, type Workspace } from './workspace.js';

/** A release's setup, or why it has none (with the recorded state, for the outcome). */
export type Prepared =
  | { readonly setup: RolloutSetup; readonly state?: RolloutState | undefined }
  | { readonly error: string; readonly state?: RolloutState };

interface RequestBase {
  readonly release: string;
  /** The release's documents, provider and target; default resolveRollout on the workspace (rollback also falls back to the recorded commit). */
  readonly prepare?: (ctx: EngineContext, store: StateStore, workspace: Workspace, name: string) => Promise<Prepared>;
}

/**
 * One person's or one merge's request for a release, planned by core from the state at the branch
 * head. `needsRollout` names what the request does ("approve"), for the refusal when the release
 * has no rollout yet; a request without it (start) plans from no state too.
 */
export type ReleaseRequest = RequestBase & (
  | { readonly needsRollout: string; plan(setup: RolloutSetup, state: RolloutState): Planned | Promise<Planned> }
  | { readonly needsRollout?: undefined; plan(setup: RolloutSetup, state: RolloutState | undefined): Planned | Promise<Planned> }
);

/**
 * The one use case behind start, approve and rollback: find the release's setup, then plan from
 * the state at the branch head and commit (re-planning after a lost compare-and-swap). The three
 * differ only in their planner.
 */
export async function planAndCommitRelease(ctx: EngineContext, store: StateStore, workspace: Workspace, request: ReleaseRequest): Promise<ReleaseOutcome> {
  const prepared = await (request.prepare ?? resolveHere)(ctx, store, workspace, request.release);
  if ('error' in prepared) return errorOutcome(request.release, prepared.error, prepared.state);
  const { setup } = prepared;
  return planAndCommit(ctx, store, setup, async (_snapshot, state) => {
    if (request.needsRollout === undefined) return request.plan(setup, state);
    if (!state) return { refused: `${setup.name} has no rollout on ${store.branch}; there is nothing to ${request.needsRollout}` };
    return request.plan(setup, state);
  });
}

/** A core planner's plan or refusal, as planAndCommit takes it. */
export function plannedOf<P extends Extract<Planned, { plan: unknown }>['plan']>(planned: P | { readonly refused: string }): Planned {
  return 'refused' in planned ? { refused: planned.refused } : { plan: planned };
}

async function resolveHere(ctx: EngineContext, _store: StateStore, workspace: Workspace, name: string): Promise<Prepared> {
  const setup = resolveRollout(ctx, workspace, name);
  return 'error' in setup ? setup : { setup };
}
