import type { StageJudgement } from '../gates/judgement.js';
import { decideFromJudgement } from '../gates/stage-decision.js';
import { formatDuration } from '../model/duration.js';
import type { RolloutPolicy } from '../model/index.js';
import type { DecisionFacts, DecisionRules, RollbackTrigger } from './types.js';
import type { Decision } from './decision.js';

/** A tick's decision before it becomes actions. `code` is the stable kind used to de-duplicate holds. */
export interface TickDecision {
  readonly decision: Decision;
  readonly reason: string;
  readonly code: string;
  /** Set for rollbacks. */
  readonly trigger?: RollbackTrigger;
}

/**
 * A policy carrying only the rules decideFromJudgement reads. Replay uses it, and so does the
 * planner, so that a decision and its replay go through exactly the same inputs.
 */
export function rulesPolicy(rules: DecisionRules): RolloutPolicy {
  return {
    apiVersion: 'glidepath.dev/v1',
    kind: 'RolloutPolicy',
    metadata: { name: 'recorded-rules' },
    spec: { strategy: 'canary', stages: [{ name: 'recorded' }], rollback: [{ metric: 'recorded' }], ...rules },
  };
}

function minutes(ms: number): string {
  return formatDuration(Math.max(0, Math.floor(ms / 60_000) * 60_000));
}

const ON_FAILURE: Readonly<Record<DecisionRules['onFailure'], Decision>> = { rollback: 'rollback', pause: 'pause', freeze: 'freeze' };

function hold(code: string, reason: string): TickDecision {
  return { decision: 'hold', code, reason };
}

/** Whether traffic may move to the next stage now: deploy window and approval. */
function mayMoveTraffic(facts: DecisionFacts, next: string): TickDecision {
  if (!facts.window.open) {
    const opens = facts.window.opensAt ? `; it opens at ${facts.window.opensAt}` : '';
    return hold('window-closed', `ready for ${next}, but ${facts.window.reason ?? 'the deploy window is closed'}${opens}`);
  }
  const approval = facts.approval;
  if (approval && !approval.granted) {
    const who = approval.approvers.length > 0 ? approval.approvers.join(', ') : 'a person with write access';
    const why = approval.why === 'high-risk' ? ' (a high-risk release needs an approval before 100%)' : '';
    return hold('awaiting-approval', `ready for ${approval.stage}, waiting for approval from ${who}${why}`);
  }
  return { decision: 'advance', code: 'advance', reason: `moving to ${next}` };
}

/**
 * The decision of one tick, from the judgement and the facts alone (pure; replay calls it with
 * what the audit record holds). Order: a fired rollback criterion or critical gate rolls back in
 * every non-terminal phase; paused and frozen rollouts hold; otherwise the judgement's decision is
 * weighed against bake time, maxDuration, the deploy window and approvals.
 */
export function decideTick(facts: DecisionFacts, judgement: StageJudgement | undefined): TickDecision {
  if (judgement && facts.phase !== 'pending') {
    // Rollback criteria judge the challenger, not the stage: they act even on a judgement computed
    // for the stage the rollout has just left.
    if (judgement.outcome === 'rollback') return { decision: 'rollback', code: 'judgement:rollback', reason: judgement.reason, trigger: 'criterion' };
    if (judgement.outcome === 'critical-fail') return { decision: 'rollback', code: 'judgement:critical-fail', reason: judgement.reason, trigger: 'gate' };
  }
  switch (facts.phase) {
    case 'paused':
      return hold('paused', 'paused: no automatic change until a person approves (`glidepath approve`) or rolls back');
    case 'frozen':
      return hold('frozen', 'frozen: no automatic change until a person unfreezes (`glidepath approve --reason …`) or rolls back');
    case 'pending':
      return mayMoveTraffic(facts, facts.nextStage ?? facts.stage);
    case 'watching':
      return decideWatch(facts, judgement);
    case 'progressing':
      return decideStage(facts, judgement);
    case 'complete':
    case 'rolled-back':
      return hold(facts.phase, `the rollout is ${facts.phase}`);
  }
}

function decideWatch(facts: DecisionFacts, judgement: StageJudgement | undefined): TickDecision {
  const elapsed = facts.watchElapsedMs ?? facts.elapsedMs;
  if (elapsed < facts.watchMs) {
    return hold('watching', `watching at the last stage: ${minutes(elapsed)} of ${formatDuration(facts.watchMs)}; rollback criteria still checked`);
  }
  if (judgement?.sourceError !== undefined) {
    // Completing is the last forward step: it needs one clean look at the rollback criteria.
    return hold('watch-no-data', `the watch has ended but the metrics source failed (${judgement.sourceError}); completing needs the rollback criteria checked once more`);
  }
  return { decision: 'complete', code: 'complete', reason: `the watch (${formatDuration(facts.watchMs)}) passed without a rollback criterion firing` };
}

function decideStage(facts: DecisionFacts, judgement: StageJudgement | undefined): TickDecision {
  if (facts.staleJudgement) {
    return hold('stale-judgement', `the judgement is for stage ${judgement?.stage ?? '?'}, the rollout is in ${facts.stage}; waiting for a judgement of this stage`);
  }
  const base = judgement
    ? decideFromJudgement(rulesPolicy(facts.rules), judgement)
    : { decision: 'advance' as const, reason: 'the stage has no gates' };
  const outcome = judgement?.outcome ?? 'pass';
  const code = `judgement:${outcome}`;
  const bakeLeft = facts.minDurationMs - facts.elapsedMs;
  const overdue = facts.maxDurationMs !== undefined && facts.elapsedMs >= facts.maxDurationMs;

  if (base.decision === 'rollback' || base.decision === 'pause' || base.decision === 'freeze') {
    // onInconclusive only applies once the bake time has passed: early data is expected to be inconclusive.
    if (outcome === 'inconclusive' && bakeLeft > 0) {
      return hold('bake-time', `${base.reason}; inconclusive before the bake time (${minutes(facts.elapsedMs)} of ${formatDuration(facts.minDurationMs)}) is not yet a failure`);
    }
    return { decision: base.decision, code, reason: base.reason, ...(base.decision === 'rollback' ? { trigger: 'gate' as const } : {}) };
  }
  if (base.decision === 'advance') {
    if (bakeLeft > 0) {
      return hold('bake-time', `gates pass, bake time not over: ${minutes(facts.elapsedMs)} of ${formatDuration(facts.minDurationMs)} in ${facts.stage}`);
    }
    if (facts.stageIndex >= facts.stageCount - 1) {
      return facts.watchMs > 0
        ? { decision: 'advance', code: 'enter-watch', reason: `${facts.stage} passed (${base.reason}); watching for ${formatDuration(facts.watchMs)}` }
        : { decision: 'complete', code: 'complete', reason: `${facts.stage} passed (${base.reason}) and the policy sets no watch` };
    }
    const next = mayMoveTraffic(facts, facts.nextStage ?? 'the next stage');
    return next.decision === 'advance' ? { ...next, reason: `${facts.stage} passed (${base.reason}); ${next.reason}` } : next;
  }
  if (overdue) {
    const decision = ON_FAILURE[facts.rules.onFailure];
    return {
      decision,
      code: 'max-duration',
      reason: `${facts.stage} did not pass within its maxDuration (${formatDuration(facts.maxDurationMs ?? 0)}): ${base.reason}; onFailure: ${facts.rules.onFailure}`,
      ...(decision === 'rollback' ? { trigger: 'gate' as const } : {}),
    };
  }
  if (base.decision === 'extend') {
    const until = facts.maxDurationMs === undefined
      ? 'the stage has no maxDuration, so it holds until the gates decide'
      : `up to maxDuration (${minutes(facts.maxDurationMs - facts.elapsedMs)} left)`;
    return { decision: 'extend', code, reason: `${base.reason}; collecting more data ${until}` };
  }
  return hold(code, base.reason);
}
