import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startCommand } from '../../src/commands/start.js';
import { watchCommand } from '../../src/commands/watch.js';
import { quickstartRepo, runCommand, steppingClock, writeMetricsFile } from '../support/command-fixture.js';
import { BAD, GOOD, T0 } from '../support/engine-fixture.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';
import { UsageError } from '../../src/engine/errors.js';

let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

test('watch ticks until --duration has passed, printing one line per rollout per tick', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'summarizer-prompt' });
  writeMetricsFile(repo.dir, 'summarizer-prompt', GOOD());
  // Each reading of the clock is 20 minutes later: the loop sees time pass without waiting for it.
  const run = await runCommand(watchCommand, repo.dir, { interval: '0', duration: '1h' }, steppingClock(T0, 20 * 60_000));
  assert.equal(run.outcome.exitCode, 0);
  const ticks = run.out.split('\n').filter((l) => / tick \d+: summarizer-prompt /.test(l));
  assert.ok(ticks.length >= 1, run.out);
  assert.match(ticks[0]!, /tick 1: summarizer-prompt {2}canary-10 {2}traffic 10% {2}hold {2}gates pass, bake time not over/);
  assert.match(run.out, /watch ended after \d+ ticks?: --duration 1h reached/);
  assert.equal(run.outcome.outputs?.['ticks'], String(ticks.length));
});

test('watch ends early when no rollout is left running, and exits 1 because the last one rolled back', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'summarizer-prompt' });
  writeMetricsFile(repo.dir, 'summarizer-prompt', BAD());
  const run = await runCommand(watchCommand, repo.dir, { interval: '0', duration: '5h' }, steppingClock(T0, 60_000));
  assert.equal(run.outcome.exitCode, 1, 'a rollback exits 1, as evaluate does');
  assert.match(run.out, /tick 1: summarizer-prompt {2}canary-10 {2}off {2}rollback/);
  assert.match(run.out, /watch ended after 1 tick: no rollout is left running/);
});

test('watch rejects an interval or a duration it cannot read', async () => {
  repo = quickstartRepo();
  await assert.rejects(runCommand(watchCommand, repo.dir, { interval: 'soon' }), (e: Error) => e instanceof UsageError && /--interval is 'soon'/.test(e.message));
  await assert.rejects(runCommand(watchCommand, repo.dir, { duration: 'forever' }), (e: Error) => e instanceof UsageError && /--duration is 'forever'/.test(e.message));
});
