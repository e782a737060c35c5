import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCommand } from '../../src/commands/evaluate.js';
import { startCommand } from '../../src/commands/start.js';
import { createLocalGitScm } from '../../src/adapters/scm/local-git.js';
import { fixedClock } from '../../src/ports/clock.js';
import { quickstartRepo, runCommand } from '../support/command-fixture.js';
import { QUICKSTART, T0 } from '../support/engine-fixture.js';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TempGitRepo } from '../support/temp-git-repo.js';

let repo: TempGitRepo | undefined;
afterEach(() => repo?.cleanup());

const later = (hours: number) => fixedClock(new Date(T0.getTime() + hours * 3_600_000));

test('evaluate without a metrics file runs the live tick: a rollout whose metrics are missing holds and never advances', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'support-assistant' });
  const scm = createLocalGitScm(repo.dir);
  const run = await runCommand(evaluateCommand, repo.dir, {}, later(3));
  assert.equal(run.outcome.exitCode, 0, run.out + run.log);
  assert.match(run.out, /support-assistant/);
  assert.match(run.out, /hold/);
  assert.equal(JSON.parse(run.outcome.outputs?.['decisions'] ?? '{}')['support-assistant'], 'hold');
  const state = JSON.parse((await scm.revisions.readFile('glidepath/state', 'states/support-assistant.json'))!) as { stage: string };
  assert.equal(state.stage, 'shadow');
});

test('a live tick with --dry-run prints the actions an advance would take and changes neither the state branch nor the flag', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: 'support-assistant' });
  mkdirSync(join(repo.dir, 'metrics'), { recursive: true });
  copyFileSync(join(QUICKSTART, 'metrics/good/shadow-2.json'), join(repo.dir, 'metrics/support-assistant.json'));
  const scm = createLocalGitScm(repo.dir);
  const before = await scm.revisions.resolve('glidepath/state');
  const flagBefore = readFileSync(join(repo.dir, 'flags/glidepath.flagd.json'), 'utf8');
  const run = await runCommand(evaluateCommand, repo.dir, { 'dry-run': true }, later(3));
  assert.equal(run.outcome.exitCode, 0, run.out + run.log);
  assert.match(run.out, /support-assistant\s+canary-5\s+traffic 5%\s+advance/);
  assert.match(run.out, /1\. set traffic: shadow → traffic 5%/);
  assert.match(run.out, /append audit record: decision advance/);
  assert.equal(await scm.revisions.resolve('glidepath/state'), before);
  assert.equal(readFileSync(join(repo.dir, 'flags/glidepath.flagd.json'), 'utf8'), flagBefore);
});
