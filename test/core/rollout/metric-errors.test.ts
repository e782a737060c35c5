import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countMetricErrors, withMetricErrors } from '../../../src/core/rollout/metric-errors.js';
import { at, makeJudgement, makePolicy, makeState, tick, types } from '../../support/rollout-fixtures.js';

const FAILED = { read: ['error_rate', 'latency_ms'], failed: { error_rate: 'metrics source prom: unavailable (HTTP 503): no data for error_rate' } };

test('failed reads count up to the limit, an answer clears the count, and metrics not read keep theirs', () => {
  assert.deepEqual(countMetricErrors(undefined, FAILED, 3), { error_rate: 1 });
  assert.deepEqual(countMetricErrors({ error_rate: 3, latency_ms: 2, cost: 1 }, FAILED, 3), { error_rate: 3, cost: 1 });
});

test('a rollback is never changed by the failed-read count, even on the read that reaches the limit', () => {
  const policy = makePolicy();
  const state = makeState(policy, 1, 1, { metricErrors: { error_rate: 2 } });
  const plan = tick({ state, now: at(2), judgement: makeJudgement(state.stage, 'rollback') });
  assert.equal(plan.decision, 'rollback');
  assert.equal(withMetricErrors(plan, { state, policy, reads: FAILED, now: at(2), actor: 'glidepath[bot]' }), plan);
});

test('a repeated hold whose count changed records the count; the read that reaches the limit escalates with a notice', () => {
  const policy = makePolicy();
  const state = makeState(policy, 1, 1);
  const plan = { decision: 'hold' as const, reason: 'no data for error_rate', actions: [], next: state };
  const counted = withMetricErrors(plan, { state, policy, reads: FAILED, now: at(2), actor: 'glidepath[bot]' });
  assert.deepEqual(types(counted.actions), ['write-state', 'append-audit']);
  assert.deepEqual(counted.next.metricErrors, { error_rate: 1 });
  const escalated = withMetricErrors(plan, { state: { ...state, metricErrors: { error_rate: 2 } }, policy, reads: FAILED, now: at(2), actor: 'glidepath[bot]' });
  assert.deepEqual(types(escalated.actions), ['write-state', 'append-audit', 'comment', 'notify']);
  assert.equal(escalated.next.lastDecision?.code, 'metric-errors-escalated');
  assert.equal(withMetricErrors(plan, { state: { ...state, metricErrors: { error_rate: 3 } }, policy, reads: FAILED, now: at(2), actor: 'glidepath[bot]' }), plan, 'past the limit nothing new is written');
});
