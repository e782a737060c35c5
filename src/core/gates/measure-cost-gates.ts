import { beyondPValue, confidenceSequence, estimateLogRatio, estimateNetBenefit, estimateRatio, logRatioContrast, netBenefitContrast, withinPValue, type Contrast, type UnitSums } from '../stats/index.js';
import type { Gate, MetricDefinition, RollbackCriterion } from '../model/index.js';
import type { ArmData } from '../metrics/arm-data.js';
import { formatCount } from './format-evidence.js';
import { GateConfigError } from './gate-config-error.js';
import { resolveMargin, sameMargin, type GateMargin } from './gate-margin.js';
import type { GateMeasurement, MeasureContext } from './measure-gate.js';
import type { CriterionMeasurement } from './measure-criterion.js';
import { measured } from './criterion-measured.js';

/**
 * The ratio and cost-effectiveness gates (decision 0019). Both read one metric whose data is a
 * ratio over units — per user, a pair of totals x and y (cost and resolved conversations,
 * tokens and tasks, quality and cost) — because both need the covariance of the pair within
 * units, which Σxy carries. Request-level data cannot give it, so it is not accepted: the
 * verdict is no-data, with what to send.
 */

type Sums = Extract<ArmData, { kind: 'ratio' }>;

/**
 * `test: ratio`: canary's ΣX/ΣY over control's on the log scale, with a relative margin
 * (`maxIncrease` fails, `nonInferiority` passes, as for every gate against control). The effect
 * shown is Rk/Rc − 1 and its interval the confidence sequence of the log ratio, exponentiated.
 */
export function measureRatioGate(name: string, gate: Gate, metric: MetricDefinition, control: ArmData | undefined, canary: ArmData | undefined, ctx: MeasureContext): GateMeasurement {
  const where = `spec.gates.${name}`;
  const failMargin = relativeMargin(gate.maxIncrease ?? gate.nonInferiority, `${where}.${gate.maxIncrease !== undefined ? 'maxIncrease' : 'nonInferiority'}`);
  const passMargin = relativeMargin(gate.nonInferiority ?? gate.maxIncrease, `${where}.${gate.nonInferiority !== undefined ? 'nonInferiority' : 'maxIncrease'}`);
  const worse = metric.direction === 'lower-is-better' ? 'higher' : 'lower';
  if (worse === 'lower' && Math.max(failMargin.value, passMargin.value) >= 1) {
    throw new GateConfigError(`${where}: a relative margin of 100% or more on a higher-is-better ratio tolerates any drop: use a margin below 100%`);
  }
  const arms = pairData('ratio', metric, control, canary);
  if ('reason' in arms) return arms.reason;
  const { c, k, informationN, effect, interval, rc, rk, summary } = ratioEffect(arms, metric, ctx);
  const fail = logRatioContrast(c, k, failMargin.value, worse);
  const pass = sameMargin(failMargin, passMargin) ? fail : logRatioContrast(c, k, passMargin.value, worse);
  const sign = worse === 'higher' ? 1 : -1;
  const shownMargin = (m: GateMargin) => sign * m.value;
  const moved = (m: GateMargin) => (m.value === 0 ? 'control' : `control ${worse === 'higher' ? '+' : '−'}${m.text}`);
  return {
    ...pValues('ratio', arms, fail, pass, informationN, ctx),
    ...degenerate(arms, [c, k], 'the ratio has no numerator yet (ΣX = 0) or no denominator (ΣY = 0)'),
    effect,
    interval,
    threshold: shownMargin(failMargin),
    ...(sameMargin(passMargin, failMargin) ? {} : { passThreshold: shownMargin(passMargin) }),
    estimates: { control: rc, canary: rk },
    subject: `${metric.name} (ratio over users)`,
    summary,
    failClaim: `${worse === 'higher' ? 'above' : 'below'} ${moved(failMargin)}`,
    passClaim: `${worse === 'higher' ? 'at most' : 'at least'} ${moved(passMargin)}`,
    unit: 'user',
  };
}

/**
 * `test: net-benefit`: the incremental net benefit per user, λ·Δquality − Δcost, against
 * `minNetBenefit` (default 0): it fails when shown below the floor and passes when shown above
 * it. Which of the pair is the cost follows from the metric's direction (the schema says
 * how). The effect shown is ΔNB in the cost's unit.
 */
export function measureNetBenefitGate(name: string, gate: Gate, metric: MetricDefinition, control: ArmData | undefined, canary: ArmData | undefined, ctx: MeasureContext): GateMeasurement {
  const where = `spec.gates.${name}`;
  const lambda = gate.willingnessToPay;
  if (!(lambda !== undefined && lambda > 0 && Number.isFinite(lambda))) {
    throw new GateConfigError(`${where}.willingnessToPay: a net-benefit gate needs what one more unit of quality is worth in the cost's unit: add willingnessToPay: <number > 0>`);
  }
  const floor = gate.minNetBenefit ?? 0;
  const arms = pairData('net-benefit', metric, control, canary);
  if ('reason' in arms) return arms.reason;
  const { c, k, informationN, effect, interval, summary } = netBenefitEffect(arms, metric, lambda, ctx);
  const contrast = netBenefitContrast(c, k, floor);
  return {
    ...pValues('net-benefit', arms, contrast, contrast, informationN, ctx),
    ...degenerate(arms, [c, k], 'no units'),
    effect,
    interval,
    threshold: floor,
    estimates: { control: c.value, canary: k.value },
    subject: `${metric.name} (net benefit per user at ${trim(lambda)} per unit of quality)`,
    summary,
    failClaim: floor === 0 ? 'short of its marginal cost (net benefit below 0)' : `below the net benefit floor ${trim(floor)}`,
    passClaim: floor === 0 ? 'worth its marginal cost (net benefit above 0)' : `above the net benefit floor ${trim(floor)}`,
    unit: 'user',
  };
}

/** Both arms' log ratios, the effect Rk/Rc − 1 and its confidence sequence: shared by the ratio gate and the ratio rollback criterion. */
function ratioEffect(arms: { control: Sums; canary: Sums }, metric: MetricDefinition, ctx: MeasureContext) {
  const c = estimateLogRatio(arms.control);
  const k = estimateLogRatio(arms.canary);
  const informationN = Math.min(c.n, k.n);
  const logEffect = k.value - c.value;
  const cs = confidenceSequence(logEffect, Math.sqrt(c.variance + k.variance), informationN, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
  const interval: [number, number] = [Math.expm1(cs.lower), Math.expm1(cs.upper)];
  const effect = Math.expm1(logEffect);
  const rc = estimateRatio(arms.control).value;
  const rk = estimateRatio(arms.canary).value;
  const summary = `canary ${trim(rk)} vs control ${trim(rc)}${metric.unit ? ` ${metric.unit}` : ''}: ${percent(effect)} (interval ${percent(interval[0])} to ${percent(interval[1])}) on ${formatCount(arms.canary.units)} canary / ${formatCount(arms.control.units)} control users`;
  return { c, k, informationN, effect, interval, rc, rk, summary };
}

/** Both arms' net benefits per user, the effect ΔNB and its confidence sequence: shared by the net-benefit gate and rollback criterion. */
function netBenefitEffect(arms: { control: Sums; canary: Sums }, metric: MetricDefinition, lambda: number, ctx: MeasureContext) {
  const cost = costOf(metric);
  const c = estimateNetBenefit(arms.control, lambda, cost);
  const k = estimateNetBenefit(arms.canary, lambda, cost);
  const informationN = Math.min(c.n, k.n);
  const effect = k.value - c.value;
  const cs = confidenceSequence(effect, Math.sqrt(c.variance + k.variance), informationN, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
  const interval: [number, number] = [cs.lower, cs.upper];
  const [dq, dc] = deltas(arms, cost);
  const unitText = metric.unit ? ` (${metric.unit})` : '';
  const summary = `Δquality ${signed(dq)}, Δcost ${signed(dc)} per user: net benefit ${signed(effect)}${unitText} (interval ${signed(interval[0])} to ${signed(interval[1])}) on ${formatCount(arms.canary.units)} canary / ${formatCount(arms.control.units)} control users`;
  return { c, k, informationN, effect, interval, summary };
}

/**
 * A rollback criterion with `test: ratio` or `test: net-benefit` (decision 0021): the same
 * per-user sums, estimators and contrasts as the gates of those tests, fired by the same
 * always-valid p-value a gate fails by, so that "cost per resolved conversation more than 50 %
 * above control" or "net benefit below −0.05 per user" restores the champion only when shown.
 * `ratio` takes `increase` or `drop` as a percentage of control's ratio; `net-benefit` takes
 * `willingnessToPay` and `below`, the floor of the incremental net benefit per user.
 */
export function measureCostCriterion(criterion: RollbackCriterion, metric: MetricDefinition, control: ArmData | undefined, canary: ArmData | undefined, hasControl: boolean, ctx: MeasureContext, where: string): CriterionMeasurement {
  const test = criterion.test === 'net-benefit' ? 'net-benefit' : 'ratio';
  const head = { control: control?.kind === 'ratio' ? control.units : 0, canary: canary?.kind === 'ratio' ? canary.units : 0 };
  const resolve = test === 'ratio' ? ratioCondition(criterion, metric, where) : netBenefitCondition(criterion, metric, where);
  if (!hasControl) return { status: 'skipped', test, reason: `not applicable at 100%: there is no control arm to compare ${metric.name}'s ${test === 'ratio' ? 'ratio' : 'net benefit'} with (absolute criteria still apply)`, n: head };
  const arms = pairData(test, metric, control, canary);
  if ('reason' in arms) return arms.reason as CriterionMeasurement;
  if (test === 'ratio') {
    const { margin, worse } = resolve as ReturnType<typeof ratioCondition>;
    const e = ratioEffect(arms, metric, ctx);
    const flat = degenerate(arms, [e.c, e.k], 'the ratio has no numerator yet (ΣX = 0) or no denominator (ΣY = 0)').degenerate;
    if (flat) return { status: 'no-data', test, reason: `${metric.name}: ${flat}`, n: head };
    const contrast = logRatioContrast(e.c, e.k, margin.value, worse);
    return measured(test, { control: arms.control.units, canary: arms.canary.units }, contrast, e.informationN, ctx, e.effect, e.interval, (worse === 'higher' ? 1 : -1) * margin.value, { control: e.rc, canary: e.rk }, e.summary, resolve.condition, 'user');
  }
  const { lambda, floor } = resolve as ReturnType<typeof netBenefitCondition>;
  const e = netBenefitEffect(arms, metric, lambda, ctx);
  const flat = degenerate(arms, [e.c, e.k], 'no units').degenerate;
  if (flat) return { status: 'no-data', test, reason: `${metric.name}: ${flat}`, n: head };
  const contrast = netBenefitContrast(e.c, e.k, floor);
  return measured(test, { control: arms.control.units, canary: arms.canary.units }, contrast, e.informationN, ctx, e.effect, e.interval, floor, { control: e.c.value, canary: e.k.value }, e.summary, resolve.condition, 'user');
}

function ratioCondition(criterion: RollbackCriterion, metric: MetricDefinition, where: string): { margin: GateMargin; worse: 'higher' | 'lower'; condition: string } {
  const field = criterion.increase !== undefined ? 'increase' : criterion.drop !== undefined ? 'drop' : undefined;
  if (!field) throw new GateConfigError(`${where}: a ratio rollback criterion needs increase or drop, as a percentage of control's ratio such as 50%`);
  const margin = relativeMargin(criterion[field], `${where}.${field}`);
  const worse = field === 'increase' ? 'higher' : 'lower';
  if (worse === 'lower' && margin.value >= 1) throw new GateConfigError(`${where}.drop: a ratio cannot drop by 100% or more: use a margin below 100%`);
  return { margin, worse, condition: `${metric.name} (ratio over users) more than ${margin.text} ${worse === 'higher' ? 'above' : 'below'} control` };
}

function netBenefitCondition(criterion: RollbackCriterion, metric: MetricDefinition, where: string): { lambda: number; floor: number; condition: string } {
  const lambda = criterion.willingnessToPay;
  if (!(lambda !== undefined && lambda > 0 && Number.isFinite(lambda))) {
    throw new GateConfigError(`${where}.willingnessToPay: a net-benefit rollback criterion needs what one more unit of quality is worth in the cost's unit: add willingnessToPay: <number > 0>`);
  }
  if (criterion.below === undefined) throw new GateConfigError(`${where}: a net-benefit rollback criterion needs below: the net benefit per user under which it fires, such as -0.05`);
  return { lambda, floor: criterion.below, condition: `${metric.name} net benefit per user (at ${trim(lambda)} per unit of quality) below ${trim(criterion.below)}` };
}

/** Which per-unit total is the cost: x for a lower-is-better metric (cost per quality), y for a higher-is-better one (quality per cost). */
export function costOf(metric: MetricDefinition): 'x' | 'y' {
  return metric.direction === 'lower-is-better' ? 'x' : 'y';
}

function relativeMargin(margin: string | number | undefined, where: string): GateMargin {
  const resolved = resolveMargin(margin, where);
  if (resolved.kind !== 'relative' && resolved.value !== 0) {
    throw new GateConfigError(`${where}: a ratio gate compares canary's ratio with control's as a fraction: write the margin as a percentage such as 10%`);
  }
  return resolved.kind === 'relative' ? resolved : { kind: 'relative', value: 0, text: '0%' };
}

function pairData(test: string, metric: MetricDefinition, control: ArmData | undefined, canary: ArmData | undefined): { control: Sums; canary: Sums } | { reason: GateMeasurement } {
  const n = { control: control?.kind === 'ratio' ? control.units : 0, canary: canary?.kind === 'ratio' ? canary.units : 0 };
  const missing = !control && !canary ? `no data for ${metric.name} in either arm` : !control ? `no control data for ${metric.name}` : !canary ? `no canary data for ${metric.name}` : undefined;
  if (missing) return { reason: { status: 'no-data', test, reason: missing, n } };
  for (const [arm, data] of [['control', control!], ['canary', canary!]] as const) {
    if (data.kind !== 'ratio') {
      return { reason: { status: 'no-data', test, reason: `${metric.name} has request-level ${data.kind} data for the ${arm}, but a ${test} gate needs per-user sums of its two totals (units, sumX, sumY, sumXX, sumYY, sumXY: docs/metrics-file-format.md), whose Σxy carries their covariance within users`, n } };
    }
  }
  return { control: control as Sums, canary: canary as Sums };
}

function pValues(test: string, arms: { control: UnitSums; canary: UnitSums }, fail: Contrast, pass: Contrast, informationN: number, ctx: MeasureContext) {
  return {
    status: 'measured' as const,
    test,
    n: { control: arms.control.units, canary: arms.canary.units },
    failP: beyondPValue(fail, informationN, ctx.tuneN),
    passP: withinPValue(pass, informationN, ctx.tuneN),
    statistic: fail.standardError > 0 ? (fail.estimate - fail.threshold) / fail.standardError : 0,
  };
}

function degenerate(arms: { control: UnitSums; canary: UnitSums }, estimates: readonly { value: number; variance: number }[], empty: string): { degenerate?: string } {
  for (const arm of ['control', 'canary'] as const) {
    if (arms[arm].units < 2) return { degenerate: `the ${arm} arm has fewer than 2 users (units)` };
  }
  if (estimates.some((e) => !Number.isFinite(e.value))) return { degenerate: empty };
  if (estimates.every((e) => e.variance === 0)) return { degenerate: 'every user has the same totals: no spread to judge by' };
  return {};
}

function deltas(arms: { control: UnitSums; canary: UnitSums }, cost: 'x' | 'y'): [number, number] {
  const mean = (s: UnitSums, v: 'x' | 'y') => (v === 'x' ? s.sumX : s.sumY) / s.units;
  const quality = cost === 'x' ? 'y' : 'x';
  return [mean(arms.canary, quality) - mean(arms.control, quality), mean(arms.canary, cost) - mean(arms.control, cost)];
}

function percent(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+∞' : 'n/a';
  return `${x >= 0 ? '+' : '−'}${Number((Math.abs(x) * 100).toPrecision(3))}%`;
}

function signed(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+∞' : x < 0 ? '−∞' : 'n/a';
  return `${x >= 0 ? '+' : '−'}${trim(Math.abs(x))}`;
}

function trim(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(4)).toString().replace('-', '−') : 'n/a';
}
