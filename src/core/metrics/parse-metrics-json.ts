import type { Arm, ArmData } from './arm-data.js';
import { parseArmData, show } from './arm-data-fields.js';
import { checkSnapshot, pathKey as key } from './check-snapshot.js';
import { findJsonFault, holdsInfinity, lineColumn, type JsonFault } from './json-fault.js';
import {
  ARMS,
  ProblemList,
  buildSnapshot,
  checkWindow,
  emptyArms,
  type MetricsFileOptions,
  type MetricsFileParse,
  type SegmentData,
} from './metrics-document.js';

const SECTION_KEYS = ['window', 'requests', 'units', 'arms', 'segments', 'description'];
const TOP_KEYS = [...SECTION_KEYS, 'stages'];

/**
 * Parses the JSON metrics file (docs/metrics-file-format.md):
 * `{window, requests?, units?, arms: {control, canary}, segments?, stages?: {<stage>: {window?, requests?, units?, arms, segments?}}}`.
 * Keys starting with `$` or `_` are left for the exporter's own notes.
 */
export function parseMetricsJson(text: string, opts: MetricsFileOptions): MetricsFileParse {
  const problems = new ProblemList(opts.file);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    reportJsonError(text, (error as Error).message, problems);
    return problems.result();
  }
  // JSON.parse reads 1e400 as Infinity without a word; say where it is before it reads as a count.
  const overflow = holdsInfinity(document) ? findJsonFault(text) : undefined;
  if (overflow?.kind === 'overflow') {
    problems.add(`line ${overflow.line}, column ${overflow.column}`, faultMessage(overflow));
    return problems.result();
  }
  if (!isObject(document)) {
    problems.add('(top level)', `must be an object {"window", "arms": {"control", "canary"}}, got ${show(document)}`);
    return problems.result();
  }
  checkKeys(document, TOP_KEYS, '(top level)', problems);

  const stageSections = isObject(document['stages']) ? document['stages'] : undefined;
  if (document['stages'] !== undefined && !stageSections) problems.add('stages', 'must be an object: stage name → {"window", "arms", ...}');
  const stages = stageSections ? Object.keys(stageSections) : [];
  const hasTop = document['arms'] !== undefined;

  let section: Record<string, unknown> = document;
  let where = '';
  if (opts.stage !== undefined && stageSections && opts.stage in stageSections) {
    const chosen = stageSections[opts.stage];
    if (!isObject(chosen)) {
      problems.add(`stages.${key(opts.stage)}`, 'must be an object {"window", "arms", ...}');
      return problems.result();
    }
    section = chosen;
    where = `stages.${key(opts.stage)}.`;
    checkKeys(section, SECTION_KEYS, `stages.${key(opts.stage)}`, problems);
  } else if (!hasTop) {
    if (stages.length === 1 && opts.stage === undefined) {
      const only = stageSections![stages[0]!];
      if (!isObject(only)) {
        problems.add(`stages.${key(stages[0]!)}`, 'must be an object {"window", "arms", ...}');
        return problems.result();
      }
      section = only;
      where = `stages.${key(stages[0]!)}.`;
      checkKeys(section, SECTION_KEYS, `stages.${key(stages[0]!)}`, problems);
    } else if (stages.length > 0) {
      const wanted = opts.stage === undefined ? 'no stage was named' : `there is no section for stage "${opts.stage}"`;
      problems.add('stages', `${wanted} and the file has no top-level "arms": the file has sections for ${stages.join(', ')}; name one (--stage) or add top-level "arms"`);
      return problems.result();
    } else {
      problems.add('arms', 'missing: add {"arms": {"control": {metric: data}, "canary": {metric: data}}}');
      return problems.result();
    }
  }

  const rawWindow = section['window'] ?? document['window'];
  let window: { start: string; end: string } | undefined;
  if (rawWindow === undefined) {
    if (opts.defaultWindow) window = { ...opts.defaultWindow };
    else problems.add(`${where}window`, 'missing: add {"window": {"start": "2026-11-20T10:00:00Z", "end": "2026-11-20T11:00:00Z"}}, the period the numbers cover');
  } else if (!isObject(rawWindow)) {
    problems.add(`${where}window`, 'must be an object {"start", "end"}');
  } else {
    checkKeys(rawWindow, ['start', 'end'], `${where}window`, problems);
    window = checkWindow(rawWindow['start'], rawWindow['end'], section['window'] !== undefined ? `${where}window` : 'window', problems);
  }

  const requests = section['requests'] === undefined ? undefined : parseRequests(section['requests'], `${where}requests`, problems);
  const units = section['units'] === undefined ? undefined : parseRequests(section['units'], `${where}units`, problems, 'users (or other randomisation units) this arm held');
  const arms = parseArms(section['arms'], `${where}arms`, problems);
  const segments = section['segments'] === undefined ? undefined : parseSegments(section['segments'], `${where}segments`, problems);

  if (problems.items.length > 0 || !window || !arms) return problems.result();
  const snapshot = buildSnapshot(window, arms, segments, requests, units);
  for (const violation of checkSnapshot(snapshot)) problems.add(`${where}${violation.path}`, violation.rule);
  if (problems.items.length > 0) return problems.result();
  return { ok: true, snapshot, stages };
}

function parseArms(value: unknown, where: string, problems: ProblemList): Record<Arm, Record<string, ArmData>> | undefined {
  if (!isObject(value)) {
    problems.add(where, `must be an object {"control": {metric: data}, "canary": {metric: data}}, got ${show(value)}`);
    return undefined;
  }
  checkKeys(value, ARMS, where, problems, 'the arms are "control" (the champion) and "canary" (the challenger)');
  const arms = emptyArms();
  for (const arm of ARMS) {
    const metrics = value[arm];
    if (metrics === undefined) {
      problems.add(`${where}.${arm}`, `missing: add "${arm}": {metric: data} (an empty object if the arm has no data yet)`);
      continue;
    }
    if (!isObject(metrics)) {
      problems.add(`${where}.${arm}`, `must be an object mapping metric names to data, got ${show(metrics)}`);
      continue;
    }
    for (const [metric, fields] of Object.entries(metrics)) {
      if (problems.full) return arms;
      const at = `${where}.${arm}.${key(metric)}`;
      if (!isObject(fields)) {
        problems.add(at, `must be an object such as {"successes": 41, "trials": 5000}, got ${show(fields)}`);
        continue;
      }
      const parsed = parseArmData(fields);
      if (parsed.ok) arms[arm][metric] = parsed.data;
      else problems.add(at, parsed.error);
    }
  }
  return arms;
}

function parseSegments(value: unknown, where: string, problems: ProblemList): SegmentData | undefined {
  if (!isObject(value)) {
    problems.add(where, 'must be an object: attribute → value → {"control", "canary"}, such as {"tenant": {"acme": {"control": {...}, "canary": {...}}}}');
    return undefined;
  }
  const segments: SegmentData = {};
  for (const [attribute, values] of Object.entries(value)) {
    if (!isObject(values)) {
      problems.add(`${where}.${key(attribute)}`, 'must be an object: segment value → {"control", "canary"}');
      continue;
    }
    const byValue: SegmentData[string] = {};
    for (const [segmentValue, arms] of Object.entries(values)) {
      const parsed = parseArms(arms, `${where}.${key(attribute)}.${key(segmentValue)}`, problems);
      if (parsed) byValue[segmentValue] = parsed;
    }
    segments[attribute] = byValue;
  }
  return segments;
}

function parseRequests(value: unknown, where: string, problems: ProblemList, meaning = 'requests this arm served'): Record<Arm, number> | undefined {
  const noun = meaning.split(' ')[0];
  if (!isObject(value)) {
    problems.add(where, `must be {"control": ${noun}, "canary": ${noun}}`);
    return undefined;
  }
  checkKeys(value, ARMS, where, problems);
  const out = { control: 0, canary: 0 };
  for (const arm of ARMS) {
    const n = value[arm];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      problems.add(`${where}.${arm}`, `(${show(n)}) must be a whole number ≥ 0: the ${meaning} in the window`);
      return undefined;
    }
    out[arm] = n;
  }
  return out;
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], where: string, problems: ProblemList, hint?: string): void {
  for (const k of Object.keys(value)) {
    if (allowed.includes(k) || k.startsWith('$') || k.startsWith('_')) continue;
    problems.add(where, `unknown key "${k}": ${hint ?? `expected ${allowed.map((a) => `"${a}"`).join(', ')}`}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A parse error at its line and column, in one line. V8 names no position for an unexpected
 * token (NaN, Infinity, a stray brace) and quotes a fragment of the file with its line breaks,
 * so the place comes from {@link findJsonFault} and the fragment is dropped.
 */
function reportJsonError(text: string, message: string, problems: ProblemList): void {
  const fault = findJsonFault(text);
  if (fault && fault.kind !== 'syntax') {
    problems.add(`line ${fault.line}, column ${fault.column}`, faultMessage(fault));
    return;
  }
  const position = /at position (\d+)/.exec(message);
  const place = position ? lineColumn(text, Number(position[1])) : fault;
  const where = place ? `line ${place.line}, column ${place.column}` : text.trim() === '' ? 'line 1' : '(JSON)';
  const reason = message
    .replace(/^(Unexpected token '[^']*'), [\s\S]* is not valid JSON$/, '$1')
    .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?$/, '')
    .replace(/\p{Cc}/gu, (c) => JSON.stringify(c).slice(1, -1));
  problems.add(where, `not valid JSON (${reason}): fix the syntax, or name the file .csv if it is CSV`);
}

function faultMessage(fault: JsonFault): string {
  if (fault.kind === 'overflow') return `${fault.token} is beyond the range of a double (about ±1.8e308), so it would read as Infinity: write a finite number`;
  return `${fault.token} is not a JSON number: write a finite number (a bucket bound may be "+Inf"), or leave out a metric that has no data`;
}
