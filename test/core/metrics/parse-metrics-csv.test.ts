import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricsFileFormat, parseMetricsFile } from '../../../src/core/metrics/parse-metrics-file.js';
import type { MetricsSnapshot } from '../../../src/core/metrics/arm-data.js';

const FILE = 'metrics/x.csv';
const WINDOW = { start: '2026-11-20T10:00:00Z', end: '2026-11-20T11:00:00Z' };

function parse(text: string, stage?: string) {
  return parseMetricsFile(text, { file: FILE, ...(stage === undefined ? {} : { stage }) });
}

function ok(text: string, stage?: string): MetricsSnapshot {
  const r = parse(text, stage);
  if (!r.ok) assert.fail(r.error);
  return r.snapshot;
}

const lines = (...rows: string[]) => rows.join('\n');

test('the long format carries every kind of data, requests and segments', () => {
  const snapshot = ok(lines(
    'arm,metric,field,value,le,segment_attribute,segment_value,window_start,window_end',
    `control,error_rate,successes,212,,,,${WINDOW.start},${WINDOW.end}`,
    'control,error_rate,trials,95000,,,,,',
    'canary,error_rate,successes,41,,,,,',
    'canary,error_rate,trials,5000,,,,,',
    'control,cost_per_call,n,300,,,,,',
    'control,cost_per_call,mean,0.012,,,,,',
    'control,cost_per_call,sd,0.006,,,,,',
    'canary,latency_ms,sample,812,,,,,',
    'canary,latency_ms,sample,790,,,,,',
    'control,latency_ms,bucket,900,+Inf,,,,',
    'control,latency_ms,bucket,12,100,,,,',
    'control,latency_ms,bucket,700,500,,,,',
    'canary,,requests,5000,,,,,',
    'control,,requests,95000,,,,,',
    'canary,error_rate,successes,2,,tenant,acme corp,,',
    'canary,error_rate,trials,10,,tenant,acme corp,,',
  ));
  assert.deepEqual(snapshot.window, WINDOW);
  assert.deepEqual(snapshot.arms.control['error_rate'], { kind: 'counts', successes: 212, trials: 95_000 });
  assert.deepEqual(snapshot.arms.canary['error_rate'], { kind: 'counts', successes: 41, trials: 5_000 });
  assert.deepEqual(snapshot.arms.control['cost_per_call'], { kind: 'summary', n: 300, mean: 0.012, sd: 0.006 });
  assert.deepEqual(snapshot.arms.canary['latency_ms'], { kind: 'samples', values: [812, 790] });
  assert.deepEqual(snapshot.arms.control['latency_ms'], { kind: 'histogram', buckets: [{ le: 100, count: 12 }, { le: 500, count: 700 }, { le: Infinity, count: 900 }] }, 'buckets are sorted by bound: SQL returns groups in any order');
  assert.deepEqual(snapshot.requests, { control: 95_000, canary: 5_000 });
  assert.deepEqual(snapshot.segments!['tenant']!['acme corp']!.canary['error_rate'], { kind: 'counts', successes: 2, trials: 10 });
});

test('columns may come in any order; quotes, CRLF, a byte-order mark, blank lines and # comments are fine', () => {
  const text = '\uFEFFvalue,field,metric,arm,window_start,window_end\r\n# exported by the nightly job\r\n\r\n"212",successes,error_rate,"control",' + `${WINDOW.start},${WINDOW.end}\r\n95000,trials,error_rate,control,,\r\n`;
  assert.deepEqual(ok(text).arms.control['error_rate'], { kind: 'counts', successes: 212, trials: 95_000 });
});

test('a quoted cell may hold commas and quotes', () => {
  const snapshot = ok(lines(
    'arm,metric,field,value,segment_attribute,segment_value,window_start,window_end',
    `canary,error_rate,successes,1,tenant,"Acme, ""Inc""",${WINDOW.start},${WINDOW.end}`,
    'canary,error_rate,trials,4,tenant,"Acme, ""Inc""",,',
  ));
  assert.ok(snapshot.segments!['tenant']!['Acme, "Inc"']);
});

test('the stage column keeps the asked stage and rows for every stage', () => {
  const text = lines(
    'stage,arm,metric,field,value,window_start,window_end',
    `,control,error_rate,successes,1,${WINDOW.start},${WINDOW.end}`,
    ',control,error_rate,trials,100,,',
    'canary-5,canary,error_rate,successes,2,,',
    'canary-5,canary,error_rate,trials,50,,',
    'canary-25,canary,error_rate,successes,9,,',
    'canary-25,canary,error_rate,trials,500,,',
  );
  const r = parse(text, 'canary-25');
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(r.snapshot.arms.canary['error_rate'], { kind: 'counts', successes: 9, trials: 500 });
  assert.deepEqual(r.snapshot.arms.control['error_rate'], { kind: 'counts', successes: 1, trials: 100 });
  assert.deepEqual([...r.stages].sort(), ['canary-25', 'canary-5']);
});

test('the file format follows the extension', () => {
  assert.equal(metricsFileFormat('metrics/x.CSV'), 'csv');
  assert.equal(metricsFileFormat('metrics/x.json'), 'json');
  assert.equal(metricsFileFormat('metrics/x'), 'json');
});

const HEAD = 'arm,metric,field,value,le,segment_attribute,segment_value,window_start,window_end';
const W = `,,,${WINDOW.start},${WINDOW.end}`;
const errorCases: { name: string; text: string; stage?: string; message: RegExp }[] = [
  { name: 'an empty file', text: '', message: /^metrics\/x\.csv: line 1: the file is empty: the first line must name the columns/ },
  { name: 'an unknown column', text: 'arm,metric,field,value,segement_value\n', message: /line 1: unknown column "segement_value": the columns are arm, metric, field, value, le/ },
  { name: 'a missing column', text: 'arm,metric,value\n', message: /line 1: missing column field: the header must name at least arm, metric, field, value/ },
  { name: 'a repeated column', text: 'arm,metric,field,value,arm\n', message: /line 1: column "arm" appears twice/ },
  { name: 'a row with too few cells', text: `${HEAD}\ncontrol,error_rate,trials\n`, message: /line 2: has 3 cells but the header has 9: quote cells that contain commas/ },
  { name: 'an unknown arm', text: `${HEAD}\ntreatment,error_rate,trials,5,${W}\n`, message: /line 2: arm "treatment" must be control \(the champion\) or canary \(the challenger\)/ },
  { name: 'an unknown field', text: `${HEAD}\ncontrol,error_rate,p99,5,${W}\n`, message: /line 2: field "p99" must be one of successes, trials, n, mean, sd, sample, bucket, requests/ },
  { name: 'a value that is not a number', text: `${HEAD}\ncontrol,error_rate,trials,lots,${W}\n`, message: /line 2: value "lots" must be a finite number/ },
  { name: 'a bad metric name', text: `${HEAD}\ncontrol,Error Rate,trials,5,${W}\n`, message: /line 2: metric "Error Rate" must be a metric name/ },
  { name: 'a bucket without its bound', text: `${HEAD}\ncontrol,latency_ms,bucket,5,,,,${WINDOW.start},${WINDOW.end}\n`, message: /line 2: a bucket row needs its upper bound in the le column \(a number or \+Inf\), got ""/ },
  { name: 'a segment attribute without a value', text: `${HEAD}\ncontrol,error_rate,trials,5,,tenant,,${WINDOW.start},${WINDOW.end}\n`, message: /line 2: segment_attribute and segment_value go together/ },
  { name: 'a requests row naming a metric', text: `${HEAD}\ncontrol,error_rate,requests,5,${W}\n`, message: /line 2: a requests row counts an arm's requests over the whole window: leave metric and the segment columns empty/ },
  { name: 'fractional requests', text: `${HEAD}\ncontrol,,requests,5.5,${W}\n`, message: /line 2: requests \(5\.5\) must be a whole number ≥ 0/ },
  { name: 'a repeated requests row', text: `${HEAD}\ncontrol,,requests,5,${W}\ncontrol,,requests,6,,,,,\n`, message: /line 3: repeats the control requests row of line 2/ },
  { name: 'a repeated field', text: `${HEAD}\ncontrol,error_rate,trials,5,${W}\ncontrol,error_rate,trials,6,,,,,\n`, message: /line 3: repeats control error_rate trials \(first on line 2\): keep one row per field/ },
  { name: 'a repeated bucket', text: `${HEAD}\ncontrol,l,bucket,5,10,,,${WINDOW.start},${WINDOW.end}\ncontrol,l,bucket,6,10,,,,\n`, message: /line 3: repeats the bucket le=10 of control l/ },
  { name: 'a window that changes between rows', text: `${HEAD}\ncontrol,e,trials,5,${W}\ncontrol,e,successes,1,,,,2026-11-20T09:00:00Z,\n`, message: /line 3: window_start "2026-11-20T09:00:00Z" differs from "2026-11-20T10:00:00Z" on line 2/ },
  { name: 'no window at all', text: 'arm,metric,field,value\ncontrol,e,trials,5\n', message: /window: missing: add window_start and window_end columns/ },
  { name: 'a bad window time', text: 'arm,metric,field,value,window_start,window_end\ncontrol,e,trials,5,yesterday,2026-11-20T10:00:00Z\n', message: /line 2: start \("yesterday"\) must be an RFC 3339 time/ },
  { name: 'more successes than trials across rows', text: `${HEAD}\ncanary,error_rate,successes,41,${W}\ncanary,error_rate,trials,40,,,,,\n`, message: /lines 2–3 \(canary error_rate\): successes \(41\) must be a whole number ≤ trials \(40\)/ },
  { name: 'a summary missing a field', text: `${HEAD}\ncanary,cost,n,4,${W}\ncanary,cost,mean,1,,,,,\n`, message: /lines 2–3 \(canary cost\): summary needs n, mean, sd: add sd/ },
  { name: 'mixed kinds for one metric', text: `${HEAD}\ncanary,cost,n,4,${W}\ncanary,cost,sample,1,,,,,\n`, message: /lines 2–3 \(canary cost\): mixes n and samples: give one shape per metric/ },
  { name: 'non-cumulative buckets', text: `${HEAD}\ncanary,l,bucket,9,10,,,${WINDOW.start},${WINDOW.end}\ncanary,l,bucket,3,20,,,,\n`, message: /\(canary l\): buckets\[1\]\.count \(3\) is less than buckets\[0\]\.count \(9\): buckets are cumulative/ },
  { name: 'several stages and none named', text: `stage,${HEAD}\na,control,e,trials,5,${W}\nb,control,e,trials,5,,,,,\n`, message: /stage column: the file has rows for several stages \(a, b\) and no stage was named: name one \(--stage\)/ },
];

for (const c of errorCases) {
  test(`${c.name} is reported with the file, the line and the fix`, () => {
    const r = parse(c.text, c.stage);
    if (r.ok) assert.fail('expected problems');
    assert.ok(r.problems.some((p) => c.message.test(p)), `no problem matches ${c.message}:\n${r.problems.join('\n')}`);
    assert.ok(r.problems.every((p) => p.startsWith(`${FILE}: `)));
  });
}

test('a long export of raw samples parses', () => {
  const rows = [HEAD, `canary,latency_ms,sample,1,${W}`];
  for (let i = 0; i < 200_000; i++) rows.push(`canary,latency_ms,sample,${500 + (i % 700)},,,,,`);
  const latency = ok(rows.join('\n')).arms.canary['latency_ms']!;
  assert.equal(latency.kind === 'samples' ? latency.values.length : 0, 200_001);
});

test('counts above an arm\'s requests row are reported at their own row', () => {
  const r = parse(lines(
    HEAD,
    `canary,,requests,50,${W}`,
    'canary,error_rate,successes,1,,,,,',
    'canary,error_rate,trials,9007199254740991,,,,,',
    'canary,latency_ms,bucket,10,100,,,,',
    'canary,latency_ms,bucket,51,+Inf,,,,',
    'canary,latency_ms,bucket,20,500,,,,',
    'control,error_rate,successes,1,,,,,',
    'control,error_rate,trials,900,,,,,',
    'control,,requests,900,,,,,',
  ));
  if (r.ok) assert.fail('expected problems');
  assert.deepEqual(r.problems, [
    'metrics/x.csv: line 4 (canary error_rate trials): 9007199254740991 exceeds requests.canary (50): a metric counts at most one observation per request its arm served',
    'metrics/x.csv: line 6 (canary latency_ms bucket le=+Inf): 51 exceeds requests.canary (50): a metric counts at most one observation per request its arm served',
  ]);
});

test('an arm without a requests row counts as serving none, and the message says so', () => {
  const r = parse(lines(HEAD, `control,error_rate,trials,900,${W}`, 'control,error_rate,successes,1,,,,,', 'canary,,requests,50,,,,,'));
  if (r.ok) assert.fail('expected problems');
  assert.deepEqual(r.problems, ['metrics/x.csv: line 2 (control error_rate trials): 900 exceeds requests.control (0): a metric counts at most one observation per request its arm served (the file has no control requests row, which counts as 0)']);
});
