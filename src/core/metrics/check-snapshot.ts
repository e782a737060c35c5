import { sampleSize, type Arm, type ArmData, type ArmMetrics, type MetricsSnapshot } from './arm-data.js';
import { ARMS } from './metrics-document.js';

/** One broken rule in a snapshot: where it is and what is wrong. */
export interface SnapshotViolation {
  /** A path into the snapshot as a JSON metrics file spells it: `arms.canary.error_rate.trials`, `requests.canary`, `units.canary`. */
  readonly path: string;
  readonly arm: Arm;
  /** Undefined for `requests` and `units`. */
  readonly metric?: string;
  readonly segment?: { readonly attribute: string; readonly value: string };
  /** The field within the metric (`trials`, `samples[3]`, `buckets[2].count`, `sumXY`), or `requests` / `units`. */
  readonly field: string;
  /** The value found and the rule it breaks, without the location. */
  readonly rule: string;
}

/** The largest count a double holds exactly: beyond it, n + 1 === n and every rate is wrong. */
const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/**
 * Every count in a snapshot that cannot be true: counts that are not whole numbers from 0 to
 * 2^53 − 1, more successes than trials, histogram buckets that are not cumulative, and a metric
 * with more observations than its arm served requests (segments included, as parts of their
 * arm). Statistics on such numbers are meaningless, so a source whose snapshot breaks any rule
 * has failed to measure. Pure and source-agnostic, so every metrics source gets the same checks.
 */
export function checkSnapshot(snapshot: MetricsSnapshot): SnapshotViolation[] {
  const out: SnapshotViolation[] = [];
  const requests: Partial<Record<Arm, number>> = {};
  for (const arm of snapshot.requests ? ARMS : []) {
    const n = snapshot.requests![arm];
    const problem = countProblem(n);
    if (problem) out.push({ path: `requests.${arm}`, arm, field: 'requests', rule: problem });
    else requests[arm] = n;
  }
  const units: Partial<Record<Arm, number>> = {};
  for (const arm of snapshot.units ? ARMS : []) {
    const n = snapshot.units![arm];
    const problem = countProblem(n);
    if (problem) out.push({ path: `units.${arm}`, arm, field: 'units', rule: problem });
    else if (requests[arm] !== undefined && n > requests[arm]!) {
      out.push({ path: `units.${arm}`, arm, field: 'units', rule: `${n} exceeds requests.${arm} (${requests[arm]}): every unit counted sent at least one request` });
    } else units[arm] = n;
  }
  const checkArms = (byArm: Readonly<Record<Arm, ArmMetrics>>, prefix: string, segment?: SnapshotViolation['segment']) => {
    for (const arm of ARMS) {
      for (const [metric, data] of Object.entries(byArm[arm] ?? {})) {
        const at = `${prefix}${arm}.${pathKey(metric)}`;
        const where = { arm, metric, ...(segment ? { segment } : {}) };
        const problems = checkArmData(data);
        for (const p of problems) out.push({ ...where, path: `${at}.${p.field}`, field: p.field, rule: p.rule });
        if (problems.length > 0) continue;
        if (data.kind === 'ratio' && units[arm] !== undefined && data.units > units[arm]!) {
          out.push({ ...where, path: `${at}.units`, field: 'units', rule: `${data.units} exceeds units.${arm} (${units[arm]}): a metric counts at most the units its arm held` });
        }
        const limit = requests[arm];
        if (limit === undefined) continue;
        const observed = sampleSize(data);
        if (observed > limit) {
          const field = observedField(data);
          const found = data.kind === 'samples' ? `${observed} values` : data.kind === 'ratio' ? `${observed} units` : String(observed);
          const plural = data.kind === 'samples' || data.kind === 'ratio';
          out.push({ ...where, path: `${at}.${field}`, field, rule: `${found} exceed${plural ? '' : 's'} requests.${arm} (${limit}): a metric counts at most one observation per request its arm served` });
        }
      }
    }
  };
  checkArms(snapshot.arms, 'arms.');
  for (const [attribute, values] of Object.entries(snapshot.segments ?? {})) {
    for (const [value, byArm] of Object.entries(values)) {
      checkArms(byArm, `segments.${pathKey(attribute)}.${pathKey(value)}.`, { attribute, value });
    }
  }
  return out;
}

/** The rules one metric's data must meet on its own, each as the field and what is wrong with it. */
export function checkArmData(data: ArmData): { readonly field: string; readonly rule: string }[] {
  const out: { field: string; rule: string }[] = [];
  const count = (field: string, value: number) => {
    const problem = countProblem(value);
    if (problem) out.push({ field, rule: problem });
    return !problem;
  };
  const finite = (field: string, value: number) => {
    if (Number.isFinite(value)) return true;
    out.push({ field, rule: `${String(value)} must be a finite number` });
    return false;
  };
  switch (data.kind) {
    case 'counts':
      if (count('trials', data.trials) && count('successes', data.successes) && data.successes > data.trials) {
        out.push({ field: 'successes', rule: `${data.successes} exceeds trials (${data.trials}): successes count the trials that had the event` });
      }
      break;
    case 'summary':
      count('n', data.n);
      finite('mean', data.mean);
      if (finite('sd', data.sd) && data.sd < 0) out.push({ field: 'sd', rule: `${data.sd} must be ≥ 0: it is a standard deviation` });
      break;
    case 'samples': {
      const values = data.values;
      // A plain loop: sample arrays run to millions.
      for (let i = 0; i < values.length; i++) {
        if (!Number.isFinite(values[i])) {
          finite(`samples[${i}]`, values[i]!);
          break;
        }
      }
      break;
    }
    case 'histogram':
      for (const [i, bucket] of data.buckets.entries()) {
        if (Number.isNaN(bucket.le)) out.push({ field: `buckets[${i}].le`, rule: 'NaN must be a number or +Inf' });
        if (!count(`buckets[${i}].count`, bucket.count)) continue;
        const previous = data.buckets[i - 1];
        if (!previous) continue;
        if (!(bucket.le > previous.le)) out.push({ field: `buckets[${i}].le`, rule: `${bucket.le} must be greater than buckets[${i - 1}].le (${previous.le}): list buckets in increasing order` });
        if (bucket.count < previous.count) {
          out.push({ field: `buckets[${i}].count`, rule: `${bucket.count} is less than buckets[${i - 1}].count (${previous.count}): buckets are cumulative (count = observations ≤ le), so the last one holds the arm's count` });
        }
      }
      break;
    case 'ratio':
      checkRatio(data, count, finite, out);
      break;
  }
  return out;
}

/** Relative slack for sums of squares rounded by the exporter (SQL SUM over floats). */
const ROUNDING = 1e-9;

/**
 * Sums that cannot come from any set of units: squares below zero; Σxy² > Σx²·Σy², (Σx)² >
 * n·Σx² or (Σy)² > n·Σy² (each breaks Cauchy–Schwarz); a negative denominator; sums without
 * units. Only what holds for every ratio: whether x ≤ y per unit (errors ≤ requests) depends on
 * the metric, which the judge checks where it knows the metric is a rate.
 */
function checkRatio(data: Extract<ArmData, { kind: 'ratio' }>, count: (field: string, value: number) => boolean, finite: (field: string, value: number) => boolean, out: { field: string; rule: string }[]): void {
  const unitsOk = count('units', data.units);
  const sumsOk = [finite('sumX', data.sumX), finite('sumY', data.sumY), finite('sumXX', data.sumXX), finite('sumYY', data.sumYY), finite('sumXY', data.sumXY)].every(Boolean);
  if (!unitsOk || !sumsOk) return;
  const rule = (field: string, text: string) => out.push({ field, rule: text });
  if (data.sumXX < 0) rule('sumXX', `${data.sumXX} must be ≥ 0: it is a sum of squares`);
  if (data.sumYY < 0) rule('sumYY', `${data.sumYY} must be ≥ 0: it is a sum of squares`);
  if (data.sumY < 0) rule('sumY', `${data.sumY} must be ≥ 0: it sums each unit's denominator (requests, conversations), which is never negative`);
  if (out.length > 0) return;
  const n = data.units;
  if (n === 0) {
    const nonZero = (['sumX', 'sumY', 'sumXX', 'sumYY', 'sumXY'] as const).find((f) => data[f] !== 0);
    if (nonZero) rule(nonZero, `${data[nonZero]} must be 0 when units is 0: sums over no units are 0`);
    return;
  }
  const over = (left: number, right: number) => left > right * (1 + ROUNDING) + Number.MIN_VALUE;
  if (over(data.sumX * data.sumX, n * data.sumXX)) rule('sumXX', `${data.sumXX} is too small for sumX (${data.sumX}) over ${n} units: (Σx)² ≤ units·Σx² (Cauchy–Schwarz), so sumXX must be at least ${(data.sumX * data.sumX) / n}; check that it sums each unit's squared total, not the squares of single requests`);
  if (over(data.sumY * data.sumY, n * data.sumYY)) rule('sumYY', `${data.sumYY} is too small for sumY (${data.sumY}) over ${n} units: (Σy)² ≤ units·Σy² (Cauchy–Schwarz), so sumYY must be at least ${(data.sumY * data.sumY) / n}; check that it sums each unit's squared total, not the squares of single requests`);
  if (over(data.sumXY * data.sumXY, data.sumXX * data.sumYY)) rule('sumXY', `${data.sumXY} is too large in size for sumXX (${data.sumXX}) and sumYY (${data.sumYY}): (Σxy)² ≤ Σx²·Σy² (Cauchy–Schwarz); check that all five sums are over the same units`);
}

/**
 * Why a ratio cannot be a rate (events out of requests per user), or undefined: a rate's x is a
 * count of the unit's requests, so 0 ≤ x ≤ y for every unit, hence 0 ≤ Σx ≤ Σy, Σx² ≤ Σxy ≤ Σy².
 * Only the judge knows a metric is a proportion, so it asks this of proportion metrics.
 */
export function rateRatioProblem(data: ArmData): string | undefined {
  if (data.kind !== 'ratio') return undefined;
  const over = (left: number, right: number) => left > right * (1 + ROUNDING) + Number.MIN_VALUE;
  if (data.sumX < 0) return `has sumX ${data.sumX} below 0, which a rate cannot have: x is the events of each unit (its errors)`;
  if (over(data.sumX, data.sumY)) return `has sumX (${data.sumX}) above sumY (${data.sumY}): for a rate x counts events among the unit's y requests, so Σx ≤ Σy; check the columns are not swapped`;
  if (over(data.sumXY, data.sumYY) || over(data.sumXX, data.sumXY)) return `has sums a rate cannot have (Σx² ≤ Σxy ≤ Σy² when 0 ≤ x ≤ y for every unit): sumXX ${data.sumXX}, sumXY ${data.sumXY}, sumYY ${data.sumYY}`;
  return undefined;
}

/** A key as it appears in a path: bare when it is an identifier, quoted otherwise. */
export function pathKey(name: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(name) ? name : JSON.stringify(name);
}

function countProblem(value: number): string | undefined {
  if (Number.isSafeInteger(value) && value >= 0) return undefined;
  return `${String(value)} must be a whole number from 0 to ${MAX_COUNT}`;
}

/** The field that holds a metric's observation count. */
function observedField(data: ArmData): string {
  switch (data.kind) {
    case 'counts':
      return 'trials';
    case 'summary':
      return 'n';
    case 'samples':
      return 'samples';
    case 'histogram':
      return `buckets[${data.buckets.length - 1}].count`;
    case 'ratio':
      return 'units';
  }
}
