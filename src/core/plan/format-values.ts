import { formatDuration, parseDuration } from '../model/duration.js';

/** `12345.6` → `12,346`: thousands separators without depending on the runtime's locale. */
export function formatCount(n: number): string {
  const rounded = Math.round(n);
  const sign = rounded < 0 ? '-' : '';
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A share of requests: `5%`, `0.5%`, `100%`. */
export function formatPercent(share: number): string {
  return `${Number(share.toPrecision(6))}%`;
}

/** A duration exactly as it would be written in YAML, normalised (`90m` → `1h30m`); unparseable text is returned as is. */
export function normaliseDuration(text: string): string {
  const ms = parseDuration(text);
  return ms === undefined ? text : formatDuration(ms);
}
