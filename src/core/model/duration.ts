/**
 * Durations as the YAML writes them (`30m`, `24h`, `2d`, `1h30m`, `1.5h`, `250ms`), the notation of
 * `common.schema.json#/definitions/duration`. Units: ms, s, m, h, d (a day is 24 hours: rollouts
 * count elapsed time, not calendar days).
 */
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const WHOLE = /^(?:[0-9]+(?:\.[0-9]+)?(?:ms|s|m|h|d))+$/;
const PART = /([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)/g;

/** Milliseconds in `text`, or undefined when it is not a duration (or is too large to be one). */
export function parseDuration(text: string): number | undefined {
  if (typeof text !== 'string' || text.length > 64 || !WHOLE.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    total += Number(amount) * (UNIT_MS[unit as string] ?? Number.NaN);
  }
  const ms = Math.round(total);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** The shortest exact notation for `ms` in whole units, largest first: `1h30m`, `2d`, `250ms`, `0s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return `${ms}ms`;
  let rest = Math.round(ms);
  if (rest === 0) return '0s';
  let out = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const size = UNIT_MS[unit] as number;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

/**
 * An estimated or elapsed span as a person reads it: `45m`, `6h`, `2h 30m`, `1d 6h`, `~3.5d` beyond a
 * week. Every report and warning says hours this one way; YAML durations use formatDuration.
 */
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

/** `~3h 20m`, `≈ 8.9d`: an estimated time marked once (formatHours marks rounded days itself). */
export function aboutHours(hours: number, mark: '~' | '≈ ' = '~'): string {
  const text = formatHours(hours);
  return `${mark}${text.startsWith('~') ? text.slice(1) : text}`;
}
