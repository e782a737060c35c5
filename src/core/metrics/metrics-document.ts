import type { Arm, ArmData, ArmMetrics, MetricsSnapshot } from './arm-data.js';

/** How a parsed metrics file is read: which stage's data, and the window to assume when the file names none. */
export interface MetricsFileOptions {
  /** The file's name as the user knows it (relative path), for messages. */
  readonly file: string;
  /** Default: from the file name (`.csv` → csv, anything else → json). */
  readonly format?: MetricsFileFormat;
  /** Pick this stage's data from a file with per-stage sections. */
  readonly stage?: string;
  /** The window when the file states none (the query's window, for a live source). */
  readonly defaultWindow?: { readonly start: string; readonly end: string };
}

export type MetricsFileFormat = 'json' | 'csv';

/** A parsed file, or every problem found (each naming the file, the place, the field and the fix). */
export type MetricsFileParse =
  | { readonly ok: true; readonly snapshot: MetricsSnapshot; /** Stages the file has sections for. */ readonly stages: readonly string[] }
  | { readonly ok: false; readonly error: string; readonly problems: readonly string[] };

/** Stop collecting after this many problems: the first few say what is wrong with an export. */
export const MAX_PROBLEMS = 20;

export const ARMS: readonly Arm[] = ['control', 'canary'];

/** The format a file name implies. */
export function metricsFileFormat(file: string): MetricsFileFormat {
  return /\.csv$/i.test(file) ? 'csv' : 'json';
}

/** Collects problems with a shared prefix and a cap. */
export class ProblemList {
  readonly items: string[] = [];
  constructor(private readonly file: string) {}
  add(where: string, message: string): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push(`${this.file}: ${where}: ${message}`);
  }
  get full(): boolean {
    return this.items.length >= MAX_PROBLEMS;
  }
  result(): { ok: false; error: string; problems: string[] } {
    const more = this.items.length >= MAX_PROBLEMS ? `\n(stopped after ${MAX_PROBLEMS} problems)` : '';
    return { ok: false, error: this.items.join('\n') + more, problems: this.items };
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Checks a window's two times; adds problems and returns undefined when they are not RFC 3339 or end before start. */
export function checkWindow(start: unknown, end: unknown, where: string, problems: ProblemList): { start: string; end: string } | undefined {
  let ok = true;
  for (const [name, value] of [['start', start], ['end', end]] as const) {
    if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
      problems.add(where, `${name} (${value === undefined ? 'missing' : JSON.stringify(value)}) must be an RFC 3339 time with a zone, such as "2026-11-20T10:00:00Z"`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  if (Date.parse(end as string) < Date.parse(start as string)) {
    problems.add(where, `end (${String(end)}) is before start (${String(start)}): swap them`);
    return undefined;
  }
  return { start: start as string, end: end as string };
}

/** Builder for per-segment data: attribute → value → arm → metric → data. */
export type SegmentData = Record<string, Record<string, Record<Arm, Record<string, ArmData>>>>;

export function emptyArms(): Record<Arm, Record<string, ArmData>> {
  return { control: {}, canary: {} };
}

/** Assembles the snapshot, leaving out empty optional parts. */
export function buildSnapshot(
  window: { start: string; end: string },
  arms: Record<Arm, ArmMetrics>,
  segments: SegmentData | undefined,
  requests: Record<Arm, number> | undefined,
  units?: Record<Arm, number>,
): MetricsSnapshot {
  return {
    window,
    arms,
    ...(requests ? { requests } : {}),
    ...(units ? { units } : {}),
    ...(segments && Object.keys(segments).length > 0 ? { segments } : {}),
  };
}
