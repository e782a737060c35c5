import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { approveCommand } from '../../src/commands/approve.js';
import { startCommand } from '../../src/commands/start.js';
import { quickstartRepo, runCommand } from '../support/command-fixture.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';
import { UsageError } from '../../src/engine/errors.js';

let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

test('approve by a listed approver records the approval of the stage that needs it', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'support-assistant' });
  const run = await runCommand(approveCommand, repo.dir, { release: 'support-assistant', by: 'octocat', reason: 'dashboards look good' });
  assert.equal(run.outcome.exitCode, 0, run.out);
  assert.match(run.out, /octocat approved full/);
  const state = JSON.parse(repo.git('show', 'glidepath/state:states/support-assistant.json')) as { approvals: { stage: string; by: string }[] };
  assert.deepEqual(state.approvals.map((a) => [a.stage, a.by]), [['full', 'octocat']]);
  const record = JSON.parse(repo.git('show', 'glidepath/state:audit/support-assistant.jsonl').split('\n').at(-1)!) as { event: string; actor: string };
  assert.deepEqual([record.event, record.actor], ['approval', 'octocat']);
});

test('approve by someone not among the approvers is refused and exits 1', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'support-assistant' });
  const head = repo.git('rev-parse', 'glidepath/state');
  const run = await runCommand(approveCommand, repo.dir, { release: 'support-assistant', by: 'mallory' });
  assert.equal(run.outcome.exitCode, 1);
  assert.match(run.out, /refused {2}mallory may not approve support-assistant: the approvers are octocat/);
  assert.equal(repo.git('rev-parse', 'glidepath/state'), head, 'nothing recorded');
});

test('approve by a bot is refused: an approval is a person\'s decision', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'support-assistant' });
  const run = await runCommand(approveCommand, repo.dir, { release: 'support-assistant', by: 'glidepath[bot]' });
  assert.equal(run.outcome.exitCode, 1);
  assert.match(run.out, /is a bot/);
});

test('approve needs --release and --by', async () => {
  repo = quickstartRepo();
  await assert.rejects(runCommand(approveCommand, repo.dir, { by: 'octocat' }), UsageError);
  await assert.rejects(runCommand(approveCommand, repo.dir, { release: 'support-assistant' }), (e: Error) => e instanceof UsageError && /--by is required/.test(e.message));
});
