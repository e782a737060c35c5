import type { Arm, ArmData } from './arm-data.js';
import { RATIO_FIELDS, parseArmData, parseBound } from './arm-data-fields.js';
import { checkSnapshot, type SnapshotViolation } from './check-snapshot.js';
import {
  ProblemList,
  buildSnapshot,
  checkWindow,
  emptyArms,
  type MetricsFileOptions,
  type MetricsFileParse,
  type SegmentData,
} from './metrics-document.js';

const REQUIRED_COLUMNS = ['arm', 'metric', 'field', 'value'] as const;
const OPTIONAL_COLUMNS = ['le', 'segment_attribute', 'segment_value', 'stage', 'window_start', 'window_end'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const SINGLE_FIELDS = new Set(['successes', 'trials', 'n', 'mean', 'sd', ...RATIO_FIELDS]);
const FIELDS = ['successes', 'trials', 'n', 'mean', 'sd', 'sample', 'bucket', 'requests', ...RATIO_FIELDS];

interface Entry {
  readonly arm: Arm;
  readonly metric: string;
  readonly segment?: { readonly attribute: string; readonly value: string };
  readonly fields: Record<string, number>;
  readonly fieldLines: Record<string, number>;
  samples?: number[];
  buckets?: { le: number; count: number; line: number }[];
  firstLine: number;
  lastLine: number;
}

/**
 * Parses the long CSV metrics format (docs/metrics-file-format.md): a header naming the columns
 * `arm,metric,field,value` (any order) plus optional `le`, `segment_attribute`, `segment_value`,
 * `stage`, `window_start`, `window_end`; one row per number, so a warehouse query can emit it
 * with a UNION of GROUP BYs. Blank lines and lines starting with `#` are skipped.
 */
export function parseMetricsCsv(text: string, opts: MetricsFileOptions): MetricsFileParse {
  const problems = new ProblemList(opts.file);
  const records = readCsvRecords(text);
  const header = records.next();
  if (header.done) {
    problems.add('line 1', `the file is empty: the first line must name the columns, such as "arm,metric,field,value"`);
    return problems.result();
  }
  const columns = new Map<Column, number>();
  for (const [index, raw] of header.value.fields.entries()) {
    const name = raw.trim().toLowerCase();
    if (!(REQUIRED_COLUMNS as readonly string[]).includes(name) && !(OPTIONAL_COLUMNS as readonly string[]).includes(name)) {
      problems.add(`line ${header.value.line}`, `unknown column "${raw}": the columns are ${[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].join(', ')}`);
      continue;
    }
    if (columns.has(name as Column)) problems.add(`line ${header.value.line}`, `column "${name}" appears twice: keep one`);
    columns.set(name as Column, index);
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    problems.add(`line ${header.value.line}`, `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: the header must name at least arm, metric, field, value`);
  }
  if (problems.items.length > 0) return problems.result();
  const cell = (fields: readonly string[], column: Column): string => {
    const index = columns.get(column);
    return index === undefined ? '' : (fields[index] ?? '').trim();
  };

  const entries = new Map<string, Entry>();
  const requests: Partial<Record<Arm, { n: number; line: number }>> = {};
  const units: Partial<Record<Arm, { n: number; line: number }>> = {};
  const stages = new Set<string>();
  const windowSeen: { start?: { value: string; line: number }; end?: { value: string; line: number } } = {};

  for (const record of records) {
    if (problems.full) break;
    const { fields, line } = record;
    const at = `line ${line}`;
    if (fields.length !== header.value.fields.length) {
      problems.add(at, `has ${fields.length} cells but the header has ${header.value.fields.length}: quote cells that contain commas`);
      continue;
    }
    const stage = cell(fields, 'stage');
    if (stage !== '') {
      stages.add(stage);
      if (opts.stage !== undefined && stage !== opts.stage) continue;
    }
    const arm = cell(fields, 'arm');
    if (arm !== 'control' && arm !== 'canary') {
      problems.add(at, `arm "${arm}" must be control (the champion) or canary (the challenger)`);
      continue;
    }
    const field = cell(fields, 'field');
    if (!FIELDS.includes(field)) {
      problems.add(at, `field "${field}" must be one of ${FIELDS.join(', ')}`);
      continue;
    }
    const rawValue = cell(fields, 'value');
    const value = rawValue === '' ? Number.NaN : Number(rawValue);
    if (!Number.isFinite(value)) {
      problems.add(at, `value "${rawValue}" must be a finite number`);
      continue;
    }
    for (const bound of ['start', 'end'] as const) {
      const text = cell(fields, bound === 'start' ? 'window_start' : 'window_end');
      if (text === '') continue;
      const seen = windowSeen[bound];
      if (!seen) windowSeen[bound] = { value: text, line };
      else if (seen.value !== text) problems.add(at, `window_${bound} "${text}" differs from "${seen.value}" on line ${seen.line}: one file covers one window`);
    }
    const metric = cell(fields, 'metric');
    const attribute = cell(fields, 'segment_attribute');
    const segmentValue = cell(fields, 'segment_value');
    if ((attribute === '') !== (segmentValue === '')) {
      problems.add(at, 'segment_attribute and segment_value go together: fill both (a segment row) or neither (an aggregate row)');
      continue;
    }
    // A units row without a metric counts the arm's users, as a requests row counts its requests.
    if (field === 'requests' || (field === 'units' && metric === '')) {
      const what = field === 'requests' ? 'requests' : 'units (users or other randomisation units)';
      if (field === 'requests' && (metric !== '' || attribute !== '')) {
        problems.add(at, `a requests row counts an arm's requests over the whole window: leave metric and the segment columns empty`);
        continue;
      }
      if (attribute !== '') {
        problems.add(at, `a units row without a metric counts an arm's ${what} over the whole window: leave the segment columns empty`);
        continue;
      }
      if (!Number.isSafeInteger(value) || value < 0) {
        problems.add(at, `${field} (${rawValue}) must be a whole number ≥ 0`);
        continue;
      }
      const counts = field === 'requests' ? requests : units;
      const previous = counts[arm];
      if (previous) problems.add(at, `repeats the ${arm} ${field} row of line ${previous.line}: keep one`);
      else counts[arm] = { n: value, line };
      continue;
    }
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(metric)) {
      problems.add(at, `metric "${metric}" must be a metric name (lower-case letters, digits and underscores, starting with a letter)`);
      continue;
    }
    const entryKey = `${attribute}\u0000${segmentValue}\u0000${arm}\u0000${metric}`;
    let entry = entries.get(entryKey);
    if (!entry) {
      entry = { arm, metric, fields: {}, fieldLines: {}, firstLine: line, lastLine: line, ...(attribute === '' ? {} : { segment: { attribute, value: segmentValue } }) };
      entries.set(entryKey, entry);
    }
    entry.lastLine = line;
    if (field === 'sample') {
      (entry.samples ??= []).push(value);
    } else if (field === 'bucket') {
      const rawLe = cell(fields, 'le');
      const le = parseBound(rawLe);
      if (le === undefined) {
        problems.add(at, `a bucket row needs its upper bound in the le column (a number or +Inf), got "${rawLe}"`);
        continue;
      }
      (entry.buckets ??= []).push({ le, count: value, line });
    } else if (SINGLE_FIELDS.has(field)) {
      const first = entry.fieldLines[field];
      if (first !== undefined) {
        problems.add(at, `repeats ${describe(entry)} ${field} (first on line ${first}): keep one row per field`);
        continue;
      }
      entry.fields[field] = value;
      entry.fieldLines[field] = line;
    }
  }

  if (opts.stage === undefined && stages.size > 1) {
    problems.add('stage column', `the file has rows for several stages (${[...stages].join(', ')}) and no stage was named: name one (--stage)`);
  }

  const arms = emptyArms();
  const segments: SegmentData = {};
  for (const entry of entries.values()) {
    if (problems.full) break;
    const fields: Record<string, unknown> = { ...entry.fields };
    if (entry.samples) fields['samples'] = entry.samples;
    if (entry.buckets) {
      // SQL returns groups in no particular order.
      const sorted = [...entry.buckets].sort((a, b) => a.le - b.le);
      const duplicate = sorted.find((b, i) => i > 0 && b.le === sorted[i - 1]!.le);
      if (duplicate) {
        problems.add(`line ${duplicate.line}`, `repeats the bucket le=${duplicate.le} of ${describe(entry)}: keep one row per bound`);
        continue;
      }
      fields['buckets'] = sorted.map(({ le, count }) => ({ le, count }));
    }
    const parsed = parseArmData(fields);
    if (!parsed.ok) {
      const lines = entry.firstLine === entry.lastLine ? `line ${entry.firstLine}` : `lines ${entry.firstLine}–${entry.lastLine}`;
      problems.add(`${lines} (${describe(entry)})`, parsed.error);
      continue;
    }
    target(entry, arms, segments)[entry.metric] = parsed.data;
  }

  let window: { start: string; end: string } | undefined;
  if (windowSeen.start || windowSeen.end) {
    window = checkWindow(windowSeen.start?.value, windowSeen.end?.value, `line ${windowSeen.start?.line ?? windowSeen.end?.line}`, problems);
  } else if (opts.defaultWindow) {
    window = { ...opts.defaultWindow };
  } else {
    problems.add('window', 'missing: add window_start and window_end columns (RFC 3339 times such as 2026-11-20T10:00:00Z), the period the numbers cover');
  }

  if (problems.items.length > 0 || !window) return problems.result();
  const requestCounts = requests.control || requests.canary ? { control: requests.control?.n ?? 0, canary: requests.canary?.n ?? 0 } : undefined;
  const unitCounts = units.control || units.canary ? { control: units.control?.n ?? 0, canary: units.canary?.n ?? 0 } : undefined;
  const snapshot = buildSnapshot(window, arms, segments, requestCounts, unitCounts);
  for (const violation of checkSnapshot(snapshot)) {
    // A GROUP BY arm emits no requests row for an arm without requests, so a missing row reads as 0.
    const counted = (violation.field === 'units' && violation.metric === undefined) || violation.rule.includes(' units.') ? units : requests;
    const unstated = counted[violation.arm] || !/requests\.|units\./.test(violation.rule + violation.path) ? '' : ` (the file has no ${violation.arm} ${counted === units ? 'units' : 'requests'} row, which counts as 0)`;
    problems.add(violationPlace(violation, entries, requests, units), `${violation.rule}${unstated}`);
  }
  if (problems.items.length > 0) return problems.result();
  return { ok: true, snapshot, stages: [...stages] };
}

/** The rows a violation comes from: the field's own row, else every row of the metric. */
function violationPlace(violation: SnapshotViolation, entries: ReadonlyMap<string, Entry>, requests: Partial<Record<Arm, { line: number }>>, units: Partial<Record<Arm, { line: number }>>): string {
  if (violation.metric === undefined) {
    const counted = violation.field === 'units' ? units : requests;
    return `line ${counted[violation.arm]?.line ?? '?'} (${violation.arm} ${violation.field})`;
  }
  const entry = entries.get(`${violation.segment?.attribute ?? ''}\u0000${violation.segment?.value ?? ''}\u0000${violation.arm}\u0000${violation.metric}`);
  if (!entry) return violation.path;
  const line = entry.fieldLines[violation.field];
  if (line !== undefined) return `line ${line} (${describe(entry)} ${violation.field})`;
  const bucketIndex = /^buckets\[(\d+)\]/.exec(violation.field);
  const bucket = bucketIndex && entry.buckets ? [...entry.buckets].sort((a, b) => a.le - b.le)[Number(bucketIndex[1])] : undefined;
  if (bucket) return `line ${bucket.line} (${describe(entry)} bucket le=${bucket.le === Infinity ? '+Inf' : bucket.le})`;
  const lines = entry.firstLine === entry.lastLine ? `line ${entry.firstLine}` : `lines ${entry.firstLine}–${entry.lastLine}`;
  return `${lines} (${describe(entry)} ${violation.field})`;
}

function target(entry: Entry, arms: Record<Arm, Record<string, ArmData>>, segments: SegmentData): Record<string, ArmData> {
  if (!entry.segment) return arms[entry.arm];
  const byValue = (segments[entry.segment.attribute] ??= {});
  const segmentArms = (byValue[entry.segment.value] ??= emptyArms());
  return segmentArms[entry.arm];
}

function describe(entry: Entry): string {
  const segment = entry.segment ? ` ${entry.segment.attribute}=${entry.segment.value}` : '';
  return `${entry.arm} ${entry.metric}${segment}`;
}

interface CsvRecord {
  readonly fields: string[];
  /** 1-based line where the record starts. */
  readonly line: number;
}

/** RFC 4180 records (quoted cells may hold commas, quotes as "" and line breaks), skipping blank and `#` lines. */
function* readCsvRecords(text: string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const length = text.length;
  while (i < length) {
    const start = line;
    const first = text.charCodeAt(i);
    if (first === 10 || first === 13 || first === 35 /* # */) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? length : end + 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    let cellText = '';
    let quoted = false;
    let atCellStart = true;
    for (; i < length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            cellText += '"';
            i++;
          } else quoted = false;
        } else {
          if (c === '\n') line++;
          cellText += c;
        }
        continue;
      }
      if (c === '"' && atCellStart) {
        quoted = true;
        atCellStart = false;
      } else if (c === ',') {
        fields.push(cellText);
        cellText = '';
        atCellStart = true;
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        break;
      } else {
        cellText += c;
        atCellStart = false;
      }
    }
    fields.push(cellText);
    yield { fields, line: start };
  }
}
