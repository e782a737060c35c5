import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planApprove, type ApproveInput } from '../../../src/core/rollout/planner.js';
import { at, auditOf, CONFIG, makePolicy, makeRelease, makeState, trafficOf } from '../../support/rollout-fixtures.js';

const policy = makePolicy();

function approve(input: Partial<ApproveInput> & Pick<ApproveInput, 'state'>) {
  return planApprove({ release: makeRelease(), policy, config: CONFIG, now: at(5), by: 'octocat', ...input });
}

test('an approval is recorded for the next stage that needs one', () => {
  const plan = approve({ state: makeState(policy, 1) });
  assert.ok(!('refused' in plan));
  assert.deepEqual(plan.next.approvals.map((a) => [a.stage, a.by, a.kind]), [['full', 'octocat', 'stage']]);
  assert.equal(trafficOf(plan.actions), undefined);
  const record = auditOf(plan.actions);
  assert.equal(record?.event, 'approval');
  assert.equal(record?.actor, 'octocat');
});

test('approving the same stage twice is an empty plan', () => {
  const first = approve({ state: makeState(policy, 2) });
  assert.ok(!('refused' in first));
  const second = approve({ state: first.next, by: 'hubot-person' , memberOf: ['@acme/ml-platform'] });
  assert.ok(!('refused' in second));
  assert.deepEqual(second.actions, []);
});

test('bots and people outside the approvers are refused', () => {
  const bot = approve({ state: makeState(policy, 2), by: 'glidepath[bot]' });
  assert.ok('refused' in bot);
  assert.match(bot.refused, /is a bot/);
  const stranger = approve({ state: makeState(policy, 2), by: 'mallory' });
  assert.ok('refused' in stranger);
  assert.match(stranger.refused, /mallory may not approve .* octocat, @acme\/ml-platform/);
  const member = approve({ state: makeState(policy, 2), by: 'alice', memberOf: ['@ACME/ml-platform'] });
  assert.ok(!('refused' in member));
});

test('approving a stage that needs none is refused with the reason', () => {
  const plan = approve({ state: makeState(policy, 0), stage: 'canary-25' });
  assert.ok('refused' in plan);
  assert.match(plan.refused, /needs no approval/);
});

test('approving a paused rollout resumes it with a fresh bake time', () => {
  const paused = makeState(policy, 1, 0, { phase: 'paused', phaseReason: 'gate failed' });
  const plan = approve({ state: paused });
  assert.ok(!('refused' in plan));
  assert.equal(plan.next.phase, 'progressing');
  assert.equal(plan.next.stageStartedAt, at(5).toISOString());
  assert.equal(plan.next.phaseReason, undefined);
  assert.equal(trafficOf(plan.actions), undefined);
});

test('resuming after traffic was reduced sets the stage split again, but only inside the window', () => {
  const reduced = makeState(policy, 2, 0, { phase: 'paused', split: { mode: 'off', weight: 0 } });
  const plan = approve({ state: reduced });
  assert.ok(!('refused' in plan));
  assert.equal(plan.actions[0]?.type, 'set-traffic');
  assert.deepEqual(trafficOf(plan.actions), { mode: 'traffic', weight: 25 });
  const closed = makePolicy({ window: { days: ['sun'], timezone: 'UTC' } });
  const refused = planApprove({ release: makeRelease(), policy: closed, config: CONFIG, now: at(5), by: 'octocat', state: reduced });
  assert.ok('refused' in refused);
  assert.match(refused.refused, /outside the deploy window/);
});

test('unfreezing needs a reason', () => {
  const frozen = makeState(policy, 1, 0, { phase: 'frozen' });
  const bare = approve({ state: frozen });
  assert.ok('refused' in bare);
  assert.match(bare.refused, /needs a reason/);
  const reasoned = approve({ state: frozen, reason: 'latency regression explained by a cold cache' });
  assert.ok(!('refused' in reasoned));
  assert.equal(reasoned.next.phase, 'progressing');
});

test('nothing waits for an approval while watching or after completion', () => {
  assert.ok('refused' in approve({ state: makeState(policy, 3, 0, { phase: 'watching' }) }));
  assert.ok('refused' in approve({ state: makeState(policy, 3, 0, { phase: 'complete' }) }));
});

test('with selfApproval: deny-high-risk the author of a high-risk release may not approve it, but another approver may', () => {
  const strict = makePolicy({ selfApproval: 'deny-high-risk' });
  const state = makeState(strict, 1);
  const own = planApprove({ release: makeRelease('high'), policy: strict, config: CONFIG, now: at(5), by: 'octocat', author: '@OctoCat', state });
  assert.ok('refused' in own);
  assert.match(own.refused, /octocat authored support-assistant, a high-risk release, and may not approve it \(selfApproval: deny-high-risk in policy model-upgrade\)/);
  const medium = planApprove({ release: makeRelease('medium'), policy: strict, config: CONFIG, now: at(5), by: 'octocat', author: 'octocat', state });
  assert.ok(!('refused' in medium), 'a medium-risk release may be approved by its author');
  const other = planApprove({ release: makeRelease('high'), policy: strict, config: CONFIG, now: at(5), by: 'octocat', author: 'hubot', state });
  assert.ok(!('refused' in other));
  const never = planApprove({ release: makeRelease('low'), policy: makePolicy({ selfApproval: 'deny' }), config: CONFIG, now: at(5), by: 'octocat', author: 'octocat', state });
  assert.ok('refused' in never);
  assert.match(never.refused, /selfApproval: deny in policy/);
});

test('a resume-only approval refuses a rollout that is not paused or frozen, and resumes one that is', () => {
  const progressing = approve({ state: makeState(policy, 1), resumeOnly: true });
  assert.ok('refused' in progressing);
  assert.match(progressing.refused, /support-assistant is progressing, not paused or frozen; there is nothing to resume/);
  const paused = approve({ state: makeState(policy, 1, 0, { phase: 'paused', phaseReason: 'gate failed' }), resumeOnly: true });
  assert.ok(!('refused' in paused));
  assert.equal(paused.next.phase, 'progressing');
});
