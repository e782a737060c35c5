// `npm run bench`: whole-process wall time and peak memory of `validate` and `plan` on a
// generated repository (1,000 releases, 100 policies), and of `validate` on examples/quickstart
// against `node -e 0`, run as users run them (bin/glidepath.js, which runs the bundled dist/ on
// Node 24 with the compile cache on), plus the statistics micro-benchmarks. Figures go to stdout
// as Markdown and to .tmp/bench.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateRepository } from './generate-repository.js';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const releases = Number(process.env['BENCH_RELEASES'] ?? 1000);
const policies = Number(process.env['BENCH_POLICIES'] ?? 100);
const bin = join(root, 'bin/glidepath.js');

interface Measurement { name: string; medianMs: number; maxMs: number; peakRssMiB: number; exitCode: number | null; target?: string }

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' } });
}

/**
 * Runs `glidepath args` `runs` times after one run that is not counted: the first start after an
 * install or a build compiles the bundle into Node's compile cache, and every later one reads it.
 * Standard output goes to a file, as `> plan.json` sends it: read through a pipe, the 6.6 MB of
 * the stress plan cost this harness's own reading and decoding 50–90 ms of the figure, which
 * measured the reader rather than Glidepath.
 */
function measure(name: string | ((stdout: string) => string), args: string[], cwd: string, target?: string): Measurement {
  const usageFile = join(cwd, '.bench-usage.json');
  const outputFile = join(cwd, '.bench-stdout');
  const times: number[] = [];
  let peak = 0;
  let exitCode: number | null = null;
  let stdout = '';
  for (let i = -1; i < runs; i++) {
    const output = openSync(outputFile, 'w');
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--import', join(root, 'bench/report-usage.mjs'), bin, ...args], {
      cwd, env: { ...process.env, GLIDEPATH_BENCH_USAGE: usageFile }, encoding: 'utf8', stdio: ['ignore', output, 'pipe'],
    });
    const elapsed = performance.now() - started;
    closeSync(output);
    exitCode = child.status;
    stdout = readFileSync(outputFile, 'utf8');
    if (child.status === 2) throw new Error(`${typeof name === 'string' ? name : args.join(' ')} failed (exit 2):\n${child.stderr.slice(0, 2000)}`);
    if (i < 0) continue;
    times.push(elapsed);
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKiB: number };
    peak = Math.max(peak, usage.maxRssKiB / 1024);
  }
  return { name: typeof name === 'string' ? name : name(stdout), medianMs: median(times), maxMs: Math.max(...times), peakRssMiB: peak, exitCode, ...(target !== undefined ? { target } : {}) };
}

/**
 * `validate` on examples/quickstart against `node -e 0` on the same Node, run in turns so that
 * both see the same load on a shared machine; the figure is the ratio of the medians.
 */
function measureStartUp(): { nodeMs: number; validateMs: number; ratio: number } {
  const quickstart = join(root, 'examples/quickstart');
  const time = (args: string[]): number => {
    const started = performance.now();
    const child = spawnSync(process.execPath, args, { cwd: quickstart, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed (exit ${child.status}):\n${child.stderr.slice(0, 2000)}`);
    return performance.now() - started;
  };
  const node: number[] = [];
  const validate: number[] = [];
  const turns = Math.max(runs, 15);
  for (let i = -1; i < turns; i++) {
    const n = time(['-e', '0']);
    const v = time([bin, 'validate', '--root', quickstart]);
    if (i < 0) continue;
    node.push(n);
    validate.push(v);
  }
  const nodeMs = median(node);
  const validateMs = median(validate);
  return { nodeMs, validateMs, ratio: validateMs / nodeMs };
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first.');
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-bench-'));
  try {
    process.stderr.write(`generating ${releases} releases and ${policies} policies in ${dir}…\n`);
    git(dir, 'init', '-q', '-b', 'main');
    generateRepository(dir, { releases, policies });
    git(dir, 'add', '-A'); git(dir, 'commit', '-qm', 'base');
    generateRepository(dir, { releases, policies, variant: 1 });
    git(dir, 'add', '-A'); git(dir, 'commit', '-qm', 'head: every tenth release and policy changes, every prompt is revised');
    // A typical pull request: one release moves to a new model.
    const one = join(dir, 'releases', 'release-7.yaml');
    writeFileSync(one, readFileSync(one, 'utf8').replace(/model: openai\/gpt-4o-2024-08-06/, 'model: openai/gpt-4.1-2025-04-14'));
    git(dir, 'add', '-A'); git(dir, 'commit', '-qm', 'one release changes');
    // Beside main: the same change with only every tenth prompt revised (the `plan, for comparison` row).
    git(dir, 'checkout', '-q', '-b', 'tenth', 'main~2');
    generateRepository(dir, { releases, policies, variant: 1, revisedPrompts: 'every-tenth' });
    git(dir, 'add', '-A'); git(dir, 'commit', '-qm', 'every tenth release and policy changes, every tenth prompt is revised');
    git(dir, 'checkout', '-q', 'main');
    // A clone (as actions/checkout makes) holds packed objects, not thousands of loose ones.
    git(dir, 'gc', '-q');

    const results: Measurement[] = [];
    process.stderr.write(`validate (${runs} runs)…\n`);
    results.push(measure(`validate (${releases} releases, ${policies} policies)`, ['validate', '--root', dir, '--format', 'json'], dir, '≤ 500 ms, ≤ 150 MiB'));
    process.stderr.write(`plan (${runs} runs)…\n`);
    results.push(measure('plan of a typical pull request (1 release changed)', ['plan', '--root', dir, '--base', 'main~1', '--head', 'main', '--format', 'json'], dir, '≤ 500 ms'));
    // Labelled by what the plan covers, counted from its output: a revised prompt brings every release that names it into the plan.
    const planned = (stdout: string): number => (JSON.parse(stdout) as { releases: unknown[] }).releases.length;
    results.push(measure((out) => `plan, stress: ${planned(out)} releases planned (every prompt revised, ${releases / 10} release files and ${policies / 10} policies changed)`, ['plan', '--root', dir, '--base', 'main~2', '--head', 'main~1', '--format', 'json'], dir, '≤ 600 ms'));
    results.push(measure((out) => `plan, for comparison: ${planned(out)} releases planned (every tenth prompt revised, ${releases / 10} release files and ${policies / 10} policies changed)`, ['plan', '--root', dir, '--base', 'main~2', '--head', 'tenth', '--format', 'json'], dir));
    process.stderr.write('start-up: validate on examples/quickstart against node -e 0…\n');
    const startUp = measureStartUp();

    const lines = [
      `Node ${process.version}, ${runs} runs each after one uncounted run, whole process (bin/glidepath.js running the bundled dist/)`,
      '',
      '| benchmark | median | max | peak RSS | exit | target |',
      '|---|---:|---:|---:|---:|---|',
      ...results.map((r) => `| ${r.name} | ${r.medianMs.toFixed(0)} ms | ${r.maxMs.toFixed(0)} ms | ${r.peakRssMiB.toFixed(0)} MiB | ${r.exitCode} | ${r.target ?? ''} |`),
      '',
      '| start-up (medians, in turns) | validate examples/quickstart | node -e 0 | ratio | target |',
      '|---|---:|---:|---:|---|',
      `| whole process | ${startUp.validateMs.toFixed(0)} ms | ${startUp.nodeMs.toFixed(0)} ms | ${startUp.ratio.toFixed(2)}× | ≤ 2× |`,
    ];

    let stats: { name: string; ms: number; detail?: string }[] = [];
    if (existsSync(join(root, 'bench/stats.ts'))) {
      process.stderr.write('statistics…\n');
      const { benchStats } = (await import('./stats.js')) as { benchStats: () => Promise<typeof stats> };
      stats = await benchStats();
      lines.push('', '| statistics | time | detail |', '|---|---:|---|', ...stats.map((s) => `| ${s.name} | ${s.ms < 1 ? `${(s.ms * 1e6).toFixed(0)} ns` : `${s.ms.toFixed(1)} ms`} | ${s.detail ?? ''} |`));
    }
    process.stderr.write('GitHub API budget…\n');
    const { measureApiBudget } = await import('./api-budget.js');
    const budget = await measureApiBudget();
    lines.push(
      '',
      '| GitHub API budget (spec-checked fake, fresh runner per tick) | requests | target |',
      '|---|---:|---|',
      `| evaluate tick, ${budget.rollouts} active rollouts, nothing to change | ${budget.quietTick} (${budget.routes.map((r) => r.replace('/repos/{owner}/{repo}', '')).join(', ')}) | ≤ 5 (state branch 3; the flag branch of a GitOps provider 3 more) |`,
      `| the first tick after they started (a hold recorded for each) | ${budget.firstTick} | writes only on change |`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(join(root, '.tmp'), { recursive: true });
    writeFileSync(join(root, '.tmp/bench.json'), JSON.stringify({ node: process.version, runs, results, startUp, stats, budget }, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
