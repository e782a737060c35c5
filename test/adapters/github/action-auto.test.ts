import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { run } from '../../../src/main.js';
import { weakeningPullRequest } from '../../core/plan/quickstart.js';
import { quickstartRepo } from '../../support/command-fixture.js';
import { createGitHubFake } from '../../support/github-fake.js';
import { serveCommentCommands } from '../../support/github-fake-comments.js';
import { createTempGitRepo } from '../../support/temp-git-repo.js';
import { contextFor, webhookExample } from './webhook-examples.js';

const TOKEN = 'ghs_actionTokenNeverPrinted';
const cleanup: (() => void)[] = [];
after(() => cleanup.forEach((f) => f()));

/** Runs `run()` as the runner would, with no `command` input (action.yml's default, auto), stdout captured. */
async function runAction(workspace: string, overrides: Parameters<typeof run>[0]): Promise<{ stdout: string; exitCode: typeof process.exitCode; outputs: string; summary: string }> {
  const files = mkdtempSync(join(tmpdir(), 'glidepath-auto-'));
  cleanup.push(() => rmSync(files, { recursive: true, force: true }));
  const outputFile = join(files, 'output');
  const summaryFile = join(files, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env = { 'INPUT_GITHUB-TOKEN': TOKEN, 'INPUT_ROOT': '.', 'INPUT_DRY-RUN': 'false', GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile };
  const saved = { ...process.env };
  const write = process.stdout.write.bind(process.stdout);
  let stdout = '';
  Object.assign(process.env, env);
  delete process.env['INPUT_COMMAND'];
  // @actions/core writes strings; the test runner's own reports are binary and must still go out.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk !== 'string') return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await run(overrides);
    return { stdout, exitCode: process.exitCode, outputs: readFileSync(outputFile, 'utf8'), summary: readFileSync(summaryFile, 'utf8') };
  } finally {
    process.stdout.write = write;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    process.exitCode = undefined;
  }
}

test('with the default command input, a real pull_request payload runs validate and then plan', async () => {
  const pr = weakeningPullRequest();
  const repo = createTempGitRepo(pr.base);
  cleanup.push(() => repo.cleanup());
  const base = repo.git('rev-parse', 'HEAD');
  const head = repo.commit(pr.head, 'weaken');
  const payload = webhookExample('pull_request', 'synchronize');
  const pull = payload['pull_request'] as { head: { sha: string }; base: { sha: string } };
  pull.head.sha = head;
  pull.base.sha = base;
  const fake = createGitHubFake();

  const result = await runAction(repo.dir, { context: contextFor('pull_request', payload), octokit: { fetch: fake.fetch, throttle: false, retry: false } });

  assert.equal(result.exitCode, undefined, result.stdout);
  assert.match(result.stdout, /glidepath: pull_request synchronize: validate the files and plan the rollout/);
  assert.match(result.outputs, /errors<<ghadelimiter_[^\n]+\n0\n/, 'validate ran');
  assert.match(result.outputs, /weakenings<<ghadelimiter_[^\n]+\n1\n/, 'plan ran');
  assert.deepEqual(fake.checkRuns.map((c) => [c.name, c.head_sha]), [['Glidepath / validate', head], ['Glidepath / plan', head]]);
  fake.assertClean();
});

test('with the default command input, a /glidepath comment from a read-only user is answered through the API and the job stays green', async () => {
  const repo = quickstartRepo();
  cleanup.push(() => repo.cleanup());
  const fake = createGitHubFake();
  const github = serveCommentCommands(fake);
  github.permissions.set('Codertocat', 'read');
  const comment = fake.addComment(1, '/glidepath rollback support-assistant', 'Codertocat');
  const payload = webhookExample('issue_comment', 'created');
  (payload['comment'] as { id: number; body: string }).id = comment.id;
  (payload['comment'] as { id: number; body: string }).body = comment.body;

  const result = await runAction(repo.dir, { context: contextFor('issue_comment', payload), octokit: { fetch: fake.fetch, throttle: false, retry: false } });

  assert.equal(result.exitCode, undefined, result.stdout);
  assert.deepEqual(github.reactions.map((r) => [r.commentId, r.content]), [[comment.id, '-1']]);
  assert.match(fake.comments.at(-1)!.body, /Codertocat has read access to this repository/);
  assert.ok(fake.requests.every((r) => r.headers['authorization'] === `token ${TOKEN}`));
  assert.ok(!result.stdout.replace(`::add-mask::${TOKEN}`, '').includes(TOKEN));
  fake.assertClean();
});

test('with the default command input, an event Glidepath does not act on ends green with a notice', async () => {
  const repo = quickstartRepo();
  cleanup.push(() => repo.cleanup());
  const fake = createGitHubFake();
  const result = await runAction(repo.dir, { context: contextFor('star', webhookExample('star')), octokit: { fetch: fake.fetch, throttle: false, retry: false } });
  assert.equal(result.exitCode, undefined, result.stdout);
  assert.match(result.stdout, /nothing to do: Glidepath has nothing to do on star events/);
  assert.deepEqual(fake.requests, []);
});
