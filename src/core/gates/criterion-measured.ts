import { beyondPValue, type Contrast } from './contrast.js';
import type { MeasureContext } from './measure-gate.js';
import type { CriterionMeasurement } from './measure-criterion.js';

/** A rollback criterion's measurement: whether it fires is the always-valid p-value of its contrast beyond the bound. */
export function measured(test: string, n: { control: number; canary: number }, contrast: Contrast, informationN: number, ctx: MeasureContext, effect: number, interval: readonly [number, number], threshold: number, estimates: { control?: number; canary?: number }, summary: string, condition: string, unit: 'user' | 'request' = 'request'): CriterionMeasurement {
  return {
    status: 'measured',
    test,
    n,
    fireP: beyondPValue(contrast, informationN, ctx.tuneN),
    statistic: contrast.standardError > 0 ? (contrast.estimate - contrast.threshold) / contrast.standardError : 0,
    effect,
    interval,
    threshold,
    estimates,
    summary,
    condition,
    unit,
  };
}
