import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAuditLog, verifyAuditLog } from '../../src/core/audit/chain.js';
import type { OfflineVerdict } from '../../src/core/offline/judge-offline-gate.js';
import { sha256 } from '../../src/adapters/crypto.js';
import { runStart } from '../../src/engine/run-start.js';
import { createEngineFixture, type EngineFixture } from '../support/engine-fixture.js';
import { pattern, promptfooResults } from '../support/promptfoo-results.js';

const RELEASE = 'summarizer-prompt';
const FILE = 'releases/summarizer-prompt.yaml';
const RESULTS = 'evals/summarizer/results.json';

let fx: EngineFixture;
afterEach(() => fx?.cleanup());

/** The quickstart's summarizer release with an offline gate on a committed promptfoo results file. */
function withOfflineGate(f: EngineFixture, results: string): void {
  const release = readFileSync(join(f.repo.dir, FILE), 'utf8');
  const gate = `  offlineGate: { source: promptfoo, results: ${RESULTS}, champion: champion, challenger: challenger, minPassRate: 0.8 }\n`;
  f.repo.commit({ [FILE]: release + gate, [RESULTS]: results }, 'summarizer with an offline gate');
}

async function lastRecord(f: EngineFixture) {
  const log = (await f.store().readAuditLog(RELEASE))!;
  assert.equal(verifyAuditLog(log, sha256).ok, true);
  return parseAuditLog(log).records.at(-1)!;
}

test('a challenger that fails its offline gate is paused before stage 0: no traffic moves, the job fails, and the audit record carries the paired evidence', async () => {
  fx = createEngineFixture();
  withOfflineGate(fx, promptfooResults(pattern(17, 3, 0)));
  const report = await runStart(fx.engine(), { release: RELEASE });
  const outcome = report.outcomes[0]!;
  assert.equal(outcome.decision, 'pause', outcome.reason);
  assert.equal(outcome.phase, 'paused');
  assert.equal(report.failed, true);
  assert.equal(outcome.actions.some((a) => a.type === 'set-traffic'), false);
  assert.equal(existsSync(join(fx.repo.dir, 'flags/glidepath.flagd.json')), false, 'no flag was written: the champion still serves everyone');
  const record = await lastRecord(fx);
  assert.equal(record.event, 'start');
  assert.equal(record.code, 'offline-gate-failed');
  const verdict = record.details?.['offlineGate'] as OfflineVerdict;
  assert.equal(verdict.status, 'failed');
  assert.deepEqual([verdict.evidence.paired?.regressions, verdict.evidence.paired?.improvements, verdict.evidence.paired?.cases], [3, 0, 20]);
  assert.match(record.reason, /offline gate failed: versus champion \(3 regression\(s\), 0 improvement\(s\) on 20 shared cases/);

  const again = await runStart(fx.engine(), { release: RELEASE });
  assert.equal(again.outcomes[0]!.committed, false, 'starting again on the same results records nothing new');
});

test('a merge with new results that pass the offline gate starts the paused rollout at stage 0, with the evidence in the start record', async () => {
  fx = createEngineFixture();
  withOfflineGate(fx, promptfooResults(pattern(17, 3, 0)));
  await runStart(fx.engine(), { release: RELEASE });
  fx.repo.commit({ [RESULTS]: promptfooResults(pattern(17, 1, 2)) }, 'eval again after fixing the prompt');
  const report = await runStart(fx.engine());
  assert.deepEqual(report.releases, [RELEASE], 'a merge that changes only the results starts the release');
  const outcome = report.outcomes[0]!;
  assert.equal(outcome.decision, 'advance', outcome.reason);
  assert.equal(report.failed, false);
  assert.ok(outcome.actions.some((a) => a.type === 'set-traffic'));
  const record = await lastRecord(fx);
  assert.equal((record.details?.['offlineGate'] as OfflineVerdict).status, 'passed');
});
