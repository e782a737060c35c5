import type { DeployWindow, Freeze, RolloutPolicy } from '../model/index.js';
import { ALL_DAY, parseWindowHours, WINDOW_HOURS_PROBLEMS } from './window-hours.js';

/** Whether traffic may move forward now; rollbacks never ask. `opensAt` is absent when it never opens. */
export type WindowStatus = { readonly open: true } | { readonly open: false; readonly reason: string; readonly opensAt?: string };

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
// A week plus a spare day finds the next opening of any window with at least one day.
const SEARCH_DAYS = 8;
// Freezes and window closings alternate while searching for the next opening; more than this many hops means overlapping freezes without end.
const MAX_HOPS = 64;

interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: (typeof WEEKDAYS)[number];
  /** Minutes after local midnight. */
  readonly minutes: number;
  /** The local wall-clock time read as if it were UTC, in ms (to whole seconds). */
  readonly wallMs: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function localTime(ms: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const year = parts['year'] ?? 0;
  const month = parts['month'] ?? 1;
  const day = parts['day'] ?? 1;
  const hour = parts['hour'] ?? 0;
  const minute = parts['minute'] ?? 0;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, parts['second'] ?? 0);
  return { year, month, day, weekday: WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? 'sun', minutes: hour * 60 + minute, wallMs };
}

/** Local minus UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return localTime(whole, timeZone).wallMs - whole;
}

/**
 * The earliest instant at which the local clock in `timeZone` reads `minutes` after midnight of
 * the given local date, or has just passed it: in a spring-forward gap (02:30 on the last Sunday of
 * March in Berlin) that is the moment the clocks jump; in a fall-back overlap, the first of the two.
 */
function earliestLocalInstant(wallMidnightMs: number, minutes: number, timeZone: string): number {
  const wall = wallMidnightMs + minutes * MINUTE;
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const exact = [wall - before, wall - after].filter((instant) => localTime(instant, timeZone).wallMs === wall);
  if (exact.length > 0) return Math.min(...exact);
  let low = wall - Math.max(before, after);
  let high = wall - Math.min(before, after);
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / (2 * MINUTE)) * MINUTE;
    if (localTime(middle, timeZone).wallMs >= wall) high = middle;
    else low = middle;
  }
  return high;
}

interface ParsedWindow {
  readonly days: ReadonlySet<string>;
  readonly start: number;
  readonly end: number;
  readonly timeZone: string;
}

function parseWindow(window: DeployWindow): ParsedWindow | string {
  const hours = parseWindowHours(window.hours ?? ALL_DAY);
  if (!hours.ok) {
    const { message, hint } = WINDOW_HOURS_PROBLEMS[hours.problem];
    return `spec.window.hours \`${window.hours}\` ${message}: ${hint}; fix the policy`;
  }
  const { start, end } = hours;
  try {
    formatterFor(window.timezone);
  } catch {
    return `spec.window.timezone \`${window.timezone}\` is not an IANA time zone; fix the policy (such as \`Europe/Berlin\`)`;
  }
  return { days: new Set(window.days ?? WEEKDAYS), start, end, timeZone: window.timezone };
}

function insideWindow(window: ParsedWindow, ms: number): boolean {
  const local = localTime(ms, window.timeZone);
  return window.days.has(local.weekday) && local.minutes >= window.start && local.minutes < window.end;
}

/** The first instant at or after `ms` inside the window, or undefined when none within a week. */
function nextWindowOpening(window: ParsedWindow, ms: number): number | undefined {
  if (insideWindow(window, ms)) return ms;
  const today = localTime(ms, window.timeZone);
  for (let offset = 0; offset <= SEARCH_DAYS; offset += 1) {
    const midnight = Date.UTC(today.year, today.month - 1, today.day + offset);
    const weekday = WEEKDAYS[new Date(midnight).getUTCDay()] ?? 'sun';
    if (!window.days.has(weekday)) continue;
    const opening = earliestLocalInstant(midnight, window.start, window.timeZone);
    if (opening > ms && insideWindow(window, opening)) return opening;
  }
  return undefined;
}

interface ParsedFreeze {
  readonly from: number;
  readonly until: number;
  readonly reason?: string;
}

function parseFreezes(freezes: readonly Freeze[] | undefined): ParsedFreeze[] {
  return (freezes ?? [])
    .map((freeze) => ({ from: Date.parse(freeze.from), until: Date.parse(freeze.until), ...(freeze.reason !== undefined ? { reason: freeze.reason } : {}) }))
    .filter((freeze) => Number.isFinite(freeze.from) && Number.isFinite(freeze.until) && freeze.from < freeze.until);
}

function activeFreeze(freezes: readonly ParsedFreeze[], ms: number): ParsedFreeze | undefined {
  // Of overlapping freezes, the one that lasts longest says when traffic may move again.
  return freezes.filter((freeze) => freeze.from <= ms && ms < freeze.until).sort((a, b) => b.until - a.until)[0];
}

function describeWindow(window: DeployWindow): string {
  const days = window.days ? window.days.join(', ') : 'every day';
  return `${days} ${window.hours ?? '00:00-24:00'} ${window.timezone}`;
}

/**
 * Whether a rollout may move traffic forward at `now` under the policy's deploy window and
 * freezes. The window is `[start, end)` in local wall-clock time on the listed days, so it follows
 * daylight saving time; a freeze is `[from, until)`. Closed windows say why and when they open
 * next (the first instant outside every freeze and inside the window). A window the engine cannot
 * read is closed: the engine never advances on configuration it does not understand.
 */
export function windowStatus(policy: RolloutPolicy, now: Date): WindowStatus {
  const window = policy.spec.window === undefined ? undefined : parseWindow(policy.spec.window);
  if (typeof window === 'string') return { open: false, reason: window };
  const freezes = parseFreezes(policy.spec.freezes);
  const ms = now.getTime();
  const freeze = activeFreeze(freezes, ms);
  const inside = window === undefined || insideWindow(window, ms);
  if (!freeze && inside) return { open: true };
  const opensAt = nextOpening(window, freezes, ms);
  const reason = freeze
    ? `frozen until ${new Date(freeze.until).toISOString()}${freeze.reason ? ` (${freeze.reason})` : ''}`
    : `outside the deploy window (${describeWindow(policy.spec.window as DeployWindow)})`;
  return opensAt === undefined ? { open: false, reason } : { open: false, reason, opensAt: new Date(opensAt).toISOString() };
}

function nextOpening(window: ParsedWindow | undefined, freezes: readonly ParsedFreeze[], from: number): number | undefined {
  let candidate = from;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const freeze = activeFreeze(freezes, candidate);
    if (freeze) {
      candidate = freeze.until;
      continue;
    }
    const opening = window === undefined ? candidate : nextWindowOpening(window, candidate);
    if (opening === undefined) return undefined;
    if (opening === candidate) return candidate;
    candidate = opening;
  }
  return undefined;
}
