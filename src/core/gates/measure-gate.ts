import { boundaryMultiplier, confidenceSequence, widenContrast, withDesignEffect } from '../stats/index.js';
import type { Gate, MetricDefinition } from '../model/index.js';
import { sampleSize, type ArmData } from '../metrics/arm-data.js';
import { distributionView } from '../metrics/distribution-view.js';
import {
  beyondPValue,
  dataUnit,
  differenceContrast,
  differenceOf,
  meanEstimate,
  quantileContrast,
  rateEstimate,
  testedBoundContrast,
  testedEstimate,
  withinPValue,
  type ArmEstimate,
  type Contrast,
} from './contrast.js';
import { formatDifference, formatProbability, formatValue } from './format-evidence.js';
import { GateConfigError } from './gate-config-error.js';
import { resolveMargin, sameMargin, type GateMargin } from './gate-margin.js';
import { superiority } from './superiority.js';
import { measureNetBenefitGate, measureRatioGate } from './measure-cost-gates.js';
import { rateRatioProblem } from '../metrics/check-snapshot.js';

/** Statistical settings shared by every gate of a stage. */
export interface MeasureContext {
  /** The stage's family-wise alpha (intervals are shown at this level). */
  readonly alpha: number;
  /** Where the confidence sequences are tightest, in the smaller arm's observations. */
  readonly tuneN: number;
  /**
   * The policy's declared design effect (`analysis.designEffect`): every variance judged on
   * request-level data is multiplied by it; unit-level (ratio) data carries its own. Default 1.
   */
  readonly designEffect?: number;
  /** The policy's randomisation unit (`analysis.unit`): under `user`, verdicts on request-level data say their intervals are too narrow. Default user. */
  readonly assignment?: 'user' | 'request';
}

/** The design effect that applies to one arm's data: the declared one for request-level data, 1 for a ratio over units. */
export function designEffectOf(data: ArmData | undefined, ctx: MeasureContext): number {
  return dataUnit(data) === 'request' ? (ctx.designEffect ?? 1) : 1;
}

/** The unit the test treated as independent: `user` only when every arm it read was a ratio over units. */
export function measuredUnit(...arms: readonly (ArmData | undefined)[]): 'user' | 'request' {
  return arms.every((a) => a === undefined || dataUnit(a) === 'user') ? 'user' : 'request';
}

/** What a gate's data say, before the stage's multiplicity adjustment turns it into a verdict. */
export type GateMeasurement =
  | { readonly status: 'no-data'; readonly test: string; readonly reason: string; readonly n: { readonly control: number; readonly canary: number } }
  | {
      readonly status: 'measured';
      readonly test: string;
      readonly n: { readonly control: number; readonly canary: number };
      /** Always-valid p-value that the canary is beyond the fail bound (before Holm). */
      readonly failP: number;
      /** Always-valid p-value that the canary is within the pass bound. */
      readonly passP: number;
      /** z of the fail contrast: (estimate − threshold) / standard error. */
      readonly statistic: number;
      readonly effect: number;
      readonly interval: readonly [number, number];
      readonly threshold?: number;
      readonly passThreshold?: number;
      readonly estimates: { readonly control?: number; readonly canary?: number };
      /** Set when the data cannot support the test (fewer than two observations, no spread). */
      readonly degenerate?: string;
      /** What is judged, for reasons: the metric, or "latency_ms p99", "error_rate (canary)". */
      readonly subject: string;
      /** The effect as a phrase, for reasons: "canary 1.3% vs control 1.0%: +0.3pp (interval …)". */
      readonly summary: string;
      /** What failing means: "worse than control by more than 0.5pp". */
      readonly failClaim: string;
      /** What passing means: "within 0.5pp of control". */
      readonly passClaim: string;
      /** The unit the variance treated as the independent draw: `user` for ratios over units, `request` for everything else. */
      readonly unit: 'user' | 'request';
    };


/**
 * Measures one gate on one pair of arms (the aggregate, or one segment). Fails are tested
 * against `maxIncrease` (else `nonInferiority`), passes against `nonInferiority` (else
 * `maxIncrease`), so a gate with both can fail on a small shown harm yet need only a looser
 * bound shown to pass.
 */
export function measureGate(name: string, gate: Gate, metric: MetricDefinition, control: ArmData | undefined, canary: ArmData | undefined, ctx: MeasureContext): GateMeasurement {
  const where = `spec.gates.${name}`;
  if (gate.test === 'ratio') return measureRatioGate(name, gate, metric, control, canary, ctx);
  if (gate.test === 'net-benefit') return measureNetBenefitGate(name, gate, metric, control, canary, ctx);
  const versus = gate.versus ?? (gate.test === 'quantile' ? 'absolute' : 'control');
  if (versus === 'absolute') return measureAbsolute(where, gate, metric, canary, ctx);
  if (gate.test === 'quantile') throw new GateConfigError(`${where}: a quantile gate compares the canary with an absolute bound: remove versus: control and set max (or min)`);
  const failMargin = resolveMargin(gate.maxIncrease ?? gate.nonInferiority, `${where}.${gate.maxIncrease !== undefined ? 'maxIncrease' : 'nonInferiority'}`);
  const passMargin = resolveMargin(gate.nonInferiority ?? gate.maxIncrease, `${where}.${gate.nonInferiority !== undefined ? 'nonInferiority' : 'maxIncrease'}`);
  const n = { control: control ? sampleSize(control) : 0, canary: canary ? sampleSize(canary) : 0 };
  const missing = missingData(metric, control, canary);
  if (missing) return { status: 'no-data', test: gate.test, reason: missing, n };
  const worse = metric.direction === 'lower-is-better' ? 'higher' : 'lower';
  if (gate.test === 'mann-whitney') return measureRanks(where, metric, control!, canary!, failMargin, passMargin, worse, ctx);
  const estimateOf = gate.test === 'proportions' ? rateEstimate : meanEstimate;
  const c = estimateOf(control!);
  const k = estimateOf(canary!);
  const notRate = gate.test === 'proportions' ? rateRatioProblem(control!) ?? rateRatioProblem(canary!) : undefined;
  if (notRate) return { status: 'no-data', test: gate.test, reason: `${metric.name} ${notRate}`, n };
  if (!c || !k) {
    const needs = gate.test === 'proportions' ? 'counts (successes and trials) or a ratio over users' : 'a summary, samples, histogram buckets or a ratio over users';
    return { status: 'no-data', test: gate.test, reason: `${metric.name} has ${describeKind(c ? canary! : control!)} for the ${c ? 'canary' : 'control'}, but a ${gate.test} gate needs ${needs}`, n };
  }
  // Rates are tested, and their interval centred, on Agresti–Caffo arms; the effect shown is the observed difference.
  const tc = withDesignEffect(testedEstimate(control!, c, gate.test === 'proportions'), designEffectOf(control, ctx));
  const tk = withDesignEffect(testedEstimate(canary!, k, gate.test === 'proportions'), designEffectOf(canary, ctx));
  const fail = differenceContrast(tc, tk, failMargin, worse);
  const pass = differenceContrast(tc, tk, passMargin, worse);
  const { estimate: centre, standardError: effectSe } = differenceOf(tc, tk);
  const effect = k.value - c.value;
  const sign = worse === 'higher' ? 1 : -1;
  const informationN = Math.min(c.n, k.n);
  const cs = confidenceSequence(centre, effectSe, informationN, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
  const interval: [number, number] = [cs.lower, cs.upper];
  const marginPhrase = (m: GateMargin) => (m.value === 0 ? '' : ` by more than ${m.text}`);
  return {
    ...fromContrasts(gate.test, n, [fail], [pass], informationN, ctx),
    ...degenerateOf(c, k, gate.test, control, canary),
    effect,
    interval,
    threshold: sign * fail.threshold,
    ...(sameMargin(passMargin, failMargin) ? {} : { passThreshold: sign * pass.threshold }),
    estimates: { control: c.value, canary: k.value },
    subject: metric.name,
    summary: `canary ${formatValue(k.value, metric)} vs control ${formatValue(c.value, metric)}: ${formatDifference(effect, metric)} (interval ${formatDifference(interval[0], metric)} to ${formatDifference(interval[1], metric)})`,
    failClaim: `worse than control${marginPhrase(failMargin)}`,
    passClaim: passMargin.value === 0 ? 'no worse than control' : `within ${passMargin.text} of control`,
    unit: measuredUnit(control, canary),
  };
}

/**
 * Mann–Whitney with a margin: the canary is moved by the margin first — divided by (1 + m) for
 * a relative margin on a lower-is-better metric (by (1 − m) when higher is better), shifted by
 * m for an absolute one — and then θ = P(moved canary worse than control) + ½·P(tie) is tested
 * against ½. So `maxIncrease: 10%` on latency fails when the canary is shown stochastically
 * slower than control scaled up by 10% (a scale shift, which is how latency regressions
 * behave: every percentile moves by the same factor), and passes when it is shown faster than
 * that. The effect shown is θ − ½ at the fail margin; each arm's median is shown alongside.
 */
function measureRanks(where: string, metric: MetricDefinition, control: ArmData, canary: ArmData, failMargin: GateMargin, passMargin: GateMargin, worse: 'higher' | 'lower', ctx: MeasureContext): GateMeasurement {
  const contrastAt = (margin: GateMargin): { contrast: Contrast; n: { control: number; canary: number } } | undefined => {
    let scale = 1;
    let shift = 0;
    if (margin.kind === 'relative') {
      if (worse === 'lower' && margin.value >= 1) throw new GateConfigError(`${where}: a relative margin of ${margin.text} on a higher-is-better metric tolerates any drop: use a margin below 100%`);
      scale = worse === 'higher' ? 1 / (1 + margin.value) : 1 / (1 - margin.value);
    } else {
      shift = worse === 'higher' ? -margin.value : margin.value;
    }
    const s = superiority(control, canary, scale, shift);
    if (!s) return undefined;
    const theta = worse === 'higher' ? s.theta : 1 - s.theta;
    // Ranks are request-level: both arms' requests, widened by the declared design effect.
    return { contrast: widenContrast({ estimate: theta - 0.5, threshold: 0, standardError: s.standardError }, ctx.designEffect ?? 1), n: s.n };
  };
  const fail = contrastAt(failMargin);
  const n = { control: sampleSize(control), canary: sampleSize(canary) };
  if (!fail) {
    const bad = distributionView(control) ? canary : control;
    return { status: 'no-data', test: 'mann-whitney', reason: `${metric.name} has ${describeKind(bad)} for the ${bad === canary ? 'canary' : 'control'}, but a mann-whitney gate needs samples or histogram buckets`, n };
  }
  const pass = sameMargin(passMargin, failMargin) ? fail : contrastAt(passMargin)!;
  const informationN = Math.min(fail.n.control, fail.n.canary);
  const cs = confidenceSequence(fail.contrast.estimate, fail.contrast.standardError, informationN, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
  const interval: [number, number] = [cs.lower, cs.upper];
  const worseWord = worse === 'higher' ? (metric.unit === 'ms' || /latency|duration|time/.test(metric.name) ? 'slower' : 'higher') : 'lower';
  const moved = (m: GateMargin) => (m.value === 0 ? 'control' : `control ${worse === 'higher' ? '+' : '−'}${m.text}`);
  const controlMedian = distributionView(control)!.quantile(0.5);
  const canaryMedian = distributionView(canary)!.quantile(0.5);
  const degenerate = !(fail.contrast.standardError > 0) ? { degenerate: n.control === 0 || n.canary === 0 ? `the ${n.control === 0 ? 'control' : 'canary'} arm has no observations` : 'all observations are tied' } : {};
  return {
    ...fromContrasts('mann-whitney', fail.n, [fail.contrast], [pass.contrast], informationN, ctx),
    ...degenerate,
    effect: fail.contrast.estimate,
    interval,
    threshold: 0,
    estimates: { control: controlMedian, canary: canaryMedian },
    subject: metric.name,
    summary: `median canary ${formatValue(canaryMedian, metric)} vs control ${formatValue(controlMedian, metric)}; P(canary ${worseWord} than ${moved(failMargin)}) − ½ = ${formatProbability(fail.contrast.estimate)} (interval ${formatProbability(interval[0])} to ${formatProbability(interval[1])})`,
    failClaim: `stochastically ${worseWord} than ${moved(failMargin)}`,
    passClaim: `stochastically no ${worseWord} than ${moved(passMargin)}`,
    unit: 'request',
  };
}

/** The canary against `max` / `min`: a rate, a mean, or (quantile gates) a quantile. */
function measureAbsolute(where: string, gate: Gate, metric: MetricDefinition, canary: ArmData | undefined, ctx: MeasureContext): GateMeasurement {
  if (gate.max === undefined && gate.min === undefined) throw new GateConfigError(`${where}: a gate with versus: absolute (every quantile gate) needs max or min: add max: <bound in ${metric.unit ?? 'the metric\'s unit'}>`);
  if (gate.test === 'mann-whitney') throw new GateConfigError(`${where}: mann-whitney compares two arms: use test: quantile (or welch) for an absolute bound`);
  const n = { control: 0, canary: canary ? sampleSize(canary) : 0 };
  if (!canary) return { status: 'no-data', test: gate.test, reason: `no canary data for ${metric.name}`, n };
  const bounds: { bound: number; beyond: 'above' | 'below' }[] = [];
  if (gate.max !== undefined) bounds.push({ bound: gate.max, beyond: 'above' });
  if (gate.min !== undefined) bounds.push({ bound: gate.min, beyond: 'below' });
  const boundPhrase = bounds.map((b) => `${b.beyond === 'above' ? 'above' : 'below'} ${formatValue(b.bound, metric)}`).join(' or ');
  const withinPhrase = bounds.map((b) => `${b.beyond === 'above' ? 'at most' : 'at least'} ${formatValue(b.bound, metric)}`).join(' and ');

  if (gate.test === 'quantile') {
    const q = gate.quantile;
    if (q === undefined) throw new GateConfigError(`${where}: a quantile gate needs quantile: such as 0.99`);
    const view = distributionView(canary);
    if (!view) return { status: 'no-data', test: 'quantile', reason: `${metric.name} has ${describeKind(canary)} for the canary, but a quantile gate needs samples or histogram buckets`, n };
    const d = ctx.designEffect ?? 1;
    const contrasts = bounds.map((b) => widenContrast(quantileContrast(view, q, b.bound, b.beyond), d));
    const estimate = view.quantile(q);
    const half = view.n > 0 ? boundaryMultiplier(view.n, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 }) * Math.sqrt((d * q * (1 - q)) / view.n) : Infinity;
    const interval: [number, number] = [view.n > 0 ? view.quantile(q - half) : -Infinity, view.n > 0 ? view.quantile(q + half) : Infinity];
    const label = `p${trimQuantile(q)}`;
    return {
      ...fromContrasts('quantile', n, contrasts, contrasts, view.n, ctx),
      ...(view.n === 0 ? { degenerate: 'the canary arm has no observations' } : {}),
      effect: estimate,
      interval,
      threshold: bounds[0]!.bound,
      estimates: { canary: estimate },
      subject: `${metric.name} ${label}`,
      summary: `canary ${label} ${formatValue(estimate, metric)} (interval ${formatValue(interval[0], metric)} to ${formatValue(interval[1], metric)})`,
      failClaim: boundPhrase,
      passClaim: withinPhrase,
      unit: 'request',
    };
  }
  const k = gate.test === 'proportions' ? rateEstimate(canary) : meanEstimate(canary);
  if (!k) return { status: 'no-data', test: gate.test, reason: `${metric.name} has ${describeKind(canary)} for the canary, but a ${gate.test} gate needs ${gate.test === 'proportions' ? 'counts' : 'a summary, samples or histogram buckets'}`, n };
  const notRate = gate.test === 'proportions' ? rateRatioProblem(canary) : undefined;
  if (notRate) return { status: 'no-data', test: gate.test, reason: `${metric.name} ${notRate}`, n };
  const d = designEffectOf(canary, ctx);
  const contrasts = bounds.map((b) => widenContrast(testedBoundContrast(canary, k, b.bound, b.beyond), d));
  const cs = confidenceSequence(k.value, Math.sqrt(d * k.variance), k.n, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
  const interval: [number, number] = [cs.lower, cs.upper];
  const what = gate.test === 'proportions' ? 'rate' : 'mean';
  return {
    ...fromContrasts(gate.test, n, contrasts, contrasts, k.n, ctx),
    ...degenerateOf(undefined, k, gate.test, undefined, canary),
    effect: k.value,
    interval,
    threshold: bounds[0]!.bound,
    estimates: { canary: k.value },
    subject: `${metric.name} (canary ${what})`,
    summary: `canary ${what} ${formatValue(k.value, metric)} (interval ${formatValue(interval[0], metric)} to ${formatValue(interval[1], metric)})`,
    failClaim: boundPhrase,
    passClaim: withinPhrase,
    unit: measuredUnit(canary),
  };
}

/**
 * p-values from the contrasts: fail when any fail contrast is shown beyond its bound
 * (Bonferroni over the two bounds of a gate with both max and min), pass when every pass
 * contrast is shown within.
 */
function fromContrasts(test: string, n: { control: number; canary: number }, fails: readonly Contrast[], passes: readonly Contrast[], informationN: number, ctx: MeasureContext) {
  const failPs = fails.map((c) => beyondPValue(c, informationN, ctx.tuneN));
  const passPs = passes.map((c) => withinPValue(c, informationN, ctx.tuneN));
  const first = fails[0]!;
  const statistic = first.standardError > 0 ? (first.estimate - first.threshold) / first.standardError : 0;
  return {
    status: 'measured' as const,
    test,
    n,
    failP: Math.min(1, fails.length * Math.min(...failPs)),
    passP: Math.max(...passPs),
    statistic,
  };
}

function degenerateOf(control: ArmEstimate | undefined, canary: ArmEstimate, test: string, controlData?: ArmData, canaryData?: ArmData): { degenerate?: string } {
  for (const [arm, e, data] of [['control', control, controlData], ['canary', canary, canaryData]] as const) {
    if (!e) continue;
    if (e.n === 0) return { degenerate: `the ${arm} arm has no observations yet` };
    // A ratio's variance is over units: one user says nothing about how users differ.
    if (data?.kind === 'ratio' && data.units < 2) return { degenerate: `the ${arm} arm has fewer than 2 users (units)` };
    if (test !== 'proportions' && e.n < 2) return { degenerate: `the ${arm} arm has fewer than 2 observations` };
  }
  return {};
}

function missingData(metric: MetricDefinition, control: ArmData | undefined, canary: ArmData | undefined): string | undefined {
  if (!control && !canary) return `no data for ${metric.name} in either arm`;
  if (!control) return `no control data for ${metric.name}`;
  if (!canary) return `no canary data for ${metric.name}`;
  return undefined;
}

function describeKind(data: ArmData): string {
  return { counts: 'counts', summary: 'a summary', samples: 'samples', histogram: 'histogram buckets', ratio: 'a ratio over users' }[data.kind];
}

function trimQuantile(q: number): string {
  return Number((q * 100).toPrecision(6)).toString();
}
