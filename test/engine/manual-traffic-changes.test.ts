import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../src/adapters/crypto.js';
import { localFlagd } from '../support/local-flagd.js';
import { verifyAuditLog } from '../../src/core/audit/chain.js';
import { runStart } from '../../src/engine/run-start.js';
import { runTick } from '../../src/engine/run-tick.js';
import { createEngineFixture, GOOD, traffic, type EngineFixture } from '../support/engine-fixture.js';

const RELEASE = 'summarizer-prompt';
const KEY = 'ticket-summarizer';
const FLAGS = 'flags/glidepath.flagd.json';
const POLICY = 'policies/prompt-tweak.yaml';
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

async function served(f: EngineFixture) {
  const answer = await localFlagd({ path: FLAGS }, f.repo.dir)
    .read({ release: RELEASE, key: KEY, champion: { model: 'x' }, challenger: { model: 'y' } });
  return answer.ok ? answer.value : answer;
}

/** Sets the flag's fractional weight by hand, as a person editing the flag file would. */
function editWeight(f: EngineFixture, weight: number): void {
  const path = join(f.repo.dir, FLAGS);
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { flags: Record<string, { targeting: { fractional: [string, number][] } }> };
  doc.flags[KEY]!.targeting.fractional = [['champion', 100 - weight], ['challenger', weight]];
  writeFileSync(path, JSON.stringify(doc, null, 2));
}

/** The quickstart rollout started at canary-10 (10%, bake time 2h; the next stage, full, is 100%). */
async function started(policyLines = ''): Promise<EngineFixture> {
  const f = createEngineFixture();
  if (policyLines) appendFileSync(join(f.repo.dir, POLICY), policyLines);
  await runStart(f.engine(), { release: RELEASE });
  f.metrics.set(RELEASE, GOOD());
  return f;
}

test('a flag hand-edited to the next stage\'s weight during the bake time is set back: the stage stays, the drift is audited and the chain verifies', async () => {
  fx = await started();
  editWeight(fx, 100);
  fx.clock.advance(10 * 60_000);
  const report = await runTick(fx.engine());
  assert.equal(report.outcomes[0]?.decision, 'hold');
  assert.deepEqual(await served(fx), traffic(10), 'the flag file is back at the recorded weight');
  const snap = await fx.store().load();
  const state = snap.states.get(RELEASE)!;
  assert.equal(state.stage, 'canary-10');
  assert.deepEqual(state.split, traffic(10));
  const record = snap.audit.get(RELEASE)!.at(-1)!;
  assert.equal(record.event, 'reconcile');
  assert.equal(record.code, 'reconcile-restore');
  assert.deepEqual(record.splitBefore, traffic(100));
  assert.deepEqual(record.splitAfter, traffic(10));
  assert.equal(record.details?.['unjudgedStage'], 'full');
  assert.equal(verifyAuditLog((await fx.store().readAuditLog(RELEASE))!, sha256).ok, true);
});

test('with manualTrafficChanges: adopt in the policy, the same hand edit is adopted as the next stage', async () => {
  fx = await started('  manualTrafficChanges: adopt\n');
  editWeight(fx, 100);
  fx.clock.advance(10 * 60_000);
  const report = await runTick(fx.engine());
  assert.equal(report.outcomes[0]?.decision, 'advance');
  assert.deepEqual(await served(fx), traffic(100));
  const snap = await fx.store().load();
  assert.equal(snap.states.get(RELEASE)!.stage, 'full');
  const record = snap.audit.get(RELEASE)!.at(-1)!;
  assert.equal(record.code, 'reconcile-adopt');
  assert.deepEqual(record.details, { adoptedStage: 'full', judged: false });
  assert.equal(verifyAuditLog((await fx.store().readAuditLog(RELEASE))!, sha256).ok, true);
});
