import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planApprove, planRollback, planStart } from '../../../src/core/rollout/planner.js';
import type { RolloutState } from '../../../src/core/rollout/types.js';
import { at, auditOf, BUNDLE, CONFIG, iso, makePolicy, makeRelease, makeState, trafficOf, types } from '../../support/rollout-fixtures.js';

const policy = makePolicy();
const release = makeRelease();

function start(previous: RolloutState | undefined, bundleHash = BUNDLE, now = at(0), startPolicy = policy) {
  return planStart({ release, policy: startPolicy, config: CONFIG, previous, bundleHash, sourceCommit: 'c0ffee', now, actor: 'glidepath[bot]' });
}

test('start puts the release on stage 0: traffic first, then the state and a start record', () => {
  const plan = start(undefined);
  assert.ok(!('refused' in plan));
  assert.equal(plan.decision, 'advance');
  assert.deepEqual(types(plan.actions), ['set-traffic', 'write-state', 'append-audit', 'comment', 'check']);
  assert.deepEqual(trafficOf(plan.actions), { mode: 'shadow', weight: 0 });
  assert.equal(plan.next.phase, 'progressing');
  assert.equal(plan.next.stage, 'shadow');
  assert.equal(plan.next.revision, 1);
  assert.equal(plan.next.sourceCommit, 'c0ffee');
  assert.equal(auditOf(plan.actions)?.event, 'start');
  assert.equal(auditOf(plan.actions)?.bundleHash, BUNDLE);
});

test('start outside the deploy window records a pending rollout and moves no traffic', () => {
  const windowed = makePolicy({ window: { hours: '09:00-16:00', timezone: 'UTC' } });
  const plan = start(undefined, BUNDLE, at(10), windowed);
  assert.ok(!('refused' in plan));
  assert.equal(plan.decision, 'hold');
  assert.equal(plan.next.phase, 'pending');
  assert.deepEqual(plan.next.split, { mode: 'off', weight: 0 });
  assert.equal(trafficOf(plan.actions), undefined);
});

test('starting the same bundle again is an empty plan', () => {
  const first = start(undefined);
  assert.ok(!('refused' in first));
  const again = start(first.next);
  assert.ok(!('refused' in again));
  assert.deepEqual(again.actions, []);
  assert.equal(again.next, first.next);
});

test('a different bundle is refused while the running rollout serves users', () => {
  const running = makeState(policy, 1);
  const plan = start(running, 'c'.repeat(64));
  assert.ok('refused' in plan);
  assert.match(plan.refused, /mid-rollout .*`glidepath rollback --release support-assistant`/);
});

test('a different bundle replaces a rollout that has served nobody yet (shadow)', () => {
  const shadow = makeState(policy, 0);
  const plan = start(shadow, 'c'.repeat(64));
  assert.ok(!('refused' in plan));
  assert.equal(plan.next.bundleHash, 'c'.repeat(64));
  assert.equal(plan.next.revision, shadow.revision + 1);
  assert.equal(auditOf(plan.actions)?.details?.['supersedes'], BUNDLE);
});

test('after a rollback a restart is refused until a person approves it', () => {
  const running = makeState(policy, 2);
  const rolledBack = planRollback({ release, policy, state: running, now: at(1), actor: 'octocat', reason: 'bad answers', trigger: 'manual' }).next;
  const refused = start(rolledBack, BUNDLE, at(2));
  assert.ok('refused' in refused);
  assert.match(refused.refused, /glidepath approve --release support-assistant/);
  const approved = planApprove({ release, policy, config: CONFIG, state: rolledBack, now: at(3), by: 'octocat', reason: 'fixed the prompt' });
  assert.ok(!('refused' in approved));
  assert.equal(auditOf(approved.actions)?.event, 'approval');
  const restarted = start(approved.next, BUNDLE, at(4));
  assert.ok(!('refused' in restarted));
  assert.equal(restarted.next.phase, 'progressing');
  assert.equal(restarted.next.stage, 'shadow');
  assert.deepEqual(restarted.next.approvals, []);
  assert.equal(auditOf(restarted.actions)?.details?.['restartApprovedBy'], 'octocat');
});

test('a restart approval given before the latest rollback does not count', () => {
  const rolledBack = makeState(policy, 1, 0, {
    phase: 'rolled-back',
    rolledBack: { at: iso(5), trigger: 'criterion', reason: 'errors', by: 'glidepath[bot]' },
    approvals: [{ stage: 'canary-5', by: 'octocat', at: iso(2), kind: 'restart' }],
  });
  assert.ok('refused' in start(rolledBack, BUNDLE, at(6)));
});

test('a completed release starts again only with a new bundle', () => {
  const complete = makeState(policy, 3, 0, { phase: 'complete' });
  const same = start(complete);
  assert.ok(!('refused' in same));
  assert.deepEqual(same.actions, []);
  const changed = start(complete, 'd'.repeat(64));
  assert.ok(!('refused' in changed));
  assert.equal(changed.decision, 'advance');
});

test('a stage 0 that needs approval starts pending and asks for it', () => {
  const gated = makePolicy({ stages: [{ name: 'canary-1', weight: 1, approval: 'required' }, { name: 'full', weight: 100 }] });
  const plan = start(undefined, BUNDLE, at(0), gated);
  assert.ok(!('refused' in plan));
  assert.equal(plan.next.phase, 'pending');
  assert.equal(plan.next.lastDecision?.code, 'awaiting-approval');
  const comment = plan.actions.find((action) => action.type === 'comment');
  assert.ok(comment?.type === 'comment');
  assert.match(comment.body, /glidepath approve --release support-assistant --stage canary-1/);
});

test('start keeps the pull request that merged the change in the state it writes', () => {
  const plan = planStart({ release, policy, config: CONFIG, previous: undefined, bundleHash: BUNDLE, sourceCommit: 'c0ffee', pullRequest: { number: 12, url: 'https://github.com/o/r/pull/12' }, now: at(0), actor: 'glidepath[bot]' });
  assert.ok(!('refused' in plan));
  assert.deepEqual(plan.next.pullRequest, { number: 12, url: 'https://github.com/o/r/pull/12' });
  const written = plan.actions.find((a) => a.type === 'write-state');
  assert.deepEqual(written?.type === 'write-state' ? written.state.pullRequest : undefined, { number: 12, url: 'https://github.com/o/r/pull/12' });
});
