import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readRunEvent } from '../../../src/adapters/github/run-event.js';
import { run } from '../../../src/main.js';
import { weakeningPullRequest } from '../../core/plan/quickstart.js';
import { createGitHubFake } from '../../support/github-fake.js';
import { createTempGitRepo } from '../../support/temp-git-repo.js';
import { contextFor, webhookExample } from './webhook-examples.js';

const TOKEN = 'ghs_actionTokenNeverPrinted';
const cleanup: (() => void)[] = [];
after(() => cleanup.forEach((f) => f()));

/** Runs `run()` as the runner would: inputs and file commands through the environment, stdout captured. */
async function runAction(env: Record<string, string>, overrides: Parameters<typeof run>[0]): Promise<{ stdout: string; exitCode: typeof process.exitCode }> {
  const saved = { ...process.env };
  const write = process.stdout.write.bind(process.stdout);
  let stdout = '';
  Object.assign(process.env, env);
  process.stdout.write = ((chunk: string | Uint8Array) => { stdout += String(chunk); return true; }) as typeof process.stdout.write;
  try {
    await run(overrides);
    return { stdout, exitCode: process.exitCode };
  } finally {
    process.stdout.write = write;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    process.exitCode = undefined;
  }
}

test('the Action on a real pull_request.opened payload posts the plan check run on pull_request.head.sha', async () => {
  const pr = weakeningPullRequest();
  const repo = createTempGitRepo(pr.base);
  cleanup.push(() => repo.cleanup());
  const base = repo.git('rev-parse', 'HEAD');
  const head = repo.commit(pr.head, 'weaken');
  const files = mkdtempSync(join(tmpdir(), 'glidepath-action-'));
  cleanup.push(() => rmSync(files, { recursive: true, force: true }));
  const outputFile = join(files, 'output');
  const summaryFile = join(files, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');

  const payload = webhookExample('pull_request', 'opened');
  const pull = payload['pull_request'] as { number: number; head: { sha: string }; base: { sha: string } };
  pull.head.sha = head;
  pull.base.sha = base;
  // GITHUB_SHA on pull_request events is the merge commit: checks must not land there.
  const context = contextFor('pull_request', payload, 'f'.repeat(40));
  const fake = createGitHubFake();

  const { stdout, exitCode } = await runAction({
    'INPUT_COMMAND': 'plan', 'INPUT_GITHUB-TOKEN': TOKEN, 'INPUT_ROOT': '.', 'INPUT_DRY-RUN': 'false',
    GITHUB_WORKSPACE: repo.dir, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile,
  }, { context, octokit: { fetch: fake.fetch, throttle: false, retry: false } });

  assert.equal(exitCode, undefined, stdout);
  fake.assertClean();
  assert.equal(fake.checkRuns.length, 1);
  assert.equal(fake.checkRuns[0]!.head_sha, pull.head.sha);
  assert.equal(readRunEvent(context).headSha, pull.head.sha);
  assert.equal(fake.comments[0]?.issueNumber, pull.number);
  assert.match(readFileSync(summaryFile, 'utf8'), /### Glidepath plan/);
  assert.match(readFileSync(outputFile, 'utf8'), /weakenings<<ghadelimiter_[^\n]+\n1\n/);
  assert.ok(!stdout.replace(`::add-mask::${TOKEN}`, '').includes(TOKEN), 'the token appears only in the mask command');
  assert.ok(fake.requests.every((r) => r.headers['authorization'] === `token ${TOKEN}`));
});
