import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { verifyAuditLog } from '../../src/core/audit/chain.js';
import { replayDecisions } from '../../src/core/audit/replay.js';
import { sha256 } from '../../src/adapters/crypto.js';
import { runStart } from '../../src/engine/run-start.js';
import { runTick } from '../../src/engine/run-tick.js';
import { runRollback } from '../../src/engine/run-rollback.js';
import { createEngineFixture, BAD, GOOD, HOUR, traffic, type EngineFixture } from '../support/engine-fixture.js';
import { FLAGD, localFlagd } from '../support/local-flagd.js';

const RELEASE = 'summarizer-prompt';
const KEY = 'ticket-summarizer';
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

async function readSplit(f: EngineFixture) {
  const provider = localFlagd(FLAGD, f.repo.dir);
  const answer = await provider.read({ release: RELEASE, key: KEY, champion: { model: 'x' }, challenger: { model: 'y' } });
  return answer.ok ? answer.value : answer;
}

test('start puts the release at its first stage: the flag serves 10% and the state and a start record are committed', async () => {
  fx = createEngineFixture();
  const report = await runStart(fx.engine(), { release: RELEASE });
  assert.equal(report.failed, false);
  assert.equal(report.outcomes[0]?.decision, 'advance');
  assert.deepEqual(await readSplit(fx), traffic(10));
  const snap = await fx.store().load();
  const state = snap.states.get(RELEASE)!;
  assert.equal(state.phase, 'progressing');
  assert.equal(state.stage, 'canary-10');
  assert.equal(state.sourceCommit, fx.repo.git('rev-parse', 'HEAD'));
  assert.deepEqual(snap.audit.get(RELEASE)!.map((r) => [r.event, r.decision]), [['start', 'advance']]);
  const again = await runStart(fx.engine(), { release: RELEASE });
  assert.equal(again.outcomes[0]?.committed, false, 'starting the same bundle again is a no-op');
  assert.equal((await fx.store().load()).head, snap.head);
});

test('start finds the releases a merge changed, by release file or by challenger prompt', async () => {
  fx = createEngineFixture();
  fx.repo.commit({ 'prompts/summarize-v2.md': 'Summarise the ticket in three bullet points, citing the customer.\n' }, 'sharper summary prompt');
  const report = await runStart(fx.engine());
  assert.deepEqual(report.releases, [RELEASE]);
  assert.equal(report.outcomes[0]?.committed, true);
});

test('a tick before the bake time holds, and the stage advances once it has passed with passing gates', async () => {
  fx = createEngineFixture();
  await runStart(fx.engine(), { release: RELEASE });
  fx.metrics.set(RELEASE, GOOD());
  fx.clock.advance(HOUR);
  const early = await runTick(fx.engine());
  assert.equal(early.outcomes[0]?.decision, 'hold');
  assert.match(early.outcomes[0]!.reason, /bake time/);
  assert.deepEqual(await readSplit(fx), traffic(10));
  fx.clock.advance(HOUR + 60_000);
  const ready = await runTick(fx.engine());
  assert.equal(ready.outcomes[0]?.decision, 'advance');
  assert.deepEqual(await readSplit(fx), traffic(100));
  const state = (await fx.store().load()).states.get(RELEASE)!;
  assert.equal(state.stage, 'full');
  const query = fx.metrics.queries.at(-1)!;
  assert.equal(query.stage, 'canary-10');
  assert.equal(query.start.toISOString(), '2025-03-03T08:00:00.000Z', 'the window starts when the stage started');
});

test('a good challenger goes all the way: canary, full, watch, complete, with a chain that verifies and replays', async () => {
  fx = createEngineFixture();
  await runStart(fx.engine(), { release: RELEASE });
  fx.metrics.set(RELEASE, GOOD());
  const decisions: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    fx.clock.advance(HOUR + 60_000);
    const report = await runTick(fx.engine());
    decisions.push(...report.outcomes.map((o) => `${o.decision}@${o.stage}`));
    if (report.outcomes[0]?.stage === 'full') fx.metrics.set(RELEASE, GOOD(100));
  }
  const state = (await fx.store().load()).states.get(RELEASE)!;
  assert.equal(state.phase, 'complete', decisions.join(', '));
  assert.deepEqual(decisions.filter((d) => !d.startsWith('hold')), ['advance@full', 'advance@full', 'complete@full']);
  const log = await fx.store().readAuditLog(RELEASE);
  const verified = verifyAuditLog(log!, sha256);
  assert.equal(verified.ok, true);
  const replay = replayDecisions(verified.records);
  assert.ok(replay.length >= 3);
  assert.deepEqual(replay.filter((r) => !r.ok), []);
});

test('a bad challenger is rolled back: champion first, state and record committed, a revert branch restores the release file', async () => {
  fx = createEngineFixture();
  const before = fx.repo.git('show', `HEAD:releases/${RELEASE}.yaml`);
  const tuned = before.replace('prompts/summarize-v2.md\n    parameters: { temperature: 0 }', 'prompts/summarize-v2.md\n    parameters: { temperature: 0.3 }');
  assert.notEqual(tuned, before);
  fx.repo.commit({ [`releases/${RELEASE}.yaml`]: tuned }, 'merge: tune the summarizer');
  await runStart(fx.engine());
  fx.metrics.set(RELEASE, BAD());
  fx.clock.advance(10 * 60_000);
  const report = await runTick(fx.engine());
  const outcome = report.outcomes[0]!;
  assert.equal(outcome.decision, 'rollback');
  assert.deepEqual(await readSplit(fx), { mode: 'off', weight: 0 });
  const snap = await fx.store().load();
  assert.equal(snap.states.get(RELEASE)!.phase, 'rolled-back');
  const record = snap.audit.get(RELEASE)!.at(-1)!;
  assert.equal(record.event, 'rollback');
  assert.equal(record.judgement?.outcome, 'rollback');
  const timing = record.details?.['timing'] as { metricsToProviderCallMs: number; providerApplyMs: number };
  assert.equal(typeof timing.metricsToProviderCallMs, 'number');
  assert.ok(timing.metricsToProviderCallMs >= 0);
  assert.ok(fx.logs.some((l) => /summarizer-prompt: champion restored [\d.]+ ms after the decision's inputs arrived/.test(l)), fx.logs.join('\n'));
  const execution = outcome.execution!;
  assert.equal(execution.status, 'committed');
  const revert = execution.status === 'committed' ? execution.revert! : undefined;
  assert.equal(revert?.created, true);
  assert.equal(revert?.method, 'restored-previous-version');
  assert.equal(fx.repo.git('show', `${revert!.branch}:releases/${RELEASE}.yaml`), before);
  const message = fx.repo.git('log', '-1', '--format=%B', revert!.branch);
  assert.ok(message.includes(record.hash), 'the revert names the sealed audit record');
  assert.doesNotMatch(message, /\{\{audit-record-hash\}\}/);
  const again = await runTick(fx.engine());
  assert.equal(again.outcomes[0]?.committed, false, 'a rolled-back rollout with the champion in place needs nothing');
});

test('a manual rollback restores the champion and records the person and reason', async () => {
  fx = createEngineFixture();
  await runStart(fx.engine(), { release: RELEASE });
  const outcome = await runRollback(fx.engine({ actor: 'octocat' }), { release: RELEASE, reason: 'customers report odd summaries' });
  assert.equal(outcome.decision, 'rollback');
  assert.deepEqual(await readSplit(fx), { mode: 'off', weight: 0 });
  const record = (await fx.store().load()).audit.get(RELEASE)!.at(-1)!;
  assert.equal(record.actor, 'octocat');
  assert.equal(record.reason, 'customers report odd summaries');
  assert.equal((record.details?.['trigger']), 'manual');
});

test('dry-run plans and prints but changes neither the flag file nor the state branch', async () => {
  fx = createEngineFixture();
  const report = await runStart(fx.engine({ dryRun: true }), { release: RELEASE });
  assert.equal(report.outcomes[0]?.execution?.status, 'dry-run');
  assert.ok(report.outcomes[0]!.actions.some((a) => a.type === 'set-traffic'));
  assert.equal((await fx.store().load()).head, null);
  assert.throws(() => fx.flagText(), /ENOENT/);
});
