import { parseMargin } from '../model/margin.js';
import { GateConfigError } from './gate-config-error.js';

/** A margin as the judge uses it: an absolute amount in the metric's unit, or a fraction of control. */
export interface GateMargin {
  readonly kind: 'absolute' | 'relative';
  readonly value: number;
  /** As the policy wrote it (`0.5pp`, `10%`, `3`), for reasons. */
  readonly text: string;
}

export const NO_MARGIN: GateMargin = { kind: 'absolute', value: 0, text: '0' };

/**
 * `0.5pp` is an absolute 0.005 (percentage points of a rate), `10%` is relative to control,
 * a bare number is absolute in the metric's unit.
 */
export function resolveMargin(margin: string | number | undefined, where: string): GateMargin {
  if (margin === undefined) return NO_MARGIN;
  const parsed = parseMargin(margin);
  if (!parsed) throw new GateConfigError(`${where}: ${JSON.stringify(margin)} is not a margin: write 0.5pp (percentage points), 10% (relative to control) or a number in the metric's unit`);
  return { kind: parsed.kind === 'relative' ? 'relative' : 'absolute', value: parsed.value, text: String(margin) };
}

export function sameMargin(a: GateMargin, b: GateMargin): boolean {
  return a.kind === b.kind && a.value === b.value;
}
