import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditRecord } from '../../../src/core/audit/chain.js';
import { renderDashboard } from '../../../src/core/report/dashboard.js';
import { renderRetrospective } from '../../../src/core/report/retrospective.js';
import { renderRolloutSummary } from '../../../src/core/report/rollout-summary.js';
import type { AuditRecordDraft } from '../../../src/core/rollout/types.js';
import { at, BUNDLE, iso, makeJudgement, makePolicy, makeState } from '../../support/rollout-fixtures.js';

const policy = makePolicy();

function record(seq: number, draft: Partial<AuditRecordDraft>): AuditRecord {
  return { at: iso(seq), release: 'support-assistant', bundleHash: BUNDLE, stage: 'canary-5', event: 'decision', reason: `record ${seq}`, actor: 'glidepath[bot]', seq, prevHash: '0'.repeat(64), hash: String(seq).padStart(64, 'a'), ...draft };
}

test('the dashboard lists active rollouts with what each waits for, and finished ones apart', () => {
  const waiting = makeState(policy, 2, 6, { release: 'summarizer', lastDecision: { decision: 'hold', at: iso(7), reason: 'ready for full, waiting for approval from octocat', code: 'awaiting-approval' } });
  const done = makeState(policy, 3, 1, { release: 'old-one', phase: 'complete', updatedAt: iso(7), lastDecision: { decision: 'complete', at: iso(7), reason: 'the watch passed' } });
  const { title, body } = renderDashboard({ states: [done, waiting], now: at(8), stateBranch: 'glidepath/state', links: { summarizer: { pullRequest: 'https://github.com/o/r/pull/7' } } });
  assert.equal(title, 'Glidepath rollouts dashboard');
  assert.match(body, /^<!-- glidepath:dashboard -->/);
  assert.match(body, /### Active rollouts \(1\)/);
  assert.match(body, /\| summarizer \| progressing \| 3\. canary-25 \| traffic 25% \| 2h \| hold, 1h ago \| ready for full, waiting for approval from octocat \| an approval \(`\/glidepath approve <release>`\) \| \[pull request\]\(https:\/\/github\.com\/o\/r\/pull\/7\) \|/);
  assert.match(body, /### Recently finished \(1\)\n\n\| release \| outcome[^\n]*\n[^\n]*\n\| old-one \| complete \|/);
});

test('the dashboard neutralises mentions and HTML in reasons people wrote', () => {
  const paused = makeState(policy, 1, 2, { release: 'r', phase: 'paused', phaseReason: 'paused by @octocat: <b>see</b> | later' });
  const { body } = renderDashboard({ states: [paused], now: at(3), stateBranch: 'glidepath/state' });
  assert.ok(!body.includes('@octocat') && !body.includes('<b>'), body);
  assert.match(body, /&#64;octocat: &lt;b&gt;see&lt;\/b&gt; \\\| later/);
  assert.match(body, /a person: approve to resume, or roll back/);
});

test('the retrospective tells the timeline, the trigger, the evidence and the impact from the audit records', () => {
  const state = makeState(policy, 1, 2, {
    phase: 'rolled-back',
    rolledBack: { at: iso(4), trigger: 'criterion', reason: 'error_rate rose by 3pp', by: 'glidepath[bot]' },
    history: [
      { stage: 'shadow', index: 0, split: { mode: 'shadow', weight: 0 }, from: iso(0), until: iso(2) },
      { stage: 'canary-5', index: 1, split: { mode: 'traffic', weight: 5 }, from: iso(2), until: iso(4) },
    ],
  });
  const records = [
    record(1, { event: 'start', stage: 'shadow', splitAfter: { mode: 'shadow', weight: 0 }, reason: 'started' }),
    record(2, { decision: 'advance', splitAfter: { mode: 'traffic', weight: 5 }, reason: 'moving to canary-5' }),
    record(3, { event: 'rollback', decision: 'rollback', splitAfter: { mode: 'off', weight: 0 }, reason: 'error_rate rose by 3pp', judgement: makeJudgement('canary-5', 'rollback') }),
  ];
  const { title, body } = renderRetrospective({ state, records, requestsPerHour: 1000, revertUrl: 'https://github.com/o/r/pull/9', owner: '@acme/ml' });
  assert.equal(title, 'Retrospective: support-assistant rolled back at canary-5');
  assert.match(body, /^<!-- glidepath:retrospective:support-assistant@\d{4}-[^ ]+ -->/);
  assert.match(body, /\| Trigger \| criterion: a rollback criterion fired \|/);
  assert.match(body, /\| Audit record \| seq 3, `a{63}3` \|/);
  assert.match(body, /\| 2026-03-02T12:00:00.000Z \| decision \| canary-5 \| advance \| traffic 5% \| glidepath\[bot\] \| moving to canary-5 \|/);
  assert.match(body, /Judgement of canary-5: \*\*rollback\*\*/);
  // 2h at 5% of 1000 requests per hour.
  assert.match(body, /about \*\*100\*\* requests/);
  assert.match(body, /\| Owner \| &#64;acme\/ml \|/);
});

test('a long timeline keeps its first and last records and says how many it left out', () => {
  const state = makeState(policy, 1, 2, { phase: 'rolled-back' });
  const records = Array.from({ length: 100 }, (_, i) => record(i + 1, {}));
  const { body } = renderRetrospective({ state, records });
  assert.match(body, /\| … \| 60 more records \|/);
  assert.ok(body.includes('| record 1 |') && body.includes('| record 100 |') && !body.includes('| record 50 |'));
});

test('the job summary charts the weight over time and each key metric\'s effect with mermaid', () => {
  const records = [
    record(1, { event: 'start', stage: 'shadow', splitAfter: { mode: 'shadow', weight: 0 } }),
    record(2, { decision: 'advance', splitAfter: { mode: 'traffic', weight: 5 }, judgement: makeJudgement('shadow', 'pass') }),
    record(3, { decision: 'advance', splitAfter: { mode: 'traffic', weight: 25 }, judgement: makeJudgement('canary-5', 'pass') }),
  ];
  const state = makeState(policy, 2, 3);
  const text = renderRolloutSummary([{ release: 'support-assistant', decision: 'advance', reason: 'moving to canary-25', state, records }]);
  assert.match(text, /\| support-assistant \| \*\*advance\*\* \| progressing \| canary-25 \| traffic 25% \| moving to canary-25 \|/);
  assert.match(text, /```mermaid\nxychart-beta\n {2}title "support-assistant: challenger weight \(%\)"\n {2}x-axis \["03-02 11:00", "03-02 12:00", "03-02 13:00"\]\n {2}y-axis "weight %" 0 --> 100\n {2}line \[0, 5, 25\]\n```/);
  assert.match(text, /title "support-assistant: error_rate, canary − control"\n[^\n]*\n[^\n]*\n {2}line \[0\.001, 0\.001\]/);
});

test('the job summary of a tick with no rollouts says so', () => {
  assert.equal(renderRolloutSummary([]), 'No rollouts.\n');
});

test('the dashboard links a pull request only at a plain web address, so an edited state file cannot reshape its table', () => {
  const state = makeState(policy, 1, 2, { release: 'r' });
  const { body } = renderDashboard({ states: [state], now: at(3), stateBranch: 'glidepath/state', links: { r: { pullRequest: 'https://github.com/o/r/pull/7) | [approved](https://evil.test' } } });
  assert.ok(!body.includes('evil.test'), body);
  assert.match(body, /\| r \| progressing \|[^\n]*\| – \|$/m);
});
