import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollbackCommand } from '../../src/commands/rollback.js';
import { startCommand } from '../../src/commands/start.js';
import { quickstartRepo, runCommand } from '../support/command-fixture.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';
import { UsageError } from '../../src/engine/errors.js';

let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

test('rollback restores the champion, records who and why, and points at the revert branch', async () => {
  repo = quickstartRepo();
  const before = repo.git('show', 'HEAD:releases/summarizer-prompt.yaml');
  repo.commit({ 'releases/summarizer-prompt.yaml': before.replace('risk: low', 'risk: medium') }, 'merge: summarizer risk');
  await runCommand(startCommand, repo.dir, {});
  const run = await runCommand(rollbackCommand, repo.dir, { release: 'summarizer-prompt', reason: 'support tickets doubled', by: 'octocat' });
  assert.equal(run.outcome.exitCode, 0);
  assert.match(run.out, /summarizer-prompt {2}canary-10 {2}off {2}rollback {2}support tickets doubled/);
  assert.match(run.out, /champion restored: [\d.]+ ms from the decision to the provider's read-back/);
  const branch = /revert: git branch (\S+) in /.exec(run.out)?.[1];
  assert.ok(branch, run.out);
  assert.equal(repo.git('show', `${branch}:releases/summarizer-prompt.yaml`), before.trimEnd());
  const flags = JSON.parse(readFileSync(join(repo.dir, 'flags/glidepath.flagd.json'), 'utf8')) as { flags: Record<string, { targeting?: unknown }> };
  assert.equal(flags.flags['ticket-summarizer']?.targeting, undefined);
  const log = repo.git('show', 'glidepath/state:audit/summarizer-prompt.jsonl').split('\n');
  const record = JSON.parse(log.at(-1)!) as { actor: string; reason: string; event: string };
  assert.deepEqual([record.event, record.actor, record.reason], ['rollback', 'octocat', 'support tickets doubled']);
});

test('rollback needs --release and --reason', async () => {
  repo = quickstartRepo();
  await assert.rejects(runCommand(rollbackCommand, repo.dir, { reason: 'x' }), (e: Error) => e instanceof UsageError && /--release is required/.test(e.message));
  await assert.rejects(runCommand(rollbackCommand, repo.dir, { release: 'summarizer-prompt' }), (e: Error) => e instanceof UsageError && /--reason is required/.test(e.message));
});

test('rolling back a release with no rollout exits 1 and says so', async () => {
  repo = quickstartRepo();
  const run = await runCommand(rollbackCommand, repo.dir, { release: 'summarizer-prompt', reason: 'x' });
  assert.equal(run.outcome.exitCode, 1);
  assert.match(run.out, /refused {2}summarizer-prompt has no rollout on glidepath\/state/);
});

test('rollback still restores the champion when the release file on disk no longer loads', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'summarizer-prompt' });
  repo.commit({ 'releases/summarizer-prompt.yaml': 'apiVersion: glidepath.dev/v1\nkind: Release\nmetadata: { name: summarizer-prompt }\nspec: [broken\n' }, 'a broken merge');
  const run = await runCommand(rollbackCommand, repo.dir, { release: 'summarizer-prompt', reason: 'the merge broke the release file' });
  assert.equal(run.outcome.exitCode, 0, run.out + run.log);
  assert.match(run.log, /using the Glidepath files of [0-9a-f]{12}, the commit the rollout started from/);
  assert.match(run.out, /rollback/);
});
