import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createFileMetricsSource, readMetricsFile } from '../../../src/adapters/metrics/file.js';
import { metricsSources } from '../../../src/adapters/metrics/index.js';
import type { MetricDefinition } from '../../../src/core/model/index.js';
import type { MetricsQuery } from '../../../src/ports/metrics-source.js';

const root = mkdtempSync(join(tmpdir(), 'glidepath-metrics-'));
after(() => rmSync(root, { recursive: true, force: true }));

const metrics: MetricDefinition[] = [
  { name: 'error_rate', source: 'warehouse', type: 'proportion', direction: 'lower-is-better', query: 'errors' },
  { name: 'latency_ms', source: 'warehouse', type: 'continuous', direction: 'lower-is-better' },
];
const window = { start: new Date('2026-11-20T10:00:00Z'), end: new Date('2026-11-20T11:00:00Z') };
const query = (release: string, stage: string): MetricsQuery => ({ release, stage, metrics, window });

function write(rel: string, content: string): void {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), content);
}

test('the file source fills {release} and {stage}, reads the file under the root and keys metrics by name', async () => {
  write('metrics/support-assistant/canary-5.json', JSON.stringify({ arms: { control: { errors: { successes: 10, trials: 1_000 } }, canary: { errors: { successes: 1, trials: 50 }, latency_ms: { samples: [800, 810] } } } }));
  const source = createFileMetricsSource({ name: 'warehouse', type: 'file', path: 'metrics/{release}/{stage}.json' }, { root });
  const result = await source.query(query('support-assistant', 'canary-5'));
  if (!result.ok) assert.fail(result.error);
  assert.equal(source.type, 'file');
  assert.deepEqual(result.snapshot.window, { start: '2026-11-20T10:00:00.000Z', end: '2026-11-20T11:00:00.000Z' }, 'a file without a window covers the query window');
  assert.deepEqual(result.snapshot.arms.control, { error_rate: { kind: 'counts', successes: 10, trials: 1_000 } });
  assert.deepEqual(Object.keys(result.snapshot.arms.canary).sort(), ['error_rate', 'latency_ms']);
});

test('a CSV file is read as CSV', async () => {
  write('metrics/r.csv', 'arm,metric,field,value\ncontrol,errors,successes,3\ncontrol,errors,trials,300\n');
  const result = await createFileMetricsSource({ name: 'w', type: 'file', path: 'metrics/{release}.csv' }, { root }).query(query('r', 'canary-5'));
  if (!result.ok) assert.fail(result.error);
  assert.deepEqual(result.snapshot.arms.control['error_rate'], { kind: 'counts', successes: 3, trials: 300 });
});

test('a missing file is a failed measurement, not an exception', async () => {
  const result = await createFileMetricsSource({ name: 'w', type: 'file', path: 'metrics/{release}.json' }, { root }).query(query('nobody', 'canary-5'));
  assert.deepEqual(result, { ok: false, kind: 'not-found', error: 'metrics/nobody.json does not exist: the step that exports the metrics must run before Glidepath reads them' });
});

test('an invalid file is a failed measurement that names the problem', async () => {
  write('metrics/broken.json', JSON.stringify({ arms: { control: {}, canary: { errors: { successes: 41.5, trials: 5_000 } } } }));
  const result = await createFileMetricsSource({ name: 'w', type: 'file', path: 'metrics/{release}.json' }, { root }).query(query('broken', 'canary-5'));
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.error, /^metrics\/broken\.json: arms\.canary\.errors: successes \(41\.5\) must be a whole number ≤ trials \(5000\)/);
});

test('a path that leaves the repository is refused', async () => {
  const result = await createFileMetricsSource({ name: 'w', type: 'file', path: '../{release}.json' }, { root }).query(query('x', 's'));
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.error, /path \.\.\/x\.json leads outside the repository/);
  const sneaky = await createFileMetricsSource({ name: 'w', type: 'file', path: 'metrics/{release}.json' }, { root }).query(query('../../etc/passwd', 's'));
  assert.equal(sneaky.ok, false);
});

test('a file over the size cap is refused before it is read', async () => {
  write('metrics/big.json', JSON.stringify({ arms: { control: { latency_ms: { samples: Array.from({ length: 2_000 }, (_, i) => i) } }, canary: {} } }));
  const result = await readMetricsFile(join(root, 'metrics/big.json'), { display: 'metrics/big.json', metrics, maxBytes: 1_024 });
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.error, /^metrics\/big\.json is \d+ KiB; metrics files may be at most 1 KiB: export sufficient statistics/);
});

test('a directory where the file should be is a failed measurement', async () => {
  mkdirSync(join(root, 'metrics/dir.json'), { recursive: true });
  const result = await readMetricsFile(join(root, 'metrics/dir.json'), { display: 'metrics/dir.json', metrics });
  assert.deepEqual(result, { ok: false, error: 'metrics/dir.json is not a file' });
});

test('the registry builds the file source by type', async () => {
  assert.deepEqual(Object.keys(metricsSources), ['file']);
  const source = metricsSources['file']!({ name: 'w', type: 'file', path: 'metrics/{release}.csv' }, { root });
  const result = await source.query(query('r', 'canary-5'));
  assert.equal(result.ok, true);
});

test('a file whose counts cannot be true is a failed measurement naming the file, the field path and the rule', async () => {
  write('metrics/impossible.json', JSON.stringify({ requests: { control: 450_000, canary: 50_000 }, arms: { control: {}, canary: { errors: { successes: 3, trials: 9_007_199_254_740_991 } } } }));
  const result = await createFileMetricsSource({ name: 'w', type: 'file', path: 'metrics/{release}.json' }, { root }).query(query('impossible', 'canary-5'));
  assert.deepEqual(result, { ok: false, kind: 'invalid', error: 'metrics/impossible.json: arms.canary.errors.trials: 9007199254740991 exceeds requests.canary (50000): a metric counts at most one observation per request its arm served' });
});
