import { boundaryMultiplier, normalCdf, normalQuantile, requiredSamplesPerArm } from '../stats/index.js';
import type { Gate, MetricDefinition, RolloutPolicy, Stage } from '../model/index.js';
import { aboutHours, parseDuration } from '../model/duration.js';
import { resolveMargin, type GateMargin } from '../gates/gate-margin.js';
import { formatCount } from '../gates/format-evidence.js';
import { minDurationHours, stageArmRates } from './stage-traffic.js';
import { hoursToReach, newUsersPerHour, resolveUnitSizing, type Population, type UnitSizing } from './unit-power.js';

/** A metric's value under the champion, when the team knows it (from a past rollout or a dashboard). */
export interface Baseline {
  /** Proportion metrics: the rate (0–1). */
  readonly rate?: number;
  /** Continuous metrics: mean and standard deviation of one observation. */
  readonly mean?: number;
  readonly sd?: number;
}

export interface StagePowerInput {
  readonly release: string;
  readonly policy: RolloutPolicy;
  readonly metrics: readonly MetricDefinition[];
  /** The whole service's requests per hour (before the split); undefined when nobody said. */
  readonly requestsPerHour: number | undefined;
  /** Observed baselines by metric name; without one, documented defaults are assumed (and said). */
  readonly baselines?: Readonly<Record<string, Baseline>>;
  /** The product's active users (`spec.traffic.activeUsers`): caps the users a stage can reach. */
  readonly population?: Population;
}

/** How long one gate needs to tell a challenger equal to control from one worse by the gate's margin. */
export interface GatePower {
  readonly gate: string;
  readonly metric: string;
  readonly test: string;
  /** The difference the estimate is for: as the policy writes it, and in the metric's unit. */
  readonly effect?: { readonly text: string; readonly absolute: number };
  readonly baseline: Baseline & { readonly source: 'observed' | 'default' };
  /** Observations each arm needs (control 0 for absolute gates, which judge the canary alone); requests for ratio and net-benefit gates, at the declared requests per unit. */
  readonly samplesPerArm?: { readonly control: number; readonly canary: number };
  /** Units (users) each arm needs: ratio and net-benefit gates, and rate and mean gates sized per user (see `sizing`). */
  readonly unitsPerArm?: { readonly control: number; readonly canary: number };
  /** Hours of the stage's traffic that gives those samples. */
  readonly hours?: number;
  /** Whether minDuration is long enough (undefined when either is unknown). */
  readonly enough?: boolean;
  /**
   * The smallest difference the stage can tell apart within minDuration at the policy's power:
   * in the model's unit, and relative to the baseline (a rate's or mean's fraction, a scale shift).
   */
  readonly detectableInMinDuration?: { readonly text: string; readonly absolute: number; readonly relative: number };
  /** Rate and mean gates: how the samples account for per-user assignment (unit-power.ts). */
  readonly sizing?: UnitSizing;
  /** Gates sized in users under a declared population: the users each arm can reach at the stage's weight, however long it runs. */
  readonly population?: GateReach;
  /** Why there is no estimate, or what it rests on. */
  readonly note?: string;
}

/** What a finite population lets a gate sized in users reach (decision 0021). */
export interface GateReach {
  readonly activeUsers: number;
  /** share × N per arm: the most distinct users the arm can ever see at this stage's weight. */
  readonly reachable: { readonly control: number; readonly canary: number };
  /** The users needed exceed what the population gives: no duration is enough. */
  readonly unreachable: boolean;
  /** When unreachable: the smallest whole weight (%) at which the population suffices, if one up to 99 % does. */
  readonly minWeight?: number;
}

export interface StagePower {
  readonly stage: string;
  readonly mode: 'shadow' | 'traffic';
  readonly weight?: number;
  /** Requests per hour each arm sees in this stage. */
  readonly requestsPerHour?: { readonly control: number; readonly canary: number };
  readonly minDurationHours?: number;
  readonly gates: readonly GatePower[];
  /** Sentences for the plan: a stage too short for its margins, a canary that catches catastrophes only. */
  readonly warnings: readonly string[];
}

/** Everything the plan shows about how long the rollout needs to judge what it promises to judge. */
export interface PowerEstimate {
  readonly release: string;
  readonly policy: string;
  readonly requestsPerHour?: number;
  readonly alpha: number;
  readonly power: number;
  readonly stages: readonly StagePower[];
  /** What the numbers rest on: sequential tests, the alpha split, default baselines used. */
  readonly assumptions: readonly string[];
  readonly warnings: readonly string[];
}

/** Rates assumed without an observed baseline. */
export const DEFAULT_LOWER_IS_BETTER_RATE = 0.01;
export const DEFAULT_HIGHER_IS_BETTER_RATE = 0.9;
/** Coefficient of variation (sd / mean) assumed for continuous metrics without an observed baseline. */
export const DEFAULT_CV = 0.5;

/**
 * Per stage and gate: the samples per arm a gate needs to tell a challenger equal to control
 * from one worse by its margin (nonInferiority, else maxIncrease) at the policy's power, with
 * the same peek-safe sequential test the judge uses (tuned at its own answer) and the stage's
 * alpha split across its gates as Holm's first step does; the hours of traffic that takes;
 * whether minDuration is enough; and the smallest difference the stage can see in its
 * minDuration. Pure; numbers from the statistics core's `requiredSamplesPerArm`.
 */
export function estimateStagePower(input: StagePowerInput): PowerEstimate {
  const { policy } = input;
  const alpha = policy.spec.analysis?.alpha ?? 0.05;
  const power = policy.spec.analysis?.power ?? 0.8;
  const definitions = new Map(input.metrics.map((m) => [m.name, m]));
  const assumptions = new Set<string>([
    `sequential (always-valid) tests as the judge runs them, ${Math.round(power * 100)}% power, the stage's alpha ${alpha} split evenly across its gates`,
  ]);
  const designEffect = policy.spec.analysis?.designEffect ?? 1;
  const gateTests = Object.values(policy.spec.gates ?? {}).map((g) => g.test);
  const unitGates = gateTests.filter((t) => t === 'ratio' || t === 'net-benefit').length;
  // A policy whose gates are all judged on units has no request-level size to caveat.
  if (unitGates === 0 || unitGates < gateTests.length) assumptions.add(unitAssumption(policy.spec.analysis?.unit ?? 'user', designEffect));
  if (unitGates > 0) assumptions.add('ratio and net-benefit gates are sized in users from their unitBaseline, each user sending requestsPerUnit requests within the stage; their variance is over users, so no design effect applies');
  if (input.population) assumptions.add(populationAssumption(input.population));
  const warnings: string[] = [];
  if (input.requestsPerHour === undefined) {
    warnings.push('no traffic estimate: set spec.traffic.requestsPerHour on the release (or in glidepath.yaml) to see how long each stage needs');
  }
  const stages = policy.spec.stages.map((stage) => {
    const rates = stageArmRates(stage, input.requestsPerHour);
    const hours = minDurationHours(stage);
    const gateNames = stage.gates ?? [];
    const gateAlpha = alpha / Math.max(1, gateNames.length);
    const stageWarnings: string[] = [];
    const gates = gateNames.flatMap((name) => {
      const gate = policy.spec.gates?.[name];
      const metric = gate ? definitions.get(gate.metric) : undefined;
      if (!gate || !metric) return [];
      const gateCtx: GateContext = { name, gate, metric, stage, rates, minHours: hours, alpha: gateAlpha, power, baseline: input.baselines?.[metric.name], assumptions, analysis: policy.spec.analysis, requestsPerHour: input.requestsPerHour, ...(input.population ? { population: input.population } : {}) };
      const estimate = withMinimumWeight(gateCtx, estimateGate(gateCtx));
      stageWarnings.push(...gateWarnings(stage, estimate, rates, hours, power, policy.spec.onFailure ?? 'rollback'));
      return [estimate];
    });
    const unsized = gates.filter((g) => g.sizing?.kind === 'unknown' && g.samplesPerArm).map((g) => g.gate);
    if (unsized.length > 0) stageWarnings.unshift(independenceCaveat(stage, unsized));
    return {
      stage: stage.name,
      mode: stage.mode ?? 'traffic',
      ...(stage.weight === undefined ? {} : { weight: stage.weight }),
      ...(rates ? { requestsPerHour: rates } : {}),
      ...(hours === undefined ? {} : { minDurationHours: hours }),
      gates,
      warnings: stageWarnings,
    } satisfies StagePower;
  });
  return {
    release: input.release,
    policy: policy.metadata.name,
    ...(input.requestsPerHour === undefined ? {} : { requestsPerHour: input.requestsPerHour }),
    alpha,
    power,
    stages,
    assumptions: [...assumptions],
    warnings: [...warnings, ...stages.flatMap((s) => s.warnings)],
  };
}

interface GateContext {
  readonly name: string;
  readonly gate: Gate;
  readonly metric: MetricDefinition;
  readonly stage: Stage;
  readonly rates: { control: number; canary: number } | undefined;
  readonly minHours: number | undefined;
  readonly alpha: number;
  readonly power: number;
  readonly baseline: Baseline | undefined;
  readonly assumptions: Set<string>;
  /** The policy's analysis settings: its unit and declared design effect decide how rate and mean gates are sized (unit-power.ts). */
  readonly analysis: RolloutPolicy['spec']['analysis'];
  /** The whole service's requests per hour, before the split. */
  readonly requestsPerHour: number | undefined;
  readonly population?: Population;
}

function populationAssumption(p: Population): string {
  const rate = p.usersPerDay === undefined ? 'r = requestsPerHour / requestsPerUnit (every user new: declare spec.traffic.usersPerDay for the real rate)' : `r from ${p.usersPerDay} users a day`;
  return `a population of ${formatCount(p.activeUsers)} active users: an arm holding a share s of them has seen s·N·(1 − e^(−t·r/N)) distinct users after t hours, ${rate}; it never sees more than s·N`;
}

/**
 * A gate that needs more users than its stage's weight can reach: the smallest whole weight at
 * which it can, found by sizing the gate again at each weight (the arms' allocation changes the
 * users each needs). Only sought when the warning needs it.
 */
function withMinimumWeight(ctx: GateContext, estimate: GatePower): GatePower {
  if (!estimate.population?.unreachable || ctx.stage.mode === 'shadow' || ctx.stage.weight === undefined) return estimate;
  for (let w = Math.floor(ctx.stage.weight) + 1; w < 100; w++) {
    const stage = { ...ctx.stage, weight: w };
    const rates = stageArmRates(stage, ctx.requestsPerHour);
    const at = estimateGate({ ...ctx, stage, rates, minHours: undefined, assumptions: new Set() });
    if (at.population && !at.population.unreachable) return { ...estimate, population: { ...estimate.population, minWeight: w } };
  }
  return estimate;
}

/** Each arm's share of the users: a shadow stage mirrors every request, so both arms see every user. */
function userShares(stage: Stage): { control: number; canary: number } | undefined {
  if (stage.mode === 'shadow') return { control: 1, canary: 1 };
  const w = stage.weight;
  return w !== undefined && w > 0 && w < 100 ? { control: 1 - w / 100, canary: w / 100 } : undefined;
}

/**
 * Hours for a gate sized in units: under a declared population, the time until each arm has
 * seen the distinct users it needs (unit-power.ts's saturating model), and whether it ever
 * can; otherwise the samples at the stage's request rates, as before.
 */
function gateTiming(ctx: GateContext, samples: { control: number; canary: number }, units: { control: number; canary: number } | undefined, requestsPerUnit: number | undefined): { hours?: number; enough?: boolean; population?: GateReach } {
  const shares = userShares(ctx.stage);
  if (!ctx.population || !units || requestsPerUnit === undefined || !shares) return timing(samples, ctx.rates, ctx.minHours);
  const n = ctx.population.activeUsers;
  const reachable = { control: shares.control * n, canary: shares.canary * n };
  const unreachable = !(units.control < reachable.control && units.canary < reachable.canary);
  const population: GateReach = { activeUsers: n, reachable, unreachable };
  if (unreachable) return { enough: false, population };
  const r = newUsersPerHour(ctx.population, ctx.requestsPerHour, requestsPerUnit);
  if (r === undefined) return { population };
  const hours = Math.max(hoursToReach(units.control, shares.control, ctx.population, r), hoursToReach(units.canary, shares.canary, ctx.population, r));
  return { hours, ...(ctx.minHours === undefined ? {} : { enough: hours <= ctx.minHours }), population };
}

/** Hours a difference d takes to tell, for the minDuration search: the same timing as the gate's own, without a bake time to compare with. */
function hoursOfEffect(ctx: GateContext, model: SampleModel, unitsOf: ((d: number) => { control: number; canary: number }) | undefined, requestsPerUnit: number | undefined): ((d: number) => number) | undefined {
  if (!ctx.rates || ctx.minHours === undefined) return undefined;
  const open = { ...ctx, minHours: undefined };
  return (d) => {
    const t = gateTiming(open, model.samples(d), ctx.population ? unitsOf?.(d) : undefined, requestsPerUnit);
    return t.population?.unreachable ? Number.POSITIVE_INFINITY : t.hours ?? Number.POSITIVE_INFINITY;
  };
}

/**
 * What the sample sizes assume about the unit of randomisation. Under per-user assignment
 * requests of one user are correlated and the sizes below, computed as if requests were
 * independent, are too small by the design effect; `plan` says so rather than pretend.
 */
function unitAssumption(unit: 'user' | 'request', designEffect: number): string {
  if (unit === 'request') return 'requests assigned independently (analysis.unit: request)';
  if (designEffect !== 1) return `per-user assignment: request counts multiplied by the declared design effect ${designEffect}`;
  return 'per-user assignment with request-level sizes: requests of one user are correlated, so a stage needs more requests than shown by an unknown factor (declare analysis.designEffect, or judge per-user ratio statistics)';
}

/**
 * Under per-user assignment with no per-user figures declared, the sizes are request-level:
 * the plan says they are optimistic rather than show them as if they held.
 */
function independenceCaveat(stage: Stage, gates: readonly string[]): string {
  const which = gates.length === 1 ? `gate ${gates[0]} is` : `gates ${gates.join(', ')} are`;
  return `${stage.name}: ${which} sized as if requests were independent, but users stay on one arm (analysis.unit: user): the estimate is optimistic by an unknown factor; declare the gate's unitBaseline.requestsPerUnit and intraUnitCorrelation (or analysis.designEffect) to plan in users`;
}

/** A difference-to-samples model for one gate: how many observations per arm for an effect of `d`. */
interface SampleModel {
  readonly samples: (d: number) => { control: number; canary: number };
  /** The largest d worth searching (beyond it the answer is "one observation"). */
  readonly maxEffect: number;
  readonly describe: (d: number) => string;
  /** d as a fraction of the baseline (rate, mean, or the scale shift it stands for). */
  readonly relative: (d: number) => number;
}

function estimateGate(ctx: GateContext): GatePower {
  const { gate, metric } = ctx;
  const head = { gate: ctx.name, metric: metric.name, test: gate.test };
  if (gate.test === 'ratio' || gate.test === 'net-benefit') return estimateCostGate(ctx, head);
  const baseline = resolveBaseline(metric, ctx.baseline, ctx.assumptions);
  const versus = gate.versus ?? (gate.test === 'quantile' ? 'absolute' : 'control');
  const withBaseline = { ...head, baseline };
  if (versus === 'absolute') return estimateAbsolute(ctx, withBaseline);
  if (ctx.stage.mode !== 'shadow' && (ctx.stage.weight ?? 0) >= 100) return { ...withBaseline, note: 'at 100% there is no control arm to compare with' };
  const margin = resolveMargin(gate.nonInferiority ?? gate.maxIncrease, `spec.gates.${ctx.name}`);
  if (margin.value === 0) return { ...withBaseline, note: 'the margin is 0: a challenger equal to control can never be shown within it; set nonInferiority to the difference you would accept' };
  const sizing = resolveUnitSizing(gate, ctx.analysis);
  const sized = sizePerUnit(ctx, sizing, baseline, margin, withBaseline);
  if (typeof sized === 'string') return { ...withBaseline, note: sized };
  const { model, unitsFor } = sized;
  const effect = marginEffect(ctx, sized.baseline, margin);
  const samplesPerArm = model.samples(effect);
  const units = unitsFor?.(effect);
  const m = sizing.kind === 'delta' || sizing.kind === 'design-effect' ? sizing.requestsPerUnit : undefined;
  const result: GatePower = { ...withBaseline, baseline: sized.baseline, effect: { text: margin.text, absolute: effect }, samplesPerArm, ...(units ? { unitsPerArm: units } : {}), sizing, ...gateTiming(ctx, samplesPerArm, units, m) };
  const hoursFor = hoursOfEffect(ctx, model, unitsFor, m);
  const detectable = hoursFor && ctx.minHours !== undefined ? detectableEffect(model, hoursFor, ctx.minHours) : undefined;
  return detectable === undefined ? result : { ...result, detectableInMinDuration: { absolute: detectable, text: model.describe(detectable), relative: model.relative(detectable) } };
}

/**
 * The request-level model adjusted for per-user assignment: scaled by the design effect, or
 * (per-unit figures declared) replaced by units sized on the delta-method variance and the
 * requests they send. `unitsFor` gives the users per arm when the requests per user are known.
 */
function sizePerUnit(
  ctx: GateContext,
  sizing: UnitSizing,
  resolved: Baseline & { source: 'observed' | 'default' },
  margin: GateMargin,
  head: { gate: string; metric: string; test: string },
): { model: SampleModel; baseline: Baseline & { source: 'observed' | 'default' }; unitsFor?: (d: number) => { control: number; canary: number } } | string {
  if (sizing.kind === 'delta') {
    const baseline = ctx.gate.test === 'proportions' ? { rate: sizing.ratio, source: 'observed' as const } : { mean: sizing.ratio, sd: resolved.sd ?? DEFAULT_CV * sizing.ratio, source: 'observed' as const };
    ctx.assumptions.add(`${ctx.metric.name} (gate ${head.gate}): sized in users from the gate's unitBaseline, by the delta-method variance of the ratio of per-user sums`);
    const unscaled = sampleModel(ctx, baseline, margin);
    if (typeof unscaled === 'string') return unscaled;
    const ratio = ctx.rates ? ctx.rates.canary / ctx.rates.control : ctx.stage.mode === 'shadow' ? 1 : ratioOf(ctx.stage);
    const unitsFor = (d: number) => {
      const n = requiredSamplesPerArm({ kind: 'mean', baseline: 0, sd: sizing.unitSd, margin: d, alpha: ctx.alpha, power: ctx.power, sides: 1, ratio, sequential: true });
      return { control: n.control, canary: n.canary };
    };
    return { baseline, unitsFor, model: { ...unscaled, samples: (d) => scaleSamples(unitsFor(d), sizing.requestsPerUnit) } };
  }
  const unscaled = sampleModel(ctx, resolved, margin);
  if (typeof unscaled === 'string') return unscaled;
  if (sizing.kind !== 'design-effect') return { model: unscaled, baseline: resolved };
  const factor = sizing.designEffect;
  const model: SampleModel = { ...unscaled, samples: (d) => scaleSamples(unscaled.samples(d), factor) };
  const m = sizing.requestsPerUnit;
  return { model, baseline: resolved, ...(m === undefined ? {} : { unitsFor: (d: number) => scaleSamples(model.samples(d), 1 / m) }) };
}

function resolveBaseline(metric: MetricDefinition, observed: Baseline | undefined, assumptions: Set<string>): Baseline & { source: 'observed' | 'default' } {
  if (metric.type === 'proportion') {
    if (observed?.rate !== undefined) return { rate: observed.rate, source: 'observed' };
    const rate = metric.direction === 'lower-is-better' ? DEFAULT_LOWER_IS_BETTER_RATE : DEFAULT_HIGHER_IS_BETTER_RATE;
    assumptions.add(`${metric.name}: no observed baseline, assumed a ${rate * 100}% rate (the default for ${metric.direction} rates)`);
    return { rate, source: 'default' };
  }
  if (observed?.mean !== undefined && observed.sd !== undefined) return { mean: observed.mean, sd: observed.sd, source: 'observed' };
  assumptions.add(`${metric.name}: ${observed?.mean === undefined ? 'no observed baseline' : 'no observed sd'}, assumed a coefficient of variation of ${DEFAULT_CV} (sd = ${DEFAULT_CV} × mean)`);
  return observed?.mean === undefined ? { source: 'default' } : { mean: observed.mean, sd: observed.mean * DEFAULT_CV, source: 'default' };
}

/** The gate's margin in the model's own scale: a rate or mean difference, or (Mann–Whitney) θ − ½. */
function marginEffect(ctx: GateContext, baseline: Baseline, margin: GateMargin): number {
  if (ctx.gate.test === 'mann-whitney') return superiorityShift(ctx.metric, baseline, margin)!;
  if (ctx.gate.test === 'proportions') return margin.kind === 'relative' ? margin.value * baseline.rate! : margin.value;
  return margin.kind === 'relative' ? margin.value * (baseline.mean ?? 1) : margin.value;
}

function sampleModel(ctx: GateContext, baseline: Baseline, margin: GateMargin): SampleModel | string {
  const { gate, metric } = ctx;
  const ratio = ctx.rates ? ctx.rates.canary / ctx.rates.control : ctx.stage.mode === 'shadow' ? 1 : ratioOf(ctx.stage);
  const common = { alpha: ctx.alpha, power: ctx.power, sides: 1 as const, ratio, sequential: true };
  const perArm = (s: { control: number; canary: number }) => ({ control: s.control, canary: s.canary });
  if (gate.test === 'proportions') {
    // Mirror higher-is-better rates so the worse direction is always up.
    const rate = metric.direction === 'lower-is-better' ? baseline.rate! : 1 - baseline.rate!;
    return {
      samples: (d) => perArm(requiredSamplesPerArm({ ...common, kind: 'proportion', baseline: rate, margin: d })),
      maxEffect: Math.max(1e-6, 1 - rate),
      describe: (d) => `${trim(d * 100)}pp (${trim((d / baseline.rate!) * 100)}% of the ${trim(baseline.rate! * 100)}% baseline)`,
      relative: (d) => d / baseline.rate!,
    };
  }
  if (gate.test === 'welch') {
    if (margin.kind === 'absolute' && baseline.sd === undefined) return `an absolute margin (${margin.text}) needs an observed baseline sd for ${metric.name} to estimate`;
    const mean = baseline.mean ?? 1;
    const sd = baseline.sd ?? DEFAULT_CV * mean;
    return {
      samples: (d) => perArm(requiredSamplesPerArm({ ...common, kind: 'mean', baseline: mean, sd, margin: d })),
      maxEffect: 100 * sd,
      describe: (d) => (baseline.mean === undefined ? `${trim((d / mean) * 100)}% of the mean` : `${trim(d)}${metric.unit ? ` ${metric.unit}` : ''} (${trim((d / mean) * 100)}%)`),
      relative: (d) => d / mean,
    };
  }
  if (gate.test === 'mann-whitney') {
    if (superiorityShift(metric, baseline, margin) === undefined) return `an absolute margin (${margin.text}) needs an observed baseline mean for ${metric.name} to estimate`;
    const sigma = logSigma(baseline);
    const scaleShift = (d: number) => Math.exp(Math.SQRT2 * sigma * normalQuantile(0.5 + d)) - 1;
    return {
      // Placements have variance 1/12 under no difference, so θ behaves as a mean with sd √(1/12).
      samples: (d) => perArm(requiredSamplesPerArm({ ...common, kind: 'mean', baseline: 0.5, sd: Math.sqrt(1 / 12), margin: d })),
      maxEffect: 0.4999,
      describe: (d) => `a ${trim(scaleShift(d) * 100)}% shift (every percentile)`,
      relative: (d) => scaleShift(d),
    };
  }
  return `a ${gate.test} gate compares with an absolute bound: set versus: absolute and max or min`;
}

/** Per-unit figures assumed for ratio and net-benefit gates without a declared `unitBaseline`. */
export const DEFAULT_REQUESTS_PER_UNIT = 20;
export const DEFAULT_UNIT_CV = 1;
export const DEFAULT_UNIT_CORRELATION = 0.5;

/**
 * Ratio and net-benefit gates are judged on units, so they are sized in units: the variance of
 * one unit's contribution from the gate's `unitBaseline` (per-unit means, sds and the
 * correlation of the pair), the units per arm from the same sequential sample size as a mean,
 * and the requests that brings at `requestsPerUnit` (the stage's users are assumed to send
 * that many requests each within it). A ratio's unit variance is that of log x − log y,
 * CVx² + CVy² − 2ρ·CVx·CVy, against the margin on the log scale; a net benefit's is
 * λ²σq² + σc² − 2λρσqσc, against the distance from the expected net benefit to the floor. No
 * design effect applies: the variance is over units already.
 */
function estimateCostGate(ctx: GateContext, head: { gate: string; metric: string; test: string }): GatePower {
  const { gate, metric } = ctx;
  const declared = gate.unitBaseline ?? {};
  const requestsPerUnit = declared.requestsPerUnit ?? DEFAULT_REQUESTS_PER_UNIT;
  const correlation = declared.correlation ?? DEFAULT_UNIT_CORRELATION;
  const cvOf = (mean: number | undefined, sd: number | undefined) => (mean !== undefined && sd !== undefined && mean > 0 ? sd / mean : undefined);
  const cvX = cvOf(declared.meanX, declared.sdX);
  const cvY = cvOf(declared.meanY, declared.sdY);
  const observed = cvX !== undefined && cvY !== undefined && declared.correlation !== undefined && declared.requestsPerUnit !== undefined;
  const baseline = { ...(declared.meanX === undefined ? {} : { mean: declared.meanX }), ...(declared.sdX === undefined ? {} : { sd: declared.sdX }), source: observed ? 'observed' as const : 'default' as const };
  const withBaseline = { ...head, baseline };
  if (ctx.stage.mode !== 'shadow' && (ctx.stage.weight ?? 0) >= 100) return { ...withBaseline, note: 'at 100% there is no control arm to compare with' };
  const missing = [declared.requestsPerUnit === undefined ? `${DEFAULT_REQUESTS_PER_UNIT} requests per unit` : '', declared.correlation === undefined ? `a correlation of ${DEFAULT_UNIT_CORRELATION} between the per-unit totals` : ''].filter(Boolean);
  const ratio = ctx.rates ? ctx.rates.canary / ctx.rates.control : ctx.stage.mode === 'shadow' ? 1 : ratioOf(ctx.stage);
  const unitsFor = (sd: number, d: number) => requiredSamplesPerArm({ kind: 'mean', baseline: 0, sd, margin: d, alpha: ctx.alpha, power: ctx.power, sides: 1, ratio, sequential: true });
  const requestsOf = (units: { control: number; canary: number }) => ({ control: Math.ceil(units.control * requestsPerUnit), canary: Math.ceil(units.canary * requestsPerUnit) });

  let spread: number;
  let effect: { text: string; absolute: number };
  let model: SampleModel;
  if (gate.test === 'ratio') {
    const margin = resolveMargin(gate.nonInferiority ?? gate.maxIncrease, `spec.gates.${ctx.name}`);
    if (margin.value === 0) return { ...withBaseline, note: 'the margin is 0: a challenger equal to control can never be shown within it; set nonInferiority to the difference you would accept' };
    if (cvX === undefined) missing.push(`a per-unit coefficient of variation of ${DEFAULT_UNIT_CV} for x`);
    if (cvY === undefined) missing.push(`a per-unit coefficient of variation of ${DEFAULT_UNIT_CV} for y`);
    const cx = cvX ?? DEFAULT_UNIT_CV;
    const cy = cvY ?? DEFAULT_UNIT_CV;
    spread = Math.sqrt(Math.max(0, cx * cx + cy * cy - 2 * correlation * cx * cy));
    const worseUp = metric.direction === 'lower-is-better';
    const logMargin = worseUp ? Math.log1p(margin.value) : -Math.log1p(-Math.min(margin.value, 0.999));
    effect = { text: margin.text, absolute: margin.value };
    model = {
      samples: (d) => requestsOf(unitsFor(spread, d)),
      maxEffect: 10,
      describe: (d) => `${trim(Math.expm1(d) * 100)}% in the ratio`,
      relative: (d) => Math.expm1(d),
    };
    return finishCostGate(ctx, withBaseline, spread, logMargin, effect, model, unitsFor, missing, requestsPerUnit);
  }
  const lambda = gate.willingnessToPay;
  if (lambda === undefined) return { ...withBaseline, note: 'a net-benefit gate needs willingnessToPay' };
  const costIsX = metric.direction === 'lower-is-better';
  const [sdCost, sdQuality] = costIsX ? [declared.sdX, declared.sdY] : [declared.sdY, declared.sdX];
  if (sdCost === undefined || sdQuality === undefined) {
    return { ...withBaseline, note: `needs unitBaseline.sdX and sdY for ${metric.name} (the spread across users of their cost and quality, from a day of per-user data) to estimate` };
  }
  const floor = gate.minNetBenefit ?? 0;
  const expected = declared.netBenefit ?? 0;
  if (!(expected > floor)) {
    return { ...withBaseline, note: `a challenger with the expected net benefit ${trim(expected)} per unit can never be shown above the floor ${trim(floor)}: set minNetBenefit below it (a small loss you accept) or unitBaseline.netBenefit to the gain you expect` };
  }
  spread = Math.sqrt(Math.max(0, lambda * lambda * sdQuality * sdQuality + sdCost * sdCost - 2 * lambda * correlation * sdQuality * sdCost));
  const meanCost = costIsX ? declared.meanX : declared.meanY;
  effect = { text: `${trim(expected - floor)}${metric.unit ? ` ${metric.unit}` : ''} net-benefit`, absolute: expected - floor };
  model = {
    samples: (d) => requestsOf(unitsFor(spread, d)),
    maxEffect: 100 * spread,
    describe: (d) => `${trim(d)}${metric.unit ? ` ${metric.unit}` : ''} of net benefit per unit`,
    relative: (d) => (meanCost !== undefined && meanCost > 0 ? d / meanCost : Number.NaN),
  };
  return finishCostGate(ctx, withBaseline, spread, expected - floor, effect, model, unitsFor, missing, requestsPerUnit);
}

function finishCostGate(
  ctx: GateContext,
  head: Omit<GatePower, 'note'>,
  spread: number,
  distance: number,
  effect: { text: string; absolute: number },
  model: SampleModel,
  unitsFor: (sd: number, d: number) => { control: number; canary: number },
  missing: readonly string[],
  requestsPerUnit: number,
): GatePower {
  if (missing.length > 0) ctx.assumptions.add(`${ctx.metric.name} (gate ${ctx.name}): assumed ${missing.join(', ')} (not declared in the gate's unitBaseline)`);
  if (!(spread > 0)) return { ...head, note: 'the declared per-unit figures leave no variance: check unitBaseline' };
  const units = unitsFor(spread, distance);
  const samplesPerArm = model.samples(distance);
  const unitsPerArm = { control: units.control, canary: units.canary };
  const result: GatePower = { ...head, effect, samplesPerArm, unitsPerArm, ...gateTiming(ctx, samplesPerArm, unitsPerArm, requestsPerUnit) };
  const hoursFor = hoursOfEffect(ctx, model, (d) => unitsFor(spread, d), requestsPerUnit);
  const detectable = hoursFor && ctx.minHours !== undefined ? detectableEffect(model, hoursFor, ctx.minHours) : undefined;
  return detectable === undefined ? result : { ...result, detectableInMinDuration: { absolute: detectable, text: model.describe(detectable), relative: model.relative(detectable) } };
}

/** θ − ½ for a log-normal metric moved by the margin: Φ(shift / (σ√2)) − ½ with shift the log of the scale change. */
function superiorityShift(metric: MetricDefinition, baseline: Baseline, margin: GateMargin): number | undefined {
  const sigma = logSigma(baseline);
  let shift: number;
  if (margin.kind === 'relative') {
    shift = metric.direction === 'lower-is-better' ? Math.log(1 + margin.value) : -Math.log(1 - Math.min(margin.value, 0.999));
  } else {
    if (baseline.mean === undefined) return undefined;
    const median = baseline.mean / Math.sqrt(1 + (baseline.sd! / baseline.mean) ** 2);
    shift = Math.abs(Math.log(1 + (metric.direction === 'lower-is-better' ? margin.value : -Math.min(margin.value, 0.999 * median)) / median));
  }
  return normalCdf(shift / (Math.SQRT2 * sigma)) - 0.5;
}

function logSigma(baseline: Baseline): number {
  const cv = baseline.mean !== undefined && baseline.sd !== undefined && baseline.mean > 0 ? baseline.sd / baseline.mean : DEFAULT_CV;
  return Math.sqrt(Math.log(1 + cv * cv));
}

/**
 * Absolute gates judge the canary alone: n = ((b + z_power)·s / d)², b the confidence
 * sequence's one-sided multiplier (tuned at its answer), s the per-observation standard
 * deviation of what is tested (√(q(1 − q)) for a quantile's sign test) and d the distance
 * from the baseline to the bound.
 */
function estimateAbsolute(ctx: GateContext, head: Omit<GatePower, 'note'>): GatePower {
  const { gate, metric } = ctx;
  const bound = gate.max ?? gate.min;
  if (bound === undefined) return { ...head, note: 'an absolute gate needs max or min' };
  const baseline = head.baseline;
  let distance: number;
  let spread: number;
  let what: string;
  if (gate.test === 'quantile') {
    const q = gate.quantile ?? 0.5;
    if (baseline.mean === undefined) return { ...head, note: `depends on where the champion's p${trim(q * 100)} sits relative to ${bound}: give an observed baseline mean (and sd) for ${metric.name} to estimate` };
    const sigma = logSigma(baseline);
    const mu = Math.log(baseline.mean) - (sigma * sigma) / 2;
    const share = normalCdf((Math.log(bound) - mu) / sigma);
    distance = gate.max !== undefined ? share - q : q - share;
    spread = Math.sqrt(q * (1 - q));
    what = `p${trim(q * 100)} (log-normal from the baseline: ${trim(Math.exp(mu + sigma * normalQuantile(q)))}${metric.unit ? ` ${metric.unit}` : ''})`;
  } else if (gate.test === 'proportions') {
    const rate = baseline.rate!;
    distance = gate.max !== undefined ? bound - rate : rate - bound;
    spread = Math.sqrt(rate * (1 - rate));
    what = `rate (${trim(rate * 100)}%)`;
  } else {
    if (baseline.mean === undefined || baseline.sd === undefined) return { ...head, note: `needs an observed baseline mean and sd for ${metric.name} to estimate` };
    distance = gate.max !== undefined ? bound - baseline.mean : baseline.mean - bound;
    spread = baseline.sd;
    what = `mean (${trim(baseline.mean)})`;
  }
  if (!(distance > 0)) return { ...head, note: `the champion's ${what} is already ${gate.max !== undefined ? 'above' : 'below'} ${bound}: an equal challenger would fail this gate` };
  const multiplier = boundaryMultiplier(1, { alpha: ctx.alpha, sides: 1, tuneN: 1 });
  const canary = Math.ceil((((multiplier + normalQuantile(ctx.power)) * spread) / distance) ** 2);
  const samplesPerArm = { control: 0, canary };
  return { ...head, samplesPerArm, ...timing(samplesPerArm, ctx.rates, ctx.minHours), note: `to show a challenger like the champion (${what}) within ${bound}` };
}

function timing(samples: { control: number; canary: number }, rates: { control: number; canary: number } | undefined, minHours: number | undefined): { hours?: number; enough?: boolean } {
  if (!rates) return {};
  const hours = Math.max(samples.control / rates.control, samples.canary / rates.canary);
  return { hours, ...(minHours === undefined ? {} : { enough: hours <= minHours }) };
}

/** The difference whose samples take exactly minDuration: bisection, samples falling as the difference grows. */
function detectableEffect(model: SampleModel, hoursFor: (d: number) => number, minHours: number): number | undefined {
  if (minHours <= 0 || hoursFor(model.maxEffect) > minHours) return undefined;
  let lo = 0;
  let hi = model.maxEffect;
  // Reports show three significant digits; bisecting to a relative 1e-7 is far past that.
  while (hi - lo > hi * 1e-7) {
    const mid = (lo + hi) / 2;
    if (hoursFor(mid) > minHours) lo = mid;
    else hi = mid;
  }
  return hi;
}

function gateWarnings(stage: Stage, g: GatePower, rates: { control: number; canary: number } | undefined, minHours: number | undefined, power: number, onFailure: 'rollback' | 'pause' | 'freeze'): string[] {
  const out: string[] = [];
  const pct = `${Math.round(power * 100)}%`;
  const maxMs = stage.maxDuration === undefined ? undefined : parseDuration(stage.maxDuration);
  if (g.population?.unreachable && g.unitsPerArm) {
    out.push(populationWarning(stage, g));
    return out;
  }
  if (rates && g.hours !== undefined && maxMs !== undefined && g.hours > maxMs / 3_600_000 && (g.effect || g.unitsPerArm)) {
    const where = stage.mode === 'shadow' ? 'in shadow' : `at ${stage.weight} %`;
    const need = g.unitsPerArm ? `~${formatCount(g.unitsPerArm.canary)} canary users` : `~${formatCount(g.samplesPerArm!.canary)} canary requests`;
    const margin = g.effect ? ` to show ${g.metric} within ${g.effect.text}` : '';
    const outcome = onFailure === 'rollback' ? 'roll back' : onFailure;
    out.push(`${stage.name}: gate ${g.gate} needs ${need}${margin} ${aboutHours(g.hours, '≈ ')} ${where}, more than the stage's maxDuration ${stage.maxDuration}: this stage will hold and ${outcome} a good challenger — raise the weight, lengthen the stage or loosen the bound`);
    return out;
  }
  if (g.note?.startsWith('the margin is 0')) out.push(`${stage.name}: gate ${g.gate} has no margin to pass within, so an equal challenger holds there until maxDuration: set nonInferiority`);
  if (g.note?.includes('would fail this gate') || g.note?.includes('can never be shown above the floor')) out.push(`${stage.name}: gate ${g.gate}: ${g.note}`);
  if (!rates || g.hours === undefined) return out;
  const traffic = `${stage.name} sees ${formatCount(rates.canary)} canary requests/h`;
  if (g.enough === false && g.effect) {
    out.push(`${traffic}: telling a ${g.effect.text} difference in ${g.metric} (gate ${g.gate}) at ${pct} power needs ${aboutHours(g.hours)}, more than its minDuration ${stage.minDuration}`);
  } else if (g.enough === false) {
    out.push(`${traffic}: gate ${g.gate} on ${g.metric} needs ${aboutHours(g.hours)} at ${pct} power, more than its minDuration ${stage.minDuration}`);
  }
  const d = g.detectableInMinDuration;
  if (d && minHours !== undefined && d.relative >= catastrophic(g)) {
    out.push(`${stage.name} (${stage.mode === 'shadow' ? 'shadow' : `${stage.weight}%`} for ${stage.minDuration}) can only detect a ${d.text} difference in ${g.metric} at ${pct} power: it catches catastrophes only`);
  }
  return out;
}

/**
 * A gate needing more users than the population gives at the stage's weight: no duration is
 * enough, so the stage would hold until maxDuration and apply onFailure to a good challenger.
 */
function populationWarning(stage: Stage, g: GatePower): string {
  const reach = g.population!;
  const units = g.unitsPerArm!;
  const arm = units.canary >= reach.reachable.canary ? 'canary' : 'control';
  const margin = g.effect ? ` to show ${g.metric} within ${g.effect.text}` : '';
  const users = `${formatCount(reach.activeUsers)} active users`;
  if (stage.mode === 'shadow') return `${stage.name}: gate ${g.gate} needs ~${formatCount(units[arm])} users per arm${margin}, more than all ${users}: no duration is enough — loosen the bound`;
  const share = arm === 'canary' ? stage.weight! : 100 - stage.weight!;
  const fix = reach.minWeight !== undefined ? `raise the weight to ≥ ${reach.minWeight} % or loosen the bound` : 'no weight is enough: loosen the bound';
  return `${stage.name}: gate ${g.gate} needs ~${formatCount(units[arm])} ${arm} users${margin}; ${trim(share)} % of ${users} is ${formatCount(reach.reachable[arm])}: no duration is enough — ${fix}`;
}

/**
 * Where "detectable" turns into "catastrophes only": a doubled error rate, a quarter of a
 * higher-is-better rate lost, half again on a continuous metric.
 */
function catastrophic(g: GatePower): number {
  if (g.test === 'proportions') return g.baseline.rate !== undefined && g.baseline.rate > 0.5 ? 0.25 : 1;
  return 0.5;
}

function ratioOf(stage: Stage): number {
  const w = stage.weight ?? 50;
  return w > 0 && w < 100 ? w / (100 - w) : 1;
}

function trim(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

function scaleSamples(samples: { control: number; canary: number }, factor: number): { control: number; canary: number } {
  return { control: Math.ceil(samples.control * factor), canary: Math.ceil(samples.canary * factor) };
}
