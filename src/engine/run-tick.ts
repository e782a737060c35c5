import { planAwaitedChange, type AwaitedAnswer } from '../core/rollout/plan-awaiting-provider.js';
import type { AwaitingProvider } from '../core/rollout/types.js';
import type { ApplyAnswer, CallFailureKind } from '../ports/traffic-provider.js';
import type { CallResult } from '../ports/call.js';
import { performance } from 'node:perf_hooks';
import { createStateStore, type StateSnapshot, type StateStore } from './state-store.js';
import { GateConfigError } from '../core/gates/gate-config-error.js';
import { planTick } from '../core/rollout/planner.js';
import { withMetricErrors } from '../core/rollout/metric-errors.js';
import { describeSplit } from '../core/rollout/split.js';
import type { RolloutState } from '../core/rollout/types.js';
import type { EngineContext } from './context.js';
import { judgeRollout, type RolloutJudgement } from './judge.js';
import { putBackUnrecordedRelease } from './put-back.js';
import type { PortFault } from './guarded-port.js';
import { isolateRelease } from './isolate-release.js';
import { errorOutcome, planAndCommit, type ReleaseOutcome } from './retry-on-conflict.js';
import { requireStateBranch } from './state-branch.js';
import { DEFAULT_MAX_ATTEMPTS, defaultSleep, retryDelay } from './context.js';
import { publishDecision } from './execute-plan.js';
import { createTickBatch, type StagedPlan, type TickBatch } from './tick-batch.js';
import { loadWorkspace, resolveRollout, type RolloutSetup, type Workspace } from './workspace.js';

export type { ReleaseOutcome } from './retry-on-conflict.js';

export interface TickReport {
  readonly outcomes: readonly ReleaseOutcome[];
  /** True when any release could not be evaluated, or a provider refused a change. */
  readonly failed: boolean;
}

/**
 * The state store on the branch glidepath.yaml names (default glidepath/state). Every rollout
 * command reaches the state through here, so a glidepath.yaml that does not load stops them all
 * (ConfigurationError, exit 2).
 */
export function stateStoreFor(ctx: Pick<EngineContext, 'scm' | 'sha256'>, workspace: Workspace): StateStore {
  return createStateStore(ctx.scm.branch(requireStateBranch(workspace)), { sha256: ctx.sha256 });
}

/**
 * One evaluation of every active rollout (or of `release`): the `evaluate` command's live path
 * and each of `watch`'s iterations. Per release: read the state and its branch head, read the
 * provider's actual split, query the metrics of the current stage since it started, judge, plan,
 * carry out the plan, and commit with compare-and-swap; on a lost race, all of it again from the
 * new head (bounded, with jittered back-off). Completed rollouts are skipped; rolled-back ones are
 * only checked to still serve the champion.
 */
export async function runTick(ctx: EngineContext, options: { readonly release?: string; readonly workspace?: Workspace } = {}): Promise<TickReport> {
  const workspace = options.workspace ?? (await loadWorkspace(ctx.root, ctx.readRepository));
  const base = stateStoreFor(ctx, workspace);
  const batch = createTickBatch(base);
  const store = batch.store;
  const snapshot = await store.load();
  const names = options.release !== undefined ? [options.release] : [...snapshot.states.keys()].sort();
  const outcomes: ReleaseOutcome[] = [];
  // The snapshot is current until this run commits; after that each release reads the branch afresh.
  let current: StateSnapshot | undefined = snapshot;
  for (const name of names) {
    const state = snapshot.states.get(name);
    if (!state) {
      outcomes.push(errorOutcome(name, `${name} has no rollout on ${store.branch}; start one with \`glidepath start --release ${name}\``));
      continue;
    }
    if (state.phase === 'complete' && options.release === undefined) continue;
    const outcome = await isolateRelease(ctx, name, state, async () => {
      const setup = resolveRollout(ctx, workspace, name);
      return 'error' in setup ? errorOutcome(name, setup.error, state) : tickRelease(ctx, store, setup, current, batch);
    });
    // After a throw the branch may have moved before it: read it afresh.
    if (outcome.committed || outcome.execution?.status === 'conflict' || outcome.decision === 'error') current = undefined;
    outcomes.push(outcome);
  }
  await batch.flush();
  await settleBatch(ctx, store, batch, outcomes);
  if (options.release === undefined) {
    const unrecorded = [...workspace.repository.releases.keys()].filter((name) => !snapshot.states.has(name)).sort();
    for (const name of unrecorded) {
      const outcome = await isolateRelease(ctx, name, undefined, () => putBackUnrecordedRelease(ctx, workspace, name, store.branch));
      if (outcome) outcomes.push(outcome);
    }
  }
  return { outcomes, failed: outcomes.some(isFailure) };
}

/**
 * A release that could not be evaluated, whose provider refused a change, or whose provider or
 * metrics source failed a call (a metrics answer of kind not-found is data not exported yet: the
 * gates see no data and hold, as they are meant to).
 */
export function isFailure(outcome: ReleaseOutcome): boolean {
  return (
    outcome.decision === 'error' ||
    (outcome.execution?.status === 'committed' && outcome.execution.providerFailure !== undefined) ||
    (outcome.faults ?? []).some((f) => !(f.port === 'metrics' && f.kind === 'not-found'))
  );
}

/**
 * The staged decisions' outcomes, once the commit that carried them is known: recorded ones are
 * published (comments, checks, notifications follow the record); ones whose commit lost a race
 * are planned again from the branch, and staged again, within ctx.maxAttempts rounds; after a
 * batch commit that threw, each is recorded on its own, so that no release's change stops the
 * others' records. The outcomes are replaced where they stand.
 */
async function settleBatch(ctx: EngineContext, store: StateStore, batch: TickBatch, outcomes: ReleaseOutcome[]): Promise<void> {
  const max = ctx.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const replace = (outcome: ReleaseOutcome): void => {
    const at = outcomes.findIndex((o) => o.release === outcome.release);
    if (at >= 0) outcomes[at] = outcome;
  };
  for (let round = 1; ; round += 1) {
    const again: { entry: StagedPlan; alone: boolean }[] = [];
    for (const [name, { entry, result }] of batch.take()) {
      const stood = outcomes.find((o) => o.release === name);
      const attempts = (stood?.attempts ?? entry.attempt);
      switch (result.status) {
        case 'recorded':
          replace(await isolateRelease(ctx, name, entry.previous, async () => {
            const revert = await publishDecision(ctx, entry.setup, entry.plan.actions, result.records, entry.previous?.bundleHash ?? entry.setup.bundleHash);
            const execution = { status: 'committed', sha: result.sha, records: result.records, traffic: [], decision: entry.plan.decision, reason: entry.plan.reason, ...(revert ? { revert } : {}) } as const;
            return { ...(stood ?? errorOutcome(name, entry.plan.reason, entry.plan.next ?? entry.previous)), decision: entry.plan.decision, reason: entry.plan.reason, committed: true, attempts, execution };
          }));
          break;
        case 'failed':
          replace({ ...errorOutcome(name, result.reason, entry.previous), actions: entry.plan.actions, attempts, ...(stood?.faults ? { faults: stood.faults } : {}) });
          break;
        case 'replan':
          again.push({ entry, alone: result.alone });
          break;
      }
    }
    if (again.length === 0) return;
    if (round >= max) {
      for (const { entry } of again) {
        replace({ ...errorOutcome(entry.setup.name, `the state branch kept moving: ${max} attempts lost the compare-and-swap; nothing moved traffic for it, and the next run will try again`, entry.previous), actions: entry.plan.actions, attempts: entry.attempt + round - 1 });
      }
      return;
    }
    ctx.logger.debug(`the state branch moved before the tick's commit (round ${round} of ${max}); re-reading and re-planning ${again.map((a) => a.entry.setup.name).join(', ')}`);
    await (ctx.sleep ?? defaultSleep)(retryDelay(round, ctx.random ?? Math.random));
    let current: StateSnapshot | undefined;
    for (const { entry, alone } of again) {
      const name = entry.setup.name;
      const outcome = await isolateRelease(ctx, name, entry.previous, async () => {
        current ??= await store.load();
        return tickRelease(ctx, store, entry.setup, current, alone ? undefined : batch);
      });
      const counted = { ...outcome, attempts: outcome.attempts + entry.attempt };
      if (counted.committed || counted.execution?.status === 'conflict' || counted.decision === 'error') current = undefined;
      replace(counted);
    }
    await batch.flush();
  }
}

/** One release's tick, retried from the new head when another run commits first. */
export async function tickRelease(ctx: EngineContext, store: StateStore, setup: RolloutSetup, initial?: StateSnapshot, batch?: Pick<TickBatch, 'stage'>): Promise<ReleaseOutcome> {
  // The metrics of one stage visit do not change between attempts a few milliseconds apart: judge once per visit.
  const judged = new Map<string, RolloutJudgement & { at: number }>();
  // The faults of the attempt whose plan was carried out (each attempt reads and queries afresh).
  let faults: PortFault[] = [];
  const outcome = await planAndCommit(ctx, store, setup, async (_snapshot, state) => {
    faults = [];
    if (!state) return { error: `${setup.name} has no rollout on ${store.branch}` };
    if (state.awaitingProvider) {
      const { awaitingProvider } = state;
      const answer = await verifyAwaited(setup, awaitingProvider);
      if (answer.status === 'failed') faults.push({ port: 'provider', call: setup.provider.verify ? 'verify' : 'read', kind: answer.kind, error: answer.error });
      return { plan: planAwaitedChange({ state: { ...state, awaitingProvider }, answer, now: ctx.clock.now(), actor: ctx.actor, weightStep: setup.capabilities.weightStep }) };
    }
    const observed = await setup.provider.read(setup.target);
    if (!observed.ok) faults.push({ port: 'provider', call: 'read', kind: observed.kind, error: observed.error });
    const now = ctx.clock.now();
    const key = `${state.stage}|${state.stageStartedAt}|${state.phase}`;
    let judgement = judged.get(key);
    if (!judgement) {
      try {
        const result = needsJudgement(state) ? await judgeRollout(ctx, setup, state, now) : { judgement: undefined, metrics: undefined };
        judgement = { ...result, at: performance.now() };
      } catch (error) {
        if (error instanceof GateConfigError) return { error: error.message };
        throw error;
      }
      judged.set(key, judgement);
    }
    if (judgement.metricsFailure) faults.push({ port: 'metrics', call: 'query', ...judgement.metricsFailure });
    const plan = withMetricErrors(planTick({
      release: setup.release,
      policy: setup.policy,
      config: setup.config,
      state,
      observed,
      weightStep: setup.capabilities.weightStep,
      judgement: judgement.judgement,
      ...(judgement.metrics ? { metrics: judgement.metrics } : {}),
      now,
      actor: ctx.actor,
    }), { state, policy: setup.policy, reads: judgement.reads, now, actor: ctx.actor });
    return { plan, metricsAt: judgement.at };
  }, initial, batch);
  return faults.length > 0 ? { ...outcome, faults } : outcome;
}

/**
 * Where a change the provider accepted stands: its `verify`, or for a provider without one (it
 * should never have answered pending) a read, settled on whatever it serves.
 */
async function verifyAwaited(setup: RolloutSetup, awaiting: AwaitingProvider): Promise<Exclude<AwaitedAnswer, { status: 'failed' }> | { readonly status: 'failed'; readonly error: string; readonly kind: CallFailureKind }> {
  const operation = { id: awaiting.operation.id, requested: awaiting.operation.requested, ...(awaiting.operation.status !== undefined ? { status: awaiting.operation.status } : {}) };
  const answer = setup.provider.verify
    ? await setup.provider.verify(setup.target, operation)
    : await setup.provider.read(setup.target).then((read): CallResult<ApplyAnswer> => (read.ok ? { ok: true, value: { status: 'settled', split: read.value } } : read));
  if (!answer.ok) return { status: 'failed', error: answer.error, kind: answer.kind };
  if (answer.value.status === 'settled') return { status: 'settled', split: answer.value.split };
  const detail = answer.value.operation.status;
  return detail !== undefined ? { status: 'pending', detail } : { status: 'pending' };
}

/** Paused and frozen rollouts still check rollback criteria; pending and finished ones serve nobody. */
function needsJudgement(state: RolloutState): boolean {
  return state.phase === 'progressing' || state.phase === 'watching' || state.phase === 'paused' || state.phase === 'frozen';
}

/** One progress line: `support-assistant  canary-5  traffic 5%  advance  canary-5 passed …`. */
export function formatOutcome(outcome: ReleaseOutcome): string {
  return `${outcome.release}  ${outcome.stage}  ${describeSplit(outcome.split)}  ${outcome.decision}  ${outcome.reason}`;
}
