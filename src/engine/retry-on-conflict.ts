import type { StateSnapshot, StateStore } from './state-store.js';
import type { Action, RolloutState } from '../core/rollout/types.js';
import { DEFAULT_MAX_ATTEMPTS, defaultSleep, retryDelay, type EngineContext } from './context.js';
import { executePlan, type ExecuteOutcome, type PlanLike } from './execute-plan.js';
import type { PortFault } from './guarded-port.js';
import { putBackRecordedSplit } from './put-back.js';
import { sealedStateRefusal } from './state-seal-check.js';
import type { TickBatch } from './tick-batch.js';
import type { RolloutSetup } from './workspace.js';
import type { TrafficSplit } from '../core/model/traffic-split.js';
import type { Decision } from '../core/rollout/decision.js';

/** What one release's tick, start, rollback or approval did. */
export interface ReleaseOutcome {
  readonly release: string;
  /** The stage, split and phase after it (as recorded). */
  readonly stage: string;
  readonly split: TrafficSplit;
  readonly phase: RolloutState['phase'];
  /** `refused`: the planner declined (not an approver, rolled back…); `error`: it could not be evaluated. */
  readonly decision: Decision | 'refused' | 'error';
  readonly reason: string;
  /** The planned actions (what dry-run prints). */
  readonly actions: readonly Action[];
  /** Whether the state branch got a commit. */
  readonly committed: boolean;
  /** How many times the plan was made (more than 1: lost compare-and-swap races). */
  readonly attempts: number;
  readonly execution?: ExecuteOutcome;
  /** Calls to the provider or a metrics source that failed while planning (a refused set-traffic is in `execution`). */
  readonly faults?: readonly PortFault[];
}

/** A plan to carry out, or the planner's refusal. */
export type Planned =
  | { readonly plan: PlanLike & { readonly next?: RolloutState | undefined }; readonly metricsAt?: number }
  | { readonly refused: string }
  | { readonly error: string };

/**
 * Plans from the state at the branch head, carries the plan out and commits with compare-and-swap;
 * when another run moved the head first, waits a jittered moment and does all of it again from
 * the new head, so the plan always follows from what is recorded. Bounded by ctx.maxAttempts.
 */
export async function planAndCommit(
  ctx: EngineContext,
  store: StateStore,
  setup: RolloutSetup,
  makePlan: (snapshot: StateSnapshot, state: RolloutState | undefined, attempt: number) => Promise<Planned>,
  /** A snapshot the caller has just read, used for the first attempt instead of reading again. */
  initial?: StateSnapshot,
  /** The tick's batch: a plan that moves no traffic waits there for the tick's one commit (the outcome then stands in until the tick settles it). */
  batch?: Pick<TickBatch, 'stage'>,
): Promise<ReleaseOutcome> {
  const max = ctx.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  for (let attempt = 1; ; attempt += 1) {
    const snapshot = attempt === 1 && initial ? initial : await store.load();
    const previous = snapshot.states.get(setup.name);
    const unvouched = sealedStateRefusal(snapshot, setup.name, store.branch, ctx.sha256);
    if (unvouched !== undefined) return outcomeOf(setup.name, previous, { decision: 'error', reason: unvouched, actions: [] }, attempt);
    const planned = await makePlan(snapshot, previous, attempt);
    if ('refused' in planned) return outcomeOf(setup.name, previous, { decision: 'refused', reason: planned.refused, actions: [] }, attempt);
    if ('error' in planned) return outcomeOf(setup.name, previous, { decision: 'error', reason: planned.error, actions: [] }, attempt);
    const { plan } = planned;
    // Only a first attempt can wait: a later one follows a lost race after which traffic may have moved, and records at once.
    if (batch && attempt === 1 && !ctx.dryRun && batch.stage({ setup, previous, plan, head: snapshot.head, attempt })) {
      return outcomeOf(setup.name, plan.next ?? previous, plan, attempt);
    }
    const execution = await executePlan(ctx, {
      setup,
      previous,
      plan,
      head: snapshot.head,
      store,
      ...(planned.metricsAt !== undefined ? { metricsAt: planned.metricsAt } : {}),
    });
    if (execution.status === 'conflict') {
      if (attempt < max) {
        ctx.logger.debug(`${setup.name}: the state branch moved (attempt ${attempt} of ${max}); re-reading and re-planning`);
        await (ctx.sleep ?? defaultSleep)(retryDelay(attempt, ctx.random ?? Math.random));
        continue;
      }
      const putBack = await putBackRecordedSplit(ctx, store, setup, previous);
      const reason = `the state branch kept moving: ${max} attempts lost the compare-and-swap; ${putBack}; the next run will try again`;
      return { ...outcomeOf(setup.name, previous, { decision: 'error', reason, actions: plan.actions }, attempt), execution };
    }
    if (execution.status === 'not-recorded') {
      const reason = `${execution.reason}; ${await putBackRecordedSplit(ctx, store, setup, previous)}`;
      return { ...outcomeOf(setup.name, previous, { decision: 'error', reason, actions: plan.actions }, attempt), execution };
    }
    if (execution.status === 'committed') {
      const after = execution.providerFailure !== undefined ? previous : plan.next ?? previous;
      return { ...outcomeOf(setup.name, after, { decision: execution.decision, reason: execution.reason, actions: plan.actions }, attempt), committed: execution.sha !== undefined, execution };
    }
    // Nothing to do, or a dry run: the state stays as it is (dry-run shows where it would go).
    const shown = execution.status === 'dry-run' ? plan.next ?? previous : previous;
    return { ...outcomeOf(setup.name, shown, plan, attempt), execution };
  }
}

function outcomeOf(release: string, state: RolloutState | undefined, plan: { decision: ReleaseOutcome['decision']; reason: string; actions: readonly Action[] }, attempts: number): ReleaseOutcome {
  return {
    release,
    stage: state?.stage ?? '–',
    split: state?.split ?? { mode: 'off', weight: 0 },
    phase: state?.phase ?? 'pending',
    decision: plan.decision,
    reason: plan.reason,
    actions: plan.actions,
    committed: false,
    attempts,
  };
}

/** An outcome for a release that could not be evaluated at all. */
export function errorOutcome(release: string, reason: string, state?: RolloutState): ReleaseOutcome {
  return outcomeOf(release, state, { decision: 'error', reason, actions: [] }, 0);
}
