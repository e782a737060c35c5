import { boundaryMultiplier, confidenceSequence, widenContrast, withDesignEffect } from '../stats/index.js';
import type { MetricDefinition, RollbackCriterion } from '../model/index.js';
import { sampleSize, type ArmData } from '../metrics/arm-data.js';
import { distributionView, type DistributionView } from '../metrics/distribution-view.js';
import { beyondPValue, differenceContrast, differenceOf, meanEstimate, quantileContrast, rateEstimate, testedBoundContrast, testedEstimate, type Contrast } from './contrast.js';
import { formatDifference, formatValue } from './format-evidence.js';
import { GateConfigError } from './gate-config-error.js';
import { resolveMargin, type GateMargin } from './gate-margin.js';
import { designEffectOf, measuredUnit, type MeasureContext } from './measure-gate.js';
import { rateRatioProblem } from '../metrics/check-snapshot.js';
import { measureCostCriterion } from './measure-cost-gates.js';
import { measured } from './criterion-measured.js';

/** What a rollback criterion's data say, before the adjustment across criteria. */
export type CriterionMeasurement =
  | { readonly status: 'no-data' | 'skipped'; readonly test: string; readonly reason: string; readonly n: { readonly control: number; readonly canary: number } }
  | {
      readonly status: 'measured';
      readonly test: string;
      readonly n: { readonly control: number; readonly canary: number };
      /** Always-valid p-value that the criterion's condition holds. */
      readonly fireP: number;
      readonly statistic: number;
      readonly effect: number;
      readonly interval: readonly [number, number];
      readonly threshold: number;
      readonly estimates: { readonly control?: number; readonly canary?: number };
      readonly summary: string;
      /** The condition as a phrase: "error_rate more than 2pp above control". */
      readonly condition: string;
      /** The unit the variance treated as the independent draw: `user` for ratios over units, `request` for everything else. */
      readonly unit: 'user' | 'request';
    };

/**
 * Measures one rollback criterion. `above` / `below` judge the canary alone (its rate, mean, or
 * `quantile`); `increase` / `drop` judge it against control. The criterion fires only when its
 * condition is shown by an always-valid test, so noise at a busy tick cannot roll back.
 * `hasControl` is false at 100%, where relative criteria have nothing to compare with. `test:
 * ratio` and `test: net-benefit` judge a pair of per-user totals as their gates do (measure-cost-gates.ts).
 */
export function measureCriterion(criterion: RollbackCriterion, metric: MetricDefinition, control: ArmData | undefined, canary: ArmData | undefined, hasControl: boolean, ctx: MeasureContext, where: string): CriterionMeasurement {
  if (criterion.test === 'ratio' || criterion.test === 'net-benefit') return measureCostCriterion(criterion, metric, control, canary, hasControl, ctx, where);
  const n = { control: control ? sampleSize(control) : 0, canary: canary ? sampleSize(canary) : 0 };
  const q = criterion.quantile;
  const label = q === undefined ? metric.name : `${metric.name} p${Number((q * 100).toPrecision(6))}`;
  const absolute = criterion.above !== undefined ? { bound: criterion.above, beyond: 'above' as const } : criterion.below !== undefined ? { bound: criterion.below, beyond: 'below' as const } : undefined;
  const relative = criterion.increase !== undefined ? { margin: criterion.increase, worse: 'higher' as const } : criterion.drop !== undefined ? { margin: criterion.drop, worse: 'lower' as const } : undefined;
  const test = q !== undefined ? 'quantile' : metric.type === 'proportion' ? 'proportions' : 'welch';

  if (absolute) {
    const condition = `${label} ${absolute.beyond} ${formatValue(absolute.bound, metric)}`;
    if (!canary) return { status: 'no-data', test, reason: `no canary data for ${metric.name}`, n };
    if (q !== undefined) {
      const view = distributionView(canary);
      if (!view) return { status: 'no-data', test, reason: `${metric.name} has no samples or histogram for the canary, which a quantile criterion needs`, n };
      const contrast = widenContrast(quantileContrast(view, q, absolute.bound, absolute.beyond), ctx.designEffect ?? 1);
      const interval = quantileInterval(view, q, ctx, 2);
      const estimate = view.quantile(q);
      return measured(test, n, contrast, view.n, ctx, estimate, interval, absolute.bound, { canary: estimate }, `canary ${label} ${formatValue(estimate, metric)} (interval ${formatValue(interval[0], metric)} to ${formatValue(interval[1], metric)})`, condition);
    }
    const k = metric.type === 'proportion' ? rateEstimate(canary) : meanEstimate(canary);
    if (!k) return { status: 'no-data', test, reason: `${metric.name} has the wrong kind of data for the canary (${canary.kind})`, n };
    const notRate = metric.type === 'proportion' ? rateRatioProblem(canary) : undefined;
    if (notRate) return { status: 'no-data', test, reason: `${metric.name} ${notRate}`, n };
    const d = designEffectOf(canary, ctx);
    const contrast = widenContrast(testedBoundContrast(canary, k, absolute.bound, absolute.beyond), d);
    const cs = confidenceSequence(k.value, Math.sqrt(d * k.variance), k.n, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
    return measured(test, n, contrast, k.n, ctx, k.value, [cs.lower, cs.upper], absolute.bound, { canary: k.value }, `canary ${formatValue(k.value, metric)} (interval ${formatValue(cs.lower, metric)} to ${formatValue(cs.upper, metric)})`, condition, measuredUnit(canary));
  }

  if (!relative) throw new GateConfigError(`${where}: a rollback criterion needs one of above, below, increase or drop`);
  const margin = resolveMargin(relative.margin, `${where}.${relative.worse === 'higher' ? 'increase' : 'drop'}`);
  const condition = `${label} more than ${margin.text} ${relative.worse === 'higher' ? 'above' : 'below'} control`;
  if (!hasControl) return { status: 'skipped', test, reason: `not applicable at 100%: there is no control arm to compare ${metric.name} with (absolute criteria still apply)`, n };
  const missing = !control ? 'control' : !canary ? 'canary' : undefined;
  if (missing) return { status: 'no-data', test, reason: `no ${missing} data for ${metric.name}`, n };
  if (q !== undefined) return measureQuantileVersusControl(test, n, control!, canary!, q, margin, relative.worse, metric, label, condition, ctx);
  const estimateOf = metric.type === 'proportion' ? rateEstimate : meanEstimate;
  const c = estimateOf(control!);
  const k = estimateOf(canary!);
  if (!c || !k) return { status: 'no-data', test, reason: `${metric.name} has the wrong kind of data for a ${metric.type} metric`, n };
  const notRate = metric.type === 'proportion' ? rateRatioProblem(control!) ?? rateRatioProblem(canary!) : undefined;
  if (notRate) return { status: 'no-data', test, reason: `${metric.name} ${notRate}`, n };
  // As in measureGate: rates are tested on Agresti–Caffo arms, the observed difference is shown.
  const tc = withDesignEffect(testedEstimate(control!, c, metric.type === 'proportion'), designEffectOf(control, ctx));
  const tk = withDesignEffect(testedEstimate(canary!, k, metric.type === 'proportion'), designEffectOf(canary, ctx));
  const contrast = differenceContrast(tc, tk, margin, relative.worse);
  const { estimate: centre, standardError: effectSe } = differenceOf(tc, tk);
  const effect = k.value - c.value;
  const informationN = Math.min(c.n, k.n);
  const cs = confidenceSequence(centre, effectSe, informationN, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides: 2 });
  const sign = relative.worse === 'higher' ? 1 : -1;
  return measured(test, n, contrast, informationN, ctx, effect, [cs.lower, cs.upper], sign * contrast.threshold, { control: c.value, canary: k.value },
    `canary ${formatValue(k.value, metric)} vs control ${formatValue(c.value, metric)}: ${formatDifference(effect, metric)} (interval ${formatDifference(cs.lower, metric)} to ${formatDifference(cs.upper, metric)})`, condition, measuredUnit(control, canary));
}

/**
 * A quantile against control's: fires at level a when the canary's q-quantile is shown (at a/2)
 * beyond the control's own confidence bound (at a/2) moved by the margin. Both bounds
 * tighten as a grows, so firing is monotone in a and the p-value — the smallest a that fires —
 * is found by bisection.
 */
function measureQuantileVersusControl(test: string, n: { control: number; canary: number }, control: ArmData, canary: ArmData, q: number, margin: GateMargin, worse: 'higher' | 'lower', metric: MetricDefinition, label: string, condition: string, ctx: MeasureContext): CriterionMeasurement {
  const c = distributionView(control);
  const k = distributionView(canary);
  if (!c || !k) return { status: 'no-data', test, reason: `${metric.name} has no samples or histogram for the ${c ? 'canary' : 'control'}, which a quantile criterion needs`, n };
  const move = (x: number) => (margin.kind === 'relative' ? x * (worse === 'higher' ? 1 + margin.value : 1 - margin.value) : x + (worse === 'higher' ? margin.value : -margin.value));
  const contrastAt = (a: number): Contrast => {
    const controlBound = quantileInterval(c, q, { ...ctx, alpha: a / 2 }, 1)[worse === 'higher' ? 1 : 0];
    return widenContrast(quantileContrast(k, q, move(controlBound), worse === 'higher' ? 'above' : 'below'), ctx.designEffect ?? 1);
  };
  const informationN = Math.min(c.n, k.n);
  const firesAt = (a: number) => beyondPValue(contrastAt(a), k.n, ctx.tuneN) <= a / 2;
  let fireP = 1;
  if (informationN > 0 && firesAt(1 - 1e-9)) {
    let lo = Math.log(1e-15);
    let hi = Math.log(1 - 1e-9);
    if (firesAt(Math.exp(lo))) hi = lo;
    else {
      for (let i = 0; i < 50; i++) {
        const mid = (lo + hi) / 2;
        if (firesAt(Math.exp(mid))) hi = mid;
        else lo = mid;
      }
    }
    fireP = Math.exp(hi);
  }
  const controlEstimate = c.quantile(q);
  const canaryEstimate = k.quantile(q);
  const threshold = move(controlEstimate);
  const interval = quantileInterval(k, q, ctx, 2);
  const contrast = contrastAt(ctx.alpha);
  return {
    status: 'measured',
    test,
    n,
    fireP,
    statistic: contrast.standardError > 0 ? (contrast.estimate - contrast.threshold) / contrast.standardError : 0,
    effect: canaryEstimate - controlEstimate,
    interval: [interval[0] - controlEstimate, interval[1] - controlEstimate],
    threshold: threshold - controlEstimate,
    estimates: { control: controlEstimate, canary: canaryEstimate },
    summary: `canary ${label} ${formatValue(canaryEstimate, metric)} vs control ${formatValue(controlEstimate, metric)}`,
    condition,
    unit: 'request',
  };
}

/** Confidence sequence for the q-quantile: the quantiles at q ± h, h the sequence's half-width for the share below a point. */
function quantileInterval(view: DistributionView, q: number, ctx: MeasureContext, sides: 1 | 2): [number, number] {
  if (view.n === 0) return [-Infinity, Infinity];
  const half = boundaryMultiplier(view.n, { alpha: ctx.alpha, tuneN: ctx.tuneN, sides }) * Math.sqrt(((ctx.designEffect ?? 1) * q * (1 - q)) / view.n);
  return [view.quantile(q - half), view.quantile(q + half)];
}

