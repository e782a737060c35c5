import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOLD_HEARTBEAT_MS } from '../../../src/core/rollout/planner.js';
import { AUDIT_HASH_PLACEHOLDER } from '../../../src/core/rollout/types.js';
import { at, auditOf, CONFIG, HOUR, iso, makeJudgement, makePolicy, makeRelease, makeState, tick, trafficOf, types } from '../../support/rollout-fixtures.js';

const policy = makePolicy();

test('a passing stage holds until its bake time (minDuration) has elapsed', () => {
  const state = makeState(policy, 1);
  const plan = tick({ state, now: at(1.5), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(plan.decision, 'hold');
  assert.equal(plan.next.lastDecision?.code, 'bake-time');
  assert.match(plan.reason, /bake time not over: 1h30m of 2h/);
  assert.equal(trafficOf(plan.actions), undefined);
  assert.deepEqual(types(plan.actions), ['write-state', 'append-audit']);
});

test('a passing stage advances once its bake time is over, moving traffic first', () => {
  const state = makeState(policy, 1);
  const plan = tick({ state, now: at(2), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(plan.decision, 'advance');
  assert.deepEqual(types(plan.actions), ['set-traffic', 'write-state', 'append-audit', 'comment', 'check']);
  assert.deepEqual(trafficOf(plan.actions), { mode: 'traffic', weight: 25 });
  assert.equal(plan.next.stage, 'canary-25');
  assert.equal(plan.next.stageIndex, 2);
  assert.equal(plan.next.stageStartedAt, iso(2));
  assert.equal(plan.next.revision, state.revision + 1);
  assert.deepEqual(plan.next.history?.map((visit) => [visit.stage, visit.until]), [['canary-5', iso(2)], ['canary-25', undefined]]);
  const record = auditOf(plan.actions);
  assert.equal(record?.decision, 'advance');
  assert.deepEqual(record?.splitBefore, { mode: 'traffic', weight: 5 });
  assert.deepEqual(record?.splitAfter, { mode: 'traffic', weight: 25 });
  assert.equal(record?.facts?.elapsedMs, 2 * HOUR);
  assert.equal(record?.judgement?.outcome, 'pass');
});

test('a gate failure acts during the bake time: onFailure rollback restores the champion', () => {
  const plan = tick({ state: makeState(policy, 1), now: at(0.5), judgement: makeJudgement('canary-5', 'fail') });
  assert.equal(plan.decision, 'rollback');
  const first = plan.actions[0];
  assert.ok(first?.type === 'set-traffic');
  assert.deepEqual([first.split, first.from], [{ mode: 'off', weight: 0 }, { mode: 'traffic', weight: 5 }]);
  assert.match(first.reason, /^rollback \(gate\): judged fail \(onFailure: rollback\)/);
  assert.equal(plan.next.phase, 'rolled-back');
  assert.equal(plan.next.rolledBack?.trigger, 'gate');
});

test('fewer than minSamples per arm holds even after the bake time', () => {
  const plan = tick({ state: makeState(policy, 1), now: at(3), judgement: makeJudgement('canary-5', 'insufficient-samples') });
  assert.equal(plan.decision, 'hold');
  assert.equal(plan.next.lastDecision?.code, 'judgement:insufficient-samples');
  assert.equal(trafficOf(plan.actions), undefined);
});

test('a broken split (sample-ratio mismatch) holds and never advances', () => {
  const plan = tick({ state: makeState(policy, 1), now: at(3), judgement: makeJudgement('canary-5', 'srm') });
  assert.equal(plan.decision, 'hold');
  assert.equal(plan.next.phase, 'progressing');
});

const inconclusiveCases = [
  { onInconclusive: 'hold', now: 3, decision: 'hold', phase: 'progressing' },
  { onInconclusive: 'extend', now: 3, decision: 'extend', phase: 'progressing' },
  { onInconclusive: 'rollback', now: 3, decision: 'rollback', phase: 'rolled-back' },
  // Before the bake time has passed, inconclusive is expected and is not yet a failure.
  { onInconclusive: 'rollback', now: 1, decision: 'hold', phase: 'progressing' },
] as const;

for (const c of inconclusiveCases) {
  test(`an inconclusive gate with onInconclusive ${c.onInconclusive} at ${c.now}h gives ${c.decision} (phase ${c.phase})`, () => {
    const plan = tick({ policy: makePolicy({ onInconclusive: c.onInconclusive }), state: makeState(policy, 1), now: at(c.now), judgement: makeJudgement('canary-5', 'inconclusive') });
    assert.equal(plan.decision, c.decision);
    assert.equal(plan.next.phase, c.phase);
  });
}

const noDataCases = [
  { onNoData: 'hold', decision: 'hold', phase: 'progressing' },
  { onNoData: 'rollback', decision: 'rollback', phase: 'rolled-back' },
] as const;

for (const c of noDataCases) {
  test(`a gate without data and onNoData ${c.onNoData} gives ${c.decision}, never advance`, () => {
    const plan = tick({ policy: makePolicy({ onNoData: c.onNoData }), state: makeState(policy, 1), now: at(3), judgement: makeJudgement('canary-5', 'no-data') });
    assert.equal(plan.decision, c.decision);
    assert.equal(plan.next.phase, c.phase);
    assert.notEqual(plan.next.stage, 'canary-25');
  });
}

const failureCases = [
  { onFailure: 'rollback', decision: 'rollback', phase: 'rolled-back', traffic: { mode: 'off', weight: 0 } },
  { onFailure: 'pause', decision: 'pause', phase: 'paused', traffic: undefined },
  { onFailure: 'freeze', decision: 'freeze', phase: 'frozen', traffic: undefined },
] as const;

for (const c of failureCases) {
  test(`a failed gate with onFailure ${c.onFailure} puts the rollout in ${c.phase}`, () => {
    const plan = tick({ policy: makePolicy({ onFailure: c.onFailure }), state: makeState(policy, 1), now: at(3), judgement: makeJudgement('canary-5', 'fail') });
    assert.equal(plan.decision, c.decision);
    assert.equal(plan.next.phase, c.phase);
    assert.deepEqual(trafficOf(plan.actions), c.traffic);
    assert.equal(auditOf(plan.actions)?.event, c.decision === 'rollback' ? 'rollback' : c.decision);
  });
}

test('a critical gate failure rolls back even when onFailure says pause', () => {
  const plan = tick({ policy: makePolicy({ onFailure: 'pause' }), state: makeState(policy, 1), now: at(3), judgement: makeJudgement('canary-5', 'critical-fail') });
  assert.equal(plan.decision, 'rollback');
  assert.equal(plan.next.rolledBack?.trigger, 'gate');
});

test('a stage that has not passed by its maxDuration applies onFailure', () => {
  const paused = tick({ policy: makePolicy({ onFailure: 'pause', onInconclusive: 'extend' }), state: makeState(policy, 1), now: at(6), judgement: makeJudgement('canary-5', 'inconclusive') });
  assert.equal(paused.decision, 'pause');
  assert.equal(paused.next.lastDecision?.code, 'max-duration');
  assert.match(paused.reason, /did not pass within its maxDuration \(6h\)/);
  const rolledBack = tick({ policy: makePolicy({ onInconclusive: 'extend' }), state: makeState(policy, 1), now: at(6), judgement: makeJudgement('canary-5', 'insufficient-samples') });
  assert.equal(rolledBack.decision, 'rollback');
});

test('extend keeps holding before maxDuration and says how long is left', () => {
  const plan = tick({ policy: makePolicy({ onInconclusive: 'extend' }), state: makeState(policy, 1), now: at(4), judgement: makeJudgement('canary-5', 'inconclusive') });
  assert.equal(plan.decision, 'extend');
  assert.equal(trafficOf(plan.actions), undefined);
  assert.match(plan.reason, /2h left/);
});

test('a passing stage whose next stage needs approval waits and asks once', () => {
  const state = makeState(policy, 2);
  const first = tick({ state, now: at(3), judgement: makeJudgement('canary-25', 'pass') });
  assert.equal(first.decision, 'hold');
  assert.equal(first.next.lastDecision?.code, 'awaiting-approval');
  assert.match(first.reason, /waiting for approval from octocat, @acme\/ml-platform/);
  assert.deepEqual(types(first.actions), ['write-state', 'append-audit', 'comment']);
  const second = tick({ state: first.next, now: at(3.25), judgement: makeJudgement('canary-25', 'pass') });
  assert.deepEqual(second.actions, []);
  assert.equal(second.next, first.next);
});

test('a recorded approval lets traffic move to the approved stage', () => {
  const state = makeState(policy, 2, 0, { approvals: [{ stage: 'full', by: 'octocat', at: iso(1) }] });
  const plan = tick({ state, now: at(3), judgement: makeJudgement('canary-25', 'pass') });
  assert.equal(plan.decision, 'advance');
  assert.deepEqual(trafficOf(plan.actions), { mode: 'traffic', weight: 100 });
});

test('a high-risk release needs an approval before 100% even when the policy forgets', () => {
  const forgetful = makePolicy({ stages: [{ name: 'canary-10', weight: 10 }, { name: 'full', weight: 100, watch: '1h' }] });
  const state = makeState(forgetful, 0);
  const high = tick({ policy: forgetful, release: makeRelease('high'), state, now: at(1), judgement: makeJudgement('canary-10', 'pass') });
  assert.equal(high.decision, 'hold');
  assert.match(high.reason, /high-risk release needs an approval before 100%/);
  const medium = tick({ policy: forgetful, release: makeRelease('medium'), state, now: at(1), judgement: makeJudgement('canary-10', 'pass') });
  assert.equal(medium.decision, 'advance');
});

test('outside the deploy window a ready rollout holds and says when the window opens', () => {
  // 2026-03-02 is a Monday; the window is Tuesday to Thursday in Berlin.
  const windowed = makePolicy({ window: { days: ['tue', 'wed', 'thu'], hours: '09:00-16:00', timezone: 'Europe/Berlin' } });
  const plan = tick({ policy: windowed, state: makeState(windowed, 1), now: at(3), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(plan.decision, 'hold');
  assert.equal(plan.next.lastDecision?.code, 'window-closed');
  assert.match(plan.reason, /opens at 2026-03-03T08:00:00.000Z/);
  assert.equal(auditOf(plan.actions)?.facts?.window.open, false);
});

test('a rollback criterion rolls back outside the deploy window and during a freeze', () => {
  const closed = makePolicy({
    window: { days: ['sun'], timezone: 'UTC' },
    freezes: [{ from: '2026-03-01T00:00:00Z', until: '2026-03-09T00:00:00Z', reason: 'quarter end' }],
  });
  const plan = tick({ policy: closed, state: makeState(closed, 1), now: at(1), judgement: makeJudgement('canary-5', 'rollback') });
  assert.equal(plan.decision, 'rollback');
  assert.equal(plan.next.rolledBack?.trigger, 'criterion');
});

test('during a freeze a ready rollout holds with the freeze reason', () => {
  const frozen = makePolicy({ freezes: [{ from: '2026-03-01T00:00:00Z', until: '2026-03-04T00:00:00Z', reason: 'quarter end' }] });
  const plan = tick({ policy: frozen, state: makeState(frozen, 1), now: at(3), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(plan.decision, 'hold');
  assert.match(plan.reason, /frozen until 2026-03-04T00:00:00.000Z \(quarter end\)/);
});

test('the rollback plan restores the champion FIRST, then records, then opens the revert PR', () => {
  const plan = tick({ release: makeRelease('medium', 10_000), state: makeState(policy, 2, 0, { sourceCommit: 'abc123' }), now: at(1), judgement: makeJudgement('canary-25', 'rollback') });
  assert.deepEqual(types(plan.actions), ['set-traffic', 'write-state', 'append-audit', 'open-revert', 'comment', 'check', 'notify']);
  assert.deepEqual(trafficOf(plan.actions), { mode: 'off', weight: 0 });
  const revert = plan.actions[3];
  assert.ok(revert?.type === 'open-revert');
  assert.equal(revert.sourceCommit, 'abc123');
  assert.ok(revert.body.includes(AUDIT_HASH_PLACEHOLDER));
  assert.match(revert.body, /about \*\*2,500\*\* requests/);
  assert.deepEqual(plan.next.split, { mode: 'off', weight: 0 });
  assert.equal(auditOf(plan.actions)?.event, 'rollback');
});

test('a paused rollout holds quietly but still rolls back when a criterion fires', () => {
  const paused = makeState(policy, 1, 0, { phase: 'paused', phaseReason: 'gate failed', lastDecision: { decision: 'hold', at: iso(3), reason: 'paused', code: 'paused' } });
  const quiet = tick({ state: paused, now: at(3.5), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(quiet.decision, 'hold');
  assert.deepEqual(quiet.actions, []);
  const fired = tick({ state: paused, now: at(3.5), judgement: makeJudgement('canary-5', 'rollback') });
  assert.equal(fired.decision, 'rollback');
  assert.equal(fired.actions[0]?.type, 'set-traffic');
});

test('a frozen rollout makes no automatic change except a rollback', () => {
  const frozen = makeState(policy, 1, 0, { phase: 'frozen', phaseReason: 'gate failed' });
  const passing = tick({ state: frozen, now: at(10), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(passing.decision, 'hold');
  assert.equal(trafficOf(passing.actions), undefined);
  assert.equal(passing.next.phase, 'frozen');
  const fired = tick({ state: frozen, now: at(10), judgement: makeJudgement('canary-5', 'rollback') });
  assert.equal(fired.decision, 'rollback');
});

test('the last stage passes into watching without moving traffic', () => {
  const state = makeState(policy, 3, 0, { approvals: [{ stage: 'full', by: 'octocat', at: iso(0) }] });
  const plan = tick({ state, now: at(0.25), judgement: undefined });
  assert.equal(plan.decision, 'advance');
  assert.equal(plan.next.phase, 'watching');
  assert.equal(plan.next.watchStartedAt, iso(0.25));
  assert.equal(trafficOf(plan.actions), undefined);
});

test('watching completes when the watch has passed without a rollback criterion firing', () => {
  const watching = makeState(policy, 3, 0, { phase: 'watching', watchStartedAt: iso(1) });
  const early = tick({ state: watching, now: at(2.5), judgement: makeJudgement('full', 'no-data') });
  assert.equal(early.decision, 'hold');
  assert.equal(early.next.lastDecision?.code, 'watching');
  const done = tick({ state: watching, now: at(3), judgement: makeJudgement('full', 'no-data') });
  assert.equal(done.decision, 'complete');
  assert.equal(done.next.phase, 'complete');
  assert.deepEqual(types(done.actions), ['write-state', 'append-audit', 'comment', 'check', 'notify']);
  assert.equal(auditOf(done.actions)?.event, 'complete');
  assert.equal(done.next.history?.at(-1)?.until, iso(3));
});

test('a rollback criterion firing during the watch rolls back instead of completing', () => {
  const watching = makeState(policy, 3, 0, { phase: 'watching', watchStartedAt: iso(1) });
  const plan = tick({ state: watching, now: at(5), judgement: makeJudgement('full', 'rollback') });
  assert.equal(plan.decision, 'rollback');
});

test('the watch does not complete while the metrics source fails', () => {
  const watching = makeState(policy, 3, 0, { phase: 'watching', watchStartedAt: iso(1) });
  const plan = tick({ state: watching, now: at(5), judgement: makeJudgement('full', 'no-data', { sourceError: 'HTTP 503' }) });
  assert.equal(plan.decision, 'hold');
  assert.equal(plan.next.lastDecision?.code, 'watch-no-data');
});

test('a last stage without a watch completes as soon as it passes', () => {
  const noWatch = makePolicy({ stages: [{ name: 'canary-10', weight: 10 }, { name: 'full', weight: 100 }] });
  const plan = tick({ policy: noWatch, state: makeState(noWatch, 1), now: at(1), judgement: undefined });
  assert.equal(plan.decision, 'complete');
});

test('running the same tick again after it advanced changes no traffic', () => {
  const judgement = makeJudgement('canary-5', 'pass');
  const first = tick({ state: makeState(policy, 1), now: at(2), judgement });
  assert.equal(first.decision, 'advance');
  const moved = trafficOf(first.actions);
  assert.ok(moved);
  const second = tick({ state: first.next, observed: { ok: true, value: moved }, now: at(2), judgement });
  assert.equal(trafficOf(second.actions), undefined);
  assert.notEqual(second.decision, 'advance');
  assert.equal(second.next.stage, 'canary-25');
});

test('an identical hold is not audited again until the heartbeat interval has passed', () => {
  const judgement = makeJudgement('canary-5', 'insufficient-samples');
  const first = tick({ state: makeState(policy, 1), now: at(3), judgement });
  assert.equal(auditOf(first.actions)?.decision, 'hold');
  const repeat = tick({ state: first.next, now: at(3.5), judgement });
  assert.deepEqual(repeat.actions, []);
  const heartbeat = tick({ state: first.next, now: new Date(at(3).getTime() + HOLD_HEARTBEAT_MS), judgement });
  assert.deepEqual(auditOf(heartbeat.actions)?.details, { heartbeat: true });
  const changed = tick({ state: first.next, now: at(3.5), judgement: makeJudgement('canary-5', 'srm') });
  assert.equal(auditOf(changed.actions)?.code, 'judgement:srm');
});

test('a pending rollout moves to stage 0 when the window opens', () => {
  const windowed = makePolicy({ window: { hours: '09:00-16:00', timezone: 'UTC' } });
  const pending = makeState(windowed, 0, 0, { phase: 'pending', split: { mode: 'off', weight: 0 }, history: [] });
  const night = tick({ policy: windowed, state: pending, now: at(8), judgement: undefined });
  assert.equal(night.decision, 'hold');
  assert.equal(night.next.phase, 'pending');
  const morning = tick({ policy: windowed, state: pending, now: at(23), judgement: undefined });
  assert.equal(morning.decision, 'advance');
  assert.deepEqual(trafficOf(morning.actions), { mode: 'shadow', weight: 0 });
  assert.equal(morning.next.phase, 'progressing');
  assert.equal(morning.next.stage, 'shadow');
});

test('a judgement of another stage is not acted on, except for a fired rollback criterion', () => {
  const state = makeState(policy, 2);
  const stale = tick({ state, now: at(5), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(stale.decision, 'hold');
  assert.equal(stale.next.lastDecision?.code, 'stale-judgement');
  const fired = tick({ state, now: at(5), judgement: makeJudgement('canary-5', 'rollback') });
  assert.equal(fired.decision, 'rollback');
});

test('a completed rollout plans nothing', () => {
  const plan = tick({ state: makeState(policy, 3, 0, { phase: 'complete' }), now: at(9), judgement: undefined, config: CONFIG });
  assert.deepEqual(plan.actions, []);
});
