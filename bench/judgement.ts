// `npm run bench:judgement [-- --seeds 1,2,3 --good N --bad N --scenarios a,b --workers W --alpha A --quick]`:
// simulated rollouts with known truth — good challengers, and bad ones 10 % and 20 % worse in
// error rate, latency or cost — in an i.i.d. scenario and in non-i.i.d. ones (sticky users with
// per-user levels at several intra-user correlations, diurnal swings shared by both arms, heavy
// tails and timeouts, errors concentrated in a few users; bench/judges/users.ts), judged by
// (a) Glidepath (judgeStage + decideFromJudgement every 10 minutes, on per-user sums when the
// scenario has users), (b) fixed thresholds on the last 5 minutes (Flagger-like), (c)
// uncorrected repeated tests and (d) a Kayenta-style Mann–Whitney comparator. Reports false
// rollbacks with Wilson intervals pooled over the seeds, false split mismatches, and detection
// before 100 %, raw and with every comparison judge calibrated (in-sample) to Glidepath's
// false-rollback rate. Glidepath runs, per scenario, the policy its own `plan` sizes for that
// scenario's traffic (bench/judges/sizing.ts: stage weights and durations raised until the plan
// warns about no stage); `--policy as-written` runs the one fixed policy (5 % and 25 %, 24 h /
// 48 h) everywhere instead, ignoring the plan's warnings; `--sizing power-first` sizes keeping 99 %
// power and widening the error gate's margin instead of lowering the power (default margin-first). Markdown to stdout, JSON to
// .tmp/bench-judgement.json (or --out), progress to stderr.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { BENCH_POLICY, LOOK_TICKS, USERS_POLICY, batchFeed, policyWithAlpha, runGlidepath, userFeed, type RolloutResult } from './judges/glidepath.js';
import { asWritten, populationReach, sizePolicy, sizePolicyPowerFirst, type SizedPolicy, type SizingMode } from './judges/sizing.js';
import { KAYENTA_DEFAULTS, calibrateKayenta, confLevelOf, replayKayenta, zOf, type KayentaTrace } from './judges/kayenta.js';
import { NAIVE_Z, calibrateRepeated, replayRepeated } from './judges/repeated-tests.js';
import { FLAGGER_LIKE, FLAGGER_LIKE_MEANS, calibrateThreshold, replayThreshold, type Stop, type ThresholdSettings } from './judges/threshold.js';
import { recordTraces, recordUserTraces, traceBuffers, type Traces } from './judges/traces.js';
import { REQUESTS_PER_HOUR, TICKS_PER_HOUR, rolloutRandom, simulateStage, type Truth } from './judges/simulate.js';
import { stageRandom } from './judges/stage-random.js';
import { SESSION_MEAN, USERS, USER_SCENARIOS, simulateUserStage } from './judges/users.js';

const EFFECTS = [0.1, 0.2];
const METRICS = ['error_rate', 'latency_ms', 'cost_per_call'] as const;
const SCENARIOS = [{ key: 'iid', label: 'i.i.d. requests' }, ...USER_SCENARIOS.map((s) => ({ key: s.key, label: s.label }))];

interface RolloutSpec {
  readonly index: number;
  readonly scenario: string;
  readonly seed: number;
  /** Index within (scenario, seed): the rollout's own random stream. */
  readonly local: number;
  readonly truth: Truth;
}

interface RolloutOutcome {
  readonly index: number;
  readonly glidepath: RolloutResult;
  readonly traces: Traces;
}

function streamOf(spec: RolloutSpec, stage: number) {
  const scenario = SCENARIOS.findIndex((s) => s.key === spec.scenario);
  return rolloutRandom(spec.seed * 1009 + scenario, spec.local * 2 + stage);
}

function userStream(spec: RolloutSpec, stage: number) {
  const scenario = SCENARIOS.findIndex((s) => s.key === spec.scenario);
  return stageRandom(spec.seed * 1009 + scenario, spec.local * 2 + stage);
}

/**
 * Simulates and judges one rollout under the scenario's policy; the comparison judges keep
 * traces to be replayed after calibration, each of their stages as long as the policy's
 * minDuration (where Glidepath may first advance), so that both see the same stage lengths.
 */
function runRollout(spec: RolloutSpec, sized: SizedPolicy, alpha: number | undefined): RolloutOutcome {
  const ticks = sized.maxHours * TICKS_PER_HOUR;
  const comparisonTicks = sized.minHours * TICKS_PER_HOUR;
  const policy = policyWithAlpha(sized.policy, alpha);
  if (spec.scenario === 'iid') {
    const random = streamOf(spec, 0);
    const stages = sized.weights.map((w) => simulateStage(random, w, spec.truth, ticks));
    const glidepath = runGlidepath(stages.map(batchFeed), policy);
    return { index: spec.index, glidepath, traces: recordTraces(stages, comparisonTicks) };
  }
  const scenario = USER_SCENARIOS.find((s) => s.key === spec.scenario)!;
  const stages = sized.weights.map((w, i) => simulateUserStage(userStream(spec, i), w, spec.truth, scenario, ticks));
  const glidepath = runGlidepath(stages.map(userFeed), policy);
  return { index: spec.index, glidepath, traces: recordUserTraces(stages, comparisonTicks) };
}

type PolicyMode = 'sized' | 'as-written';

/** Each scenario's policy: sized by the plan for its traffic, or as written (with the scenario's per-user figures declared, which the judge ignores). */
function scenarioPolicies(scenarios: readonly string[], mode: PolicyMode, sizing: SizingMode): Record<string, SizedPolicy> {
  const size = sizing === 'power-first' ? sizePolicyPowerFirst : sizePolicy;
  return Object.fromEntries(scenarios.map((key) => {
    const scenario = USER_SCENARIOS.find((s) => s.key === key);
    const base = scenario ? USERS_POLICY : BENCH_POLICY;
    return [key, mode === 'sized' ? size(base, scenario) : asWritten(base, scenario)];
  }));
}

function rolloutSpecs(scenarios: readonly string[], seeds: readonly number[], good: number, bad: number): RolloutSpec[] {
  const specs: RolloutSpec[] = [];
  for (const scenario of scenarios) {
    for (const seed of seeds) {
      let local = 0;
      const add = (truth: Truth) => specs.push({ index: specs.length, scenario, seed, local: local++, truth });
      for (let i = 0; i < good; i++) add({ effect: 0 });
      for (const metric of METRICS) for (const effect of EFFECTS) for (let i = 0; i < bad; i++) add({ metric, effect });
    }
  }
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

function wilson(count: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = count / n;
  const z = 1.959964;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function rateOf(stops: readonly Stop[]): Rate {
  const hits = stops.filter((s) => s.stopped);
  const n = stops.length;
  const hours = hits.map((s) => s.hours).sort((a, b) => a - b);
  return {
    count: hits.length,
    of: n,
    rate: n > 0 ? hits.length / n : 0,
    interval: wilson(hits.length, n),
    ...(hours.length > 0 ? { medianHours: hours[Math.floor((hours.length - 1) / 2)]! } : {}),
  };
}

const JUDGES = ['glidepath', 'kayentaCalibrated', 'flaggerCalibrated', 'repeatedCalibrated', 'kayentaRaw', 'flaggerRaw', 'repeatedRaw'] as const;
type JudgeName = (typeof JUDGES)[number];
const JUDGE_LABELS: Record<JudgeName, string> = {
  glidepath: 'Glidepath',
  kayentaCalibrated: 'Kayenta-style, calibrated',
  flaggerCalibrated: 'Flagger-like thresholds, calibrated',
  repeatedCalibrated: 'repeated tests, calibrated',
  kayentaRaw: 'Kayenta-style, defaults (conf 0.98)',
  flaggerRaw: 'Flagger-like thresholds, as written',
  repeatedRaw: 'repeated p < 0.05',
};
const CELLS = [{ key: 'good', truth: { effect: 0 } as Truth }, ...METRICS.flatMap((metric) => EFFECTS.map((effect) => ({ key: `${metric}+${effect * 100}%`, truth: { metric, effect } as Truth })))];

interface ScenarioResult {
  readonly key: string;
  readonly label: string;
  readonly good: number;
  readonly falseRollback: Rate;
  readonly timeout: Rate;
  readonly anyStop: Rate;
  readonly anyStopPerSeed: Record<number, string>;
  readonly splitMismatchGood: Rate;
  readonly splitMismatchAll: Rate;
  readonly calibration: { target: number; flagger: ThresholdSettings; repeatedZ: number; kayentaZ: number; kayentaConfLevel: number };
  readonly results: Record<JudgeName, Record<string, Rate>>;
  readonly stopCauses: Record<string, number>;
  readonly policy: SizedPolicy;
}

function evaluateScenario(key: string, label: string, specs: readonly RolloutSpec[], outcomes: readonly RolloutOutcome[], seeds: readonly number[], policy: SizedPolicy): ScenarioResult {
  const mine = specs.filter((s) => s.scenario === key);
  const good = mine.filter((s) => s.truth.metric === undefined);
  const goodResults = good.map((s) => outcomes[s.index]!.glidepath);
  const goodTraces = good.map((s) => outcomes[s.index]!.traces);
  const anyStop = rateOf(goodResults);
  const target = anyStop.rate;
  const flagger = calibrateThreshold(goodTraces, target);
  const repeatedZ = calibrateRepeated(goodTraces, target);
  const kayentaZ = calibrateKayenta(goodTraces.map(kayentaTrace), target);
  const stop: Record<JudgeName, (o: RolloutOutcome) => Stop> = {
    glidepath: (o) => o.glidepath,
    kayentaCalibrated: (o) => replayKayenta(kayentaTrace(o.traces), kayentaZ),
    flaggerCalibrated: (o) => replayThreshold(o.traces, flagger),
    repeatedCalibrated: (o) => replayRepeated(o.traces, repeatedZ),
    kayentaRaw: (o) => replayKayenta(kayentaTrace(o.traces), zOf(KAYENTA_DEFAULTS.confLevel)),
    flaggerRaw: (o) => replayThreshold(o.traces, key === 'iid' ? FLAGGER_LIKE : FLAGGER_LIKE_MEANS),
    repeatedRaw: (o) => replayRepeated(o.traces, NAIVE_Z),
  };
  const results = {} as Record<JudgeName, Record<string, Rate>>;
  for (const judge of JUDGES) {
    results[judge] = {};
    for (const cell of CELLS) {
      const members = mine.filter((s) => s.truth.metric === cell.truth.metric && s.truth.effect === cell.truth.effect);
      results[judge][cell.key] = rateOf(members.map((s) => stop[judge](outcomes[s.index]!)));
    }
  }
  const stopCauses: Record<string, number> = {};
  for (const s of good) {
    const g = outcomes[s.index]!.glidepath;
    if (g.stopped) stopCauses[`${g.stage}: ${g.cause}`] = (stopCauses[`${g.stage}: ${g.cause}`] ?? 0) + 1;
  }
  const count = (pred: (r: RolloutResult) => boolean, of: readonly RolloutResult[]): Rate => rateOf(of.map((r) => ({ stopped: pred(r), hours: r.hours })));
  const all = mine.map((s) => outcomes[s.index]!.glidepath);
  return {
    key,
    label,
    good: good.length,
    falseRollback: count((r) => r.stopped && r.cause !== 'timeout', goodResults),
    timeout: count((r) => r.cause === 'timeout', goodResults),
    anyStop,
    anyStopPerSeed: Object.fromEntries(seeds.map((seed) => {
      const rs = good.filter((s) => s.seed === seed).map((s) => outcomes[s.index]!.glidepath);
      return [seed, `${rs.filter((r) => r.stopped).length}/${rs.length}`];
    })),
    splitMismatchGood: count((r) => r.splitMismatch, goodResults),
    splitMismatchAll: count((r) => r.splitMismatch, all),
    calibration: { target, flagger, repeatedZ, kayentaZ, kayentaConfLevel: confLevelOf(kayentaZ) },
    results,
    stopCauses,
    policy,
  };
}

function kayentaTrace(t: Traces): KayentaTrace {
  return { looksPerStage: t.kayenta.length / t.stages, stages: t.stages, statistic: t.kayenta, interval: 1 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '1,2,3' },
      good: { type: 'string' },
      bad: { type: 'string' },
      scenarios: { type: 'string' },
      workers: { type: 'string' },
      alpha: { type: 'string' },
      quick: { type: 'boolean', default: false },
      policy: { type: 'string', default: 'sized' },
      sizing: { type: 'string', default: 'margin-first' },
      out: { type: 'string' },
    },
    allowPositionals: false,
  });
  const quick = values.quick === true;
  const seeds = (quick ? '1' : values.seeds!).split(',').map(Number);
  const good = Number(values.good ?? (quick ? 4 : 30));
  const bad = Number(values.bad ?? (quick ? 1 : 6));
  const alpha = values.alpha === undefined ? undefined : Number(values.alpha);
  const scenarios = values.scenarios === undefined ? SCENARIOS.map((s) => s.key) : values.scenarios.split(',');
  const unknown = scenarios.filter((k) => !SCENARIOS.some((s) => s.key === k));
  if (unknown.length > 0) throw new Error(`--scenarios: no scenario ${unknown.join(', ')} (scenarios: ${SCENARIOS.map((s) => s.key).join(', ')})`);
  if (!seeds.every(Number.isInteger) || !Number.isInteger(good) || good < 1 || !Number.isInteger(bad) || bad < 1) throw new Error('--seeds must be integers, --good and --bad integers ≥ 1');
  const workers = Math.max(1, Math.min(Number(values.workers ?? availableParallelism()), 8));
  const mode = values.policy as PolicyMode;
  if (mode !== 'sized' && mode !== 'as-written') throw new Error(`--policy ${values.policy}: expected sized (the plan's sizing per scenario, the default) or as-written`);
  const sizing = values.sizing as SizingMode;
  if (sizing !== 'margin-first' && sizing !== 'power-first') throw new Error(`--sizing ${values.sizing}: expected margin-first (lower the stated power before widening the error margin, the default) or power-first (keep 99 % power, widen the error margin)`);
  const specs = rolloutSpecs(scenarios, seeds, good, bad);
  const started = performance.now();
  const policies = scenarioPolicies(scenarios, mode, sizing);
  for (const key of scenarios) {
    const p = policies[key]!;
    process.stderr.write(`  ${key}: ${mode} policy ${p.weights.map((w) => `${w} %`).join(' → ')}, ${p.minHours} h / ${p.maxHours} h, power ${p.power}${p.errorMargin ? `, error nonInferiority ${p.errorMargin}` : ''}; plan warnings: ${p.warnings.length}\n`);
  }
  process.stderr.write(`judging ${specs.length} simulated rollouts (${scenarios.length} scenarios × seeds ${seeds.join(', ')}; ${good} good and ${bad} per bad cell each; ${workers} worker${workers > 1 ? 's' : ''})…\n`);

  const outcomes = new Array<RolloutOutcome>(specs.length);
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const mine = specs.filter((_, i) => i % workers === w);
      return new Promise<void>((resolvePromise, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { specs: mine, alpha, policies } });
        worker.on('message', (outcome: RolloutOutcome) => {
          outcomes[outcome.index] = outcome;
          done++;
          if (done % 100 === 0 || done === specs.length) process.stderr.write(`  ${done}/${specs.length} rollouts, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`worker ${w} exited with ${code}`))));
      });
    }),
  );

  const evaluated = scenarios.map((key) => evaluateScenario(key, SCENARIOS.find((s) => s.key === key)!.label, specs, outcomes, seeds, policies[key]!));
  const seconds = (performance.now() - started) / 1000;
  const json = {
    seeds,
    goodPerSeed: good,
    badPerCellPerSeed: bad,
    rollouts: specs.length,
    seconds,
    alpha: alpha ?? 'default (0.05)',
    simulation: { requestsPerHour: REQUESTS_PER_HOUR, tickMinutes: 60 / TICKS_PER_HOUR, glidepathLookMinutes: (60 / TICKS_PER_HOUR) * LOOK_TICKS, users: USERS, sessionMean: SESSION_MEAN, userScenarios: USER_SCENARIOS },
    policyMode: mode,
    sizing,
    policies: Object.fromEntries(scenarios.map((key) => {
      const p = policies[key]!;
      return [key, { weights: p.weights, minHours: p.minHours, maxHours: p.maxHours, power: p.power, ...(p.errorMargin ? { errorMargin: p.errorMargin } : {}), ...(p.population ? { population: p.population, populationReach: populationReach(p) } : {}), planWarnings: p.warnings, spec: policyWithAlpha(p.policy, alpha).spec }];
    })),
    kayenta: KAYENTA_DEFAULTS,
    scenarios: evaluated,
  };
  const out = values.out === undefined ? resolve(import.meta.dirname, '..', '.tmp', 'bench-judgement.json') : resolve(values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(report(evaluated, { seeds, good, bad, rollouts: specs.length, seconds, alpha, mode, sizing }));
  process.stderr.write(`wrote ${out}\n`);
}

const count = (x: number) => Math.round(x).toLocaleString('en-US');
const warningsCell = (warnings: readonly string[]) =>
  warnings.length === 0 ? 'none' : `${warnings.length} (${warnings.filter((w) => w.includes('will hold and')).length} "will hold and roll back", ${warnings.filter((w) => w.includes('no duration is enough')).length} "no duration is enough")`;
const reachCell = (p: SizedPolicy) => populationReach(p).map((r) => `${r.stage} ${r.gate}: ${count(r.needed.canary)} / ${count(r.reachable.canary)}`).join('; ') || '—';
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;
const withWilson = (r: Rate) => `${pct(r.rate)} (${r.count}/${r.of}; ≤ ${pct(r.interval[1])})`;
const caught = (r: Rate) => `${pct(r.rate, 0)}${r.medianHours !== undefined ? `, ${r.medianHours.toFixed(1)} h` : ''}`;

function report(scenarios: readonly ScenarioResult[], run: { seeds: number[]; good: number; bad: number; rollouts: number; seconds: number; alpha: number | undefined; mode: PolicyMode; sizing: SizingMode }): string {
  const badCells = CELLS.filter((c) => c.key !== 'good');
  const caughtTotal = (s: ScenarioResult, judge: JudgeName) => badCells.reduce((a, c) => a + s.results[judge][c.key]!.count, 0);
  const badTotal = (s: ScenarioResult) => badCells.reduce((a, c) => a + s.results.glidepath[c.key]!.of, 0);
  const lines = [
    `## Judgement benchmark (${run.mode === 'sized' ? `policies sized by the plan${run.sizing === 'power-first' ? ', power-first: 99 % power kept, the error margin widened' : ''}` : 'the policy as written, ignoring the plan\'s warnings'}; ${run.rollouts} rollouts; seeds ${run.seeds.join(', ')}; per scenario and seed ${run.good} good and ${run.bad} per bad cell; alpha ${run.alpha ?? 'default 0.05'}; ${run.seconds.toFixed(0)} s)`,
    '',
    '### The policy each scenario runs',
    '',
    run.mode === 'sized' && run.sizing === 'power-first'
      ? 'Sized power-first by Glidepath\'s own power estimate (what `plan` shows), from per-user figures measured on the champion over the stage\'s length: `analysis.power` kept at 99 %; the error gate\'s nonInferiority widened from the written 0.3pp in 0.05pp steps, and at each the smallest minDuration, then the smallest stage weights, at which the plan warns about no canary stage; maxDuration is twice minDuration. The comparison judges run each stage for its minDuration.'
      : run.mode === 'sized'
      ? 'Sized by Glidepath\'s own power estimate (what `plan` shows), from per-user figures measured on the champion over the stage\'s length: at the power the team states (99 %, else 95 %, else 80 %), the smallest minDuration, then the smallest stage weights, at which the plan warns about no canary stage; maxDuration is twice minDuration; the error gate\'s nonInferiority (0.3pp as written) is widened only where nothing clears at 80 %. The comparison judges run each stage for its minDuration.'
      : 'The same fixed policy everywhere (5 % then 25 %, 24 h minDuration, 48 h maxDuration), the plan\'s warnings ignored. The comparison judges run each stage for 24 h.',
    '',
    'Sticky-user scenarios declare their population in `spec.traffic` as a team would (decision 0021): `activeUsers` the simulated 50,000, `usersPerDay` the distinct users in 24 h of the champion\'s traffic (three stretches); the last column is, per canary stage, the user-sized gate nearest the cap: canary users needed at the stated power / canary users the stage\'s weight can ever reach.',
    '',
    '| scenario | canary stages | minDuration / maxDuration | analysis.power | error nonInferiority | plan warnings on this policy | population (activeUsers / usersPerDay) | canary users needed / reachable |',
    '|---|---|---|---|---|---|---|---|',
    ...scenarios.map((s) => `| ${s.label} | ${s.policy.weights.map((w) => `${w} %`).join(' → ')} | ${s.policy.minHours} h / ${s.policy.maxHours} h | ${s.policy.power} | ${s.policy.errorMargin ?? '0.3pp'} | ${warningsCell(s.policy.warnings)} | ${s.policy.population ? `${count(s.policy.population.activeUsers)} / ${count(s.policy.population.usersPerDay ?? 0)}` : '—'} | ${reachCell(s.policy)} |`),
    '',
    '### Good rollouts: Glidepath\'s false rollbacks and split mismatches',
    '',
    'Rates pooled over the seeds, with the count and the upper bound of the Wilson 95 % interval. "Rolled back" is a gate or criterion shown failing; "held to maxDuration" is a stage that could neither pass nor fail by its maxDuration, which rolls back too (onFailure). Split mismatch: the split check (srmAlpha 0.001) reported one at any look.',
    '',
    '| scenario | rolled back | held to maxDuration | stopped before 100 % | per seed | split mismatch (good) | split mismatch (all rollouts) |',
    '|---|---|---|---|---|---|---|',
    ...scenarios.map((s) => `| ${s.label} | ${withWilson(s.falseRollback)} | ${withWilson(s.timeout)} | ${withWilson(s.anyStop)} | ${Object.values(s.anyStopPerSeed).join(', ')} | ${withWilson(s.splitMismatchGood)} | ${withWilson(s.splitMismatchAll)} |`),
    '',
    '### Regressions caught before 100 %, every comparison judge calibrated to Glidepath\'s false-rollback rate',
    '',
    'Each cell: share of bad rollouts stopped before 100 % and the median hours from the rollout\'s start to the stop. The comparison judges are calibrated per scenario, in-sample on its good rollouts (an oracle no team has, which favours them), to stop no more good rollouts than Glidepath did.',
    '',
    `| scenario | judge | good stopped | ${badCells.map((c) => c.key.replace('+', ' +')).join(' | ')} | caught |`,
    `|---|---|---|${badCells.map(() => '---').join('|')}|---|`,
    ...scenarios.flatMap((s) =>
      (['glidepath', 'kayentaCalibrated', 'flaggerCalibrated', 'repeatedCalibrated'] as const).map((j) => `| ${j === 'glidepath' ? s.label : ''} | ${JUDGE_LABELS[j]} | ${pct(s.results[j].good!.rate)} | ${badCells.map((c) => caught(s.results[j][c.key]!)).join(' | ')} | ${caughtTotal(s, j)}/${badTotal(s)} |`),
    ),
    '',
    '### The comparison judges as written',
    '',
    `Kayenta at its defaults (confidence level ${KAYENTA_DEFAULTS.confLevel}, tolerance ${KAYENTA_DEFAULTS.tolerance}, mean-ratio effect size ≥ ${KAYENTA_DEFAULTS.allowedIncrease}, pass ${KAYENTA_DEFAULTS.pass} / marginal ${KAYENTA_DEFAULTS.marginal}, hourly); Flagger-like: 5 failed checks of error rate > 1.5 %, latency > 3000 ms p99 (i.i.d.) or 1500 ms mean (sticky users), mean cost > $0.015; repeated two-sided p < 0.05.`,
    '',
    `| scenario | ${(['kayentaRaw', 'flaggerRaw', 'repeatedRaw'] as const).map((j) => `${JUDGE_LABELS[j]}: good stopped | caught`).join(' | ')} | calibrated Kayenta confidence level |`,
    '|---|---|---|---|---|---|---|---|',
    ...scenarios.map((s) => `| ${s.label} | ${(['kayentaRaw', 'flaggerRaw', 'repeatedRaw'] as const).map((j) => `${pct(s.results[j].good!.rate)} | ${caughtTotal(s, j)}/${badTotal(s)}`).join(' | ')} | ${s.calibration.kayentaConfLevel.toFixed(6)} |`),
    '',
    `Glidepath's stops of good rollouts by stage and cause: ${scenarios.map((s) => `${s.key}: ${Object.entries(s.stopCauses).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`).join('; ')}.`,
    '',
    ...targets(scenarios),
    '',
  ];
  return lines.join('\n');
}

function targets(scenarios: readonly ScenarioResult[]): string[] {
  const check = (ok: boolean) => (ok ? '✅' : '❌');
  const iid = scenarios.find((s) => s.key === 'iid');
  const lines = ['Targets:'];
  for (const s of scenarios) {
    lines.push(`- ${check(s.anyStop.rate <= 0.01)} ${s.key}: good rollouts stopped ≤ 1 %: ${pct(s.anyStop.rate, 2)} (Wilson upper ${pct(s.anyStop.interval[1], 2)}); rolled back by a gate ${pct(s.falseRollback.rate, 2)} (Wilson upper ${pct(s.falseRollback.interval[1], 2)}), held to maxDuration ${pct(s.timeout.rate, 2)}`);
  }
  const split = scenarios.reduce((a, s) => ({ count: a.count + s.splitMismatchAll.count, of: a.of + s.splitMismatchAll.of }), { count: 0, of: 0 });
  const splitUpper = wilson(split.count, split.of)[1];
  lines.push(`- ${check(split.count / split.of <= 0.001)} false split mismatches ≤ srmAlpha 0.001: ${split.count}/${split.of} rollouts with a mismatch at any look (${pct(split.count / split.of, 2)}, Wilson upper ${pct(splitUpper, 2)})`);
  if (iid) {
    const det = (e: number) => METRICS.map((m) => iid.results.glidepath[`${m}+${e * 100}%`]!);
    lines.push(`- ${check(Math.min(...det(0.2).map((r) => r.rate)) >= 0.95)} i.i.d.: ≥ 95 % of 20 % regressions caught before 100 %: ${det(0.2).map((r, i) => `${METRICS[i]} ${pct(r.rate)}`).join(', ')}`);
    lines.push(`- ${check(Math.min(...det(0.1).map((r) => r.rate)) >= 0.8)} i.i.d.: ≥ 80 % of 10 % regressions caught before 100 %: ${det(0.1).map((r, i) => `${METRICS[i]} ${pct(r.rate)}`).join(', ')}`);
  }
  for (const s of scenarios) {
    const total = (j: JudgeName) => CELLS.filter((c) => c.key !== 'good').reduce((a, c) => a + s.results[j][c.key]!.count, 0);
    const best = Math.max(total('kayentaCalibrated'), total('flaggerCalibrated'), total('repeatedCalibrated'));
    lines.push(`- ${check(total('glidepath') > best)} ${s.key}: more regressions caught than every calibrated comparison: Glidepath ${total('glidepath')}, Kayenta-style ${total('kayentaCalibrated')}, Flagger-like ${total('flaggerCalibrated')}, repeated tests ${total('repeatedCalibrated')}`);
  }
  return lines;
}

if (isMainThread) {
  await main();
} else {
  const { specs, alpha, policies } = workerData as { specs: RolloutSpec[]; alpha: number | undefined; policies: Record<string, SizedPolicy> };
  for (const spec of specs) {
    const outcome = runRollout(spec, policies[spec.scenario]!, alpha);
    parentPort!.postMessage(outcome, traceBuffers(outcome.traces));
  }
}
