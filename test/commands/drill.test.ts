import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drillCommand } from '../../src/commands/drill.js';
import { startCommand } from '../../src/commands/start.js';
import { quickstartRepo, runCommand } from '../support/command-fixture.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';

let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

test('a drill restores the champion, times it, resumes the split and records a drill record', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'summarizer-prompt' });
  const flagsBefore = readFileSync(join(repo.dir, 'flags/glidepath.flagd.json'), 'utf8');
  const stateBefore = repo.git('show', 'glidepath/state:states/summarizer-prompt.json');
  const run = await runCommand(drillCommand, repo.dir, { release: 'summarizer-prompt', by: 'octocat' });
  assert.equal(run.outcome.exitCode, 0, run.out);
  assert.match(run.out, /drill passed: champion restored and read back in [\d.]+ ms, traffic 10% resumed in [\d.]+ ms/);
  assert.match(run.out, /recorded: audit\/summarizer-prompt\.jsonl seq 2/);
  assert.equal(readFileSync(join(repo.dir, 'flags/glidepath.flagd.json'), 'utf8'), flagsBefore, 'the split is back as it was');
  assert.equal(repo.git('show', 'glidepath/state:states/summarizer-prompt.json'), stateBefore, 'a drill does not change the rollout');
  const record = JSON.parse(repo.git('show', 'glidepath/state:audit/summarizer-prompt.jsonl').split('\n').at(-1)!) as { event: string; actor: string; details: { drill: { ok: boolean; decisionToRestoredMs: number; restored: unknown; resumed: unknown } } };
  assert.equal(record.event, 'drill');
  assert.equal(record.actor, 'octocat');
  assert.equal(record.details.drill.ok, true);
  assert.deepEqual(record.details.drill.restored, { mode: 'off', weight: 0 });
  assert.deepEqual(record.details.drill.resumed, { mode: 'traffic', weight: 10 });
  assert.ok(record.details.drill.decisionToRestoredMs >= 0);
  assert.equal(run.outcome.outputs?.['restore-ms'], String(record.details.drill.decisionToRestoredMs));
});

test('a drill needs a live rollout that serves the challenger', async () => {
  repo = quickstartRepo();
  const none = await runCommand(drillCommand, repo.dir, { release: 'summarizer-prompt' });
  assert.equal(none.outcome.exitCode, 1);
  assert.match(none.out, /has no rollout on glidepath\/state; a drill needs a live rollout/);
});

test('a drill refuses to run while the provider disagrees with the recorded split', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'summarizer-prompt' });
  const path = join(repo.dir, 'flags/glidepath.flagd.json');
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { flags: Record<string, { targeting: unknown }> };
  doc.flags['ticket-summarizer']!.targeting = { fractional: [['champion', 50], ['challenger', 50]] };
  (await import('node:fs')).writeFileSync(path, JSON.stringify(doc));
  const run = await runCommand(drillCommand, repo.dir, { release: 'summarizer-prompt' });
  assert.equal(run.outcome.exitCode, 1);
  assert.match(run.out, /serves traffic 50%, the rollout recorded traffic 10%; run `glidepath evaluate` to reconcile/);
});
