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

/** Hours as a person reads them: `45m`, `6h`, `1d 6h`, `~3.5d` beyond a week. */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours)) return '∞';
  const minutes = Math.ceil(hours * 60);
  if (minutes < 60) return `${minutes}m`;
  if (hours < 24) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? `${h}h` : `${h}h ${m}m`;
  }
  if (hours <= 24 * 7) {
    const totalHours = Math.ceil(hours);
    const d = Math.floor(totalHours / 24);
    const h = totalHours % 24;
    return h === 0 ? `${d}d` : `${d}d ${h}h`;
  }
  return `~${Number((hours / 24).toFixed(1))}d`;
}

/** A duration exactly as it would be written in YAML, normalised (`90m` → `1h30m`); unparseable text is returned as is. */
export function normaliseDuration(text: string): string {
  const ms = parseDuration(text);
  return ms === undefined ? text : formatDuration(ms);
}
