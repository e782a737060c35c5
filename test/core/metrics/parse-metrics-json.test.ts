import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMetricsFile } from '../../../src/core/metrics/parse-metrics-file.js';
import type { MetricsSnapshot } from '../../../src/core/metrics/arm-data.js';

const FILE = 'metrics/x.json';
const WINDOW = { start: '2026-11-20T10:00:00Z', end: '2026-11-20T11:00:00Z' };

function parse(document: unknown, opts: { stage?: string; defaultWindow?: { start: string; end: string } } = {}) {
  return parseMetricsFile(typeof document === 'string' ? document : JSON.stringify(document), { file: FILE, ...opts });
}

function ok(document: unknown, opts: { stage?: string; defaultWindow?: { start: string; end: string } } = {}): MetricsSnapshot {
  const r = parse(document, opts);
  if (!r.ok) assert.fail(r.error);
  return r.snapshot;
}

function problems(document: unknown, opts: { stage?: string } = {}): string[] {
  const r = parse(document, opts);
  if (r.ok) assert.fail('expected problems');
  return [...r.problems];
}

test('the documented example parses into counts, samples and a summary', () => {
  const snapshot = ok({
    window: WINDOW,
    arms: {
      control: { error_rate: { successes: 212, trials: 95_000 }, latency_ms: { samples: [812, 790, 845] }, cost_per_call: { n: 300, mean: 0.012, sd: 0.006 } },
      canary: { error_rate: { successes: 41, trials: 5_000 } },
    },
  });
  assert.deepEqual(snapshot.window, WINDOW);
  assert.deepEqual(snapshot.arms.control['error_rate'], { kind: 'counts', successes: 212, trials: 95_000 });
  assert.deepEqual(snapshot.arms.control['latency_ms'], { kind: 'samples', values: [812, 790, 845] });
  assert.deepEqual(snapshot.arms.control['cost_per_call'], { kind: 'summary', n: 300, mean: 0.012, sd: 0.006 });
  assert.deepEqual(snapshot.arms.canary, { error_rate: { kind: 'counts', successes: 41, trials: 5_000 } });
  assert.equal(snapshot.segments, undefined);
});

test('histogram buckets accept +Inf, and requests and segments come through', () => {
  const snapshot = ok({
    window: WINDOW,
    requests: { control: 95_000, canary: 5_000 },
    arms: { control: { latency_ms: { buckets: [{ le: 100, count: 12 }, { le: 500, count: 700 }, { le: '+Inf', count: 900 }] } }, canary: {} },
    segments: { tenant: { acme: { control: { error_rate: { successes: 1, trials: 10 } }, canary: { error_rate: { successes: 2, trials: 10 } } } } },
    $schema: 'ignored',
    _exportedBy: 'warehouse job 42',
  });
  assert.deepEqual(snapshot.arms.control['latency_ms'], { kind: 'histogram', buckets: [{ le: 100, count: 12 }, { le: 500, count: 700 }, { le: Infinity, count: 900 }] });
  assert.deepEqual(snapshot.requests, { control: 95_000, canary: 5_000 });
  assert.deepEqual(snapshot.segments!['tenant']!['acme']!.canary['error_rate'], { kind: 'counts', successes: 2, trials: 10 });
});

test('per-stage sections are picked by stage, falling back to the top level', () => {
  const document = {
    window: WINDOW,
    arms: { control: { error_rate: { successes: 1, trials: 100 } }, canary: {} },
    stages: { 'canary-25': { window: { start: '2026-11-20T12:00:00Z', end: '2026-11-20T13:00:00Z' }, arms: { control: {}, canary: { error_rate: { successes: 3, trials: 50 } } } } },
  };
  const staged = ok(document, { stage: 'canary-25' });
  assert.equal(staged.window.start, '2026-11-20T12:00:00Z');
  assert.deepEqual(staged.arms.canary['error_rate'], { kind: 'counts', successes: 3, trials: 50 });
  assert.deepEqual(ok(document, { stage: 'canary-5' }).arms.control['error_rate'], { kind: 'counts', successes: 1, trials: 100 });
  const onlyStages = { stages: { shadow: { window: WINDOW, arms: { control: {}, canary: {} } } } };
  assert.deepEqual(ok(onlyStages).arms, { control: {}, canary: {} }, 'a single section needs no stage name');
  const sectionInherits = { window: WINDOW, stages: { shadow: { arms: { control: {}, canary: {} } } } };
  assert.deepEqual(ok(sectionInherits, { stage: 'shadow' }).window, WINDOW, 'a section without a window takes the top-level one');
});

test('the caller supplies the window when the file has none', () => {
  assert.deepEqual(ok({ arms: { control: {}, canary: {} } }, { defaultWindow: WINDOW }).window, WINDOW);
});

const errorCases: { name: string; document: unknown; stage?: string; message: RegExp }[] = [
  { name: 'a fractional success count', document: { window: WINDOW, arms: { control: {}, canary: { error_rate: { successes: 41.5, trials: 5_000 } } } }, message: /^metrics\/x\.json: arms\.canary\.error_rate: successes \(41\.5\) must be a whole number ≤ trials \(5000\)/ },
  { name: 'more successes than trials', document: { window: WINDOW, arms: { control: { e: { successes: 6, trials: 5 } }, canary: {} } }, message: /arms\.control\.e: successes \(6\) must be a whole number ≤ trials \(5\)/ },
  { name: 'negative trials', document: { window: WINDOW, arms: { control: { e: { successes: 0, trials: -1 } }, canary: {} } }, message: /trials \(-1\) must be a whole number ≥ 0/ },
  { name: 'a summary without sd', document: { window: WINDOW, arms: { control: { c: { n: 3, mean: 1 } }, canary: {} } }, message: /arms\.control\.c: summary needs n, mean, sd: add sd/ },
  { name: 'a negative sd', document: { window: WINDOW, arms: { control: { c: { n: 3, mean: 1, sd: -1 } }, canary: {} } }, message: /sd \(-1\) must be a finite number ≥ 0/ },
  { name: 'a mean that is text', document: { window: WINDOW, arms: { control: { c: { n: 3, mean: 'x', sd: 1 } }, canary: {} } }, message: /mean \("x"\) must be a finite number/ },
  { name: 'a fractional n', document: { window: WINDOW, arms: { control: { c: { n: 2.5, mean: 1, sd: 1 } }, canary: {} } }, message: /n \(2\.5\) must be a whole number ≥ 0/ },
  { name: 'a sample that is not a number', document: { window: WINDOW, arms: { control: { l: { samples: [1, 'two', 3] } }, canary: {} } }, message: /arms\.control\.l: samples\[1\] \("two"\) must be a finite number/ },
  { name: 'samples that are not an array', document: { window: WINDOW, arms: { control: { l: { samples: 3 } }, canary: {} } }, message: /samples must be an array of numbers, got 3/ },
  { name: 'bucket counts that are not cumulative', document: { window: WINDOW, arms: { control: { l: { buckets: [{ le: 1, count: 5 }, { le: 2, count: 3 }] } }, canary: {} } }, message: /buckets\[1\]\.count \(3\) is less than buckets\[0\]\.count \(5\): buckets are cumulative/ },
  { name: 'bucket bounds out of order', document: { window: WINDOW, arms: { control: { l: { buckets: [{ le: 2, count: 1 }, { le: 1, count: 3 }] } }, canary: {} } }, message: /buckets\[1\]\.le \(1\) must be greater than buckets\[0\]\.le \(2\)/ },
  { name: 'a bucket bound that is not a number', document: { window: WINDOW, arms: { control: { l: { buckets: [{ le: 'lots', count: 1 }] } }, canary: {} } }, message: /buckets\[0\]\.le \("lots"\) must be a number or "\+Inf"/ },
  { name: 'a bucket with an unknown field', document: { window: WINDOW, arms: { control: { l: { buckets: [{ le: 1, count: 1, sum: 3 }] } }, canary: {} } }, message: /buckets\[0\] has unknown field "sum"/ },
  { name: 'empty buckets', document: { window: WINDOW, arms: { control: { l: { buckets: [] } }, canary: {} } }, message: /buckets must be a non-empty array/ },
  { name: 'two shapes at once', document: { window: WINDOW, arms: { control: { l: { samples: [1], n: 1, mean: 1, sd: 0 } }, canary: {} } }, message: /mixes n\/mean\/sd and samples: give one shape per metric/ },
  { name: 'an unknown field', document: { window: WINDOW, arms: { control: { l: { p99: 3 } }, canary: {} } }, message: /arms\.control\.l: unknown field "p99": a metric is \{"successes", "trials"\} for a rate/ },
  { name: 'a kind that contradicts the fields', document: { window: WINDOW, arms: { control: { l: { kind: 'summary', samples: [1] } }, canary: {} } }, message: /kind "summary" does not match its fields, which describe samples/ },
  { name: 'an empty metric', document: { window: WINDOW, arms: { control: { l: {} }, canary: {} } }, message: /arms\.control\.l: no data: a metric is/ },
  { name: 'a metric that is a number', document: { window: WINDOW, arms: { control: { l: 3 }, canary: {} } }, message: /arms\.control\.l: must be an object such as \{"successes": 41, "trials": 5000\}, got 3/ },
  { name: 'an unknown arm', document: { window: WINDOW, arms: { control: {}, canary: {}, treatment: {} } }, message: /arms: unknown key "treatment": the arms are "control" \(the champion\) and "canary" \(the challenger\)/ },
  { name: 'a missing arm', document: { window: WINDOW, arms: { control: {} } }, message: /arms\.canary: missing: add "canary": \{metric: data\}/ },
  { name: 'missing arms', document: { window: WINDOW }, message: /arms: missing: add \{"arms": \{"control"/ },
  { name: 'arms that are a list', document: { window: WINDOW, arms: [] }, message: /arms: must be an object \{"control": \{metric: data\}, "canary": \{metric: data\}\}, got an array/ },
  { name: 'an unknown top-level key', document: { window: WINDOW, arms: { control: {}, canary: {} }, metrics: {} }, message: /\(top level\): unknown key "metrics": expected "window", "requests", "units", "arms", "segments", "description", "stages"/ },
  { name: 'a top level that is not an object', document: [1, 2], message: /\(top level\): must be an object/ },
  { name: 'a missing window', document: { arms: { control: {}, canary: {} } }, message: /window: missing: add \{"window": \{"start": "2026-11-20T10:00:00Z"/ },
  { name: 'a window time without a zone', document: { window: { start: '2026-11-20 10:00', end: WINDOW.end }, arms: { control: {}, canary: {} } }, message: /window: start \("2026-11-20 10:00"\) must be an RFC 3339 time with a zone/ },
  { name: 'a window that ends before it starts', document: { window: { start: WINDOW.end, end: WINDOW.start }, arms: { control: {}, canary: {} } }, message: /window: end \(2026-11-20T10:00:00Z\) is before start \(2026-11-20T11:00:00Z\): swap them/ },
  { name: 'fractional requests', document: { window: WINDOW, requests: { control: 1.5, canary: 1 }, arms: { control: {}, canary: {} } }, message: /requests\.control: \(1\.5\) must be a whole number ≥ 0/ },
  { name: 'segments that are not nested by attribute and value', document: { window: WINDOW, arms: { control: {}, canary: {} }, segments: { tenant: 3 } }, message: /segments\.tenant: must be an object: segment value → \{"control", "canary"\}/ },
  { name: 'an error inside a segment', document: { window: WINDOW, arms: { control: {}, canary: {} }, segments: { tenant: { 'acme corp': { control: {}, canary: { e: { successes: 2, trials: 1 } } } } } }, message: /segments\.tenant\."acme corp"\.canary\.e: successes \(2\)/ },
  { name: 'stages without the one asked for', document: { stages: { shadow: { window: WINDOW, arms: { control: {}, canary: {} } } } }, stage: 'canary-5', message: /stages: there is no section for stage "canary-5" and the file has no top-level "arms": the file has sections for shadow/ },
  { name: 'several stages and none named', document: { stages: { a: { window: WINDOW, arms: { control: {}, canary: {} } }, b: { window: WINDOW, arms: { control: {}, canary: {} } } } }, message: /no stage was named and the file has no top-level "arms": the file has sections for a, b; name one \(--stage\)/ },
  { name: 'a stage section that is not an object', document: { stages: { shadow: 3 } }, stage: 'shadow', message: /stages\.shadow: must be an object/ },
];

for (const c of errorCases) {
  test(`${c.name} is reported with the file, the JSON path and the fix`, () => {
    const found = problems(c.document, c.stage === undefined ? {} : { stage: c.stage });
    assert.ok(found.some((p) => c.message.test(p)), `no problem matches ${c.message}:\n${found.join('\n')}`);
    assert.ok(found.every((p) => p.startsWith(`${FILE}: `)));
  });
}

test('invalid JSON is reported at its line and column', () => {
  const found = problems('{\n  "window": {"start": "x",\n  "end" "y"}\n}');
  assert.match(found[0]!, /^metrics\/x\.json: line 3, column \d+: not valid JSON/);
});

test('every problem in a file is reported at once, up to a cap', () => {
  const arms = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`m${i}`, { successes: 2, trials: 1 }]));
  const r = parse({ window: WINDOW, arms: { control: arms, canary: {} } });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.problems.length, 20);
  assert.match(r.error, /\(stopped after 20 problems\)$/);
});

test('a few million raw samples parse', () => {
  const values = Array.from({ length: 2_000_000 }, (_, i) => 500 + (i % 1000));
  const snapshot = ok({ window: WINDOW, arms: { control: { latency_ms: { samples: values } }, canary: {} } });
  const latency = snapshot.arms.control['latency_ms']!;
  assert.equal(latency.kind === 'samples' ? latency.values.length : 0, 2_000_000);
});

test('the issue\'s canary, 2^53 − 1 trials out of 50000 requests, is reported with the file, the field path and the rule', () => {
  const found = problems({ window: WINDOW, requests: { control: 450_000, canary: 50_000 }, arms: { control: {}, canary: { error_rate: { successes: 3, trials: 9_007_199_254_740_991 } } } });
  assert.deepEqual(found, ['metrics/x.json: arms.canary.error_rate.trials: 9007199254740991 exceeds requests.canary (50000): a metric counts at most one observation per request its arm served']);
});

test('counts above the requests are reported inside stage sections and segments, with their full path', () => {
  const section = {
    requests: { control: 10, canary: 2 },
    arms: { control: {}, canary: { latency_ms: { samples: [1, 2, 3] } } },
    segments: { tenant: { acme: { control: { e: { buckets: [{ le: 1, count: 4 }, { le: '+Inf', count: 11 }] } }, canary: {} } } },
  };
  const found = problems({ window: WINDOW, stages: { 'canary-5': section } }, { stage: 'canary-5' });
  assert.deepEqual(found, [
    'metrics/x.json: stages.canary-5.arms.canary.latency_ms.samples: 3 values exceed requests.canary (2): a metric counts at most one observation per request its arm served',
    'metrics/x.json: stages.canary-5.segments.tenant.acme.control.e.buckets[1].count: 11 exceeds requests.control (10): a metric counts at most one observation per request its arm served',
  ]);
});

const notJson: { name: string; text: string; place: string; message: RegExp }[] = [
  { name: 'NaN', text: '{\n  "arms": {\n    "canary": { "e": { "successes": NaN, "trials": 5 } }\n  }\n}', place: 'line 3, column 37', message: /: NaN is not a JSON number: write a finite number \(a bucket bound may be "\+Inf"\), or leave out a metric that has no data$/ },
  { name: 'Infinity', text: '{"arms": {"control": {"l": {"buckets": [{"le": Infinity, "count": 3}]}}}}', place: 'line 1, column 48', message: /: Infinity is not a JSON number/ },
  { name: '-Infinity', text: '{"arms":\n {"control": {"l": {"samples": [1, -Infinity]}}}}', place: 'line 2, column 36', message: /: -Infinity is not a JSON number/ },
  { name: 'a number beyond double range', text: '{\n"description": "1e400 in a string is text", "_near": [1e308, -1.7e308, 1e-400],\n"arms": {"canary": {"e": {"successes": 1, "trials": 1e400}}}}', place: 'line 3, column 53', message: /: 1e400 is beyond the range of a double \(about ±1\.8e308\), so it would read as Infinity: write a finite number$/ },
  { name: 'a long number beyond double range', text: `{"arms": {"canary": {"l": {"samples": [-${'9'.repeat(400)}]}}}}`, place: 'line 1, column 40', message: /: -9{19}…9{8} is beyond the range of a double/ },
  { name: 'NaN deep in a long file', text: `{\n${'  "_n": 1,\n'.repeat(50)}  "x": NaN\n}`, place: 'line 52, column 8', message: /: NaN is not a JSON number/ },
  { name: 'a stray token', text: '{\n  "arms": }\n}', place: 'line 2, column 11', message: /: not valid JSON \(Unexpected token '\}'\): fix the syntax/ },
];

for (const c of notJson) {
  test(`${c.name} in JSON is reported at its line and column, in one line`, () => {
    const found = problems(c.text);
    assert.equal(found.length, 1, found.join('\n'));
    assert.ok(found[0]!.startsWith(`${FILE}: ${c.place}: `), found[0]);
    assert.match(found[0]!, c.message);
    assert.doesNotMatch(found[0]!, /[\n\r]/);
  });
}
