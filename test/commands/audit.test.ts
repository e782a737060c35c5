import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { auditCommand } from '../../src/commands/audit.js';
import { rollbackCommand } from '../../src/commands/rollback.js';
import { startCommand } from '../../src/commands/start.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLocalGitScm } from '../../src/adapters/scm/local-git.js';
import { quickstartRepo, runCommand } from '../support/command-fixture.js';
import { sealRecord, serializeRecord, type AuditRecord } from '../../src/core/audit/chain.js';
import { sha256 } from '../../src/adapters/crypto.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';
import { UsageError } from '../../src/engine/errors.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

async function withHistory(): Promise<TempGitRepo> {
  const r = quickstartRepo();
  await runCommand(startCommand, r.dir, { release: 'summarizer-prompt' });
  await runCommand(startCommand, r.dir, { release: 'support-assistant' });
  await runCommand(rollbackCommand, r.dir, { release: 'summarizer-prompt', reason: 'errors up', by: 'octocat' });
  return r;
}

/** Rewrites one line of a log on the state branch, as a hand edit would. */
async function editLog(r: TempGitRepo, release: string, edit: (lines: string[]) => void): Promise<void> {
  const scm = createLocalGitScm(r.dir);
  const head = (await scm.revisions.resolve('glidepath/state'))!;
  const lines = (await scm.revisions.readFile(head, `audit/${release}.jsonl`))!.split('\n');
  edit(lines);
  await scm.branch('glidepath/state').commit({ expectedHead: head, files: [{ path: `audit/${release}.jsonl`, content: lines.join('\n') }], message: 'edit' });
}

test('audit verify recomputes every chain and replays the decisions: intact logs pass', async () => {
  repo = await withHistory();
  const run = await runCommand(auditCommand, repo.dir, { subcommand: 'verify' });
  assert.equal(run.outcome.exitCode, 0, run.out);
  assert.match(run.out, /glidepath\/state:audit\/summarizer-prompt\.jsonl: ok — 2 records, chain intact, 1 decision replayed/);
  assert.match(run.out, /glidepath\/state:audit\/support-assistant\.jsonl: ok — 1 records/);
  assert.match(run.out, /audit verify: 2 logs intact/);
});

test('audit verify exits 1 and names the line and seq of an altered record', async () => {
  repo = await withHistory();
  await editLog(repo, 'summarizer-prompt', (lines) => {
    lines[0] = lines[0]!.replace('"actor":"glidepath[bot]"', '"actor":"glidepath[bat]"');
  });
  const run = await runCommand(auditCommand, repo.dir, { subcommand: 'verify', release: 'summarizer-prompt' });
  assert.equal(run.outcome.exitCode, 1);
  assert.match(run.out, /audit\/summarizer-prompt\.jsonl:1 \(seq 1\): record content does not match its hash/);
  assert.match(run.out, /audit verify: 1 of 1 logs FAILED/);
});

test('audit verify finds a deleted record by the gap it leaves', async () => {
  repo = await withHistory();
  await editLog(repo, 'summarizer-prompt', (lines) => lines.splice(0, 1));
  const run = await runCommand(auditCommand, repo.dir, { subcommand: 'verify' });
  assert.equal(run.outcome.exitCode, 1);
  assert.match(run.out, /summarizer-prompt\.jsonl:1 \(seq 2\): the first record has seq 2, not 1/);
});

test('audit verify finds records cut from the end of a log, which the chain alone cannot see', async () => {
  repo = await withHistory();
  // The last line is the trailing newline's empty string; drop the last record before it.
  await editLog(repo, 'summarizer-prompt', (lines) => lines.splice(lines.length - 2, 1));
  const run = await runCommand(auditCommand, repo.dir, { subcommand: 'verify', release: 'summarizer-prompt' });
  assert.equal(run.outcome.exitCode, 1, run.out);
  assert.match(run.out, /the log ends at seq 1, but glidepath\/state:audit\/summarizer-prompt\.head\.json says its last record is seq 2 \([0-9a-f]{12}…\): records were removed from the end/);
});

test('audit verify exits 1 when a decision was edited and the chain re-sealed: the decision no longer follows from its evidence', async () => {
  repo = await withHistory();
  await editLog(repo, 'summarizer-prompt', (lines) => {
    const records = lines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as AuditRecord);
    let previous: AuditRecord | undefined;
    const resealed = records.map((record, i) => {
      const { seq: _seq, prevHash: _prev, hash: _hash, ...draft } = record;
      const edited = i === 0 ? { ...draft, decision: 'hold' as const } : draft;
      previous = sealRecord(edited, previous, sha256);
      return serializeRecord(previous);
    });
    lines.splice(0, lines.length, ...resealed, '');
  });
  // A thorough forger moves the anchor too, so only the replay can catch it.
  const scm = createLocalGitScm(repo.dir);
  const head = (await scm.revisions.resolve('glidepath/state'))!;
  const last = (await scm.revisions.readFile(head, 'audit/summarizer-prompt.jsonl'))!.trim().split('\n').map((l) => JSON.parse(l) as AuditRecord).at(-1)!;
  await scm.branch('glidepath/state').commit({ expectedHead: head, files: [{ path: 'audit/summarizer-prompt.head.json', content: JSON.stringify({ seq: last.seq, hash: last.hash }) }], message: 'forge anchor' });
  const run = await runCommand(auditCommand, repo.dir, { subcommand: 'verify', release: 'summarizer-prompt' });
  assert.equal(run.outcome.exitCode, 1, run.out);
  assert.match(run.out, /0 chain problems, 1 decision that no longer follows/);
  assert.match(run.out, /summarizer-prompt\.jsonl:1 \(seq 1\): recorded hold, but the recorded evidence gives advance/);
});

test('audit export writes a compliance report in Markdown or JSON', async () => {
  repo = await withHistory();
  const md = await runCommand(auditCommand, repo.dir, { subcommand: 'export', release: 'summarizer-prompt' });
  assert.equal(md.outcome.exitCode, 0);
  assert.match(md.out, /summarizer-prompt/);
  assert.match(md.out, /octocat/);
  const json = await runCommand(auditCommand, repo.dir, { subcommand: 'export', release: 'summarizer-prompt', format: 'json' });
  const parsed = JSON.parse(json.out) as { release: string };
  assert.equal(parsed.release, 'summarizer-prompt');
  await assert.rejects(runCommand(auditCommand, repo.dir, { subcommand: 'export', release: 'summarizer-prompt', format: 'csv' }), UsageError);
  const missing = await runCommand(auditCommand, repo.dir, { subcommand: 'export', release: 'nope' });
  assert.equal(missing.outcome.exitCode, 1);
});

test('audit needs a subcommand; the CLI passes `audit verify` through and rejects an unknown one', async () => {
  repo = quickstartRepo();
  await assert.rejects(runCommand(auditCommand, repo.dir, {}), (e: Error) => e instanceof UsageError && /verify or export/.test(e.message));
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args, '--root', repo.dir], { encoding: 'utf8' });
  const verify = cli('audit', 'verify');
  assert.equal(verify.status, 0, verify.stderr);
  assert.match(verify.stdout, /No audit logs on glidepath\/state/);
  const bogus = cli('audit', 'bogus');
  assert.equal(bogus.status, 2);
  assert.match(bogus.stderr, /unknown subcommand 'bogus'; use one of: verify, export/);
  const extra = cli('status', 'extra');
  assert.equal(extra.status, 2, 'commands without subcommands still take no positionals');
  assert.match(extra.stderr, /Unexpected argument 'extra'/i);
});
