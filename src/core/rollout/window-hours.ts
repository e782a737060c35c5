/** A deploy window's `HH:MM-HH:MM` as minutes after local midnight: the one reading `validate` and the engine share. */
export type WindowHours =
  | { readonly ok: true; readonly start: number; readonly end: number }
  | { readonly ok: false; readonly problem: 'not-a-range' | 'ends-before-start' };

/** The whole day, when a window names no hours. */
export const ALL_DAY = '00:00-24:00';

/** Parses `09:00-16:00`; 24:00 may end the day; windows across midnight are refused, not guessed at. */
export function parseWindowHours(hours: string): WindowHours {
  const [from = '', until = '', ...rest] = hours.split('-');
  const start = minutesOf(from);
  const end = minutesOf(until);
  if (rest.length > 0 || start === undefined || end === undefined || start >= 24 * 60) return { ok: false, problem: 'not-a-range' };
  if (start >= end) return { ok: false, problem: 'ends-before-start' };
  return { ok: true, start, end };
}

function minutesOf(text: string): number | undefined {
  const match = /^([0-9]{2}):([0-9]{2})$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

/** What to say about hours that do not parse, in the validator and in the engine alike. */
export const WINDOW_HOURS_PROBLEMS: Readonly<Record<Extract<WindowHours, { ok: false }>['problem'], { readonly message: string; readonly hint: string }>> = {
  'not-a-range': { message: 'is not a time range', hint: 'write `HH:MM-HH:MM` in 24-hour time, such as `09:00-16:00` (24:00 may end the day)' },
  'ends-before-start': { message: 'ends before it starts', hint: 'the start must be earlier than the end on the same day; windows across midnight are not supported' },
};
