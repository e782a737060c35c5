import type { ArmData } from './arm-data.js';

/** One metric of one arm as a file spells it, before validation. */
export interface MetricFields {
  readonly successes?: unknown;
  readonly trials?: unknown;
  readonly n?: unknown;
  readonly mean?: unknown;
  readonly sd?: unknown;
  readonly samples?: unknown;
  readonly buckets?: unknown;
  readonly units?: unknown;
  readonly sumX?: unknown;
  readonly sumY?: unknown;
  readonly sumXX?: unknown;
  readonly sumYY?: unknown;
  readonly sumXY?: unknown;
  readonly kind?: unknown;
}

/** The shapes a metric may take, for messages that tell the user what to write instead. */
export const METRIC_SHAPES = '{"successes", "trials"} for a rate, {"n", "mean", "sd"} for a summary, {"samples": [...]} for raw values or {"buckets": [{"le", "count"}, ...]} for a histogram, or {"units", "sumX", "sumY", "sumXX", "sumYY", "sumXY"} for a ratio over users';

/** A ratio metric's fields: units, then sums over units of x (numerator), y (denominator), x², y², xy. */
export const RATIO_FIELDS = ['units', 'sumX', 'sumY', 'sumXX', 'sumYY', 'sumXY'] as const;

const FIELDS_BY_KIND: Readonly<Record<ArmData['kind'], readonly string[]>> = {
  counts: ['successes', 'trials'],
  summary: ['n', 'mean', 'sd'],
  samples: ['samples'],
  histogram: ['buckets'],
  ratio: RATIO_FIELDS,
};
const KNOWN_FIELDS = new Set(['kind', ...Object.values(FIELDS_BY_KIND).flat()]);

/** Either the data, or one sentence saying what is wrong and how to fix it (without the location, which the caller knows). */
export type ArmDataParse = { readonly ok: true; readonly data: ArmData } | { readonly ok: false; readonly error: string };

/**
 * Validates one metric entry and builds its {@link ArmData}. The kind follows from the fields
 * present; an explicit `kind` must agree with them. Bucket `le` may be a number or `"+Inf"`.
 */
export function parseArmData(fields: Readonly<Record<string, unknown>>): ArmDataParse {
  const unknown = Object.keys(fields).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length > 0) {
    return fail(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}: a metric is ${METRIC_SHAPES}`);
  }
  const kinds = (Object.keys(FIELDS_BY_KIND) as ArmData['kind'][]).filter((kind) => FIELDS_BY_KIND[kind].some((f) => f in fields));
  if (kinds.length === 0) return fail(`no data: a metric is ${METRIC_SHAPES}`);
  if (kinds.length > 1) {
    const present = kinds.map((k) => FIELDS_BY_KIND[k].filter((f) => f in fields).join('/')).join(' and ');
    return fail(`mixes ${present}: give one shape per metric (${METRIC_SHAPES})`);
  }
  const kind = kinds[0]!;
  if (fields['kind'] !== undefined && fields['kind'] !== kind) {
    return fail(`kind "${String(fields['kind'])}" does not match its fields, which describe ${kind}: remove "kind" or fix the fields`);
  }
  const missing = FIELDS_BY_KIND[kind].filter((f) => !(f in fields));
  if (missing.length > 0) return fail(`${kind} needs ${FIELDS_BY_KIND[kind].join(', ')}: add ${missing.join(', ')}`);
  switch (kind) {
    case 'counts':
      return parseCounts(fields['successes'], fields['trials']);
    case 'summary':
      return parseSummary(fields['n'], fields['mean'], fields['sd']);
    case 'samples':
      return parseSamples(fields['samples']);
    case 'histogram':
      return parseBuckets(fields['buckets']);
    case 'ratio':
      return parseRatio(fields);
  }
}

/** Types only: whether the sums can belong together (Cauchy–Schwarz and the rest) is checkSnapshot's, one set of rules for every source. */
function parseRatio(fields: Readonly<Record<string, unknown>>): ArmDataParse {
  const units = fields['units'];
  if (!isWhole(units)) return fail(`units (${show(units)}) must be a whole number ≥ 0: the users (or other randomisation units) behind the sums`);
  const sums: Record<string, number> = {};
  for (const field of RATIO_FIELDS.slice(1)) {
    const value = fields[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`${field} (${show(value)}) must be a finite number: ${RATIO_MEANING[field]}`);
    sums[field] = value;
  }
  return { ok: true, data: { kind: 'ratio', units, sumX: sums['sumX']!, sumY: sums['sumY']!, sumXX: sums['sumXX']!, sumYY: sums['sumYY']!, sumXY: sums['sumXY']! } };
}

const RATIO_MEANING: Readonly<Record<string, string>> = {
  sumX: 'the sum over units of each unit\'s numerator (its errors, its cost)',
  sumY: 'the sum over units of each unit\'s denominator (its requests)',
  sumXX: 'the sum over units of the squared numerator',
  sumYY: 'the sum over units of the squared denominator',
  sumXY: 'the sum over units of numerator × denominator',
};

function parseCounts(successes: unknown, trials: unknown): ArmDataParse {
  if (!isWhole(trials)) return fail(`trials (${show(trials)}) must be a whole number ≥ 0: the number of requests (or tasks) the rate is out of`);
  if (!isWhole(successes) || successes > trials) return fail(`successes (${show(successes)}) must be a whole number ≤ trials (${trials}): the number of requests with the event`);
  return { ok: true, data: { kind: 'counts', successes, trials } };
}

function parseSummary(n: unknown, mean: unknown, sd: unknown): ArmDataParse {
  if (!isWhole(n)) return fail(`n (${show(n)}) must be a whole number ≥ 0: the number of observations`);
  if (typeof mean !== 'number' || !Number.isFinite(mean)) return fail(`mean (${show(mean)}) must be a finite number`);
  if (typeof sd !== 'number' || !Number.isFinite(sd) || sd < 0) return fail(`sd (${show(sd)}) must be a finite number ≥ 0: the sample standard deviation (n − 1 denominator)`);
  return { ok: true, data: { kind: 'summary', n, mean, sd } };
}

function parseSamples(samples: unknown): ArmDataParse {
  if (!Array.isArray(samples)) return fail(`samples must be an array of numbers, got ${show(samples)}`);
  // A plain loop: sample arrays run to millions and this is the hot path of reading them.
  for (let i = 0; i < samples.length; i++) {
    const v: unknown = samples[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(`samples[${i}] (${show(v)}) must be a finite number`);
  }
  return { ok: true, data: { kind: 'samples', values: samples as number[] } };
}

function parseBuckets(buckets: unknown): ArmDataParse {
  if (!Array.isArray(buckets) || buckets.length === 0) return fail('buckets must be a non-empty array of {"le": bound, "count": observations ≤ bound}');
  const out: { le: number; count: number }[] = [];
  for (const [i, bucket] of (buckets as unknown[]).entries()) {
    if (typeof bucket !== 'object' || bucket === null || Array.isArray(bucket)) return fail(`buckets[${i}] must be {"le": bound, "count": observations ≤ bound}`);
    const { le: rawLe, count, ...rest } = bucket as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) return fail(`buckets[${i}] has unknown field "${extra[0]}": a bucket is {"le", "count"}`);
    const le = parseBound(rawLe);
    if (le === undefined) return fail(`buckets[${i}].le (${show(rawLe)}) must be a number or "+Inf"`);
    if (!isWhole(count)) return fail(`buckets[${i}].count (${show(count)}) must be a whole number ≥ 0`);
    const previous = out[out.length - 1];
    if (previous && !(le > previous.le)) return fail(`buckets[${i}].le (${show(rawLe)}) must be greater than buckets[${i - 1}].le (${previous.le}): list buckets in increasing order`);
    if (previous && count < previous.count) {
      return fail(`buckets[${i}].count (${count}) is less than buckets[${i - 1}].count (${previous.count}): buckets are cumulative (count = observations ≤ le), as Prometheus exports them`);
    }
    out.push({ le, count });
  }
  return { ok: true, data: { kind: 'histogram', buckets: out } };
}

/** A bucket bound: a finite number, or +Inf spelled as Prometheus and JSON exporters spell it. */
export function parseBound(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\+?inf(inity)?$/i.test(text)) return Infinity;
  if (text === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A value as the user wrote it, short. */
export function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

function fail(error: string): ArmDataParse {
  return { ok: false, error };
}
