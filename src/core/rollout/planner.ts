import type { CallResult } from '../../ports/call.js';
import { summariseInputs } from '../audit/inputs.js';
import type { StageJudgement } from '../gates/judgement.js';
import type { MetricsSnapshot } from '../metrics/arm-data.js';
import type { GlidepathConfig, Release, RolloutPolicy } from '../model/index.js';
import { requestsPerHourOf } from '../model/traffic.js';
import { decideTick, type TickDecision } from './decide-tick.js';
import { buildFacts, targetIndex } from './facts.js';
import { approveHint, checkAction, commentAction } from './messages.js';
import { buildRollbackPlan } from './plan-rollback.js';
import { CHAMPION_ONLY, describeSplit, sameSplit, splitForStage } from './split.js';
import { closeHistory, draft, enterStage, inPhase, recorded, stageAt, type TickPlan } from './transitions.js';
import type { Action, AuditRecordDraft, DecisionFacts, RolloutState } from './types.js';
import type { TrafficSplit } from '../model/traffic-split.js';

export { splitForStage } from './split.js';
export type { TickPlan } from './transitions.js';
export { planStart, type StartInput } from './plan-start.js';
export { planRollback, type RollbackInput } from './plan-rollback.js';
export { planApprove, type ApproveInput } from './plan-approve.js';
export { planProviderFailure, type ProviderFailureInput } from './plan-provider-failure.js';

/** An unchanged hold is written to the audit log at most this often (a heartbeat with its evidence). */
export const HOLD_HEARTBEAT_MS = 3_600_000;

/** Everything one evaluation of one rollout needs. */
export interface TickInput {
  readonly release: Release;
  readonly policy: RolloutPolicy;
  readonly config: GlidepathConfig | undefined;
  /** The current state (complete: nothing to do; rolled-back: the champion is only enforced). */
  readonly state: RolloutState;
  /** The provider's read-back this tick. */
  readonly observed: CallResult<TrafficSplit>;
  /** The provider's weight step (ProviderCapabilities.weightStep): read-backs within half of it are the requested split. */
  readonly weightStep?: number;
  /** Undefined when the stage has neither gates nor rollback criteria to judge. */
  readonly judgement: StageJudgement | undefined;
  /** The per-arm sufficient statistics the judgement was computed from; recorded so the decision can be replayed. */
  readonly metrics?: MetricsSnapshot;
  readonly now: Date;
  /** `glidepath[bot]`, or the person who ran the command. */
  readonly actor: string;
  /** Default HOLD_HEARTBEAT_MS. */
  readonly heartbeatMs?: number;
}


function providerAnswer(observed: CallResult<TrafficSplit>): NonNullable<AuditRecordDraft['provider']> {
  return observed.ok ? { ok: true, split: observed.value } : { ok: false, error: observed.error };
}

/**
 * Exposure of the challenger, for deciding whether an out-of-band change reduced it: champion-only
 * below shadow (mirrored, serves nobody) below any weight.
 */
function exposure(split: TrafficSplit): number {
  if (split.mode === 'off') return -1;
  if (split.mode === 'shadow') return 0;
  return split.weight;
}

/**
 * One evaluation of one rollout. In order: a fired rollback criterion or critical gate rolls back
 * (set-traffic to the champion first; windows, freezes, pauses and provider errors never stop
 * it); a provider that cannot be read holds with no traffic change; a read-back that differs
 * from the state is reconciled (see reconcile); otherwise the judgement's decision is weighed
 * against bake time, maxDuration, the deploy window and approvals. Holds identical to the last
 * recorded decision produce no actions until the heartbeat interval has passed.
 */
export function planTick(input: TickInput): TickPlan {
  const { state, release, observed } = input;
  if (state.release !== release.metadata.name) {
    throw new Error(`planTick: the state is for ${state.release}, the release is ${release.metadata.name}`);
  }
  if (state.phase === 'complete') return { decision: 'hold', reason: 'the rollout is complete; nothing to do', actions: [], next: state };
  if (state.phase === 'rolled-back') return keepChampion(input);
  const facts = buildFacts(input);
  const decided = decideTick(facts, input.judgement);
  const provider = providerAnswer(observed);
  if (decided.decision === 'rollback') {
    const requestsPerHour = requestsPerHourOf(release, input.config);
    return buildRollbackPlan({
      state,
      now: input.now,
      actor: input.actor,
      reason: decided.reason,
      trigger: decided.trigger ?? 'gate',
      code: decided.code,
      facts,
      provider,
      ...(input.judgement ? { judgement: input.judgement } : {}),
      ...(input.metrics ? { metrics: input.metrics } : {}),
      ...(requestsPerHour !== undefined ? { requestsPerHour } : {}),
    });
  }
  if (!observed.ok) {
    return holdPlan(input, { decision: 'hold', code: 'provider-error', reason: `the provider could not be read (${observed.error}); holding without any traffic change` }, 'reconcile', undefined);
  }
  if (!sameSplit(observed.value, state.split, input.weightStep)) return reconcile(input, observed.value, facts, decided);
  return applyDecision(input, facts, decided);
}

/** A rolled-back rollout only keeps the champion in place: a provider serving the challenger again is set back. */
function keepChampion(input: TickInput): TickPlan {
  const { state, observed } = input;
  if (!observed.ok || sameSplit(observed.value, CHAMPION_ONLY, input.weightStep)) {
    return { decision: 'hold', reason: 'the rollout was rolled back; the champion serves all traffic', actions: [], next: state };
  }
  const at = input.now.toISOString();
  const reason = `the rollout was rolled back, but the provider serves ${describeSplit(observed.value)}; restoring the champion`;
  const next = recorded(state, 'rollback', reason, 'reconcile-restore', at);
  return {
    decision: 'rollback',
    reason,
    actions: [
      { type: 'set-traffic', release: state.release, split: CHAMPION_ONLY, from: observed.value, reason },
      { type: 'write-state', state: next },
      { type: 'append-audit', record: draft(state, at, input.actor, { event: 'reconcile', decision: 'rollback', reason, code: 'reconcile-restore', splitBefore: observed.value, splitAfter: CHAMPION_ONLY, provider: providerAnswer(observed) }) },
      { type: 'notify', release: state.release, kind: 'needs-attention', message: `Glidepath: ${state.release} ${reason}` },
    ],
    next,
  };
}

/**
 * The provider serves something other than the recorded split. Policy (docs/decisions/0005):
 * - it serves the NEXT stage's split and this tick's own decision is to advance there (gates
 *   passed, bake time over, window open, approval given): an earlier run moved traffic and stopped
 *   before committing the state; adopt it, record the advance with its evidence, and let the
 *   stage's bake time start now. Without that decision the move was not judged (a hand edit during
 *   bake time looks exactly the same), so it is set back like any other change, unless the policy
 *   says `manualTrafficChanges: adopt`;
 * - it serves LESS challenger exposure (champion-only, shadow, a lower weight): a person or an
 *   interrupted rollback reduced it; Glidepath never re-exposes users on its own, so it pauses;
 * - anything else (more weight, another segment) was changed out of band: set the recorded split
 *   back;
 * - paused or frozen: record the difference and change nothing (a person is in charge).
 */
function reconcile(input: TickInput, observed: TrafficSplit, facts: DecisionFacts, decided: TickDecision): TickPlan {
  const { state, policy } = input;
  const at = input.now.toISOString();
  const provider = providerAnswer(input.observed);
  const both = `the provider serves ${describeSplit(observed)}, the rollout recorded ${describeSplit(state.split)}`;
  if (state.phase === 'paused' || state.phase === 'frozen') {
    return holdPlan(input, { decision: 'hold', code: 'out-of-band', reason: `${both}; no automatic change while ${state.phase}` }, 'reconcile', undefined, { observed, recorded: state.split });
  }
  const target = targetIndex(state, policy);
  const ahead = target !== undefined && sameSplit(observed, splitForStage(stageAt(policy, target)), input.weightStep) ? stageAt(policy, target) : undefined;
  // `enter-watch` is also an advance, but it moves no traffic: only a move to the next stage counts.
  const judged = decided.decision === 'advance' && decided.code === 'advance';
  if (target !== undefined && ahead && (judged || policy.spec.manualTrafficChanges === 'adopt')) {
    const stage = ahead;
    const reason = judged
      ? `${both}, which is ${stage.name}'s split, and this tick decides to move there too (${decided.reason}): an earlier run moved traffic and stopped before recording it; adopted, ${stage.name}'s bake time starts now`
      : `${both}, which is ${stage.name}'s split: adopted without judging ${state.stage}'s gates, because the policy sets manualTrafficChanges: adopt; ${stage.name}'s bake time starts now`;
    const next = recorded(enterStage(state, policy, target, observed, at), 'advance', reason, 'reconcile-adopt', at);
    // A judged adoption carries the evidence of the decision it stands for, so replay checks it too.
    const judgedEvidence = judged ? evidence(input, facts) : { provider };
    return {
      decision: 'advance',
      reason,
      actions: [
        { type: 'write-state', state: next },
        { type: 'append-audit', record: draft(state, at, input.actor, { event: 'reconcile', decision: 'advance', reason, code: 'reconcile-adopt', splitBefore: state.split, splitAfter: observed, ...judgedEvidence, details: { adoptedStage: stage.name, judged } }) },
        commentAction(state.release, `now at ${stage.name} (${describeSplit(observed)})`, reason),
      ],
      next,
    };
  }
  if (exposure(observed) < exposure(state.split)) {
    const reason = `${both}: someone (or an interrupted rollback) reduced the challenger's traffic; Glidepath does not re-expose users on its own, so the rollout is paused. Roll back with \`glidepath rollback --release ${state.release}\`, or resume at ${state.stage} with \`glidepath approve --release ${state.release}\``;
    const reduced: RolloutState = {
      ...inPhase(state, 'paused', reason),
      split: observed,
      history: [...closeHistory(state, at), { stage: state.stage, index: state.stageIndex, split: observed, from: at }],
    };
    const next = recorded(reduced, 'pause', reason, 'reconcile-reduced', at);
    return {
      decision: 'pause',
      reason,
      actions: [
        { type: 'write-state', state: next },
        { type: 'append-audit', record: draft(state, at, input.actor, { event: 'reconcile', decision: 'pause', reason, code: 'reconcile-reduced', splitBefore: state.split, splitAfter: observed, provider }) },
        commentAction(state.release, 'paused: traffic was changed outside Glidepath', reason),
        { type: 'notify', release: state.release, kind: 'needs-attention', message: `Glidepath paused ${state.release}: ${both}` },
      ],
      next,
    };
  }
  const why = ahead
    ? `, which is ${ahead.name}'s split, but this tick does not move there (${decided.reason}): a move Glidepath has not judged is not adopted (the policy's manualTrafficChanges is restore)`
    : ': changed outside Glidepath';
  const reason = `${both}${why}; setting the recorded split back`;
  const next = recorded(state, 'hold', reason, 'reconcile-restore', at);
  return {
    decision: 'hold',
    reason,
    actions: [
      { type: 'set-traffic', release: state.release, split: state.split, from: observed, reason },
      { type: 'write-state', state: next },
      { type: 'append-audit', record: draft(state, at, input.actor, { event: 'reconcile', decision: 'hold', reason, code: 'reconcile-restore', splitBefore: observed, splitAfter: state.split, provider, ...(ahead ? { details: { unjudgedStage: ahead.name } } : {}) }) },
      { type: 'notify', release: state.release, kind: 'needs-attention', message: `Glidepath: ${state.release} ${reason}` },
    ],
    next,
  };
}

/** The audit fields every decision record carries: judgement, inputs, facts and provider answer. */
function evidence(input: TickInput, facts: DecisionFacts | undefined): Partial<AuditRecordDraft> {
  return {
    ...(input.judgement ? { judgement: input.judgement } : {}),
    ...(input.metrics ? { inputs: summariseInputs(input.metrics) } : {}),
    ...(facts ? { facts } : {}),
    provider: providerAnswer(input.observed),
  };
}

function holdPlan(
  input: TickInput,
  decided: TickDecision,
  event: 'decision' | 'reconcile',
  facts: DecisionFacts | undefined,
  details?: Record<string, unknown>,
): TickPlan {
  const { state } = input;
  const last = state.lastDecision;
  const repeat = last !== undefined && last.decision === decided.decision && last.code === decided.code;
  const heartbeat = input.heartbeatMs ?? HOLD_HEARTBEAT_MS;
  if (repeat && input.now.getTime() - Date.parse(last.at) < heartbeat) {
    return { decision: decided.decision, reason: decided.reason, actions: [], next: state };
  }
  const at = input.now.toISOString();
  const next = recorded(state, decided.decision, decided.reason, decided.code, at);
  const allDetails = { ...(details ?? {}), ...(repeat ? { heartbeat: true } : {}) };
  const actions: Action[] = [
    { type: 'write-state', state: next },
    {
      type: 'append-audit',
      record: draft(state, at, input.actor, {
        event,
        decision: decided.decision,
        reason: decided.reason,
        code: decided.code,
        ...evidence(input, facts),
        ...(Object.keys(allDetails).length > 0 ? { details: allDetails } : {}),
      }),
    },
  ];
  if (decided.code === 'awaiting-approval' && !repeat) {
    const stage = facts?.approval?.stage;
    actions.push(commentAction(state.release, `waiting for approval${stage ? ` before ${stage}` : ''}`, decided.reason, `To approve, ${approveHint(state.release, stage)}.`));
  }
  return { decision: decided.decision, reason: decided.reason, actions, next };
}

function applyDecision(input: TickInput, facts: DecisionFacts, decided: TickDecision): TickPlan {
  const { state } = input;
  const at = input.now.toISOString();
  switch (decided.decision) {
    case 'hold':
    case 'extend':
      return holdPlan(input, decided, 'decision', facts);
    case 'pause':
    case 'freeze': {
      const phase = decided.decision === 'pause' ? 'paused' : 'frozen';
      const next = recorded(inPhase(state, phase, decided.reason), decided.decision, decided.reason, decided.code, at);
      const resume = phase === 'paused' ? approveHint(state.release) : `${approveHint(state.release)} with a reason`;
      return {
        decision: decided.decision,
        reason: decided.reason,
        actions: [
          { type: 'write-state', state: next },
          { type: 'append-audit', record: draft(state, at, input.actor, { event: decided.decision, decision: decided.decision, reason: decided.reason, code: decided.code, ...evidence(input, facts) }) },
          commentAction(state.release, `${phase} at ${state.stage} (${describeSplit(state.split)})`, decided.reason, `Traffic stays where it is; rollback criteria are still checked. To resume, ${resume}; to restore the champion, run \`glidepath rollback --release ${state.release}\`.`),
          checkAction(state.release, 'neutral', `${phase[0]?.toUpperCase()}${phase.slice(1)} at ${state.stage}`, decided.reason),
          { type: 'notify', release: state.release, kind: 'needs-attention', message: `Glidepath ${phase} ${state.release} at ${state.stage}: ${decided.reason}` },
        ],
        next,
      };
    }
    case 'complete': {
      const next = recorded({ ...inPhase(state, 'complete', decided.reason), history: closeHistory(state, at) }, 'complete', decided.reason, decided.code, at);
      return {
        decision: 'complete',
        reason: decided.reason,
        actions: [
          { type: 'write-state', state: next },
          { type: 'append-audit', record: draft(state, at, input.actor, { event: 'complete', decision: 'complete', reason: decided.reason, code: decided.code, ...evidence(input, facts) }) },
          commentAction(state.release, 'complete: the challenger is the new champion', decided.reason),
          checkAction(state.release, 'success', 'Rollout complete', decided.reason),
          { type: 'notify', release: state.release, kind: 'completed', message: `Glidepath completed ${state.release}: ${decided.reason}` },
        ],
        next,
      };
    }
    case 'advance':
      return advancePlan(input, facts, decided);
    case 'rollback':
      // planTick handles rollbacks before reconciling; reaching here is a bug.
      throw new Error('applyDecision: rollback must be planned by buildRollbackPlan');
  }
}

function advancePlan(input: TickInput, facts: DecisionFacts, decided: TickDecision): TickPlan {
  const { state, policy } = input;
  const at = input.now.toISOString();
  const record = (fields: Partial<AuditRecordDraft>): Action => ({
    type: 'append-audit',
    record: draft(state, at, input.actor, { event: 'decision', decision: 'advance', reason: decided.reason, code: decided.code, ...evidence(input, facts), ...fields }),
  });
  if (decided.code === 'enter-watch') {
    const next = recorded({ ...state, phase: 'watching', watchStartedAt: at }, 'advance', decided.reason, decided.code, at);
    return {
      decision: 'advance',
      reason: decided.reason,
      actions: [{ type: 'write-state', state: next }, record({}), commentAction(state.release, `watching at ${state.stage} (${describeSplit(state.split)})`, decided.reason)],
      next,
    };
  }
  const target = targetIndex(state, policy);
  if (target === undefined) throw new Error(`advancePlan: ${state.release} has no stage after ${state.stage}`);
  const stage = stageAt(policy, target);
  const split = splitForStage(stage);
  const next = recorded(enterStage(state, policy, target, split, at), 'advance', decided.reason, decided.code, at);
  return {
    decision: 'advance',
    reason: decided.reason,
    actions: [
      { type: 'set-traffic', release: state.release, split, from: state.split, reason: `advance to ${stage.name}` },
      { type: 'write-state', state: next },
      record({ splitBefore: state.split, splitAfter: split, details: { toStage: stage.name } }),
      commentAction(state.release, `${state.phase === 'pending' ? 'started' : 'advanced'}: ${stage.name} (${describeSplit(split)})`, decided.reason),
      checkAction(state.release, 'neutral', `Rolling out: ${stage.name}`, `${describeSplit(split)}. ${decided.reason}`),
    ],
    next,
  };
}
