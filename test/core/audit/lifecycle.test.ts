import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256 } from '../../../src/adapters/crypto.js';
import { sealRecord, serializeRecord, verifyAuditLog, type AuditRecord } from '../../../src/core/audit/chain.js';
import { replayDecisions } from '../../../src/core/audit/replay.js';
import { planApprove, planStart, planTick, type TickPlan } from '../../../src/core/rollout/planner.js';
import { fillAuditHash, type Action, type RolloutState } from '../../../src/core/rollout/types.js';
import { at, BUNDLE, CONFIG, makeJudgement, makePolicy, makeRelease } from '../../support/rollout-fixtures.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';

/** Carries out actions the way a command does: provider first, then state and log. */
class Runner {
  provider: TrafficSplit = { mode: 'off', weight: 0 };
  state: RolloutState | undefined;
  log: AuditRecord[] = [];
  comments: string[] = [];

  run(plan: TickPlan | { refused: string }): TickPlan {
    assert.ok(!('refused' in plan), 'refused' in plan ? plan.refused : '');
    let hash: string | undefined;
    for (const raw of plan.actions) {
      const action: Action = hash ? fillAuditHash(raw, hash) : raw;
      if (action.type === 'set-traffic') this.provider = action.split;
      if (action.type === 'write-state') this.state = action.state;
      if (action.type === 'append-audit') {
        const sealed = sealRecord(action.record, this.log[this.log.length - 1], sha256);
        this.log.push(sealed);
        hash = sealed.hash;
      }
      if (action.type === 'comment') this.comments.push(action.body);
    }
    return plan;
  }
}

test('a whole rollout from start to complete leaves a log that verifies and replays', () => {
  const policy = makePolicy();
  const release = makeRelease('high');
  const runner = new Runner();
  runner.run(planStart({ release, policy, config: CONFIG, previous: undefined, bundleHash: BUNDLE, now: at(0), actor: 'glidepath[bot]' }));
  const stages: string[] = [];
  for (let minutes = 15; minutes <= 24 * 60 && runner.state?.phase !== 'complete'; minutes += 15) {
    const state = runner.state as RolloutState;
    const now = at(minutes / 60);
    if (minutes === 8 * 60) runner.run(planApprove({ release, policy, config: CONFIG, state, now, by: 'octocat' }));
    const current = runner.state as RolloutState;
    const judgement = current.phase === 'watching' || current.stage === 'full' ? makeJudgement('full', 'no-data') : makeJudgement(current.stage, 'pass');
    const plan = runner.run(planTick({ release, policy, config: CONFIG, state: current, observed: { ok: true, value: runner.provider }, judgement: current.stage === 'full' && current.phase !== 'watching' ? undefined : judgement, now, actor: 'glidepath[bot]' }));
    if (plan.decision === 'advance') stages.push(`${runner.state?.stage}/${runner.state?.phase}`);
  }
  assert.equal(runner.state?.phase, 'complete');
  assert.deepEqual(stages, ['canary-5/progressing', 'canary-25/progressing', 'full/progressing', 'full/watching']);
  assert.deepEqual(runner.provider, { mode: 'traffic', weight: 100 });
  const text = runner.log.map((record) => `${serializeRecord(record)}\n`).join('');
  const verified = verifyAuditLog(text, sha256);
  assert.deepEqual(verified.problems, []);
  const replayed = replayDecisions(verified.records);
  assert.ok(replayed.length >= 5);
  assert.deepEqual(replayed.filter((r) => !r.ok), []);
  // Holds while waiting for the bake time and the approval are recorded on change, not every 15 minutes.
  assert.ok(runner.log.length < 20, `${runner.log.length} records`);
});
