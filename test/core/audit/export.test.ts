import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256 } from '../../../src/adapters/crypto.js';
import { sealRecord, verifyChain, type AuditRecord } from '../../../src/core/audit/chain.js';
import { exportCompliance } from '../../../src/core/audit/export.js';
import { planApprove, planRollback, planStart } from '../../../src/core/rollout/planner.js';
import type { Action, AuditRecordDraft } from '../../../src/core/rollout/types.js';
import { at, BUNDLE, CONFIG, makeJudgement, makePolicy, makeRelease, makeState, tick } from '../../support/rollout-fixtures.js';

const policy = makePolicy();
const release = makeRelease();

function drafts(actions: readonly Action[]): AuditRecordDraft[] {
  return actions.flatMap((action) => (action.type === 'append-audit' ? [action.record] : []));
}

function history(): AuditRecord[] {
  const start = planStart({ release, policy, config: CONFIG, previous: undefined, bundleHash: BUNDLE, now: at(0), actor: 'glidepath[bot]' });
  assert.ok(!('refused' in start));
  const advance = tick({ state: makeState(policy, 1), now: at(3), judgement: makeJudgement('canary-5', 'pass') });
  const approval = planApprove({ release, policy, config: CONFIG, state: advance.next, now: at(4), by: 'octocat', reason: 'looks good' });
  assert.ok(!('refused' in approval));
  const drill = planRollback({ release, policy, state: approval.next, now: at(5), actor: 'octocat', reason: 'quarterly drill', trigger: 'drill' });
  const other: AuditRecordDraft = { at: at(6).toISOString(), release: 'another', bundleHash: 'e'.repeat(64), stage: 'x', event: 'start', reason: 'other release', actor: 'glidepath[bot]' };
  const all = [...drafts(start.actions), ...drafts(advance.actions), ...drafts(approval.actions), ...drafts(drill.actions), other];
  const records: AuditRecord[] = [];
  for (const draft of all) records.push(sealRecord(draft, records[records.length - 1], sha256));
  return records;
}

test('the markdown report has the timeline, gate verdicts, approvals and drills of one release only', () => {
  const records = history();
  const report = exportCompliance(records, 'support-assistant', 'md', { verification: verifyChain(records, sha256) });
  assert.match(report, /^# Compliance report: `support-assistant`/);
  assert.match(report, /4 audit record\(s\), seq 1–4/);
  assert.match(report, /Hash chain: \*\*verified\*\*/);
  assert.match(report, /\| 2 \| 2026-03-02T13:00:00.000Z \| decision \| canary-5 \| advance \|/);
  assert.match(report, /### seq 2 · 2026-03-02T13:00:00.000Z · canary-5: pass/);
  assert.match(report, /\| gate \| errors \| error_rate \| pass \| 0.001 \| \[-0.002, 0.004\] \| 0.005 \| 0.2 \| 9000 \/ 3000 \|/);
  assert.match(report, /## Approvals[\s\S]*\| 3 \| 2026-03-02T14:00:00.000Z \| full \| stage \| octocat \| looks good \|/);
  assert.match(report, /## Rollback drills[\s\S]*\| 4 \| 2026-03-02T15:00:00.000Z \| canary-25 \| octocat \| quarterly drill \|/);
  assert.match(report, /## Rollbacks\n\nNo rollbacks\./);
  assert.doesNotMatch(report, /other release/);
});

test('the JSON report carries the same facts for tools', () => {
  const records = history();
  const report = JSON.parse(exportCompliance(records, 'support-assistant', 'json')) as Record<string, unknown> & { timeline: unknown[]; approvals: { by: string }[]; drills: unknown[]; verification: { checked: boolean } };
  assert.equal(report['release'], 'support-assistant');
  assert.equal(report.timeline.length, 4);
  assert.deepEqual(report.approvals.map((a) => a.by), ['octocat']);
  assert.equal(report.drills.length, 1);
  assert.equal(report.verification.checked, false);
});

test('a broken chain is stated in the report with the lines', () => {
  const records = history();
  const tampered = records.map((record) => (record.seq === 2 ? { ...record, reason: 'edited' } : record));
  const report = exportCompliance(tampered, 'support-assistant', 'md', { verification: verifyChain(tampered, sha256) });
  assert.match(report, /Hash chain: \*\*BROKEN\*\*\n\n- line 2 \(seq 2\): record content does not match its hash/);
});

test('a release without records says so', () => {
  assert.match(exportCompliance(history(), 'nobody', 'md'), /holds no record of this release/);
});

test('the markdown report neutralises @-mentions and HTML in reasons people typed', () => {
  const state = makeState(policy, 1);
  const rollback = planRollback({ release, policy, state, now: at(5), actor: 'octocat', reason: 'paged by @sre-team <script>x</script>', trigger: 'manual' });
  const records: AuditRecord[] = [];
  for (const draft of drafts(rollback.actions)) records.push(sealRecord(draft, records[records.length - 1], sha256));
  const report = exportCompliance(records, 'support-assistant', 'md', { verification: verifyChain(records, sha256) });
  assert.match(report, /paged by &#64;sre-team &lt;script&gt;x&lt;\/script&gt;/);
  assert.doesNotMatch(report, /@sre-team|<script>/);
});
