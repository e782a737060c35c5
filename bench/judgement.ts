// `npm run bench:judgement [-- --rollouts N --seed S --workers W]`: simulated rollouts with known
// truth — good challengers, and bad ones 5 %, 10 % and 20 % worse in error rate, latency or
// cost — judged by (a) Glidepath (judgeStage + decideFromJudgement every 5 minutes), (b) fixed
// absolute thresholds on the last 5 minutes (Flagger-like) and (c) uncorrected repeated tests.
// Reports false rollbacks, detection before 100 % and time to detect, raw and with the
// comparison judges calibrated to Glidepath's false-rollback rate. Markdown to stdout, JSON to
// .tmp/bench-judgement.json, progress to stderr.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { BENCH_POLICY, MAX_HOURS, policyWithAlpha, runGlidepath, type RolloutResult } from './judges/glidepath.js';
import { NAIVE_Z, calibrateRepeated, replayRepeated } from './judges/repeated-tests.js';
import { FLAGGER_LIKE, calibrateThreshold, replayThreshold, type Stop, type ThresholdSettings } from './judges/threshold.js';
import { recordTraces, type Traces } from './judges/traces.js';
import {
  BASE_ERROR_RATE,
  COST_MEAN,
  COST_SD,
  LATENCY_MEDIAN_MS,
  LATENCY_SIGMA,
  REQUESTS_PER_HOUR,
  TICKS_PER_HOUR,
  rolloutRandom,
  simulateStage,
  type Truth,
} from './judges/simulate.js';

const STAGE_WEIGHTS = [5, 25];
const COMPARISON_HOURS = 24;
const EFFECTS = [0.05, 0.1, 0.2];
const METRICS = ['error_rate', 'latency_ms', 'cost_per_call'] as const;

interface RolloutSpec {
  readonly index: number;
  readonly truth: Truth;
}

interface RolloutOutcome {
  readonly index: number;
  readonly glidepath: RolloutResult;
  readonly traces: Traces;
}

/** Simulates and judges one rollout; the comparison judges keep traces to be replayed after calibration. */
function runRollout(seed: number, spec: RolloutSpec, alpha: number): RolloutOutcome {
  const random = rolloutRandom(seed, spec.index);
  const stages = STAGE_WEIGHTS.map((w) => simulateStage(random, w, spec.truth, MAX_HOURS * TICKS_PER_HOUR));
  return { index: spec.index, glidepath: runGlidepath(stages, policyWithAlpha(alpha)), traces: recordTraces(stages, COMPARISON_HOURS * TICKS_PER_HOUR) };
}

function rolloutSpecs(total: number): RolloutSpec[] {
  const perCell = Math.max(1, Math.round((total * 0.5) / (METRICS.length * EFFECTS.length)));
  const good = Math.max(1, total - perCell * METRICS.length * EFFECTS.length);
  const specs: RolloutSpec[] = [];
  for (let i = 0; i < good; i++) specs.push({ index: specs.length, truth: { effect: 0 } });
  for (const metric of METRICS) for (const effect of EFFECTS) for (let i = 0; i < perCell; i++) specs.push({ index: specs.length, truth: { metric, effect } });
  return specs;
}

interface Rate {
  readonly count: number;
  readonly of: number;
  readonly rate: number;
  /** Wilson 95 % interval. */
  readonly interval: readonly [number, number];
  readonly medianHours?: number;
}

function rateOf(stops: readonly Stop[]): Rate {
  const hits = stops.filter((s) => s.stopped);
  const n = stops.length;
  const p = n > 0 ? hits.length / n : 0;
  const z = 1.959964;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  const hours = hits.map((s) => s.hours).sort((a, b) => a - b);
  return {
    count: hits.length,
    of: n,
    rate: p,
    interval: [Math.max(0, centre - half), Math.min(1, centre + half)],
    ...(hours.length > 0 ? { medianHours: hours[Math.floor((hours.length - 1) / 2)]! } : {}),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seed: { type: 'string', default: '1' }, rollouts: { type: 'string', default: '1000' }, workers: { type: 'string' }, alpha: { type: 'string' } },
    allowPositionals: false,
  });
  const seed = Number(values.seed);
  const alpha = Number(values.alpha ?? BENCH_POLICY.spec.analysis?.alpha ?? 0.05);
  const total = Number(values.rollouts);
  if (!Number.isInteger(seed) || !Number.isInteger(total) || total < 10) throw new Error('--seed must be an integer and --rollouts an integer ≥ 10');
  const workers = Math.max(1, Math.min(Number(values.workers ?? availableParallelism()), 8));
  const specs = rolloutSpecs(total);
  const started = performance.now();
  process.stderr.write(`judging ${specs.length} simulated rollouts (seed ${seed}, ${workers} worker${workers > 1 ? 's' : ''})…\n`);

  const outcomes = new Array<RolloutOutcome>(specs.length);
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const mine = specs.filter((_, i) => i % workers === w);
      return new Promise<void>((resolvePromise, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { seed, specs: mine, alpha } });
        worker.on('message', (outcome: RolloutOutcome) => {
          outcomes[outcome.index] = outcome;
          done++;
          if (done % 50 === 0 || done === specs.length) {
            const elapsed = (performance.now() - started) / 1000;
            process.stderr.write(`  ${done}/${specs.length} rollouts, ${elapsed.toFixed(0)} s\n`);
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`worker ${w} exited with ${code}`))));
      });
    }),
  );

  const goodIndexes = specs.filter((s) => s.truth.metric === undefined).map((s) => s.index);
  const goodTraces = goodIndexes.map((i) => outcomes[i]!.traces);
  const glidepathFalse = rateOf(goodIndexes.map((i) => outcomes[i]!.glidepath));
  const target = glidepathFalse.rate;
  process.stderr.write(`calibrating the comparison judges to Glidepath's false-rollback rate (${(target * 100).toFixed(2)} %)…\n`);
  const flaggerCalibrated = calibrateThreshold(goodTraces, target);
  const repeatedZ = calibrateRepeated(goodTraces, target);

  const judges: Record<string, { label: string; stop: (o: RolloutOutcome) => Stop }> = {
    glidepath: { label: 'Glidepath', stop: (o) => o.glidepath },
    flaggerRaw: { label: 'Flagger-like, as written', stop: (o) => replayThreshold(o.traces, FLAGGER_LIKE) },
    flaggerCalibrated: { label: 'Flagger-like, calibrated', stop: (o) => replayThreshold(o.traces, flaggerCalibrated) },
    repeatedRaw: { label: 'repeated p < 0.05', stop: (o) => replayRepeated(o.traces, NAIVE_Z) },
    repeatedCalibrated: { label: 'repeated tests, calibrated', stop: (o) => replayRepeated(o.traces, repeatedZ) },
  };
  const cells = [{ key: 'good', label: 'good (false rollbacks)', truth: { effect: 0 } as Truth }, ...METRICS.flatMap((metric) => EFFECTS.map((effect) => ({ key: `${metric}+${effect * 100}%`, label: `${metric} +${effect * 100}%`, truth: { metric, effect } as Truth })))];
  const results: Record<string, Record<string, Rate>> = {};
  for (const [name, judge] of Object.entries(judges)) {
    results[name] = {};
    for (const cell of cells) {
      const members = specs.filter((s) => s.truth.metric === cell.truth.metric && s.truth.effect === cell.truth.effect);
      results[name]![cell.key] = rateOf(members.map((s) => judge.stop(outcomes[s.index]!)));
    }
  }
  const causes: Record<string, number> = {};
  for (const o of outcomes) if (o.glidepath.stopped) causes[`${o.glidepath.stage}: ${o.glidepath.cause}`] = (causes[`${o.glidepath.stage}: ${o.glidepath.cause}`] ?? 0) + 1;
  const seconds = (performance.now() - started) / 1000;

  const json = {
    seed,
    rollouts: specs.length,
    perCell: specs.filter((s) => s.truth.metric === 'error_rate' && s.truth.effect === 0.1).length,
    good: goodIndexes.length,
    seconds,
    simulation: {
      requestsPerHour: REQUESTS_PER_HOUR,
      tickMinutes: 60 / TICKS_PER_HOUR,
      stages: STAGE_WEIGHTS.map((w) => `${w}%`),
      baseErrorRate: BASE_ERROR_RATE,
      latency: { distribution: 'log-normal', medianMs: LATENCY_MEDIAN_MS, sigma: LATENCY_SIGMA },
      cost: { mean: COST_MEAN, sd: COST_SD },
    },
    glidepathPolicy: policyWithAlpha(alpha).spec,
    comparison: { flaggerLike: FLAGGER_LIKE, flaggerCalibrated, naiveZ: NAIVE_Z, repeatedCalibratedZ: repeatedZ, calibrationTarget: target },
    results,
    glidepathStopCauses: causes,
  };
  const out = resolve(import.meta.dirname, '..', '.tmp', 'bench-judgement.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(report(json, judges, cells, results, flaggerCalibrated, repeatedZ, seconds, alpha));
  process.stderr.write(`wrote ${out}\n`);
}

function report(
  json: { rollouts: number; good: number; perCell: number; seed: number; glidepathStopCauses: Record<string, number> },
  judges: Record<string, { label: string }>,
  cells: readonly { key: string; label: string }[],
  results: Record<string, Record<string, Rate>>,
  flagger: ThresholdSettings,
  repeatedZ: number,
  seconds: number,
  alpha: number,
): string {
  const pct = (r: Rate) => `${(r.rate * 100).toFixed(1)} %`;
  const cellText = (r: Rate, good: boolean) => `${pct(r)}${good ? ` (${r.count}/${r.of})` : ''}${r.medianHours !== undefined && !good ? `, ${r.medianHours.toFixed(1)} h` : ''}`;
  const gates = BENCH_POLICY.spec.gates!;
  const lines = [
    `## Judgement benchmark (${json.rollouts} rollouts: ${json.good} good, ${json.perCell} per bad cell; seed ${json.seed}; ${seconds.toFixed(0)} s)`,
    '',
    `Traffic: ${REQUESTS_PER_HOUR.toLocaleString('en-US')} requests/h; canary stages ${STAGE_WEIGHTS.map((w) => `${w} %`).join(' and ')}; every 5 minutes on the data since the stage started. Error rate ${BASE_ERROR_RATE * 100} %, latency log-normal (median ${LATENCY_MEDIAN_MS} ms, σ ${LATENCY_SIGMA}) in 1.1×-wide histogram buckets (each 5-minute batch's bucket counts drawn multinomially), cost $${COST_MEAN} ± ${COST_SD} (each batch's mean and variance drawn from their sampling distributions rather than per request). A regression of x % multiplies the error rate, every latency, or every cost by 1 + x. Good challengers are identical to the champion (the hardest case for false rollbacks).`,
    '',
    `Glidepath's gates: ${Object.entries(gates).map(([name, g]) => `${name}: ${g.test} on ${g.metric}${g.maxIncrease !== undefined ? `, maxIncrease ${g.maxIncrease}` : ''}${g.nonInferiority !== undefined ? `, nonInferiority ${g.nonInferiority}` : ''}${g.critical ? ', critical' : ''}`).join('; ')}. alpha ${alpha} (family-wise per stage); each canary stage bakes 24 h (minDuration) and must pass by 48 h (maxDuration, then onFailure: rollback); tuneN = the stage's planned canary requests in 24 h. Rollback criteria: ${BENCH_POLICY.spec.rollback.map((c) => `${c.metric}${c.quantile ? ` p${c.quantile * 100}` : ''} ${c.increase !== undefined ? `increase ${c.increase}` : c.above !== undefined ? `above ${c.above}` : ''}`).join(', ')}.`,
    '',
    `Glidepath holds a stage past 24 h when a gate can neither pass nor fail, up to its 48 h maxDuration; a hold that reaches it rolls back and counts as a rollback (for good and bad alike). Comparison judges run each stage for exactly 24 h. Flagger-like, as written: roll back after ${FLAGGER_LIKE.failedChecks} failed checks in a stage, a check failing when the canary's last 5 minutes had error rate > ${FLAGGER_LIKE.maxErrorRate * 100} %, p99 latency > ${FLAGGER_LIKE.maxP99} ms or mean cost > $${FLAGGER_LIKE.maxMeanCost}. Calibrated (in-sample, to Glidepath's false-rollback rate): error rate > ${(flagger.maxErrorRate * 100).toFixed(2)} %, p99 > ${flagger.maxP99.toFixed(0)} ms, mean cost > $${flagger.maxMeanCost.toFixed(4)}. Repeated tests: two-proportion z, Mann–Whitney z and Welch z on the cumulative data, canary worse at z > ${NAIVE_Z.toFixed(2)} (two-sided p < 0.05); calibrated: z > ${repeatedZ.toFixed(2)}.`,
    '',
    `Each cell: share of rollouts rolled back before 100 %, and the median hours from the rollout's start to the rollback.`,
    '',
    `| truth | ${Object.values(judges).map((j) => j.label).join(' | ')} |`,
    `|---|${Object.keys(judges).map(() => '---').join('|')}|`,
    ...cells.map((cell) => `| ${cell.label} | ${Object.keys(judges).map((name) => cellText(results[name]![cell.key]!, cell.key === 'good')).join(' | ')} |`),
    '',
    `Glidepath's stops by stage and cause: ${Object.entries(json.glidepathStopCauses).map(([k, v]) => `${k} ${v}`).join('; ')}.`,
    '',
    ...targets(results),
    '',
  ];
  return lines.join('\n');
}

function targets(results: Record<string, Record<string, Rate>>): string[] {
  const g = results['glidepath']!;
  const detection = (effect: number) => METRICS.map((m) => g[`${m}+${effect * 100}%`]!);
  const min = (rates: Rate[]) => Math.min(...rates.map((r) => r.rate));
  const caught = (name: string) => METRICS.flatMap((m) => EFFECTS.map((e) => results[name]![`${m}+${e * 100}%`]!.count)).reduce((a, b) => a + b, 0);
  const check = (ok: boolean) => (ok ? '✅' : '❌');
  const fr = g['good']!;
  return [
    'Targets:',
    `- ${check(fr.rate <= 0.01)} false rollbacks ≤ 1 %: ${(fr.rate * 100).toFixed(2)} % (Wilson 95 %: ${(fr.interval[0] * 100).toFixed(2)}–${(fr.interval[1] * 100).toFixed(2)} %)`,
    `- ${check(min(detection(0.2)) >= 0.95)} ≥ 95 % of 20 % regressions caught before 100 %: ${detection(0.2).map((r, i) => `${METRICS[i]} ${(r.rate * 100).toFixed(1)} %`).join(', ')}`,
    `- ${check(min(detection(0.1)) >= 0.8)} ≥ 80 % of 10 % regressions caught before 100 %: ${detection(0.1).map((r, i) => `${METRICS[i]} ${(r.rate * 100).toFixed(1)} %`).join(', ')}`,
    `- ${check(caught('glidepath') > Math.max(caught('flaggerCalibrated'), caught('repeatedCalibrated')))} at an equal false-rollback rate, more regressions caught than either comparison: Glidepath ${caught('glidepath')}, Flagger-like calibrated ${caught('flaggerCalibrated')}, repeated tests calibrated ${caught('repeatedCalibrated')} (of ${METRICS.flatMap((m) => EFFECTS.map((e) => results['glidepath']![`${m}+${e * 100}%`]!.of)).reduce((a, b) => a + b, 0)} bad rollouts)`,
  ];
}

if (isMainThread) {
  await main();
} else {
  const { seed, specs, alpha } = workerData as { seed: number; specs: RolloutSpec[]; alpha: number };
  for (const spec of specs) {
    const outcome = runRollout(seed, spec, alpha);
    const t = outcome.traces;
    parentPort!.postMessage(outcome, [t.windowErrorRate.buffer, t.windowP99.buffer, t.windowMeanCost.buffer, t.zError.buffer, t.zLatency.buffer, t.zCost.buffer] as ArrayBuffer[]);
  }
}
