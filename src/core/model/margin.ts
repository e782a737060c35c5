/**
 * A margin as the YAML writes it (`common.schema.json#/definitions/margin`):
 * - `points`: `0.5pp`, absolute percentage points of a rate, stored as a fraction (0.005);
 * - `relative`: `10%`, relative to control, stored as a fraction (0.10);
 * - `absolute`: a bare number in the metric's own unit (`3` ms, `0.002` USD).
 */
export interface Margin {
  readonly kind: 'points' | 'relative' | 'absolute';
  readonly value: number;
}

const TEXT = /^([0-9]+(?:\.[0-9]+)?)(pp|%)$/;

/** The margin `m` denotes, or undefined when it is not one (negative, unitless text, not finite). */
export function parseMargin(m: string | number): Margin | undefined {
  if (typeof m === 'number') {
    return Number.isFinite(m) && m >= 0 ? { kind: 'absolute', value: m } : undefined;
  }
  if (typeof m !== 'string') return undefined;
  const match = TEXT.exec(m.trim());
  if (!match) return undefined;
  const amount = Number(match[1]) / 100;
  if (!Number.isFinite(amount)) return undefined;
  return { kind: match[2] === 'pp' ? 'points' : 'relative', value: amount };
}

/** The margin as a user would write it again: `0.5pp`, `10%`, `3`. */
export function formatMargin(margin: Margin): string {
  const percent = Number((margin.value * 100).toPrecision(12));
  switch (margin.kind) {
    case 'points': return `${percent}pp`;
    case 'relative': return `${percent}%`;
    case 'absolute': return String(margin.value);
  }
}
