import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from '../../src/commands/command.js';
import { startCommand } from '../../src/commands/start.js';
import { evaluateLive } from '../../src/commands/evaluate-live.js';
import { fixedClock } from '../../src/ports/clock.js';
import { quickstartRepo, runCommand, writeMetricsFile } from '../support/command-fixture.js';
import { BAD, GOOD, HOUR, T0 } from '../support/engine-fixture.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';

let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

const live: Command = { name: 'evaluate', summary: '', usage: '', options: {}, run: (ctx) => evaluateLive(ctx, {}) };

test('the live evaluation ticks every active rollout from the files on disk and prints one line each', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'summarizer-prompt' });
  writeMetricsFile(repo.dir, 'summarizer-prompt', GOOD());
  const run = await runCommand(live, repo.dir, {}, fixedClock(new Date(T0.getTime() + 2 * HOUR + 60_000)));
  assert.equal(run.outcome.exitCode, 0, run.out + run.log);
  assert.match(run.out, /^summarizer-prompt {2}full {2}traffic 100% {2}advance {2}canary-10 passed/m);
  assert.deepEqual(JSON.parse(run.outcome.outputs!['decisions']!), { 'summarizer-prompt': 'advance' });
  assert.match(run.outcome.summary!, /\| summarizer-prompt \| progressing \| 2\. full \| traffic 100% \|/);
});

test('the live evaluation exits 1 when a rollout rolls back, and --dry-run lists the actions without taking them', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'summarizer-prompt' });
  writeMetricsFile(repo.dir, 'summarizer-prompt', BAD());
  const clock = fixedClock(new Date(T0.getTime() + 10 * 60_000));
  const dry = await runCommand(live, repo.dir, { 'dry-run': true }, clock);
  assert.match(dry.out, /1\. set traffic: traffic 10% → off \(rollback \(criterion\)/);
  assert.match(dry.out, /open revert: /);
  assert.match(repo.git('show', 'glidepath/state:states/summarizer-prompt.json'), /"phase": "progressing"/);
  const run = await runCommand(live, repo.dir, {}, clock);
  assert.equal(run.outcome.exitCode, 1);
  assert.match(run.out, /summarizer-prompt {2}canary-10 {2}off {2}rollback/);
});
