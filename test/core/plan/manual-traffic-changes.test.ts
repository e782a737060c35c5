import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPlan } from '../../../src/core/plan/build-plan.js';
import { diffPolicies, formatFinding } from '../../../src/core/plan/policy-diff.js';
import { renderPlanCheck } from '../../../src/core/report/plan-check.js';
import { renderReleaseSection } from '../../../src/core/report/plan-markdown.js';
import { renderPlanText } from '../../../src/core/report/plan-text.js';
import { edit, quickstartFiles, repositoryOf } from './quickstart.js';

const POLICY = 'policies/model-upgrade.yaml';
const WARNING = "manual traffic changes that match a later stage are adopted without judging that stage's gates (manualTrafficChanges: adopt)";

/** The quickstart with the model-upgrade policy switched to `manualTrafficChanges: adopt` at head (line 27). */
function adoptingPullRequest(): { base: Record<string, string>; head: Record<string, string> } {
  const base = quickstartFiles();
  const head = { ...base };
  edit(head, POLICY, '  onFailure: rollback\n', '  onFailure: rollback\n  manualTrafficChanges: adopt\n');
  return { base, head };
}

test('switching a policy from restoring manual traffic changes to adopting them is a weakening at its YAML line', () => {
  const pr = adoptingPullRequest();
  const plan = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head) });
  const release = plan.releases.find((r) => r.name === 'support-assistant');
  assert.ok(release, `releases planned: ${plan.releases.map((r) => r.name).join(', ')}`);
  const weakenings = release.findings.filter((f) => f.severity === 'weakening');
  assert.deepEqual(weakenings.map((f) => [formatFinding(f), `${f.at?.file}:${f.at?.line}`]), [
    ["manualTrafficChanges weaker (a hand edit to the next stage skips the current stage's gates and bake time): restore → adopt", `${POLICY}:27`],
  ]);
  const check = renderPlanCheck(plan);
  assert.ok(check.annotations.some((a) => a.path === POLICY && a.startLine === 27 && a.level === 'warning'), JSON.stringify(check.annotations));
});

test('going back from adopt to restore is tighter, and leaving the default implicit is no change', () => {
  const restore = repositoryOf(quickstartFiles()).policies.get('model-upgrade')!.value;
  const adopt = { ...restore, spec: { ...restore.spec, manualTrafficChanges: 'adopt' as const } };
  const explicit = { ...restore, spec: { ...restore.spec, manualTrafficChanges: 'restore' as const } };
  assert.deepEqual(diffPolicies(adopt, restore).map((f) => [f.severity, formatFinding(f)]), [['tightening', 'manualTrafficChanges stricter: adopt → restore']]);
  assert.deepEqual(diffPolicies(restore, explicit), []);
});

test('a plan for a policy that adopts manual traffic changes says so in the terminal text and the Markdown section', () => {
  const pr = adoptingPullRequest();
  const plan = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head) });
  const release = plan.releases.find((r) => r.name === 'support-assistant')!;
  assert.equal(release.handling?.manualTrafficChanges, 'adopt');
  assert.ok(renderPlanText(plan).includes(`  ⚠ ${WARNING}\n`), renderPlanText(plan));
  assert.ok(renderReleaseSection(release).includes(`\n⚠ ${WARNING}.\n`));
  const unchanged = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf({ ...pr.base, 'prompts/support-v2.md': `${pr.base['prompts/support-v2.md']}\nBe brief.\n` }) });
  const restoring = unchanged.releases.find((r) => r.name === 'support-assistant');
  assert.ok(restoring, 'the prompt change plans the release');
  assert.equal(restoring.handling?.manualTrafficChanges, 'restore');
  assert.ok(!renderPlanText(unchanged).includes('manualTrafficChanges'), 'the default says nothing');
});
