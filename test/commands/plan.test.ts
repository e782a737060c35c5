import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createOctokit } from '../../src/adapters/github/client.js';
import { createGitHubReviewChannel } from '../../src/adapters/github/review-channel.js';
import { readRunEvent } from '../../src/adapters/github/run-event.js';
import { PLAN_CHECK_NAME, PLAN_MARKER, runPlan } from '../../src/commands/plan.js';
import { printedText, type CommandContext } from '../../src/commands/command.js';
import { fixedClock } from '../../src/ports/clock.js';
import type { Logger } from '../../src/ports/logger.js';
import type { ReviewChannel } from '../../src/ports/review.js';
import { contextFor, webhookExample } from '../adapters/github/webhook-examples.js';
import { weakeningPullRequest } from '../core/plan/quickstart.js';
import { createGitHubFake } from '../support/github-fake.js';
import { createTempGitRepo, type TempGitRepo } from '../support/temp-git-repo.js';
import type { RunEvent } from '../../src/core/model/run-event.js';
import { UsageError } from '../../src/engine/errors.js';
import { createRuntime } from '../../src/runtime.js';

const repos: TempGitRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

/** A git repository holding examples/quickstart at `base`, and the weakening pull request at `head`. */
function pullRequestRepo(prefix = ''): { repo: TempGitRepo; base: string; head: string; root: string } {
  const pr = weakeningPullRequest();
  const at = (files: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(files).map(([p, c]) => [prefix ? `${prefix}/${p}` : p, c]));
  const repo = createTempGitRepo({ 'README.md': '# app\n' });
  repos.push(repo);
  const base = repo.commit(at(pr.base), 'quickstart');
  repo.git('checkout', '-q', '-b', 'weaken');
  const head = repo.commit(at(pr.head), 'weaken the model-upgrade policy');
  return { repo, base, head, root: prefix ? `${repo.dir}/${prefix}` : repo.dir };
}

interface Captured {
  readonly ctx: CommandContext;
  readonly out: string[];
  readonly warnings: string[];
}

function context(root: string, options: Record<string, string>, extra: { event?: RunEvent; review?: ReviewChannel } = {}): Captured {
  const out: string[] = [];
  const warnings: string[] = [];
  const logger: Logger = { info: () => {}, debug: () => {}, warn: (m) => warnings.push(m) };
  return {
    out,
    warnings,
    ctx: { root, options, print: (t) => out.push(printedText(t)), logger, clock: fixedClock(new Date('2025-01-01T00:00:00Z')), env: {}, runtime: createRuntime(), ...extra },
  };
}

test('plan --base --head on a real git repository prints the plan with its weakenings', async () => {
  const { base, head, root } = pullRequestRepo();
  const { ctx, out } = context(root, { base, head, format: 'text' });
  const outcome = await runPlan(ctx);
  assert.equal(outcome.exitCode, 0);
  assert.deepEqual(outcome.outputs, { releases: '1', weakenings: '1' });
  const text = out.join('\n');
  assert.match(text, /^Glidepath plan: 1 release changes · 1 weakens its policy ⚠/);
  assert.match(text, /gate errors maxIncrease loosened: 0\.5pp → 2pp {2}\(policies\/model-upgrade\.yaml:15\)/);
  assert.match(outcome.summary ?? '', /^### Glidepath plan/);
});

test('a Glidepath root in a sub-folder of the git repository is read from that folder', async () => {
  const { base, head, root } = pullRequestRepo('ai');
  const { ctx, out } = context(root, { base, head, format: 'json' });
  const outcome = await runPlan(ctx);
  assert.equal(outcome.exitCode, 0);
  const plan = JSON.parse(out.join('\n')) as { releases: { name: string; file: string }[] };
  assert.deepEqual(plan.releases.map((r) => [r.name, r.file]), [['support-assistant', 'releases/support-assistant.yaml']]);
});

test('--head defaults to HEAD and branch names resolve', async () => {
  const { root } = pullRequestRepo();
  const { ctx, out } = context(root, { base: 'main', format: 'markdown' });
  assert.equal((await runPlan(ctx)).exitCode, 0);
  assert.match(out.join('\n'), /\*\*1 release changes · 1 weakens its policy ⚠\*\*/);
});

test('a head revision with problems prints them and produces no plan (exit 1)', async () => {
  const { repo, base } = pullRequestRepo();
  const head = repo.commit({ 'policies/model-upgrade.yaml': 'apiVersion: glidepath.dev/v1\nkind: RolloutPolicy\nmetadata: { name: model-upgrade }\nspec: { strategy: canary, stages: [], rollback: [] }\n' }, 'break the policy');
  const { ctx, out } = context(repo.dir, { base, head });
  const outcome = await runPlan(ctx);
  assert.equal(outcome.exitCode, 1);
  const text = out.join('\n');
  assert.match(text, /no plan until they are fixed/);
  assert.match(text, /policies\/model-upgrade\.yaml:\d+:\d+: error:/);
  assert.doesNotMatch(text, /Glidepath plan:/);
});

test('an unknown base revision is a usage error that says how to fetch history in Actions', async () => {
  const { root } = pullRequestRepo();
  const { ctx } = context(root, { base: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', head: 'HEAD' });
  await assert.rejects(runPlan(ctx), (error: unknown) => error instanceof UsageError && /fetch-depth: 0/.test(error.message));
});

test('without --base and outside a pull request, plan asks for the revisions', async () => {
  const { root } = pullRequestRepo();
  await assert.rejects(runPlan(context(root, {}).ctx), (error: unknown) => error instanceof UsageError && /--base REF/.test(error.message));
});

function pullRequestEvent(base: string, head: string): RunEvent {
  const payload = webhookExample('pull_request', 'opened');
  const pr = payload['pull_request'] as { head: { sha: string }; base: { sha: string } };
  // The real payload, pointed at the commits of the temporary repository.
  pr.head.sha = head;
  pr.base.sha = base;
  return readRunEvent(contextFor('pull_request', payload));
}

test('on a pull_request event the plan goes to a check run on the head commit and a sticky comment linking it', async () => {
  const { base, head, root } = pullRequestRepo();
  const fake = createGitHubFake();
  const review = createGitHubReviewChannel(createOctokit('t0ken', { fetch: fake.fetch, throttle: false, retry: false }), { owner: 'Codertocat', repo: 'Hello-World' });
  const event = pullRequestEvent(base, head);
  const { ctx } = context(root, { format: 'github' }, { event, review });
  const outcome = await runPlan(ctx);
  assert.equal(outcome.exitCode, 0);
  assert.equal(fake.checkRuns.length, 1);
  const run = fake.checkRuns[0]!;
  assert.deepEqual([run.name, run.head_sha, run.conclusion], [PLAN_CHECK_NAME, head, 'neutral']);
  assert.equal(run.output.title, '1 release changes · 1 weakens its policy ⚠');
  assert.ok(run.annotations.some((a) => a.path === 'policies/model-upgrade.yaml' && a.start_line === 15 && a.annotation_level === 'warning'));
  assert.equal(fake.comments.length, 1);
  const comment = fake.comments[0]!;
  assert.equal(comment.issueNumber, event.pullRequest?.number);
  assert.ok(comment.body.startsWith(PLAN_MARKER));
  assert.equal(outcome.outputs?.['comment'], 'created');
  assert.equal(outcome.outputs?.['check-url'], `https://github.com/Codertocat/Hello-World/runs/${run.id}`);

  const again = await runPlan(context(root, { format: 'github' }, { event, review }).ctx);
  assert.equal(again.outputs?.['comment'], 'unchanged');
  assert.equal(fake.comments.length, 1);
  fake.assertClean();
});

test('a token without permission to comment leaves a warning naming the permission, and the plan still succeeds', async () => {
  const { base, head, root } = pullRequestRepo();
  const fake = createGitHubFake();
  fake.failNext('checks/create', 403, 'Resource not accessible by integration');
  fake.failNext('issues/create-comment', 403, 'Resource not accessible by integration');
  const review = createGitHubReviewChannel(createOctokit('t0ken', { fetch: fake.fetch, throttle: false, retry: false }), { owner: 'Codertocat', repo: 'Hello-World' });
  const { ctx, out, warnings } = context(root, {}, { event: pullRequestEvent(base, head), review });
  const outcome = await runPlan(ctx);
  assert.equal(outcome.exitCode, 0);
  assert.match(out.join('\n'), /Glidepath plan:/);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]!, /checks: write/);
  assert.match(warnings[1]!, /pull-requests: write/);
  assert.ok(warnings.every((w) => !w.includes('t0ken')));
});

test('on a pull request whose head has problems, the plan check run fails with the problems as annotations', async () => {
  const { repo, base } = pullRequestRepo();
  const head = repo.commit({ 'releases/support-assistant.yaml': 'apiVersion: glidepath.dev/v1\nkind: Release\nmetadata: { name: support-assistant }\nspec: { policy: model-upgrade }\n' }, 'break the release');
  const fake = createGitHubFake();
  const review = createGitHubReviewChannel(createOctokit('t0ken', { fetch: fake.fetch, throttle: false, retry: false }), { owner: 'Codertocat', repo: 'Hello-World' });
  const { ctx, out } = context(repo.dir, { format: 'json' }, { event: pullRequestEvent(base, head), review });
  const outcome = await runPlan(ctx);
  assert.equal(outcome.exitCode, 1);
  const printed = JSON.parse(out.join('\n')) as { problems: { file: string; severity: string }[] };
  assert.ok(printed.problems.some((p) => p.file === 'releases/support-assistant.yaml' && p.severity === 'error'));
  const run = fake.checkRuns[0]!;
  assert.deepEqual([run.name, run.head_sha, run.conclusion], [PLAN_CHECK_NAME, head, 'failure']);
  assert.ok(run.annotations.some((a) => a.path === 'releases/support-assistant.yaml' && a.annotation_level === 'failure'));
  assert.equal(fake.comments.length, 0);
  fake.assertClean();
});
