import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startCommand } from '../../src/commands/start.js';
import { statusCommand } from '../../src/commands/status.js';
import { quickstartRepo, runCommand } from '../support/command-fixture.js';
import { T0 } from '../support/engine-fixture.js';
import { fixedClock } from '../../src/ports/clock.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';
import { UsageError } from '../../src/engine/errors.js';

let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

async function twoRollouts(): Promise<TempGitRepo> {
  const r = quickstartRepo();
  await runCommand(startCommand, r.dir, { release: 'summarizer-prompt' });
  await runCommand(startCommand, r.dir, { release: 'support-assistant' });
  return r;
}

test('status lists every rollout with phase, stage, traffic, time in stage and last decision', async () => {
  repo = await twoRollouts();
  const run = await runCommand(statusCommand, repo.dir, {}, fixedClock(new Date(T0.getTime() + 90 * 60_000)));
  assert.equal(run.outcome.exitCode, 0);
  const lines = run.out.trimEnd().split('\n');
  assert.match(lines[0]!, /^release +phase +stage +traffic +in stage +last decision$/);
  assert.match(lines[1]!, /^summarizer-prompt +progressing +1\. canary-10 +traffic 10% +1h30m +advance 1h30m ago: started at canary-10/);
  assert.match(lines[2]!, /^support-assistant +progressing +1\. shadow +shadow +1h30m /);
  assert.equal(run.outcome.outputs?.['rollouts'], '2');
});

test('status --format md is a table and --format json the recorded states with the branch head', async () => {
  repo = await twoRollouts();
  const md = await runCommand(statusCommand, repo.dir, { format: 'md' });
  assert.match(md.out, /^\| release \| phase \| stage \| traffic \| in stage \| last decision \|\n\|---\|/);
  const json = await runCommand(statusCommand, repo.dir, { format: 'json' });
  const parsed = JSON.parse(json.out) as { stateBranch: string; head: string; rollouts: { release: string }[] };
  assert.equal(parsed.stateBranch, 'glidepath/state');
  assert.equal(parsed.head, repo.git('rev-parse', 'glidepath/state'));
  assert.deepEqual(parsed.rollouts.map((r) => r.release), ['summarizer-prompt', 'support-assistant']);
});

test('status --release narrows to one rollout and exits 1 for a release without one', async () => {
  repo = await twoRollouts();
  const one = await runCommand(statusCommand, repo.dir, { release: 'support-assistant' });
  assert.doesNotMatch(one.out, /summarizer-prompt/);
  repo.commit({}, 'noop');
  const none = await runCommand(statusCommand, repo.dir, { release: 'other' });
  assert.equal(none.outcome.exitCode, 1);
  assert.match(none.out, /other has no rollout on glidepath\/state/);
});

test('status says so when there are no rollouts, and rejects an unknown format', async () => {
  repo = quickstartRepo();
  const run = await runCommand(statusCommand, repo.dir, {});
  assert.match(run.out, /No rollouts\./);
  await assert.rejects(runCommand(statusCommand, repo.dir, { format: 'xml' }), UsageError);
});

test('a root that is not a git repository is a usage error that says why git is needed', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-nogit-'));
  try {
    await assert.rejects(runCommand(statusCommand, dir, {}), (e: Error) => e instanceof UsageError && /is not a git repository: Glidepath keeps rollout state/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
