// The ratio kind (per-user sums of a ratio metric) and units per arm, in both file formats and
// in checkSnapshot's rules, with errors at their JSON path or CSV line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMetricsFile } from '../../../src/core/metrics/parse-metrics-file.js';
import type { ArmData, MetricsSnapshot } from '../../../src/core/metrics/arm-data.js';
import { checkSnapshot } from '../../../src/core/metrics/check-snapshot.js';

const WINDOW = { start: '2026-11-20T10:00:00Z', end: '2026-11-20T11:00:00Z' };
const ratio = (units: number, sumX: number, sumY: number, sumXX: number, sumYY: number, sumXY: number): ArmData => ({ kind: 'ratio', units, sumX, sumY, sumXX, sumYY, sumXY });
const GOOD_CONTROL = { units: 4_750, sumX: 950, sumY: 95_000, sumXX: 1_400, sumYY: 2_100_000, sumXY: 21_000 };
const GOOD_CANARY = { units: 250, sumX: 45, sumY: 5_000, sumXX: 70, sumYY: 110_000, sumXY: 1_000 };

function parseJson(document: unknown) {
  return parseMetricsFile(JSON.stringify(document, null, 2), { file: 'metrics/x.json' });
}
function parseCsv(...rows: string[]) {
  return parseMetricsFile(rows.join('\n'), { file: 'metrics/x.csv' });
}

test('a JSON ratio metric over users parses into the ratio kind, with units per arm beside requests', () => {
  const r = parseJson({ window: WINDOW, requests: { control: 95_000, canary: 5_000 }, units: { control: 4_750, canary: 250 }, arms: { control: { error_rate: GOOD_CONTROL }, canary: { error_rate: { kind: 'ratio', ...GOOD_CANARY } } } });
  if (!r.ok) assert.fail(r.error);
  assert.deepEqual(r.snapshot.arms.control['error_rate'], { kind: 'ratio', ...GOOD_CONTROL });
  assert.deepEqual(r.snapshot.arms.canary['error_rate'], { kind: 'ratio', ...GOOD_CANARY });
  assert.deepEqual(r.snapshot.units, { control: 4_750, canary: 250 });
});

test('a CSV ratio metric over users parses from one row per sum, with units rows per arm', () => {
  const r = parseCsv(
    'arm,metric,field,value,window_start,window_end',
    `control,,units,4750,${WINDOW.start},${WINDOW.end}`,
    'canary,,units,250,,',
    ...Object.entries(GOOD_CONTROL).map(([field, value]) => `control,error_rate,${field},${value},,`),
    ...Object.entries(GOOD_CANARY).map(([field, value]) => `canary,error_rate,${field},${value},,`),
  );
  if (!r.ok) assert.fail(r.error);
  assert.deepEqual(r.snapshot.arms.canary['error_rate'], { kind: 'ratio', ...GOOD_CANARY });
  assert.deepEqual(r.snapshot.units, { control: 4_750, canary: 250 });
});

const jsonRejections: { name: string; canary: Record<string, unknown>; extra?: Record<string, unknown>; message: RegExp }[] = [
  { name: 'a missing sum', canary: { units: 250, sumX: 45, sumY: 5_000, sumXX: 70, sumYY: 110_000 }, message: /metrics\/x\.json: arms\.canary\.error_rate: ratio needs units, sumX, sumY, sumXX, sumYY, sumXY: add sumXY/ },
  { name: 'fractional units', canary: { ...GOOD_CANARY, units: 2.5 }, message: /arms\.canary\.error_rate: units \(2\.5\) must be a whole number ≥ 0: the users/ },
  { name: 'a sum that is text', canary: { ...GOOD_CANARY, sumY: '5000' }, message: /arms\.canary\.error_rate: sumY \("5000"\) must be a finite number: the sum over units of each unit's denominator/ },
  { name: 'a ratio mixed with counts', canary: { ...GOOD_CANARY, trials: 5_000 }, message: /mixes trials and units\/sumX\/sumY\/sumXX\/sumYY\/sumXY: give one shape per metric/ },
  { name: 'Σxy beyond Cauchy–Schwarz', canary: { ...GOOD_CANARY, sumXY: 5_000 }, message: /arms\.canary\.error_rate\.sumXY: 5000 is too large in size for sumXX \(70\) and sumYY \(110000\): \(Σxy\)² ≤ Σx²·Σy² \(Cauchy–Schwarz\)/ },
  { name: 'Σx² below (Σx)²/units, the squares of single requests', canary: { ...GOOD_CANARY, sumXX: 5 }, message: /arms\.canary\.error_rate\.sumXX: 5 is too small for sumX \(45\) over 250 units: \(Σx\)² ≤ units·Σx²/ },
  { name: 'Σy² below (Σy)²/units', canary: { ...GOOD_CANARY, sumYY: 5_000 }, message: /arms\.canary\.error_rate\.sumYY: 5000 is too small for sumY \(5000\) over 250 units/ },
  { name: 'a negative denominator', canary: { ...GOOD_CANARY, sumY: -5 }, message: /arms\.canary\.error_rate\.sumY: -5 must be ≥ 0/ },
  { name: 'sums over no units', canary: { units: 0, sumX: 0, sumY: 3, sumXX: 0, sumYY: 9, sumXY: 0 }, message: /arms\.canary\.error_rate\.sumY: 3 must be 0 when units is 0/ },
  { name: 'more units than the arm held', canary: GOOD_CANARY, extra: { units: { control: 4_750, canary: 200 } }, message: /arms\.canary\.error_rate\.units: 250 exceeds units\.canary \(200\): a metric counts at most the units its arm held/ },
  { name: 'more units than requests', canary: GOOD_CANARY, extra: { requests: { control: 95_000, canary: 5_000 }, units: { control: 4_750, canary: 6_000 } }, message: /units\.canary: 6000 exceeds requests\.canary \(5000\): every unit counted sent at least one request/ },
  { name: 'fractional units per arm', canary: GOOD_CANARY, extra: { units: { control: 4_750, canary: 2.5 } }, message: /units\.canary: \(2\.5\) must be a whole number ≥ 0: the users \(or other randomisation units\) this arm held/ },
];

for (const c of jsonRejections) {
  test(`the JSON parser rejects a ratio with ${c.name}, at its JSON path`, () => {
    const r = parseJson({ window: WINDOW, ...c.extra, arms: { control: { error_rate: GOOD_CONTROL }, canary: { error_rate: c.canary } } });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, c.message);
  });
}

// Lines: 1 header, 2–3 requests, 4–9 control sums, 10–15 canary sums (one fewer when a case overrides one), then the case's rows.
const csvRejections: { name: string; rows: string[]; message: RegExp }[] = [
  { name: 'Σxy beyond Cauchy–Schwarz, at the sumXY row', rows: ['canary,error_rate,sumXY,5000,,'], message: /metrics\/x\.csv: line 15 \(canary error_rate sumXY\): 5000 is too large in size/ },
  { name: 'fractional units on a units row', rows: ['canary,,units,2.5,,'], message: /metrics\/x\.csv: line 16: units \(2\.5\) must be a whole number ≥ 0/ },
  { name: 'a repeated units row', rows: ['control,,units,4750,,', 'control,,units,4751,,'], message: /line 17: repeats the control units row of line 16: keep one/ },
  { name: 'more metric units than the arm\'s units row', rows: ['control,,units,4750,,', 'canary,,units,200,,'], message: /line 10 \(canary error_rate units\): 250 exceeds units\.canary \(200\): a metric counts at most the units its arm held$/ },
];

for (const c of csvRejections) {
  test(`the CSV parser rejects a ratio with ${c.name}, at its line`, () => {
    const sums = (arm: string, data: Record<string, number>, skip?: string) => Object.entries(data).filter(([f]) => f !== skip).map(([field, value]) => `${arm},error_rate,${field},${value},,`);
    const overriding = c.rows.find((r) => r.startsWith('canary,error_rate,'))?.split(',')[2];
    const r = parseCsv('arm,metric,field,value,window_start,window_end', `control,,requests,95000,${WINDOW.start},${WINDOW.end}`, 'canary,,requests,5000,,', ...sums('control', GOOD_CONTROL), ...sums('canary', GOOD_CANARY, overriding), ...c.rows);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, c.message);
  });
}

test('checkSnapshot accepts a ratio that could come from real users, and its units per arm', () => {
  const snapshot: MetricsSnapshot = { window: WINDOW, requests: { control: 95_000, canary: 5_000 }, units: { control: 4_750, canary: 250 }, arms: { control: { e: ratio(4_750, 950, 95_000, 1_400, 2_100_000, 21_000) }, canary: { e: ratio(250, 0, 5_000, 0, 110_000, 0), cost: ratio(250, 61.2, 5_000, 17.1, 110_000, 1_370) } } };
  assert.deepEqual(checkSnapshot(snapshot), []);
});
