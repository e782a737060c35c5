import { CHAMPION_ONLY, describeSplit, sameSplit } from './split.js';
import { planProviderFailure } from './plan-provider-failure.js';
import { recorded } from './transitions.js';
import type { Action, AuditRecordDraft, AwaitingProvider, RolloutState } from './types.js';
import type { Decision } from './decision.js';
import type { TrafficSplit } from '../model/traffic-split.js';

/** How long a provider that settles later may take before the change counts as failed. */
export const DEFAULT_PROVIDER_SETTLE_MS = 30 * 60_000;

/** An unchanged wait is written to the audit log at most this often. */
const AWAIT_HEARTBEAT_MS = 3_600_000;

export const AWAITING_PROVIDER = 'awaiting-provider';

/** A plan that waits, fails or carries out what was planned; `next` is undefined only for a first start that failed. */
export interface AwaitPlan {
  readonly decision: Decision;
  readonly reason: string;
  readonly actions: Action[];
  readonly next: RolloutState | undefined;
}

export interface AwaitInput {
  /** The state the plan was made from; undefined for a release's first start. */
  readonly state: RolloutState | undefined;
  /** The plan whose set-traffic the provider accepted without settling. */
  readonly plan: { readonly decision: Decision; readonly reason: string; readonly actions: readonly Action[] };
  readonly operation: AwaitingProvider['operation'];
  readonly now: Date;
  readonly actor: string;
  /** Default DEFAULT_PROVIDER_SETTLE_MS. */
  readonly settleMs?: number;
}

/**
 * What a command records when the provider answers a set-traffic with "accepted, not settled yet":
 * not a refusal, a hold with code `awaiting-provider`. The state keeps the split it serves and
 * carries the operation, its deadline and the plan it belongs to (minus the set-traffic), which
 * the next ticks carry out once the provider settles as requested (planAwaitedChange).
 * A first start has no state yet: it is recorded as pending at the first stage, serving nobody.
 */
export function planAwaitingProvider(input: AwaitInput): AwaitPlan {
  const at = input.now.toISOString();
  const planned = input.plan.actions.find((a): a is Extract<Action, { type: 'write-state' }> => a.type === 'write-state')?.state;
  const base = input.state ?? (planned ? { ...planned, phase: 'pending' as const, split: CHAMPION_ONLY, history: [] } : undefined);
  const deadline = new Date(input.now.getTime() + (input.settleMs ?? DEFAULT_PROVIDER_SETTLE_MS)).toISOString();
  const shown = describeSplit(input.operation.requested);
  const reason = `the provider accepted ${shown} and is still applying it (operation ${input.operation.id}${input.operation.status ? `: ${input.operation.status}` : ''}); holding until it settles, at most until ${deadline}`;
  const awaiting: AwaitingProvider = {
    operation: input.operation,
    since: at,
    deadline,
    planned: { decision: input.plan.decision, reason: input.plan.reason, actions: input.plan.actions.filter((a) => a.type !== 'set-traffic') },
  };
  if (!base) return { decision: 'hold', reason, actions: [], next: undefined };
  const next: RolloutState = { ...recorded(base, 'hold', reason, AWAITING_PROVIDER, at), awaitingProvider: awaiting };
  const record: AuditRecordDraft = {
    at,
    release: base.release,
    bundleHash: base.bundleHash,
    stage: base.stage,
    actor: input.actor,
    event: 'decision',
    decision: 'hold',
    reason,
    code: AWAITING_PROVIDER,
    details: { operation: input.operation, deadline, planned: input.plan.decision },
  };
  return { decision: 'hold', reason, actions: [{ type: 'write-state', state: next }, { type: 'append-audit', record }], next };
}

/** Where the awaited change stands this tick, from the provider's `verify`. */
export type AwaitedAnswer =
  | { readonly status: 'settled'; readonly split: TrafficSplit }
  | { readonly status: 'pending'; readonly detail?: string }
  | { readonly status: 'failed'; readonly error: string };

export interface AwaitedInput {
  /** A state with `awaitingProvider` set. */
  readonly state: RolloutState & { readonly awaitingProvider: AwaitingProvider };
  readonly answer: AwaitedAnswer;
  readonly now: Date;
  readonly actor: string;
  /** The provider's weight step (see sameSplit). */
  readonly weightStep?: number;
}

/**
 * The tick of a rollout waiting for its provider, before anything is judged: settled as requested,
 * the kept plan is carried out as if the change had been applied then (its records gain the
 * read-back); still pending before the deadline, hold (audited once an hour); failed, settled on
 * something else, or past the deadline, the provider-failure hold, and the next tick tries again.
 */
export function planAwaitedChange(input: AwaitedInput): AwaitPlan {
  const { state, answer } = input;
  const awaiting = state.awaitingProvider;
  const { awaitingProvider: _done, ...rest } = state;
  const before: RolloutState = rest;
  const at = input.now.toISOString();
  const requested = awaiting.operation.requested;
  const failed = (error: string): AwaitPlan =>
    planProviderFailure({ state: before, release: state.release, bundleHash: state.bundleHash, stage: state.stage, attempted: requested, error, now: input.now, actor: input.actor });
  if (answer.status === 'failed') return failed(answer.error);
  if (answer.status === 'settled') {
    if (!sameSplit(answer.split, requested, input.weightStep)) return failed(`operation ${awaiting.operation.id} settled, but it serves ${describeSplit(answer.split)} after the change`);
    return carryOut(before, awaiting, answer.split, at);
  }
  if (input.now.getTime() >= Date.parse(awaiting.deadline)) {
    return failed(`operation ${awaiting.operation.id} had not settled by its deadline ${awaiting.deadline}${answer.detail ? ` (${answer.detail})` : ''}`);
  }
  const reason = `the provider is still applying ${describeSplit(requested)} (operation ${awaiting.operation.id}${answer.detail ? `: ${answer.detail}` : ''}); holding until it settles, at most until ${awaiting.deadline}`;
  const last = state.lastDecision;
  if (last?.code === AWAITING_PROVIDER && input.now.getTime() - Date.parse(last.at) < AWAIT_HEARTBEAT_MS) {
    return { decision: 'hold', reason, actions: [], next: state };
  }
  const next: RolloutState = { ...recorded(before, 'hold', reason, AWAITING_PROVIDER, at), awaitingProvider: awaiting };
  const record: AuditRecordDraft = { at, release: state.release, bundleHash: state.bundleHash, stage: state.stage, actor: input.actor, event: 'decision', decision: 'hold', reason, code: AWAITING_PROVIDER, details: { operation: awaiting.operation, deadline: awaiting.deadline } };
  return { decision: 'hold', reason, actions: [{ type: 'write-state', state: next }, { type: 'append-audit', record }], next };
}

/** The kept plan, carried out now: its state follows the current revision, its records carry the read-back. */
function carryOut(current: RolloutState, awaiting: AwaitingProvider, readBack: TrafficSplit, at: string): AwaitPlan {
  let next: RolloutState | undefined;
  const actions = awaiting.planned.actions.map((action): Action => {
    if (action.type === 'write-state') {
      // A stage entered by the change starts when the change took effect: its bake time is exposure time.
      const entered = action.state.stageStartedAt !== current.stageStartedAt || action.state.stageIndex !== current.stageIndex;
      const history = entered ? (action.state.history ?? []).map((visit, i, all) => (i === all.length - 1 && visit.until === undefined ? { ...visit, from: at } : visit)) : action.state.history;
      next = { ...action.state, revision: current.revision + 1, updatedAt: at, ...(entered ? { stageStartedAt: at } : {}), ...(history ? { history } : {}) };
      return { type: 'write-state', state: next };
    }
    if (action.type === 'append-audit') {
      const details = { ...(action.record.details ?? {}), readBack, settled: { operation: awaiting.operation.id, since: awaiting.since, at } };
      return { type: 'append-audit', record: { ...action.record, provider: { ok: true, split: readBack }, details } };
    }
    return action;
  });
  return { decision: awaiting.planned.decision, reason: `${awaiting.planned.reason} (the provider settled ${describeSplit(readBack)})`, actions, next: next ?? current };
}
