import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planAwaitedChange, planAwaitingProvider } from '../../../src/core/rollout/plan-awaiting-provider.js';
import { sameSplit } from '../../../src/core/rollout/split.js';
import type { Action, RolloutState } from '../../../src/core/rollout/types.js';
import { at, auditOf, makePolicy, makeState, types } from '../../support/rollout-fixtures.js';

const policy = makePolicy();
const requested = { mode: 'traffic', weight: 25 } as const;
const operation = { id: 'op-1', requested, status: 'Updating' };

/** A state that asked for 25% at hour 3 and is waiting, with the advance it planned kept. */
function waiting(): RolloutState & { awaitingProvider: NonNullable<RolloutState['awaitingProvider']> } {
  const state = makeState(policy, 1);
  const advanced: RolloutState = { ...state, stageIndex: 2, stage: policy.spec.stages[2]!.name, split: requested, stageStartedAt: at(3).toISOString(), revision: state.revision + 1 };
  const plan = {
    decision: 'advance' as const,
    reason: 'gates pass',
    actions: [
      { type: 'set-traffic', release: state.release, split: requested, reason: 'gates pass' },
      { type: 'write-state', state: advanced },
      { type: 'append-audit', record: { at: at(3).toISOString(), release: state.release, bundleHash: state.bundleHash, stage: state.stage, actor: 'bot', event: 'decision', decision: 'advance', reason: 'gates pass' } },
    ] satisfies Action[],
  };
  const held = planAwaitingProvider({ state, plan, operation, now: at(3), actor: 'bot' });
  assert.deepEqual(types(held.actions), ['write-state', 'append-audit']);
  return held.next as RolloutState & { awaitingProvider: NonNullable<RolloutState['awaitingProvider']> };
}

test('a pending change keeps the state’s split, records the operation with a 30-minute deadline and keeps the plan minus its set-traffic', () => {
  const state = waiting();
  assert.deepEqual(state.split, makeState(policy, 1).split);
  assert.equal(state.lastDecision?.code, 'awaiting-provider');
  assert.equal(state.awaitingProvider.deadline, new Date(at(3).getTime() + 30 * 60_000).toISOString());
  assert.deepEqual(types(state.awaitingProvider.planned.actions), ['write-state', 'append-audit']);
});

test('a change that settles on another split than requested is a provider failure, not the planned advance', () => {
  const plan = planAwaitedChange({ state: waiting(), answer: { status: 'settled', split: { mode: 'traffic', weight: 20 } }, now: at(3.1), actor: 'bot' });
  assert.equal(plan.decision, 'hold');
  assert.equal(auditOf(plan.actions)?.code, 'provider-error');
  assert.match(plan.reason, /operation op-1 settled, but it serves traffic 20% after the change/);
  assert.equal(plan.next?.awaitingProvider, undefined);
});

test('a change that settles within half the provider’s weight step is the requested one', () => {
  const plan = planAwaitedChange({ state: waiting(), answer: { status: 'settled', split: { mode: 'traffic', weight: 25.04 } }, now: at(3.1), actor: 'bot', weightStep: 0.1 });
  assert.equal(plan.decision, 'advance');
  assert.equal(plan.next?.revision, waiting().revision + 1);
  assert.equal(plan.next?.stageStartedAt, at(3.1).toISOString());
  assert.ok(sameSplit(plan.next!.split, requested));
});

test('a first start whose change is pending is recorded as pending at the first stage, serving nobody', () => {
  const planned = { ...makeState(policy, 0), split: { mode: 'traffic', weight: 5 } as const };
  const held = planAwaitingProvider({ state: undefined, plan: { decision: 'advance', reason: 'start', actions: [{ type: 'set-traffic', release: planned.release, split: planned.split, reason: 'start' }, { type: 'write-state', state: planned }] }, operation: { id: 'op-9', requested: planned.split }, now: at(0), actor: 'bot' });
  assert.equal(held.next?.phase, 'pending');
  assert.deepEqual(held.next?.split, { mode: 'off', weight: 0 });
  assert.equal(held.next?.awaitingProvider?.operation.id, 'op-9');
});
