import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { approveCommand } from '../../src/commands/approve.js';
import { commandCatalog } from '../../src/commands/index.js';
import { pauseCommand } from '../../src/commands/pause.js';
import { startCommand } from '../../src/commands/start.js';
import { UsageError } from '../../src/engine/errors.js';
import { quickstartRepo, runCommand } from '../support/command-fixture.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';

let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

const stateOf = (name: string) => JSON.parse(repo.git('show', `glidepath/state:states/${name}.json`)) as { phase: string; split: unknown; revision: number };

test('glidepath pause holds a running rollout, exits 0, and approve --resume lets it go on at the same split', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'support-assistant' });
  const started = stateOf('support-assistant');
  const paused = await runCommand(pauseCommand, repo.dir, { release: 'support-assistant', reason: 'support queue is on fire', by: 'octocat' });
  assert.equal(paused.outcome.exitCode, 0, paused.out);
  assert.match(paused.out, /support-assistant +shadow +shadow +pause +octocat paused support-assistant at shadow/);
  assert.equal(stateOf('support-assistant').phase, 'paused');
  assert.deepEqual(stateOf('support-assistant').split, started.split);
  const again = await runCommand(pauseCommand, repo.dir, { release: 'support-assistant', reason: 'again', by: 'octocat' });
  assert.equal(again.outcome.exitCode, 0);
  assert.match(again.out, /already paused/);
  const resumed = await runCommand(approveCommand, repo.dir, { release: 'support-assistant', by: 'octocat', resume: true });
  assert.equal(resumed.outcome.exitCode, 0, resumed.out);
  assert.equal(stateOf('support-assistant').phase, 'progressing');
  assert.deepEqual(stateOf('support-assistant').split, started.split);
});

test('glidepath pause needs --release and --reason, exits 1 with the reason for a release with no rollout, and is in the catalogue', async () => {
  repo = quickstartRepo();
  await assert.rejects(runCommand(pauseCommand, repo.dir, { reason: 'x' }), (e: Error) => e instanceof UsageError && /--release is required/.test(e.message));
  await assert.rejects(runCommand(pauseCommand, repo.dir, { release: 'support-assistant' }), (e: Error) => e instanceof UsageError && /--reason is required/.test(e.message));
  const none = await runCommand(pauseCommand, repo.dir, { release: 'support-assistant', reason: 'x', by: 'octocat' });
  assert.equal(none.outcome.exitCode, 1);
  assert.match(none.out, /no rollout on glidepath\/state; there is nothing to pause/);
  assert.ok(commandCatalog.names.includes('pause'));
});
