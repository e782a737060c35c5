import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { evaluateCommand } from '../../src/commands/evaluate.js';
import type { CommandContext, CommandOutcome, OptionValues } from '../../src/commands/command.js';
import { fixedClock } from '../../src/ports/clock.js';
import { UsageError } from '../../src/engine/errors.js';
import { createRuntime } from '../../src/runtime.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const quickstart = resolve(repoRoot, 'examples/quickstart');
const metricsFile = (variant: 'good' | 'bad', tick: string) => resolve(quickstart, 'metrics', variant, `${tick}.json`);

interface Run {
  readonly outcome: CommandOutcome;
  readonly out: string;
  readonly warnings: string[];
}

async function evaluate(options: OptionValues): Promise<Run> {
  let out = '';
  const warnings: string[] = [];
  const ctx: CommandContext = {
    root: quickstart,
    options: { format: 'json', ...options },
    print: (text) => (out += text),
    logger: { info: () => {}, warn: (m) => warnings.push(m), debug: () => {} },
    clock: fixedClock(new Date('2026-11-16T18:00:00Z')),
    env: {},
    runtime: createRuntime(),
  };
  const outcome = await evaluateCommand.run(ctx);
  return { outcome, out, warnings };
}

interface Report {
  decision: string;
  outcome: string;
  stage: string;
  reason: string;
  at: string;
  dryRun: boolean;
  srm: { verdict: string; pValue: number | null };
  samples: { control: number; canary: number };
  gates: { gate: string; metric: string; test: string; statistic: number; pValue: number; interval: [number | null, number | null]; effect: number; n: { control: number; canary: number }; verdict: string; reason: string }[];
  rollback: { gate: string; verdict: string; fired: boolean }[];
  sourceError: string | null;
}

test('a good challenger at canary-5 passes every gate and advances', async () => {
  const run = await evaluate({ release: 'support-assistant', stage: 'canary-5', 'metrics-file': metricsFile('good', 'canary-5-3') });
  const report = JSON.parse(run.out) as Report;
  assert.equal(run.outcome.exitCode, 0);
  assert.equal(report.decision, 'advance');
  assert.equal(report.outcome, 'pass');
  assert.equal(report.stage, 'canary-5');
  assert.equal(report.srm.verdict, 'ok');
  assert.ok(report.srm.pValue! > 0.001);
  assert.deepEqual(report.gates.map((g) => [g.gate, g.metric, g.test, g.verdict]), [
    ['errors', 'error_rate', 'proportions', 'pass'],
    ['latency', 'latency_ms', 'mann-whitney', 'pass'],
    ['cost', 'cost_per_call', 'welch', 'pass'],
  ]);
  for (const g of report.gates) {
    assert.equal(typeof g.statistic, 'number');
    assert.equal(typeof g.pValue, 'number');
    assert.equal(typeof g.effect, 'number');
    assert.equal(g.interval.length, 2);
    assert.ok(g.n.canary > 4_000 && g.n.control > 90_000);
  }
  assert.deepEqual(report.rollback.map((r) => r.fired), [false, false, false]);
  assert.deepEqual(run.outcome.outputs, { decision: 'advance', outcome: 'pass', stage: 'canary-5' });
  assert.equal(report.at, '2026-11-16T18:00:00.000Z');
  assert.equal(report.dryRun, true);
});

test('a bad challenger at canary-5 fails latency and cost, rolls back and exits 1', async () => {
  const run = await evaluate({ release: 'support-assistant', stage: 'canary-5', 'metrics-file': metricsFile('bad', 'canary-5-1') });
  const report = JSON.parse(run.out) as Report;
  assert.equal(run.outcome.exitCode, 1);
  assert.equal(report.decision, 'rollback');
  assert.equal(report.outcome, 'fail');
  assert.deepEqual(report.gates.filter((g) => g.verdict === 'fail').map((g) => g.gate), ['latency', 'cost']);
  assert.match(report.reason, /\(onFailure: rollback\)$/);
});

test('too few requests hold, with the counts in the headline', async () => {
  const run = await evaluate({ release: 'support-assistant', stage: 'canary-5', 'metrics-file': metricsFile('good', 'canary-5-1'), format: 'text' });
  assert.equal(run.outcome.exitCode, 0);
  assert.match(run.out.split('\n')[0]!, /^HOLD canary-5: too few requests yet: n = 1,320 canary \/ 24,093 control, below minSamples 2,000 per arm$/);
  assert.match(run.out, /split: ok — the canary received/);
});

test('without --stage the first stage with gates is judged', async () => {
  const run = await evaluate({ release: 'support-assistant', 'metrics-file': metricsFile('good', 'shadow-1') });
  const report = JSON.parse(run.out) as Report;
  assert.equal(report.stage, 'shadow');
  assert.equal(report.srm.verdict, 'not-applicable');
  assert.deepEqual(report.gates.map((g) => [g.gate, g.verdict]), [['latency-p99', 'pass']]);
});

test('a missing metrics file is judged as no data and holds', async () => {
  const run = await evaluate({ release: 'support-assistant', stage: 'canary-5', 'metrics-file': resolve(quickstart, 'metrics/none.json') });
  const report = JSON.parse(run.out) as Report;
  assert.equal(run.outcome.exitCode, 0);
  assert.equal(report.decision, 'hold');
  assert.equal(report.outcome, 'no-data');
  assert.match(report.sourceError!, /none\.json does not exist/);
});

test('an unknown release or stage is a usage error that suggests the likely name', async () => {
  await assert.rejects(evaluate({ release: 'support-asistant', 'metrics-file': metricsFile('good', 'canary-5-1') }), (e: Error) => e instanceof UsageError && /no release named 'support-asistant' — did you mean `support-assistant`\?\. Releases: summarizer-prompt, support-assistant/.test(e.message));
  await assert.rejects(evaluate({ release: 'support-assistant', stage: 'canary5', 'metrics-file': metricsFile('good', 'canary-5-1') }), (e: Error) => e instanceof UsageError && /policy model-upgrade has no stage 'canary5' — did you mean `canary-5`\?\. Stages: shadow, canary-5, canary-25, full/.test(e.message));
});

test('the options are checked: --release with a metrics file, a valid --now and format, and no --now on a live tick', async () => {
  await assert.rejects(evaluate({ 'metrics-file': metricsFile('good', 'canary-5-1') }), /--release NAME is required with --metrics-file/);
  await assert.rejects(evaluate({ release: 'support-assistant', 'metrics-file': metricsFile('good', 'canary-5-1'), now: 'tomorrow' }), /--now is 'tomorrow'; give an ISO time/);
  await assert.rejects(evaluate({ release: 'support-assistant', 'metrics-file': metricsFile('good', 'canary-5-1'), format: 'markdown' }), /--format is 'markdown'; use one of: text, json/);
  await assert.rejects(evaluate({ release: 'support-assistant', now: '2026-11-16T11:00:00Z' }), (e: Error) => e instanceof UsageError && /--now applies to an offline evaluation/.test(e.message));
});

test('--now sets the evaluation time, and a window that ends after it is warned about', async () => {
  const run = await evaluate({ release: 'support-assistant', stage: 'canary-5', 'metrics-file': metricsFile('good', 'canary-5-3'), now: '2026-11-16T11:00:00Z' });
  assert.equal((JSON.parse(run.out) as Report).at, '2026-11-16T11:00:00.000Z');
  assert.match(run.warnings.join('\n'), /the metrics window ends at 2026-11-16T12:00:00Z, after the evaluation time 2026-11-16T11:00:00\.000Z/);
});

test('the CLI prints the documented JSON fields and exits with the decision', () => {
  const child = spawnSync(
    resolve(repoRoot, 'node_modules/.bin/node'),
    ['--import', 'tsx', 'src/cli.ts', 'evaluate', '--root', 'examples/quickstart', '--release', 'support-assistant', '--stage', 'canary-25', '--metrics-file', 'examples/quickstart/metrics/bad/canary-25-1.json', '--now', '2026-11-16T18:00:00Z', '--dry-run', '--format', 'json'],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  assert.equal(child.status, 1, child.stderr);
  const report = JSON.parse(child.stdout) as Report & Record<string, unknown>;
  for (const key of ['decision', 'stage', 'srm', 'gates', 'rollback', 'outcome', 'reason']) assert.ok(key in report, key);
  assert.ok('pValue' in report.srm && 'verdict' in report.srm);
  for (const key of ['gate', 'metric', 'test', 'statistic', 'pValue', 'interval', 'effect', 'n', 'verdict', 'reason']) assert.ok(key in report.gates[0]!, key);
  assert.equal(report.decision, 'rollback');
  assert.equal(report.stage, 'canary-25');
});
