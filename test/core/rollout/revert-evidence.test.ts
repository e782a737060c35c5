import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateImpact, revertEvidence } from '../../../src/core/rollout/revert-evidence.js';
import { AUDIT_HASH_PLACEHOLDER, fillAuditHash } from '../../../src/core/rollout/types.js';
import { iso, makeJudgement, makePolicy, makeState } from '../../support/rollout-fixtures.js';

const policy = makePolicy();

function walked() {
  // shadow 0–2h, 5% 2–6h, 25% 6h until the rollback at 8h.
  return makeState(policy, 2, 6, {
    history: [
      { stage: 'shadow', index: 0, split: { mode: 'shadow', weight: 0 }, from: iso(0), until: iso(2) },
      { stage: 'canary-5', index: 1, split: { mode: 'traffic', weight: 5 }, from: iso(2), until: iso(6) },
      { stage: 'canary-25', index: 2, split: { mode: 'traffic', weight: 25 }, from: iso(6) },
    ],
  });
}

test('the impact estimate multiplies hours by weight and requests per hour, shadow counting nothing', () => {
  const impact = estimateImpact(walked(), iso(8), 1000, undefined);
  // 4h × 5% × 1000 + 2h × 25% × 1000 = 200 + 500.
  assert.equal(impact.fromHistory, 700);
  assert.match(impact.lines[0] ?? '', /first served users at 2026-03-02T12:00:00.000Z \(canary-5, traffic 5%\); it served in 2 stage\(s\) for 6h/);
});

test('without requests per hour the estimate falls back to the canary sample count and says so', () => {
  const impact = estimateImpact(walked(), iso(8), undefined, makeJudgement('canary-25', 'rollback'));
  assert.equal(impact.fromHistory, undefined);
  assert.equal(impact.fromSamples, 3000);
  assert.match(impact.lines.join('\n'), /No `traffic.requestsPerHour` is declared/);
  assert.match(impact.lines.join('\n'), /canary arm had \*\*3,000\*\* requests in the last judged window/);
});

test('the revert body names the trigger, time, gates with numbers, reason and audit record', () => {
  const evidence = revertEvidence({ state: walked(), trigger: 'criterion', reason: 'error rate up 2.4pp', at: iso(8), actor: 'glidepath[bot]', judgement: makeJudgement('canary-25', 'rollback'), requestsPerHour: 1000 });
  assert.equal(evidence.title, 'Revert support-assistant: rolled back at canary-25 (criterion)');
  assert.match(evidence.body, /\| Trigger \| criterion: a rollback criterion fired \|/);
  assert.match(evidence.body, /since \*\*2026-03-02T18:00:00.000Z\*\*/);
  assert.match(evidence.body, /\| Reason \| error rate up 2.4pp \|/);
  assert.match(evidence.body, /\| rollback criterion \| rollback\[0\] \| error_rate \| \*\*fail\*\* \| 0.001 \| \[-0.002, 0.004\] \| 0.005 \| 0.2 \| 9000 \/ 3000 \|/);
  assert.match(evidence.body, /about \*\*700\*\* requests/);
  const filled = fillAuditHash({ type: 'open-revert', release: 'support-assistant', title: evidence.title, body: evidence.body }, 'a'.repeat(64));
  assert.ok(filled.type === 'open-revert' && filled.body.includes(`\`${'a'.repeat(64)}\``) && !filled.body.includes(AUDIT_HASH_PLACEHOLDER));
});

test('user text in the revert body pings nobody and carries no HTML or table breaks', () => {
  const evidence = revertEvidence({ state: walked(), trigger: 'manual', reason: 'ask @octocat <img src=x onerror=alert(1)> | **PASS**', at: iso(8), actor: '@org/oncall' });
  assert.match(evidence.body, /\| Reason \| ask &#64;octocat &lt;img src=x onerror=alert\(1\)&gt; \\\| \*\*PASS\*\* \|/);
  assert.match(evidence.body, /\| Rolled back by \| &#64;org\/oncall \|/);
  assert.doesNotMatch(evidence.body, /@octocat|<img|@org/);
});
