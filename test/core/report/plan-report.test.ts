import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPlan, type Plan } from '../../../src/core/plan/build-plan.js';
import { renderPlanCheck, CHECK_OUTPUT_MAX_CHARS } from '../../../src/core/report/plan-check.js';
import { planHeadline } from '../../../src/core/report/plan-headline.js';
import { COMMENT_MAX_CHARS, renderPlanComment, renderPlanJobSummary, renderReleaseSection } from '../../../src/core/report/plan-markdown.js';
import { renderPlanText } from '../../../src/core/report/plan-text.js';
import { edit, quickstartFiles, repositoryOf, weakeningPullRequest } from '../plan/quickstart.js';
import { assertSnapshot } from './snapshot.js';

const MARKER = '<!-- glidepath:plan -->';
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

/** The weakening pull request plus a new release on the prompt-tweak policy. */
function twoReleasePlan(): Plan {
  const pr = weakeningPullRequest();
  pr.head['releases/faq-prompt.yaml'] = pr.base['releases/summarizer-prompt.yaml']!
    .replace('name: summarizer-prompt', 'name: faq-prompt')
    .replace('key: ticket-summarizer', 'key: faq-answers')
    .replace('# A prompt-only change to the ticket summarizer.', '# FAQ answers move to the v2 summarizer prompt.');
  return buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head), baseRef: BASE_SHA, headRef: HEAD_SHA });
}

test('the headline counts changed releases and those that weaken their policy', () => {
  assert.equal(planHeadline(twoReleasePlan()), '2 releases change · 1 weakens its policy ⚠');
  const files = quickstartFiles();
  assert.equal(planHeadline(buildPlan({ base: repositoryOf(files), head: repositoryOf(files) })), 'No release changes');
});

test('the PR comment starts with the sticky marker and matches its snapshot', () => {
  const comment = renderPlanComment(twoReleasePlan(), { marker: MARKER });
  assert.ok(comment.startsWith(`${MARKER}\n`));
  assertSnapshot('two-releases.comment.md', comment);
});

test('the check run carries the overview, the release sections and one annotation per weakened line', () => {
  const check = renderPlanCheck(twoReleasePlan());
  assert.equal(check.conclusion, 'neutral');
  assert.equal(check.title, '2 releases change · 1 weakens its policy ⚠');
  assertSnapshot('two-releases.check-summary.md', `${check.summary}\n`);
  assertSnapshot('two-releases.check-text.md', `${check.text}\n`);
  assertSnapshot('two-releases.check-annotations.json', `${JSON.stringify(check.annotations, null, 2)}\n`);
});

test('the job summary and the terminal text match their snapshots', () => {
  const plan = twoReleasePlan();
  assertSnapshot('two-releases.job-summary.md', renderPlanJobSummary(plan));
  assertSnapshot('two-releases.txt', renderPlanText(plan));
});

test('a plan without weakenings concludes success', () => {
  const base = quickstartFiles();
  const head = { ...base };
  edit(head, 'policies/prompt-tweak.yaml', 'minDuration: 2h', 'minDuration: 4h');
  const check = renderPlanCheck(buildPlan({ base: repositoryOf(base), head: repositoryOf(head) }));
  assert.equal(check.conclusion, 'success');
  assert.equal(check.annotations.length, 0);
  assert.equal(check.title, '1 release changes');
});

test('a weakened policy line shared by several releases is annotated once, naming them all', () => {
  const base = quickstartFiles();
  const head = { ...base };
  head['releases/faq-prompt.yaml'] = base['releases/summarizer-prompt.yaml']!.replace('name: summarizer-prompt', 'name: faq-prompt').replace('key: ticket-summarizer', 'key: faq');
  base['releases/faq-prompt.yaml'] = head['releases/faq-prompt.yaml'];
  edit(head, 'policies/prompt-tweak.yaml', 'maxIncrease: 0.5pp', 'maxIncrease: 1pp');
  const check = renderPlanCheck(buildPlan({ base: repositoryOf(base), head: repositoryOf(head) }));
  assert.deepEqual(check.annotations, [{
    path: 'policies/prompt-tweak.yaml', startLine: 13, endLine: 13, level: 'warning', title: 'Glidepath: rollout policy weakened',
    message: 'gate errors maxIncrease loosened: 0.5pp → 1pp. This weakens the rollout of faq-prompt, summarizer-prompt.',
  }]);
});

/** Many releases on one policy, each with a long description, to overflow a comment. */
function largePlan(count: number): Plan {
  const base = quickstartFiles();
  const head = { ...base };
  for (let i = 0; i < count; i += 1) {
    const name = `release-${String(i).padStart(3, '0')}`;
    head[`releases/${name}.yaml`] = base['releases/summarizer-prompt.yaml']!
      .replace('name: summarizer-prompt', `name: ${name}\n  description: ${'A long description of why this release exists. '.repeat(20)}`)
      .replace('key: ticket-summarizer', `key: ${name}`);
  }
  return buildPlan({ base: repositoryOf(base), head: repositoryOf(head) });
}

test('a comment longer than GitHub allows is cut after a whole release section and points to the check run', () => {
  const plan = largePlan(60);
  const url = 'https://github.com/o/r/runs/42';
  const full = renderPlanJobSummary(plan);
  assert.ok(full.length > 65_536, `the fixture must overflow a comment (${full.length})`);
  const comment = renderPlanComment(plan, { marker: MARKER, checkRunUrl: url, checkName: 'Glidepath / plan' });
  assert.ok(comment.length <= COMMENT_MAX_CHARS, `${comment.length} characters`);
  assert.ok(comment.startsWith(`${MARKER}\n### Glidepath plan`));
  assert.match(comment, /more sections are in \[Glidepath \/ plan\]\(https:\/\/github\.com\/o\/r\/runs\/42\)\.\n$/);
  const kept = plan.releases.filter((r) => comment.includes(renderReleaseSection(r)));
  assert.ok(kept.length > 0 && kept.length < plan.releases.length);
  assert.deepEqual(kept, plan.releases.slice(0, kept.length), 'whole sections, in order, up to the cut');
  const omitted = Number(/(\d+) more sections/.exec(comment)?.[1]);
  assert.equal(omitted, plan.releases.length - kept.length);
});

test('check-run outputs stay within 65,535 characters however large the plan', () => {
  const check = renderPlanCheck(largePlan(60));
  assert.ok(check.summary.length <= CHECK_OUTPUT_MAX_CHARS);
  assert.ok((check.text ?? '').length <= CHECK_OUTPUT_MAX_CHARS);
  assert.match(check.text ?? '', /more release section\(s\) left out/);
});

test('user text cannot inject HTML or mention people from the sticky comment', () => {
  const base = quickstartFiles();
  const head = { ...base };
  edit(head, 'releases/support-assistant.yaml', 'description: Upgrade the support assistant', 'description: <img src=x> ping @acme/ml-platform | Upgrade the support assistant');
  const comment = renderPlanComment(buildPlan({ base: repositoryOf(base), head: repositoryOf(head) }), { marker: MARKER });
  assert.ok(!comment.includes('<img'));
  assert.ok(comment.includes('&lt;img src=x&gt; ping &#64;acme/ml-platform'));
  assert.ok(comment.includes('owner `@acme/ml-platform`'), 'the owner is shown in code, which GitHub does not treat as a mention');
});

test('a power estimate adds a Power column and lists its warnings under the stage table', () => {
  const pr = weakeningPullRequest();
  const plan = buildPlan({
    base: repositoryOf(pr.base), head: repositoryOf(pr.head),
    power: () => new Map([['canary-5', { requiredSamples: { control: 12_000, canary: 600 }, hoursNeeded: 4.8, warnings: ['canary-5 needs ~4.8 h, more than its minDuration 2h'] }]]),
  });
  const section = renderReleaseSection(plan.releases[0]!);
  assert.match(section, /\| Lasts at least \| Challenger requests \| Power \|/);
  assert.match(section, /\| 600 canary \+ 12,000 control · ≈ 4h 48m · ⚠ \|/);
  assert.match(section, /- ⚠ `canary-5`: canary-5 needs ~4\.8 h, more than its minDuration 2h/);
});

test('a power warning that names its own stage is shown after the stage name once, in text and Markdown', () => {
  const pr = weakeningPullRequest();
  const warning = 'canary-5: gate errors is sized as if requests were independent';
  const plan = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head), power: () => new Map([['canary-5', { warnings: [warning] }]]) });
  assert.match(renderPlanText(plan), /\n {4}⚠ canary-5: gate errors is sized as if requests were independent\n/);
  assert.match(renderReleaseSection(plan.releases[0]!), /\n- ⚠ `canary-5`: gate errors is sized as if requests were independent\n/);
  assert.ok(!renderPlanText(plan).includes('canary-5: canary-5'));
});

test('a plan shows what each release’s provider can do beside its target, when the registry’s capabilities are given', () => {
  const pr = weakeningPullRequest();
  const plan = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head), providerCapabilities: { flagd: { shadow: 'marker', segments: true, weightStep: 0.01, settles: 'now' } } });
  assert.match(renderPlanText(plan), /target: flags \/ \S+ \(shadow: marker, segments, weight step 0\.01%, settles now\)/);
  assert.match(renderPlanComment(plan, { marker: MARKER }), /target `flags` \(flagd; shadow: marker, segments, weight step 0\.01%, settles now\)/);
});

test('a plan warns when the provider routes each request on its own, so one user can meet both models', () => {
  const pr = weakeningPullRequest();
  const plan = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head), providerCapabilities: { flagd: { shadow: 'marker', segments: true, weightStep: 0.01, settles: 'now', stickiness: 'per-request' } } });
  assert.match(renderPlanComment(plan, { marker: MARKER }), /> ⚠ flagd routes each request on its own: one user can meet both the champion and the challenger/);
  assert.match(renderPlanText(plan), / {2}⚠ flagd routes each request on its own/);
  const sticky = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head), providerCapabilities: { flagd: { shadow: 'marker', segments: true, weightStep: 0.01, settles: 'now', stickiness: 'sticky' } } });
  assert.doesNotMatch(renderPlanComment(sticky, { marker: MARKER }), /routes each request on its own/);
});
