import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseDocument } from 'yaml';
import { createLocalGitScm, DEFAULT_GIT_IDENTITY } from '../adapters/scm/local-git.js';
import { createStateStore, DEFAULT_STATE_BRANCH, auditPath } from '../engine/state-store.js';
import { describeSplit } from '../core/rollout/split.js';
import type { RolloutState } from '../core/rollout/types.js';
import { fixedClock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Runtime } from './command.js';
import { checkAuditLogs, formatAuditCheck } from '../engine/audit-check.js';
import { BOT_ACTOR, type EngineContext } from '../engine/context.js';
import type { ReleaseOutcome } from '../engine/retry-on-conflict.js';
import { runApprove } from '../engine/run-approve.js';
import { runStart } from '../engine/run-start.js';
import { runTick } from '../engine/run-tick.js';

const run = promisify(execFile);

const RELEASE = 'support-assistant';
const RELEASE_FILE = `releases/${RELEASE}.yaml`;
const METRICS_FILE = `metrics/${RELEASE}.json`;
const APPROVER = 'octocat';
/** The bundled metrics were exported for this day (see scripts/make-quickstart-metrics.ts). */
const DAY_START = Date.parse('2026-11-16T09:00:00Z');
const MINUTE = 60_000;
/** Who makes the demo's "merge" commits: the demo needs no git configuration of its own. */
const DEMO_AUTHOR = ['-c', 'user.name=Glidepath demo', '-c', 'user.email=demo@glidepath.invalid', '-c', 'commit.gpgsign=false'];

/** One tick of a scenario: when (minutes after 09:00), and which exported metrics file is current then. */
interface Step {
  readonly at: number;
  readonly metrics: string;
}

/** The good challenger's day: shadow, two canaries, an approval before 100%, the watch. */
const GOOD_DAY: readonly Step[] = [
  { at: 30, metrics: 'shadow-1' },
  { at: 60, metrics: 'shadow-2' },
  { at: 120, metrics: 'canary-5-1' },
  { at: 180, metrics: 'canary-5-2' },
  { at: 240, metrics: 'canary-25-1' },
  { at: 300, metrics: 'canary-25-2' },
  { at: 301, metrics: 'canary-25-2' },
  { at: 360, metrics: 'full-1' },
  { at: 420, metrics: 'full-2' },
  { at: 480, metrics: 'full-2' },
];

/** The bad challenger's attempt, the next day at the same times. */
const BAD_DAY: readonly Step[] = GOOD_DAY.map((step) => ({ at: step.at + 24 * 60, metrics: step.metrics }));

export interface DemoOptions {
  readonly print: (text: string) => void;
  readonly logger: Logger;
  /** The example repository to copy (examples/quickstart). */
  readonly quickstart: string;
  /** Providers, metric sources and hashing; the demo makes its own throwaway clone. */
  readonly runtime: Pick<Runtime, 'adapters' | 'sha256' | 'readRepository' | 'fetch' | 'signal' | 'flagFiles'>;
  /** Where to make the temporary repository (default: the OS temp dir). */
  readonly tmp?: string;
}

export interface DemoReport {
  readonly ok: boolean;
  readonly dir: string;
  readonly checks: readonly { readonly ok: boolean; readonly what: string }[];
}

/**
 * The whole loop on a throwaway repository, with no network and no configuration: merge a release,
 * start, judge bundled metrics tick by tick (a fake clock steps past each stage's bake time),
 * approve the 100% stage, complete; then merge a worse challenger and watch it rolled back with a
 * revert branch; then verify the audit log, tamper with one byte and verify again.
 */
export async function runDemo(options: DemoOptions): Promise<DemoReport> {
  const { print } = options;
  const dir = mkdtempSync(join(options.tmp ?? tmpdir(), 'glidepath-demo-'));
  const git = async (...args: string[]) => (await run('git', ['-C', dir, ...DEMO_AUTHOR, ...args], { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } })).stdout.trim();
  const checks: { ok: boolean; what: string }[] = [];
  const check = (ok: boolean, what: string) => {
    checks.push({ ok, what });
    print(`${ok ? '✓' : '✗'} ${what}`);
  };

  print(`Glidepath demo: a throwaway repository in ${dir}`);
  print('');
  copyQuickstart(options.quickstart, dir);
  const original = readFileSync(join(dir, RELEASE_FILE), 'utf8');
  writeFileSync(join(dir, RELEASE_FILE), swapBundles(original, (doc) => doc.setIn(['spec', 'challenger'], doc.getIn(['spec', 'champion'], true))));
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'Support assistant on gpt-4o (today\'s champion)');

  const clock = fixedClock(new Date(DAY_START));
  const { providers, metricsSources } = await options.runtime.adapters();
  const engine: EngineContext = {
    root: dir,
    scm: createLocalGitScm(dir, { author: DEFAULT_GIT_IDENTITY }),
    clock,
    logger: options.logger,
    sha256: options.runtime.sha256,
    readRepository: options.runtime.readRepository,
    providers,
    // The demo's providers read files only: no environment or network reaches them.
    adapterDeps: { env: {}, fetch: options.runtime.fetch, signal: options.runtime.signal },
    flagFiles: options.runtime.flagFiles,
    metricsSources,
    actor: BOT_ACTOR,
    dryRun: false,
    baseBranch: 'main',
  };
  const store = createStateStore(engine.scm.branch(DEFAULT_STATE_BRANCH), { sha256: engine.sha256 });
  const state = async (): Promise<RolloutState | undefined> => (await store.load()).states.get(RELEASE);

  // Scenario 1: the good challenger.
  print('== 1. Merge "upgrade the support assistant to gpt-4.1" and roll it out (good challenger)');
  writeFileSync(join(dir, RELEASE_FILE), original);
  await git('commit', '-q', '-am', 'Merge pull request #1: upgrade the support assistant to gpt-4.1 with the v2 prompt');
  await startRelease(engine, print);
  await playDay(engine, options, dir, 'good', GOOD_DAY, state);
  const good = await state();
  check(good?.phase === 'complete', `good challenger promoted to 100% and completed (phase: ${good?.phase ?? 'none'})`);
  check((good?.approvals ?? []).some((a) => a.by === APPROVER), `the 100% stage waited for ${APPROVER}'s approval`);

  // Scenario 2: a worse challenger, the next day.
  print('');
  print('== 2. Merge "try gpt-4.1-mini" and roll it out (bad challenger)');
  clock.set(new Date(DAY_START + 24 * 60 * MINUTE));
  writeFileSync(join(dir, RELEASE_FILE), swapBundles(original, (doc) => {
    // Yesterday's challenger is today's champion; the new challenger is a smaller model.
    doc.setIn(['spec', 'champion'], doc.getIn(['spec', 'challenger'], true));
    doc.setIn(['spec', 'challenger', 'model'], 'openai/gpt-4.1-mini-2025-04-14');
    doc.setIn(['metadata', 'description'], 'Try gpt-4.1-mini for the support assistant: cheaper, hopefully as good.');
  }));
  await git('commit', '-q', '-am', 'Merge pull request #2: try gpt-4.1-mini for the support assistant');
  await startRelease(engine, print);
  const rollback = await playDay(engine, options, dir, 'bad', BAD_DAY, state);
  const bad = await state();
  check(bad?.phase === 'rolled-back', `bad challenger rolled back (phase: ${bad?.phase ?? 'none'}${bad?.rolledBack ? `, at ${bad.stage}: ${bad.rolledBack.reason}` : ''})`);
  const flags = JSON.parse(readFileSync(join(dir, 'flags/glidepath.flagd.json'), 'utf8')) as { flags: Record<string, { targeting?: unknown; defaultVariant?: string }> };
  const flag = flags.flags['support-assistant-model'];
  check(flag?.targeting === undefined && flag?.defaultVariant === 'champion', 'the flag serves the champion to everyone again');
  const execution = rollback?.execution;
  const revert = execution?.status === 'committed' ? execution.revert : undefined;
  const timing = execution?.status === 'committed' ? execution.traffic[0] : undefined;
  if (timing?.sinceMetricsMs !== undefined) {
    check(timing.sinceMetricsMs + timing.applyMs <= 1000, `champion restored ${round(timing.sinceMetricsMs + timing.applyMs)} ms after the metrics arrived (the limit is 1 s)`);
  }
  check(revert !== undefined && (await engine.scm.branch(revert.branch).head()) !== null, `revert branch ${revert?.branch ?? '(none)'} holds the previous ${RELEASE_FILE} and the evidence`);

  // The audit log: verify, tamper, verify again.
  print('');
  print('== 3. Verify the audit log, then tamper with one byte and verify again');
  const intact = await checkAuditLogs(store, engine.sha256);
  for (const c of intact) formatAuditCheck(c).forEach((line) => print(`   ${line}`));
  check(intact.length > 0 && intact.every((c) => c.ok), 'audit verify passes on the untouched log');
  const tampered = await tamperWithOneByte(engine);
  print(`   (changed one byte of line ${tampered.line}, seq ${tampered.seq}: '${tampered.from}' → '${tampered.to}' in "${tampered.field}")`);
  const broken = await checkAuditLogs(store, engine.sha256);
  for (const c of broken) formatAuditCheck(c).forEach((line) => print(`   ${line}`));
  const named = broken.some((c) => c.chainProblems.some((p) => p.seq === tampered.seq && p.line === tampered.line));
  check(broken.some((c) => !c.ok) && named, `audit verify fails and names the altered record (line ${tampered.line}, seq ${tampered.seq})`);

  const ok = checks.every((c) => c.ok);
  print('');
  print(ok ? 'Everything behaved as expected.' : 'Something did not behave as expected (see ✗ above).');
  print(`Inspect the repository: ${dir}`);
  print(`  git -C ${dir} log --oneline ${DEFAULT_STATE_BRANCH}        # one commit per decision`);
  print(`  git -C ${dir} show ${DEFAULT_STATE_BRANCH}:${auditPath(RELEASE)} | head -3`);
  if (revert) print(`  git -C ${dir} show ${revert.branch}                     # the revert, with the evidence`);
  print(`  cat ${join(dir, 'flags/glidepath.flagd.json')}`);
  return { ok, dir, checks };
}

async function startRelease(engine: EngineContext, print: (text: string) => void): Promise<void> {
  const report = await runStart(engine);
  for (const outcome of report.outcomes) print(line(engine, outcome));
}

/** Ticks through a day: before each tick the "export step" writes the current metrics file. */
async function playDay(
  engine: EngineContext,
  options: DemoOptions,
  dir: string,
  variant: 'good' | 'bad',
  steps: readonly Step[],
  state: () => Promise<RolloutState | undefined>,
): Promise<ReleaseOutcome | undefined> {
  let rollback: ReleaseOutcome | undefined;
  for (const step of steps) {
    const current = await state();
    if (!current || current.phase === 'complete' || current.phase === 'rolled-back') break;
    (engine.clock as ReturnType<typeof fixedClock>).set(new Date(DAY_START + step.at * MINUTE));
    mkdirSync(join(dir, 'metrics'), { recursive: true });
    writeFileSync(join(dir, METRICS_FILE), readFileSync(join(options.quickstart, 'metrics', variant, `${step.metrics}.json`)));
    const report = await runTick(engine, { release: RELEASE });
    for (const outcome of report.outcomes) {
      options.print(line(engine, outcome));
      if (outcome.decision === 'rollback') rollback = outcome;
    }
    const after = await state();
    if (after?.lastDecision?.code === 'awaiting-approval') {
      const approval = await runApprove({ ...engine, actor: APPROVER }, { release: RELEASE, by: APPROVER, reason: 'dashboards look good' });
      options.print(line(engine, approval, 'approve'));
    }
  }
  return rollback;
}

function line(engine: EngineContext, outcome: ReleaseOutcome, label?: string): string {
  const time = engine.clock.now().toISOString().slice(11, 16);
  const decision = label ?? outcome.decision;
  return `  ${time}  ${outcome.stage.padEnd(9)}  ${describeSplit(outcome.split).padEnd(12)}  ${decision.padEnd(9)}  ${outcome.reason}`;
}

function copyQuickstart(from: string, to: string): void {
  if (!existsSync(join(from, 'glidepath.yaml'))) throw new Error(`the quickstart example is missing: ${from} has no glidepath.yaml`);
  // The exported metric sets stay outside: the demo plays the export step, one file per tick.
  cpSync(from, to, { recursive: true, filter: (src) => !/[/\\]metrics[/\\](good|bad)([/\\]|$)/.test(src) });
  writeFileSync(join(to, '.gitignore'), '# Written by the export step before each tick, and by Glidepath\'s flagd provider.\nmetrics/*.json\nflags/\n');
}

function swapBundles(text: string, edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(text);
  edit(doc);
  return doc.toString();
}

/** Flips one letter inside the reason of an advance record on the state branch, as a hand edit would. */
async function tamperWithOneByte(engine: EngineContext): Promise<{ line: number; seq: number; from: string; to: string; field: string }> {
  const state = engine.scm.branch(DEFAULT_STATE_BRANCH);
  const head = (await state.head())!;
  const text = Buffer.from((await state.readFiles(head, [auditPath(RELEASE)])).get(auditPath(RELEASE))!).toString('utf8');
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes('"decision":"advance"') && l.includes('"event":"decision"'));
  const target = lines[index]!;
  const at = target.indexOf('"reason":"') + '"reason":"'.length;
  const offset = [...target.slice(at)].findIndex((ch) => /[a-z]/.test(ch)) + at;
  const from = target[offset]!;
  const to = from === 'a' ? 'b' : 'a';
  lines[index] = `${target.slice(0, offset)}${to}${target.slice(offset + 1)}`;
  const seq = (JSON.parse(target) as { seq: number }).seq;
  const result = await state.commit({ expectedHead: head, files: [{ path: auditPath(RELEASE), content: lines.join('\n') }], message: 'an edit by hand' });
  if (result.status !== 'committed') throw new Error('the demo could not write the tampered log');
  return { line: index + 1, seq, from, to, field: 'reason' };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
