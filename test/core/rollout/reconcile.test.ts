import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at, auditOf, makeJudgement, makePolicy, makeState, ok, tick, trafficOf, types } from '../../support/rollout-fixtures.js';

const policy = makePolicy();

test('a provider that cannot be read holds, changes no traffic and records the error', () => {
  const plan = tick({ state: makeState(policy, 1), observed: { ok: false, error: 'flag file unreadable', kind: 'unavailable' }, now: at(3), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(plan.decision, 'hold');
  assert.equal(trafficOf(plan.actions), undefined);
  const record = auditOf(plan.actions);
  assert.equal(record?.event, 'reconcile');
  assert.deepEqual(record?.provider, { ok: false, error: 'flag file unreadable' });
  assert.equal(plan.next.stage, 'canary-5');
});

test('repeated provider errors are recorded once per heartbeat, not on every tick', () => {
  const error = { ok: false, error: 'timeout', kind: 'timeout' } as const;
  const first = tick({ state: makeState(policy, 1), observed: error, now: at(3), judgement: undefined });
  const second = tick({ state: first.next, observed: error, now: at(3.1), judgement: undefined });
  assert.deepEqual(second.actions, []);
});

test('a rollback criterion still rolls back when the provider cannot be read', () => {
  const plan = tick({ state: makeState(policy, 1), observed: { ok: false, error: 'timeout', kind: 'timeout' }, now: at(3), judgement: makeJudgement('canary-5', 'rollback') });
  assert.equal(plan.decision, 'rollback');
  assert.deepEqual(trafficOf(plan.actions), { mode: 'off', weight: 0 });
  assert.deepEqual(auditOf(plan.actions)?.provider, { ok: false, error: 'timeout' });
});

test('a provider already at the next stage is adopted: the interrupted advance is recorded, not repeated', () => {
  const state = makeState(policy, 1);
  const plan = tick({ state, observed: ok({ mode: 'traffic', weight: 25 }), now: at(3), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(plan.decision, 'advance');
  assert.equal(trafficOf(plan.actions), undefined);
  assert.equal(plan.next.stage, 'canary-25');
  assert.equal(plan.next.stageStartedAt, at(3).toISOString());
  const record = auditOf(plan.actions);
  assert.equal(record?.event, 'reconcile');
  assert.equal(record?.code, 'reconcile-adopt');
  assert.deepEqual(record?.splitBefore, { mode: 'traffic', weight: 5 });
  assert.deepEqual(record?.splitAfter, { mode: 'traffic', weight: 25 });
});

test('a pending rollout whose provider already serves stage 0 adopts it', () => {
  const pending = makeState(policy, 0, 0, { phase: 'pending', split: { mode: 'off', weight: 0 }, history: [] });
  const plan = tick({ state: pending, observed: ok({ mode: 'shadow', weight: 0 }), now: at(1), judgement: undefined });
  assert.equal(plan.next.phase, 'progressing');
  assert.equal(plan.next.stage, 'shadow');
});

test('more challenger traffic than recorded was set out of band: the recorded split is set back', () => {
  const plan = tick({ state: makeState(policy, 1), observed: ok({ mode: 'traffic', weight: 50 }), now: at(3), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(plan.decision, 'hold');
  assert.deepEqual(types(plan.actions), ['set-traffic', 'write-state', 'append-audit', 'notify']);
  assert.deepEqual(trafficOf(plan.actions), { mode: 'traffic', weight: 5 });
  const record = auditOf(plan.actions);
  assert.equal(record?.code, 'reconcile-restore');
  assert.deepEqual(record?.splitBefore, { mode: 'traffic', weight: 50 });
  assert.deepEqual(record?.splitAfter, { mode: 'traffic', weight: 5 });
  assert.match(record?.reason ?? '', /provider serves traffic 50%, the rollout recorded traffic 5%/);
});

test('less challenger traffic than recorded pauses the rollout instead of re-exposing users', () => {
  const plan = tick({ state: makeState(policy, 2), observed: ok({ mode: 'off', weight: 0 }), now: at(3), judgement: makeJudgement('canary-25', 'pass') });
  assert.equal(plan.decision, 'pause');
  assert.equal(trafficOf(plan.actions), undefined);
  assert.equal(plan.next.phase, 'paused');
  assert.deepEqual(plan.next.split, { mode: 'off', weight: 0 });
  assert.equal(auditOf(plan.actions)?.code, 'reconcile-reduced');
});

test('a paused rollout records an out-of-band change but does not touch traffic', () => {
  const paused = makeState(policy, 1, 0, { phase: 'paused', phaseReason: 'gate failed' });
  const plan = tick({ state: paused, observed: ok({ mode: 'traffic', weight: 50 }), now: at(3), judgement: undefined });
  assert.equal(plan.decision, 'hold');
  assert.equal(trafficOf(plan.actions), undefined);
  assert.equal(auditOf(plan.actions)?.code, 'out-of-band');
  assert.equal(plan.next.phase, 'paused');
});

test('a rolled-back rollout keeps the champion: a provider serving the challenger again is set back', () => {
  const rolledBack = makeState(policy, 1, 0, { phase: 'rolled-back', split: { mode: 'off', weight: 0 } });
  const plan = tick({ state: rolledBack, observed: ok({ mode: 'traffic', weight: 5 }), now: at(3), judgement: undefined });
  assert.deepEqual(trafficOf(plan.actions), { mode: 'off', weight: 0 });
  const quiet = tick({ state: rolledBack, observed: ok({ mode: 'off', weight: 0 }), now: at(3), judgement: undefined });
  assert.deepEqual(quiet.actions, []);
});

test('a provider weight within rounding of the recorded one is not a difference', () => {
  const plan = tick({ state: makeState(policy, 1), observed: ok({ mode: 'traffic', weight: 5.001 }), now: at(1), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(plan.next.lastDecision?.code, 'bake-time');
});
