// The policy a team would run after reading `plan`: Glidepath's power estimate (the function the
// plan calls, core/power/stage-power.ts) warns when a stage cannot show a good challenger within
// its margins in time — "this stage will hold and roll back a good challenger". The benchmark
// follows that advice per scenario instead of running one fixed policy everywhere: it declares
// each gate's per-user figures as the team would measure them (a champion-only stretch of the
// scenario's own traffic, as long as the stage), then raises the stage weights and, if that is
// not enough, lengthens both stages until the plan warns about neither. Margins are the team's
// statement of risk: widened only as the last resort, where no weight or duration clears.
import { estimateStagePower, type PowerEstimate } from '../../src/core/power/stage-power.js';
import type { Gate, RolloutPolicy, Stage } from '../../src/core/model/index.js';
import type { Population } from '../../src/core/model/traffic.js';
import { METRICS } from './glidepath.js';
import { REQUESTS_PER_HOUR, TICKS_PER_HOUR } from './simulate.js';
import { stageRandom } from './stage-random.js';
import { USERS, simulateUserStage, unitSumsOf, type UserScenario } from './users.js';

/**
 * The canary stages' weights tried, in order: first the written 25 % second stage behind a
 * larger first stage, then both stages larger. A rung is taken at the shortest minDuration that
 * clears it; the larger rungs only once no duration clears the smaller ones, since a canary's
 * point is to expose few users.
 */
export const MODEST_WEIGHTS: readonly (readonly number[])[] = [[5, 25], [10, 25], [15, 25], [20, 25], [25, 50]];
export const LARGE_WEIGHTS: readonly (readonly number[])[] = [[35, 50], [50, 75]];
/** The powers the team states (`analysis.power`, read only by the plan: the share of good challengers a stage should pass), highest first. */
export const SIZING_POWERS = [0.99, 0.95, 0.8] as const;
/** minDuration hours tried, shortest first; maxDuration is twice minDuration, as written. */
export const MIN_DURATIONS = [24, 36, 48, 72, 96] as const;
/** Champion stretches the per-user figures are averaged over: one stretch's sd of a few heavy, failing users is noisy. */
const STRETCHES = 3;

/** The gate each metric is judged by in the bench policies. */
const GATE_OF: Readonly<Record<string, string>> = { error_rate: 'errors', latency_ms: 'latency', cost_per_call: 'cost' };

export interface SizedPolicy {
  readonly policy: RolloutPolicy;
  /** The canary stages' weights, minDuration and maxDuration in hours. */
  readonly weights: readonly number[];
  readonly minHours: number;
  readonly maxHours: number;
  /** The policy's `analysis.power` the plan sized it at (0.8, the default, for the written policy). */
  readonly power: number;
  /** The plan's warnings on the sized policy's stages (empty when the sizing succeeded). */
  readonly warnings: readonly string[];
  /** The per-user figures declared on the gates (sticky-user scenarios). */
  readonly unitBaselines?: Readonly<Record<string, NonNullable<Gate['unitBaseline']>>>;
  /** The error gate's nonInferiority when the sizing had to widen it (no weight or duration cleared the plan). */
  readonly errorMargin?: string;
  /** The population declared in `spec.traffic` (sticky-user scenarios): the simulation's users and the distinct users a day measured on the champion. */
  readonly population?: Population;
}

/**
 * The plan's estimate for a policy at the benchmark's traffic, called as `plan` calls it (no
 * observed baselines; the population as `spec.traffic` declares it, core/plan/plan-power.ts).
 */
export function planEstimate(policy: RolloutPolicy, population?: Population): PowerEstimate {
  return estimateStagePower({ release: 'bench', policy, metrics: METRICS, requestsPerHour: REQUESTS_PER_HOUR, ...(population ? { population } : {}) });
}

/** The warnings the plan gives on the canary stages' gates (too short for minDuration, holding to maxDuration, or beyond the population at any duration). */
export function stageWarnings(policy: RolloutPolicy, population?: Population): string[] {
  return planEstimate(policy, population).stages.flatMap((s) => s.warnings);
}

/**
 * The population a team declares in `spec.traffic` (decision 0021): `activeUsers`, the users the
 * product has (the simulation's fixed population), and `usersPerDay`, the distinct users seen in
 * 24 h of the champion's traffic, read like the per-user figures from champion-only stretches
 * (the same streams as {@link measureUnitBaselines} over 24 h), averaged over the stretches.
 */
export function measurePopulation(scenario: UserScenario): Population {
  const ticks = 24 * TICKS_PER_HOUR;
  const key = streamKey(scenario, 24);
  let seen = 0;
  for (let i = 0; i < STRETCHES; i++) {
    const stage = simulateUserStage(stageRandom(0x5eed + key, i), 0, { effect: 0 }, scenario, ticks);
    seen += unitSumsOf(stage, ticks - 1, 0).error_rate.units;
  }
  return { activeUsers: USERS, usersPerDay: Math.round(seen / STRETCHES) };
}

/**
 * Per canary stage, the user-sized gate closest to the population's cap: the users its arms need
 * at the policy's power and the users they can reach at the stage's weight however long it runs
 * (the plan's `power.users`), for the benchmark's table of sized policies.
 */
export function populationReach(sized: SizedPolicy): { stage: string; gate: string; needed: { control: number; canary: number }; reachable: { control: number; canary: number } }[] {
  if (!sized.population) return [];
  return planEstimate(sized.policy, sized.population).stages.flatMap((stage) => {
    const share = (g: (typeof stage.gates)[number]) => Math.max(g.unitsPerArm!.canary / g.population!.reachable.canary, g.unitsPerArm!.control / g.population!.reachable.control);
    const capped = stage.gates.filter((g) => g.population && g.unitsPerArm).sort((x, y) => share(y) - share(x));
    const g = capped[0];
    return g ? [{ stage: stage.stage, gate: g.gate, needed: g.unitsPerArm!, reachable: g.population!.reachable }] : [];
  });
}

function streamKey(scenario: UserScenario, hours: number): number {
  return [...scenario.key].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, hours);
}

/**
 * Per-user figures of each metric over `hours` of the champion's traffic in the scenario (the
 * delta method's inputs, decision 0012), as a team reads them from a warehouse table of per-user
 * sums over a stretch as long as the stage: requests per user and the per-user means, sds and
 * correlation of the metric's total and requests. One fixed stream per scenario and length.
 */
export function measureUnitBaselines(scenario: UserScenario, hours: number): Record<string, NonNullable<Gate['unitBaseline']>> {
  const ticks = hours * TICKS_PER_HOUR;
  const key = streamKey(scenario, hours);
  const stretches = Array.from({ length: STRETCHES }, (_, i) => {
    const stage = simulateUserStage(stageRandom(0x5eed + key, i), 0, { effect: 0 }, scenario, ticks);
    return unitSumsOf(stage, ticks - 1, 0);
  });
  const mean = (f: (s: (typeof stretches)[number]) => number) => stretches.reduce((a, s) => a + f(s), 0) / STRETCHES;
  const out: Record<string, NonNullable<Gate['unitBaseline']>> = {};
  for (const metric of ['error_rate', 'latency_ms', 'cost_per_call'] as const) {
    const meanY = mean((s) => s[metric].meanY);
    out[GATE_OF[metric]!] = {
      requestsPerUnit: meanY,
      meanX: mean((s) => s[metric].meanX),
      sdX: Math.sqrt(mean((s) => s[metric].sdX ** 2)),
      meanY,
      sdY: Math.sqrt(mean((s) => s[metric].sdY ** 2)),
      correlation: mean((s) => s[metric].correlation),
    };
  }
  return out;
}

function withStages(base: RolloutPolicy, weights: readonly number[], minHours: number, unitBaselines?: Readonly<Record<string, NonNullable<Gate['unitBaseline']>>>): RolloutPolicy {
  const canary = base.spec.stages.filter((s) => (s.weight ?? 0) < 100);
  const rest = base.spec.stages.filter((s) => (s.weight ?? 0) >= 100);
  const stages: Stage[] = [
    ...canary.map((s, i) => ({ ...s, name: `canary-${weights[i]!}`, weight: weights[i]!, minDuration: `${minHours}h`, maxDuration: `${2 * minHours}h` })),
    ...rest,
  ];
  const gates = Object.fromEntries(Object.entries(base.spec.gates ?? {}).map(([name, gate]) => [name, unitBaselines?.[name] ? { ...gate, unitBaseline: unitBaselines[name] } : gate]));
  return { ...base, metadata: { name: `${base.metadata.name}-sized` }, spec: { ...base.spec, stages, gates } };
}

/**
 * The policy a team gets by following the plan's advice — "raise the weight, lengthen the stage
 * or loosen the bound" — in that order. The team states the power it wants (`analysis.power`,
 * read only by the plan): 99 %, since it wants no more than 1 % of good challengers stopped;
 * where no weight and duration on the ladder reach that, 95 %, then the default 80 %; and only
 * where none of them clears at 80 % is the error gate's nonInferiority widened step by step
 * (MARGIN_STEPS) at the modest weights. At each power: the smallest minDuration, then the
 * smallest weights, at which the plan has no warning on any canary stage — each gate's samples
 * within minDuration ("no hold-and-roll-back warning" alone, samples within maxDuration, would
 * hold a fifth of good challengers to maxDuration at 80 %). The per-user figures are measured
 * over each candidate's own minDuration: users come back, so a longer stage has fewer new users
 * and more spread per user than a day's figures extrapolate, and the time past minDuration adds
 * little. When nothing clears, the last candidate is returned with its warnings.
 */
export function sizePolicy(written: RolloutPolicy, scenario: UserScenario | undefined): SizedPolicy {
  const lowest = SIZING_POWERS[SIZING_POWERS.length - 1]!;
  return sizeWith(written, scenario, [
    ...SIZING_POWERS.flatMap((power) => [MODEST_WEIGHTS, LARGE_WEIGHTS].map((rungs) => ({ power, rungs, durations: MIN_DURATIONS }))),
    ...MARGIN_STEPS.map((margin) => ({ power: lowest, rungs: MODEST_WEIGHTS, durations: MIN_DURATIONS.slice(0, 3), margin })),
  ]);
}

interface SizingAttempt {
  readonly power: number;
  readonly rungs: readonly (readonly number[])[];
  readonly durations: readonly number[];
  /** The error gate's nonInferiority, when widened from the written one. */
  readonly margin?: string;
}

/** The first candidate, in the attempts' order, on which the plan warns about no canary stage; else the last one tried. */
function sizeWith(written: RolloutPolicy, scenario: UserScenario | undefined, attempts: readonly SizingAttempt[]): SizedPolicy {
  const population = scenario ? measurePopulation(scenario) : undefined;
  const measured = new Map<number, Record<string, NonNullable<Gate['unitBaseline']>> | undefined>();
  const baselinesFor = (hours: number) => {
    if (!measured.has(hours)) measured.set(hours, scenario ? measureUnitBaselines(scenario, hours) : undefined);
    return measured.get(hours);
  };
  const atPower = (power: number): RolloutPolicy => ({ ...written, spec: { ...written.spec, analysis: { ...written.spec.analysis, power } } });
  let last: SizedPolicy | undefined;
  for (const { power, rungs, durations, margin } of attempts) {
    const base = margin === undefined ? atPower(power) : withErrorMargin(atPower(power), margin);
    for (const minHours of durations) {
      const unitBaselines = baselinesFor(minHours);
      for (const weights of rungs) {
        const policy = withStages(base, weights, minHours, unitBaselines);
        const warnings = stageWarnings(policy, population);
        last = { policy, weights, minHours, maxHours: 2 * minHours, power, warnings, ...(unitBaselines ? { unitBaselines } : {}), ...(margin === undefined ? {} : { errorMargin: margin }), ...(population ? { population } : {}) };
        if (warnings.length === 0) return last;
      }
    }
  }
  return last!;
}

/**
 * The other choice the plan's advice leaves a team ("or loosen the bound"): keep the 99 % power
 * it stated and widen the error gate's nonInferiority from the written 0.3pp in 0.05pp steps
 * (POWER_FIRST_MARGINS) until some weight and duration on the same ladder as {@link sizePolicy}
 * clears the plan — at each margin the modest weights first, then the large ones. What that costs
 * is a bound the team no longer holds a challenger to; what it gains is fewer good challengers
 * held. When nothing clears even at the widest step, the last candidate is returned with its warnings.
 */
export function sizePolicyPowerFirst(written: RolloutPolicy, scenario: UserScenario | undefined): SizedPolicy {
  return sizeWith(written, scenario, POWER_FIRST_MARGINS.flatMap((margin) => [MODEST_WEIGHTS, LARGE_WEIGHTS].map((rungs) => ({ power: POWER_FIRST, rungs, durations: MIN_DURATIONS, ...(margin === '0.3pp' ? {} : { margin }) }))));
}

/** The power a power-first team keeps. */
export const POWER_FIRST = 0.99;
/** The error gate's nonInferiority tried by the power-first sizing: the written 0.3pp, then 0.05pp wider at each step up to 1pp. */
export const POWER_FIRST_MARGINS: readonly string[] = Array.from({ length: 15 }, (_, i) => `${(30 + 5 * i) / 100}pp`);

/** How a scenario's policy is sized: the default lowers the stated power before widening the margin; power-first keeps 99 % and widens the margin. */
export type SizingMode = 'margin-first' | 'power-first';

/** The error gate's nonInferiority widened, the plan's last remedy (the benchmark's policies write 0.3pp). */
export const MARGIN_STEPS = ['0.4pp', '0.5pp', '0.75pp', '1pp'] as const;

function withErrorMargin(base: RolloutPolicy, margin: string): RolloutPolicy {
  const errors = base.spec.gates?.['errors'];
  if (!errors) return base;
  return { ...base, spec: { ...base.spec, gates: { ...base.spec.gates, errors: { ...errors, nonInferiority: margin } } } };
}

/** The written policy with the scenario's per-user figures declared (what `plan` sees before the team acts on it). */
export function asWritten(base: RolloutPolicy, scenario: UserScenario | undefined): SizedPolicy {
  const canary = base.spec.stages.filter((s) => (s.weight ?? 0) < 100);
  const hours = (d: string | undefined) => Number.parseInt(d ?? '0', 10);
  const minHours = hours(canary[0]!.minDuration);
  const unitBaselines = scenario ? measureUnitBaselines(scenario, minHours) : undefined;
  const gates = Object.fromEntries(Object.entries(base.spec.gates ?? {}).map(([name, gate]) => [name, unitBaselines?.[name] ? { ...gate, unitBaseline: unitBaselines[name] } : gate]));
  const policy = { ...base, spec: { ...base.spec, gates } };
  const population = scenario ? measurePopulation(scenario) : undefined;
  return { policy, weights: canary.map((s) => s.weight ?? 0), minHours, maxHours: hours(canary[0]!.maxDuration), power: base.spec.analysis?.power ?? 0.8, warnings: stageWarnings(policy, population), ...(unitBaselines ? { unitBaselines } : {}), ...(population ? { population } : {}) };
}
