import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPlan, weakeningReleases } from '../../../src/core/plan/build-plan.js';
import { estimatePlanPower } from '../../../src/core/plan/plan-power.js';
import { formatFinding } from '../../../src/core/plan/policy-diff.js';
import { edit, quickstartFiles, repositoryOf, weakeningPullRequest } from './quickstart.js';

test('the weakening pull request plans one modified release with every weakening located in the head files', () => {
  const pr = weakeningPullRequest();
  const plan = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head) });
  assert.deepEqual(plan.releases.map((r) => [r.name, r.kind]), [['support-assistant', 'modified']]);
  const release = plan.releases[0]!;
  const weakenings = release.findings.filter((f) => f.severity === 'weakening');
  assert.deepEqual(weakenings.map((f) => [formatFinding(f), `${f.at?.file}:${f.at?.line}`]), [
    ['stage `canary-25` bakes for less time: 2h → 30m', 'policies/model-upgrade.yaml:12'],
    ['stage `canary-25` no longer checks gate `cost`: errors, latency, cost → errors, latency', 'policies/model-upgrade.yaml:12'],
    ['stage `full` approval dropped: required → none', 'policies/model-upgrade.yaml:13'],
    ['gate `errors` maxIncrease loosened: 0.5pp → 2pp', 'policies/model-upgrade.yaml:15'],
    ['gate `errors` no longer critical: true → false', 'policies/model-upgrade.yaml:15'],
    ['rollback criterion removed: cost_per_call above 0.02 → (none)', 'policies/model-upgrade.yaml:19'],
    ['risk lowered: high → medium', 'releases/support-assistant.yaml:11'],
  ]);
  assert.equal(weakeningReleases(plan).length, 1);
});

test('the plan diffs champion and challenger: model, prompt lines, parameters', () => {
  const pr = weakeningPullRequest();
  const release = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head) }).releases[0]!;
  assert.deepEqual(release.bundle?.model, { champion: 'openai/gpt-4o-2024-08-06', challenger: 'openai/gpt-4.1-2025-04-14', changed: true });
  assert.deepEqual(release.bundle?.parameters, [{ name: 'maxTokens', champion: 512, challenger: 400 }]);
  const stat = release.bundle?.prompt.stat;
  assert.ok(stat && stat.added > 0, 'the v2 prompt adds lines to v1');
});

test('the blast radius of the quickstart support assistant uses the config traffic figure', () => {
  const pr = weakeningPullRequest();
  const release = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head) }).releases[0]!;
  // 50,000 req/h: canary-5 for 2h serves 5,000; canary-25 for 30m serves 6,250.
  assert.equal(release.blastRadius?.trafficSource, 'config');
  assert.equal(release.blastRadius?.exposedBeforeFull, 5_000 + 6_250);
  assert.equal(release.blastRadius?.peakShareBeforeFull, 25);
  assert.equal(release.blastRadius?.hoursToFull, 1 + 2 + 0.5);
});

test('a new release is compared with the base version of its policy', () => {
  const base = quickstartFiles();
  const head = { ...base };
  head['releases/faq-prompt.yaml'] = base['releases/summarizer-prompt.yaml']!.replace('name: summarizer-prompt', 'name: faq-prompt').replace('key: ticket-summarizer', 'key: faq');
  edit(head, 'policies/prompt-tweak.yaml', 'minSamples: 2000', 'minSamples: 500');
  const plan = buildPlan({ base: repositoryOf(base), head: repositoryOf(head) });
  assert.deepEqual(plan.releases.map((r) => [r.name, r.kind, r.findings.filter((f) => f.severity === 'weakening').map(formatFinding)]), [
    ['faq-prompt', 'added', ['stage `canary-10` needs fewer samples: 2,000 → 500']],
    ['summarizer-prompt', 'modified', ['stage `canary-10` needs fewer samples: 2,000 → 500']],
  ]);
});

test('a release that switches to a looser policy is compared with the one it leaves', () => {
  const base = quickstartFiles();
  const head = { ...base };
  edit(head, 'releases/support-assistant.yaml', 'policy: model-upgrade', 'policy: prompt-tweak');
  edit(head, 'releases/support-assistant.yaml', 'risk: high', 'risk: low');
  const release = buildPlan({ base: repositoryOf(base), head: repositoryOf(head) }).releases[0]!;
  assert.equal(release.policy?.previous, 'model-upgrade');
  const text = release.findings.map(formatFinding);
  assert.ok(text.includes('policy switched: model-upgrade → prompt-tweak'));
  assert.ok(text.includes('shadow period removed: `shadow` (shadow) 1h gates latency-p99 → (none)'));
  assert.ok(text.includes('stage `full` approval dropped: required → none'));
});

test('a removed release is planned without stages', () => {
  const base = quickstartFiles();
  const head = { ...base };
  delete head['releases/summarizer-prompt.yaml'];
  const plan = buildPlan({ base: repositoryOf(base), head: repositoryOf(head) });
  assert.deepEqual(plan.releases.map((r) => [r.name, r.kind, r.file, r.stages.length]), [['summarizer-prompt', 'removed', 'releases/summarizer-prompt.yaml', 0]]);
});

test('a power estimate, when given, is attached to its stages', () => {
  const pr = weakeningPullRequest();
  const plan = buildPlan({
    base: repositoryOf(pr.base),
    head: repositoryOf(pr.head),
    power: () => new Map([['canary-5', { requiredSamples: { control: 12_000, canary: 600 }, hoursNeeded: 4.8, warnings: ['needs 4.8h, more than minDuration 2h'] }]]),
  });
  const stages = plan.releases[0]!.stages;
  assert.deepEqual(stages.map((s) => s.power?.requiredSamples?.control), [undefined, 12_000, undefined, undefined]);
});

test('the plan is plain data that survives JSON', () => {
  const pr = weakeningPullRequest();
  const plan = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head), baseRef: 'main', headRef: 'feature' });
  assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan);
});

test('core/power’s estimate feeds the plan: the canary stages of the quickstart get samples and hours', () => {
  const pr = weakeningPullRequest();
  const plan = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head), power: estimatePlanPower });
  const canary = plan.releases[0]!.stages.find((s) => s.name === 'canary-5');
  assert.ok(canary?.power?.requiredSamples && canary.power.requiredSamples.canary > 0);
  assert.ok(canary.power.hoursNeeded !== undefined && canary.power.hoursNeeded > 0);
  assert.equal(plan.releases[0]!.stages.find((s) => s.name === 'full')?.power?.requiredSamples, undefined, 'no control arm at 100%');
});

test('policies that say the same thing under different names share one power estimate, so a plan of hundreds of releases solves each distinct policy once', () => {
  const files = quickstartFiles();
  const policyText = files['policies/model-upgrade.yaml']!;
  files['policies/model-upgrade-copy.yaml'] = policyText.replace(/name: model-upgrade\b/, 'name: model-upgrade-copy');
  files['releases/support-assistant-copy.yaml'] = files['releases/support-assistant.yaml']!
    .replace('name: support-assistant', 'name: support-assistant-copy').replace('policy: model-upgrade', 'policy: model-upgrade-copy');
  const repository = repositoryOf(files);
  const estimate = (name: string): unknown => {
    const release = repository.releases.get(name)!;
    return estimatePlanPower(release, repository.policies.get(release.value.spec.policy)!, repository);
  };
  assert.notEqual(repository.policies.get('model-upgrade'), repository.policies.get('model-upgrade-copy'), 'two policy documents');
  assert.ok(estimate('support-assistant') !== undefined);
  assert.equal(estimate('support-assistant-copy'), estimate('support-assistant'));
});

test('the power estimate follows the metric definitions even when the policy document is the same object', () => {
  const files = quickstartFiles();
  const repository = repositoryOf(files);
  const release = repository.releases.get('support-assistant')!;
  const policy = repository.policies.get(release.value.spec.policy)!;
  const before = estimatePlanPower(release, policy, repository)?.get('canary-5');
  // The same parsed policy, with error_rate now higher-is-better in glidepath.yaml: its default
  // baseline moves from 1% to 90%, so the errors gate needs a different sample size, and an
  // answer cached for the first config would be wrong.
  const config = repository.config!;
  const metrics = config.value.spec.metrics.definitions.map((m) => (m.name === 'error_rate' ? { ...m, direction: 'higher-is-better' as const } : m));
  const changed = { ...repository, config: { ...config, value: { ...config.value, spec: { ...config.value.spec, metrics: { ...config.value.spec.metrics, definitions: metrics } } } } };
  const after = estimatePlanPower(release, policy, changed)?.get('canary-5');
  assert.ok(before && after, 'both configs give canary-5 an estimate');
  assert.notDeepEqual(after, before);
});
