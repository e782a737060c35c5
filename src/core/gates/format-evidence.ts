import type { MetricDefinition } from '../model/index.js';
import { formatCount as groupDigits } from '../plan/format-values.js';

/**
 * A count with thousands separators: 23,880. Without Intl: building the first Intl.NumberFormat
 * loads ICU's number data, tens of milliseconds at every start of a process that only plans.
 */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? groupDigits(n) : String(n);
}

/** A p-value to two significant digits, with the floor said as such. */
export function formatP(p: number): string {
  if (!(p >= 0)) return 'n/a';
  if (p < 0.0001) return '< 0.0001';
  return Number(p.toPrecision(2)).toString();
}

/** "p = 0.012" or "p < 0.0001", for sentences. */
export function pPhrase(p: number): string {
  const text = formatP(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}

/** A metric's value in its unit: rates as percentages, others to four significant digits. */
export function formatValue(value: number, metric: MetricDefinition): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : 'n/a';
  if (metric.type === 'proportion') return `${trim(value * 100, 3)}%`;
  return `${trim(value, 4)}${metric.unit ? ` ${metric.unit}` : ''}`;
}

/** A difference in the metric's unit with its sign: rates in percentage points. */
export function formatDifference(value: number, metric: MetricDefinition): string {
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : value < 0 ? '−∞' : 'n/a';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const magnitude = Math.abs(value);
  if (metric.type === 'proportion') return `${sign}${trim(magnitude * 100, 3)}pp`;
  return `${sign}${trim(magnitude, 4)}${metric.unit ? ` ${metric.unit}` : ''}`;
}

/** A probability-scale number (a probability of superiority minus ½), to three decimals. */
export function formatProbability(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toFixed(3);
}

function trim(value: number, digits: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text = magnitude >= 1000 ? groupDigits(value) : Number(value.toPrecision(digits)).toString();
  return text.replace('-', '−');
}
