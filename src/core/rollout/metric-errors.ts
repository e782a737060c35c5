import type { RolloutPolicy } from '../model/index.js';
import { commentAction } from './messages.js';
import { draft, recorded, type TickPlan } from './transitions.js';
import type { Action, RolloutState } from './types.js';

/** Failed reads of one metric in a row before a rollout escalates, when the policy does not say (argo-rollouts' consecutiveErrorLimit default is 4; three ticks is an hour at the usual schedule). */
export const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 3;

/** The decision code of the escalation record. */
export const METRIC_ERRORS_ESCALATED = 'metric-errors-escalated';

/** What the tick's reads said, per metric: read = asked for this tick; failed = metric → why its source gave no answer (not "no data yet"). */
export interface MetricReads {
  readonly read: readonly string[];
  readonly failed: Readonly<Record<string, string>>;
}

/**
 * The counts after this tick's reads: a failed read adds one (up to the limit: beyond it nothing
 * new is learnt, and an unchanging count keeps repeated holds out of the audit log), any other
 * answer for the metric clears it, and metrics not read this tick keep theirs.
 */
export function countMetricErrors(previous: Readonly<Record<string, number>> | undefined, reads: MetricReads, limit: number): Record<string, number> {
  const counts: Record<string, number> = { ...previous };
  for (const metric of reads.read) {
    if (metric in reads.failed) counts[metric] = Math.min(limit, (counts[metric] ?? 0) + 1);
    else delete counts[metric];
  }
  return counts;
}

/**
 * A tick's plan with the consecutive-error counts carried in the state it writes. Failed reads
 * are measurements: a count that changed is written (with a record saying which metric failed
 * and how often) even when the plan itself would have written nothing. The tick on which a
 * metric reaches the policy's consecutiveErrorLimit escalates: the rollout keeps holding (no data
 * never advances), the record's code is `metric-errors-escalated`, and people are notified. A
 * rollback is never delayed or changed.
 */
export function withMetricErrors(plan: TickPlan, input: { readonly state: RolloutState; readonly policy: RolloutPolicy; readonly reads: MetricReads | undefined; readonly now: Date; readonly actor: string }): TickPlan {
  const { state, reads } = input;
  if (!reads || plan.decision === 'rollback' || plan.next.phase === 'rolled-back' || plan.next.phase === 'complete') return plan;
  const limit = input.policy.spec.consecutiveErrorLimit ?? DEFAULT_CONSECUTIVE_ERROR_LIMIT;
  const counts = countMetricErrors(state.metricErrors, reads, limit);
  if (sameCounts(counts, state.metricErrors)) return plan;
  const carry = (s: RolloutState): RolloutState => {
    const { metricErrors: _dropped, ...rest } = s;
    return Object.keys(counts).length > 0 ? { ...rest, metricErrors: counts } : rest;
  };
  const reached = Object.keys(counts).filter((m) => counts[m] === limit && (state.metricErrors?.[m] ?? 0) < limit).sort();
  const failures = Object.keys(counts).filter((m) => m in reads.failed).sort().map((m) => `${reads.failed[m]} (${counts[m]} of ${limit} in a row)`);
  const movesTraffic = plan.actions.some((a) => a.type === 'set-traffic');
  if (reached.length > 0 && plan.decision === 'hold' && !movesTraffic) {
    const at = input.now.toISOString();
    const reason = `escalating: ${reached.join(', ')} could not be read ${limit} evaluation${limit === 1 ? '' : 's'} in a row; holding until the source answers or a person decides. ${failures.join('; ')}`;
    const next = carry(recorded(state, 'hold', reason, METRIC_ERRORS_ESCALATED, at));
    // The hold's own evidence (judgement, inputs, facts) stays on the record, so it still replays.
    const held = plan.actions.find((a): a is Extract<Action, { type: 'append-audit' }> => a.type === 'append-audit')?.record;
    const evidence = held ? { ...(held.judgement ? { judgement: held.judgement } : {}), ...(held.inputs ? { inputs: held.inputs } : {}), ...(held.facts ? { facts: held.facts } : {}), ...(held.provider ? { provider: held.provider } : {}) } : {};
    const actions: Action[] = [
      { type: 'write-state', state: next },
      { type: 'append-audit', record: draft(state, at, input.actor, { event: 'decision', decision: 'hold', reason, code: METRIC_ERRORS_ESCALATED, ...evidence, details: { metricErrors: counts, limit, failed: reads.failed } }) },
      commentAction(state.release, `needs attention: metrics cannot be read (${reached.join(', ')})`, reason),
      { type: 'notify', release: state.release, kind: 'needs-attention', message: `Glidepath: ${state.release} ${reason}` },
    ];
    return { decision: 'hold', reason, actions, next };
  }
  const writes = plan.actions.some((a) => a.type === 'write-state');
  if (writes) {
    return {
      ...plan,
      actions: plan.actions.map((a) => (a.type === 'write-state' ? { ...a, state: carry(a.state) } : a)),
      next: carry(plan.next),
    };
  }
  // The plan records nothing (a repeated hold): the changed count is recorded on its own, under the plan's own decision.
  const at = input.now.toISOString();
  const reason = failures.length > 0 ? `${plan.reason}; ${failures.join('; ')}` : `${plan.reason}; every metric was read again`;
  const code = state.lastDecision?.code ?? 'metric-errors';
  const next = carry(recorded(plan.next, plan.decision, reason, code, at));
  return {
    ...plan,
    actions: [
      ...plan.actions,
      { type: 'write-state', state: next },
      { type: 'append-audit', record: draft(state, at, input.actor, { event: 'decision', decision: plan.decision, reason, code, details: { metricErrors: counts, limit } }) },
    ],
    next,
  };
}

function sameCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>> | undefined): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b ?? {}).length && keys.every((k) => b?.[k] === a[k]);
}
