import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { approveCommand } from '../../src/commands/approve.js';
import { auditCommand } from '../../src/commands/audit.js';
import type { Command, OptionValues } from '../../src/commands/command.js';
import { drillCommand } from '../../src/commands/drill.js';
import { evaluateCommand } from '../../src/commands/evaluate.js';
import { rollbackCommand } from '../../src/commands/rollback.js';
import { startCommand } from '../../src/commands/start.js';
import { watchCommand } from '../../src/commands/watch.js';
import { sha256 } from '../../src/adapters/crypto.js';
import { sealRecord, serializeRecord, type AuditRecord } from '../../src/core/audit/chain.js';
import { fixedClock } from '../../src/ports/clock.js';
import { quickstartRepo, runCommand, steppingClock, writeMetricsFile } from '../support/command-fixture.js';
import { GOOD, HOUR, T0 } from '../support/engine-fixture.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';

const RELEASE = 'summarizer-prompt';
const STATE_FILE = `states/${RELEASE}.json`;
let repo: TempGitRepo | undefined;
afterEach(() => repo?.cleanup());

const at = (hours: number) => fixedClock(new Date(T0.getTime() + hours * HOUR));
const flags = (r: TempGitRepo) => readFileSync(join(r.dir, 'flags/glidepath.flagd.json'), 'utf8');

/** Changes the state branch the way someone with push access would: a checkout of the branch, an edit, a plain git commit. */
function editOnStateBranch(r: TempGitRepo, path: string, edit: (text: string) => string | null): void {
  const dir = `${r.dir}-state-edit`;
  r.git('worktree', 'add', '-q', dir, 'glidepath/state');
  try {
    const file = join(dir, path);
    const edited = edit(readFileSync(file, 'utf8'));
    if (edited === null) rmSync(file);
    else writeFileSync(file, edited);
    execFileSync('git', ['-C', dir, 'commit', '-q', '-am', 'ops: adjust the rollout']);
  } finally {
    r.git('worktree', 'remove', '--force', dir);
  }
}

/** The edit: stageStartedAt one year earlier, one byte changed ("2025" to "2024"). */
function backdateStage(r: TempGitRepo): void {
  editOnStateBranch(r, STATE_FILE, (text) => {
    const edited = text.replace('"stageStartedAt": "2025-03-03T08:00:00.000Z"', '"stageStartedAt": "2024-03-03T08:00:00.000Z"');
    assert.notEqual(edited, text, 'the state file has the stage start to edit');
    return edited;
  });
}

async function startedWithGoodMetrics(): Promise<TempGitRepo> {
  const r = quickstartRepo();
  const started = await runCommand(startCommand, r.dir, { release: RELEASE }, at(0));
  assert.equal(started.outcome.exitCode, 0, started.out + started.log);
  writeMetricsFile(r.dir, RELEASE, GOOD());
  return r;
}

test('the issue\'s scenario: one byte of stageStartedAt changed on the state branch fails audit verify, naming the file and seq, and the next tick refuses to promote', async () => {
  repo = await startedWithGoodMetrics();
  const intact = await runCommand(auditCommand, repo.dir, { subcommand: 'verify' });
  assert.equal(intact.outcome.exitCode, 0, intact.out);
  assert.match(intact.out, /audit\/summarizer-prompt\.jsonl: ok — 1 records, chain intact, 1 decision replayed, state sealed at seq 1/);

  backdateStage(repo);
  const verify = await runCommand(auditCommand, repo.dir, { subcommand: 'verify' });
  assert.equal(verify.outcome.exitCode, 1, verify.out);
  assert.match(verify.out, /glidepath\/state:audit\/summarizer-prompt\.jsonl: FAILED — .*the state file does not match the chain/);
  assert.match(verify.out, /glidepath\/state:states\/summarizer-prompt\.json \(sealed at glidepath\/state:audit\/summarizer-prompt\.jsonl seq 1\): .*stageStartedAt \(file "2024-03-03T08:00:00\.000Z", sealed "2025-03-03T08:00:00\.000Z"\)/);
  assert.match(verify.out, /audit verify: 1 of 1 logs FAILED/);

  // One hour into a two-hour bake: the backdated state would have promoted the rollout to 100%.
  const head = repo.git('rev-parse', 'glidepath/state');
  const flagsBefore = flags(repo);
  const tick = await runCommand(evaluateCommand, repo.dir, {}, at(1));
  assert.equal(tick.outcome.exitCode, 1, tick.out + tick.log);
  assert.match(tick.out + tick.log, /glidepath\/state:states\/summarizer-prompt\.json does not match its audit chain \(glidepath\/state:audit\/summarizer-prompt\.jsonl seq 1\): .*stageStartedAt.*Holding/);
  assert.doesNotMatch(tick.out, /advance/);
  assert.equal(flags(repo), flagsBefore, 'no traffic change');
  assert.equal(repo.git('rev-parse', 'glidepath/state'), head, 'no commit');
});

test('restoring the state file from the branch history lets the rollout go on, and its bake time is the real one', async () => {
  repo = await startedWithGoodMetrics();
  backdateStage(repo);
  repo.git('branch', '-q', '-f', 'glidepath/state', 'glidepath/state~1');
  const verify = await runCommand(auditCommand, repo.dir, { subcommand: 'verify' });
  assert.equal(verify.outcome.exitCode, 0, verify.out);
  assert.match(verify.out, /state sealed at seq 1/);
  const tick = await runCommand(evaluateCommand, repo.dir, {}, at(1));
  assert.equal(tick.outcome.exitCode, 0, tick.out + tick.log);
  assert.match(tick.out, /summarizer-prompt\s+canary-10\s+traffic 10%\s+hold/);
});

const acting: { name: string; command: Command; options: OptionValues; clock?: () => ReturnType<typeof steppingClock> }[] = [
  { name: 'start', command: startCommand, options: { release: RELEASE } },
  { name: 'evaluate (a tick)', command: evaluateCommand, options: {} },
  { name: 'watch', command: watchCommand, options: { interval: '0', duration: '1h' }, clock: () => steppingClock(new Date(T0.getTime() + HOUR), 20 * 60_000) },
  { name: 'approve', command: approveCommand, options: { release: RELEASE, by: 'octocat' } },
  { name: 'rollback', command: rollbackCommand, options: { release: RELEASE, reason: 'errors up', by: 'octocat' } },
  { name: 'drill', command: drillCommand, options: { release: RELEASE, by: 'octocat' } },
];

for (const c of acting) {
  test(`${c.name} refuses a state that does not match its audit chain: exit 1, the difference named, no traffic change and no commit`, async () => {
    repo = await startedWithGoodMetrics();
    backdateStage(repo);
    const head = repo.git('rev-parse', 'glidepath/state');
    const flagsBefore = flags(repo);
    const run = await runCommand(c.command, repo.dir, c.options, c.clock?.() ?? at(1));
    assert.equal(run.outcome.exitCode, 1, run.out + run.log);
    assert.match(run.out + run.log, /states\/summarizer-prompt\.json does not match its audit chain .*seq 1.*stageStartedAt \(file "2024-03-03T08:00:00\.000Z", sealed "2025-03-03T08:00:00\.000Z"\)/);
    assert.equal(flags(repo), flagsBefore, 'no traffic change');
    assert.equal(repo.git('rev-parse', 'glidepath/state'), head, 'no commit');
  });
}

test('deleting the state file does not restart a rollout: start refuses while the chain seals a state', async () => {
  repo = await startedWithGoodMetrics();
  editOnStateBranch(repo, STATE_FILE, () => null);
  const head = repo.git('rev-parse', 'glidepath/state');
  const run = await runCommand(startCommand, repo.dir, { release: RELEASE }, at(1));
  assert.equal(run.outcome.exitCode, 1, run.out + run.log);
  assert.match(run.out + run.log, /the state file is missing, but seq 1 seals a state/);
  assert.equal(repo.git('rev-parse', 'glidepath/state'), head);
  const verify = await runCommand(auditCommand, repo.dir, { subcommand: 'verify' });
  assert.equal(verify.outcome.exitCode, 1, verify.out);
  assert.match(verify.out, /states\/summarizer-prompt\.json \(sealed at .*seq 1\): the state file is missing/);
});

test('a chain written before states were sealed keeps verifying, and its rollout keeps being evaluated', async () => {
  repo = await startedWithGoodMetrics();
  // Re-write the log as the old code did: the same records without the sealed state, anchor moved with it.
  let last: AuditRecord | undefined;
  editOnStateBranch(repo, `audit/${RELEASE}.jsonl`, (text) => text.split('\n').filter((l) => l !== '').map((line) => {
    const { seq: _s, prevHash: _p, hash: _h, stateHash: _sh, state: _st, ...draft } = JSON.parse(line) as AuditRecord;
    last = sealRecord(draft, last, sha256);
    return `${serializeRecord(last)}\n`;
  }).join(''));
  editOnStateBranch(repo, `audit/${RELEASE}.head.json`, () => `${JSON.stringify({ seq: last!.seq, hash: last!.hash })}\n`);
  const verify = await runCommand(auditCommand, repo.dir, { subcommand: 'verify' });
  assert.equal(verify.outcome.exitCode, 0, verify.out);
  assert.doesNotMatch(verify.out, /state sealed/);
  const tick = await runCommand(evaluateCommand, repo.dir, {}, at(2.1));
  assert.equal(tick.outcome.exitCode, 0, tick.out + tick.log);
  assert.match(tick.out, /summarizer-prompt\s+full\s+traffic 100%\s+advance/);
  const sealedNow = await runCommand(auditCommand, repo.dir, { subcommand: 'verify' });
  assert.match(sealedNow.out, /ok — 2 records, .*state sealed at seq 2/, 'the first write by the new code seals the state');
});
