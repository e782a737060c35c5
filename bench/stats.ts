// Statistics micro-benchmarks, called by bench/run.ts; runnable alone:
//   ./node_modules/.bin/node --import tsx bench/stats.ts
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  alwaysValidPValue,
  confidenceSequence,
  mannWhitneyTest,
  beyondPValue,
  differenceContrast,
  estimateMean,
  estimateRate,
  shareContrast,
} from '../src/core/stats/index.js';
import { distributionView } from '../src/core/metrics/distribution-view.js';
import { createRandom } from '../test/support/random.js';

export interface StatsBenchmark {
  readonly name: string;
  /** Median wall time of one run (for per-call benchmarks: of one call). */
  readonly ms: number;
  readonly detail?: string;
}

const RUNS = 5;
let sink = 0;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeRuns(run: () => number): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    sink += run();
    times.push(performance.now() - started);
  }
  return median(times);
}

function timePerCall(calls: number, call: (i: number) => number): number {
  return timeRuns(() => {
    let total = 0;
    for (let i = 0; i < calls; i++) total += call(i);
    return total;
  }) / calls;
}

/** Times the statistics the judge runs on every tick: Mann–Whitney on raw latencies, quantiles, and the constant-time contrasts on sufficient statistics. */
export async function benchStats(): Promise<StatsBenchmark[]> {
  const random = createRandom(2024);
  const perArm = 1_000_000;
  const control = new Float64Array(perArm).map(() => Math.round(random.lognormal(Math.log(800), 0.5)));
  const canary = new Float64Array(perArm).map(() => Math.round(random.lognormal(Math.log(810), 0.5)));
  const results: StatsBenchmark[] = [];

  const mw = mannWhitneyTest(control, canary);
  results.push({
    name: 'Mann–Whitney U, 2 × 10^6 log-normal latencies (ms rounded, many ties)',
    ms: timeRuns(() => mannWhitneyTest(control, canary).pValue),
    detail: `target ≤ 1000 ms; p = ${mw.pValue.toExponential(2)}, θ = ${mw.estimate.toFixed(4)} ± ${mw.standardError.toExponential(1)}`,
  });
  const controlValues = Array.from(control);
  results.push({
    name: 'p99 and the judge\'s quantile contrast, 10^6 samples (sort included)',
    ms: timeRuns(() => {
      const view = distributionView({ kind: 'samples', values: controlValues.slice() })!;
      return view.quantile(0.99) + shareContrast(view.cdf(3000), view.n, 0.99, 'above').estimate;
    }),
  });

  const calls = 1_000_000;
  results.push({
    name: 'the judge\'s mean contrast (Welch standard error) and always-valid fail p-value',
    ms: timePerCall(calls, (i) => {
      const contrast = differenceContrast(estimateMean({ n: 95_000, mean: 0.0123, sd: 0.004 }), estimateMean({ n: 5000 + (i & 1023), mean: 0.0125, sd: 0.0045 }), { kind: 'relative', value: 0.05 }, 'higher');
      return beyondPValue(contrast, 5000, 14_400);
    }),
    detail: `per call, ${calls.toLocaleString('en')} calls`,
  });
  results.push({
    name: 'the judge\'s rate contrast and always-valid fail p-value',
    ms: timePerCall(calls, (i) => {
      const contrast = differenceContrast(estimateRate({ successes: 950, trials: 95_000 }), estimateRate({ successes: 50 + (i & 63), trials: 5000 }), { kind: 'absolute', value: 0.005 }, 'higher');
      return beyondPValue(contrast, 5000, 14_400);
    }),
    detail: `per call, ${calls.toLocaleString('en')} calls`,
  });
  results.push({
    name: 'confidence sequence + always-valid p-value',
    ms: timePerCall(calls, (i) => confidenceSequence(0.001, 0.0015, 5000 + i, { alpha: 0.05 }).lower + alwaysValidPValue(0.001, 0.0015, 5000 + i, 0, { alternative: 'greater' })),
    detail: `per call, ${calls.toLocaleString('en')} calls`,
  });
  if (sink === 42) results.push({ name: 'unreachable', ms: 0 });
  return results;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchStats();
  const format = (ms: number) => (ms < 1 ? `${(ms * 1e6).toFixed(0)} ns` : `${ms.toFixed(1)} ms`);
  process.stdout.write(`Node ${process.version}, median of ${RUNS} runs\n\n| statistics | time | detail |\n|---|---:|---|\n`);
  for (const r of results) process.stdout.write(`| ${r.name} | ${format(r.ms)} | ${r.detail ?? ''} |\n`);
}
