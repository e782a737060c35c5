import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planPause, type PauseInput } from '../../../src/core/rollout/plan-pause.js';
import { planApprove } from '../../../src/core/rollout/plan-approve.js';
import { planRollback } from '../../../src/core/rollout/plan-rollback.js';
import { at, auditOf, CONFIG, makePolicy, makeRelease, makeState, trafficOf, types } from '../../support/rollout-fixtures.js';

const policy = makePolicy();

function pause(input: Partial<PauseInput> & Pick<PauseInput, 'state'>) {
  return planPause({ now: at(5), by: 'octocat', reason: 'latency spike on the dashboards', ...input });
}

test('a pause holds a progressing rollout where it is and records who and why', () => {
  const state = makeState(policy, 2);
  const plan = pause({ state });
  assert.ok(!('refused' in plan));
  assert.equal(plan.decision, 'pause');
  assert.equal(plan.next.phase, 'paused');
  assert.deepEqual(plan.next.split, state.split);
  assert.equal(plan.next.revision, state.revision + 1);
  assert.equal(trafficOf(plan.actions), undefined, 'no traffic change');
  assert.deepEqual(types(plan.actions), ['write-state', 'append-audit', 'comment', 'check']);
  const record = auditOf(plan.actions);
  assert.deepEqual([record?.event, record?.actor, record?.code, record?.decision], ['pause', 'octocat', 'pause:manual', 'pause']);
  assert.equal(record?.reason, 'octocat paused support-assistant at canary-25 (traffic 25%): latency spike on the dashboards');
  assert.equal(plan.next.phaseReason, record?.reason);
});

test('a watching rollout can be paused too; the next ticks hold it', () => {
  const plan = pause({ state: makeState(policy, 3, 0, { phase: 'watching', watchStartedAt: at(4).toISOString() }) });
  assert.ok(!('refused' in plan));
  assert.equal(plan.next.phase, 'paused');
});

test('complete, rolled-back and pending rollouts are refused with the reason and what to do instead', () => {
  const complete = pause({ state: makeState(policy, 3, 0, { phase: 'complete' }) });
  assert.ok('refused' in complete);
  assert.match(complete.refused, /is complete; there is no rollout to pause/);
  const rolledBack = pause({ state: makeState(policy, 1, 0, { phase: 'rolled-back', rolledBack: { at: at(2).toISOString(), trigger: 'manual', reason: 'x', by: 'a' } }) });
  assert.ok('refused' in rolledBack);
  assert.match(rolledBack.refused, /was rolled back at 2026-03-02T12:00:00.000Z; .* nothing to pause/);
  const pending = pause({ state: makeState(policy, 0, 0, { phase: 'pending', split: { mode: 'off', weight: 0 } }) });
  assert.ok('refused' in pending);
  assert.match(pending.refused, /pending at shadow: the challenger serves no user yet.*\/glidepath rollback support-assistant <reason>/);
});

test('pausing a paused or frozen rollout is an empty plan', () => {
  for (const phase of ['paused', 'frozen'] as const) {
    const plan = pause({ state: makeState(policy, 1, 0, { phase, phaseReason: 'gate failed' }) });
    assert.ok(!('refused' in plan));
    assert.deepEqual(plan.actions, []);
    assert.equal(plan.next.phase, phase);
  }
});

test('a pause is refused while the provider is still applying a traffic change', () => {
  const state = makeState(policy, 1, 0, {
    awaitingProvider: { operation: { id: 'op-7', requested: { mode: 'traffic', weight: 25 } }, since: at(4).toISOString(), deadline: at(5).toISOString(), planned: { decision: 'advance', reason: 'r', actions: [] } },
  });
  const plan = pause({ state });
  assert.ok('refused' in plan);
  assert.match(plan.refused, /operation op-7.*pause once it settles/);
});

test('the pull request comment and check render the person\'s words inert: no mention, no HTML, no heading', () => {
  const plan = pause({ state: makeState(policy, 1), by: 'octocat', reason: '<img src=x> @acme/everyone\n\n## ✅ Verdict: pass **approved**' });
  assert.ok(!('refused' in plan));
  const comment = plan.actions.find((a) => a.type === 'comment');
  const check = plan.actions.find((a) => a.type === 'check');
  for (const body of [comment?.type === 'comment' ? comment.body : '', check?.type === 'check' ? check.summary : '']) {
    assert.doesNotMatch(body, /<img|@acme|\n## |\*\*approved/);
    assert.match(body, /&lt;img src=x&gt; &#64;acme\/everyone {2}\\#\\# ✅ Verdict: pass \\\*\\\*approved\\\*\\\*/);
  }
});

test('approval and rollback comments render what a person or an alert wrote without HTML, mentions or a heading of its own', () => {
  const hostile = '<img src=x onerror=alert(1)> @acme/everyone\n\n## ✅ Verdict: pass';
  const approved = planApprove({ release: makeRelease(), policy, config: CONFIG, now: at(5), by: 'octocat', state: makeState(policy, 1), reason: hostile });
  const rolledBack = planRollback({ release: makeRelease(), policy, state: makeState(policy, 1), now: at(5), actor: 'octocat', reason: `alert from monitoring: ${hostile}`, trigger: 'manual' });
  assert.ok(!('refused' in approved));
  const bodies = [...approved.actions, ...rolledBack.actions].flatMap((a) => (a.type === 'comment' ? [a.body] : a.type === 'check' ? [a.title, a.summary] : []));
  assert.equal(bodies.length, 4);
  for (const body of bodies) assert.doesNotMatch(body, /<img|@acme|\n## /);
});
