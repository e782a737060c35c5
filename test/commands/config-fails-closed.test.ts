import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { approveCommand } from '../../src/commands/approve.js';
import { auditCommand } from '../../src/commands/audit.js';
import type { Command, OptionValues } from '../../src/commands/command.js';
import { drillCommand } from '../../src/commands/drill.js';
import { evaluateCommand } from '../../src/commands/evaluate.js';
import { rollbackCommand } from '../../src/commands/rollback.js';
import { startCommand } from '../../src/commands/start.js';
import { statusCommand } from '../../src/commands/status.js';
import { watchCommand } from '../../src/commands/watch.js';
import { quickstartRepo, runCommand, steppingClock } from '../support/command-fixture.js';
import { T0 } from '../support/engine-fixture.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';
import { ConfigurationError, UsageError } from '../../src/engine/errors.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

/**
 * One repository for every test: a live rollout on the custom state branch rollouts/state, then a
 * merge that adds an unknown field to glidepath.yaml (line 10, column 3). The commands below
 * only read, or stop before writing, so they share it.
 */
let repo: TempGitRepo;
before(async () => {
  repo = quickstartRepo();
  const config = readFileSync(join(repo.dir, 'glidepath.yaml'), 'utf8');
  repo.commit({ 'glidepath.yaml': config.replace('stateBranch: glidepath/state', 'stateBranch: rollouts/state') }, 'state on rollouts/state');
  const started = await runCommand(startCommand, repo.dir, { release: 'summarizer-prompt' });
  assert.equal(started.outcome.exitCode, 0, started.out);
  const listed = await runCommand(statusCommand, repo.dir, {});
  assert.match(listed.out, /^summarizer-prompt +progressing/m, 'while glidepath.yaml loads, status reads rollouts/state');
  repo.commit({ 'glidepath.yaml': config.replace('stateBranch: glidepath/state', 'stateBranch: rollouts/state\n  retryLimit: 3') }, 'merge: an unknown field');
});
after(() => repo?.cleanup());

/** Exit 2 (a UsageError without the usage), naming glidepath.yaml's line and column and the field. */
async function assertStopsOnConfig(command: Command, options: OptionValues): Promise<void> {
  await assert.rejects(runCommand(command, repo.dir, options, steppingClock(T0, 60_000)), (error: Error) => {
    assert.ok(error instanceof ConfigurationError && error instanceof UsageError, `${error.name}: ${error.message}`);
    assert.match(error.message, /^glidepath\.yaml does not load, so the branch that holds the rollouts and their audit logs is unknown/);
    assert.match(error.message, /glidepath\.yaml:10:3: error: unknown field `retryLimit` in spec/);
    return true;
  });
}

test('status stops with exit 2 naming the glidepath.yaml line and field, instead of printing "No rollouts."', async () => {
  await assertStopsOnConfig(statusCommand, {});
});

test('audit verify and audit export stop with exit 2 instead of finding no audit logs on another branch', async () => {
  await assertStopsOnConfig(auditCommand, { subcommand: 'verify' });
  await assertStopsOnConfig(auditCommand, { subcommand: 'export', release: 'summarizer-prompt' });
});

test('a live evaluate stops with exit 2 instead of finding no active rollouts, so no rollback criterion goes unchecked in silence', async () => {
  await assertStopsOnConfig(evaluateCommand, {});
  await assertStopsOnConfig(evaluateCommand, { release: 'summarizer-prompt' });
});

test('watch stops on its first tick with exit 2 instead of ending for want of running rollouts', async () => {
  await assertStopsOnConfig(watchCommand, { interval: '0', duration: '1h' });
});

test('start after the merge stops with exit 2 instead of starting nothing', async () => {
  await assertStopsOnConfig(startCommand, {});
});

test('approve, rollback and drill stop with exit 2 rather than act on the default state branch', async () => {
  await assertStopsOnConfig(approveCommand, { release: 'summarizer-prompt', by: 'octocat' });
  await assertStopsOnConfig(rollbackCommand, { release: 'summarizer-prompt', reason: 'errors up' });
  await assertStopsOnConfig(drillCommand, { release: 'summarizer-prompt', by: 'octocat' });
  assert.throws(() => repo.git('rev-parse', '--verify', '--quiet', 'glidepath/state'), 'nothing was written to the default branch');
});

test('the CLI exits 2 and prints the problem without the usage text, since the command was called right', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'status', '--root', repo.dir], { encoding: 'utf8' });
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^glidepath status: glidepath\.yaml does not load/);
  assert.match(run.stderr, /glidepath\.yaml:10:3: error: unknown field `retryLimit`/);
  assert.doesNotMatch(run.stderr, /Usage:/);
});
