import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startCommand } from '../../src/commands/start.js';
import { quickstartRepo, runCommand } from '../support/command-fixture.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';
import { UsageError } from '../../src/engine/errors.js';

let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

test('start --release begins that rollout at its first stage and says so in one line', async () => {
  repo = quickstartRepo();
  const run = await runCommand(startCommand, repo.dir, { release: 'summarizer-prompt' });
  assert.equal(run.outcome.exitCode, 0);
  assert.match(run.out, /^summarizer-prompt {2}canary-10 {2}traffic 10% {2}advance {2}started at canary-10/m);
  assert.equal(run.outcome.outputs?.['started'], 'summarizer-prompt');
  assert.match(repo.git('show', 'glidepath/state:states/summarizer-prompt.json'), /"phase": "progressing"/);
});

test('start with no options starts the releases changed by the last merge, and nothing when none changed', async () => {
  repo = quickstartRepo();
  repo.commit({ 'README.md': 'docs only\n' }, 'docs');
  const none = await runCommand(startCommand, repo.dir, {});
  assert.equal(none.outcome.exitCode, 0);
  assert.match(none.out, /No release changed: nothing to start/);
  repo.commit({ 'prompts/support-v2.md': 'You are a precise support assistant. Cite the docs.\n' }, 'merge: sharper support prompt');
  const run = await runCommand(startCommand, repo.dir, {});
  assert.equal(run.outcome.exitCode, 0);
  assert.match(run.out, /^support-assistant {2}shadow {2}shadow {2}advance/m);
});

test('start --base and --head read the changed releases from that range', async () => {
  repo = quickstartRepo();
  const base = repo.git('rev-parse', 'HEAD');
  repo.commit({ 'releases/summarizer-prompt.yaml': repo.git('show', 'HEAD:releases/summarizer-prompt.yaml').replace('risk: low', 'risk: medium') }, 'merge');
  repo.commit({ 'README.md': 'later\n' }, 'later');
  const run = await runCommand(startCommand, repo.dir, { base, head: 'HEAD' });
  assert.equal(run.outcome.exitCode, 0);
  assert.match(run.out, /^summarizer-prompt /m);
});

test('start --dry-run prints the planned actions and changes nothing', async () => {
  repo = quickstartRepo();
  const run = await runCommand(startCommand, repo.dir, { release: 'summarizer-prompt', 'dry-run': true });
  assert.equal(run.outcome.exitCode, 0);
  assert.match(run.out, /1\. set traffic: off → traffic 10% \(start at canary-10\)/);
  assert.match(run.out, /append audit record: start advance/);
  assert.equal(existsSync(join(repo.dir, 'flags/glidepath.flagd.json')), false);
  assert.throws(() => repo.git('rev-parse', '--verify', '--quiet', 'glidepath/state'));
});

test('start refuses --release together with a range, and names an unknown release', async () => {
  repo = quickstartRepo();
  await assert.rejects(runCommand(startCommand, repo.dir, { release: 'summarizer-prompt', base: 'HEAD~1' }), UsageError);
  const run = await runCommand(startCommand, repo.dir, { release: 'nope' });
  assert.equal(run.outcome.exitCode, 1);
  assert.match(run.out, /release nope: no releases\/\*\.yaml with metadata\.name nope/);
});

test('start in a repository with a single commit asks for --release instead of guessing', async () => {
  repo = quickstartRepo();
  const run = await runCommand(startCommand, repo.dir, {});
  assert.equal(run.outcome.exitCode, 1);
  assert.match(run.out, /base HEAD~1 does not exist.*--release/);
});
