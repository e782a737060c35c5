import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createFileMetricsSource, readMetricsFile } from '../../../src/adapters/metrics/file.js';
import { metricsSources } from '../../../src/adapters/metrics/index.js';
import type { MetricDefinition } from '../../../src/core/model/index.js';
import type { MetricsQuery, MetricsSource } from '../../../src/ports/metrics-source.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import type { FileMetricSource } from '../../../src/core/model/index.js';
import { fixedClock } from '../../../src/ports/clock.js';

const root = mkdtempSync(join(tmpdir(), 'glidepath-metrics-'));
after(() => rmSync(root, { recursive: true, force: true }));

const metrics: MetricDefinition[] = [
  { name: 'error_rate', source: 'warehouse', type: 'proportion', direction: 'lower-is-better', query: 'errors' },
  { name: 'latency_ms', source: 'warehouse', type: 'continuous', direction: 'lower-is-better' },
];
const window = { start: new Date('2026-11-20T10:00:00Z'), end: new Date('2026-11-20T11:00:00Z') };
const query = (release: string, stage: string): MetricsQuery => ({ release, stage, metrics, window });

const deps: AdapterDeps = {
  root,
  env: {},
  fetch: () => Promise.reject(new Error('the file source makes no request')),
  logger: { info: () => {}, warn: () => {}, debug: () => {} },
  clock: fixedClock(window.end),
  signal: new AbortController().signal,
};

/** The file source for an entry that builds; a test of a bad entry calls createFileMetricsSource itself. */
function fileSource(config: FileMetricSource): MetricsSource {
  const built = createFileMetricsSource(config, deps);
  if (!built.ok) assert.fail(built.error);
  return built.value;
}

function write(rel: string, content: string): void {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), content);
}

test('the file source fills {release} and {stage}, reads the file under the root and keys metrics by name', async () => {
  write('metrics/support-assistant/canary-5.json', JSON.stringify({ arms: { control: { errors: { successes: 10, trials: 1_000 } }, canary: { errors: { successes: 1, trials: 50 }, latency_ms: { samples: [800, 810] } } } }));
  const source = fileSource({ name: 'warehouse', type: 'file', path: 'metrics/{release}/{stage}.json' });
  const result = await source.read(query('support-assistant', 'canary-5'));
  if (!result.ok) assert.fail(result.error);
  assert.equal(source.type, 'file');
  assert.deepEqual(result.value.window, { start: '2026-11-20T10:00:00.000Z', end: '2026-11-20T11:00:00.000Z' }, 'a file without a window covers the query window');
  assert.deepEqual(result.value.readings, [
    { metric: 'error_rate', ok: true, arms: { control: { kind: 'counts', successes: 10, trials: 1_000 }, canary: { kind: 'counts', successes: 1, trials: 50 } }, query: 'metrics/support-assistant/canary-5.json#errors' },
    { metric: 'latency_ms', ok: true, arms: { canary: { kind: 'samples', values: [800, 810] } }, query: 'metrics/support-assistant/canary-5.json#latency_ms' },
  ]);
});

test('a CSV file is read as CSV', async () => {
  write('metrics/r.csv', 'arm,metric,field,value\ncontrol,errors,successes,3\ncontrol,errors,trials,300\n');
  const result = await fileSource({ name: 'w', type: 'file', path: 'metrics/{release}.csv' }).read(query('r', 'canary-5'));
  if (!result.ok) assert.fail(result.error);
  const [errors] = result.value.readings;
  assert.deepEqual(errors?.ok && errors.arms.control, { kind: 'counts', successes: 3, trials: 300 });
});

test('a missing file is a failed measurement, not an exception', async () => {
  const result = await fileSource({ name: 'w', type: 'file', path: 'metrics/{release}.json' }).read(query('nobody', 'canary-5'));
  assert.deepEqual(result, { ok: false, kind: 'not-found', error: 'metrics/nobody.json does not exist: the step that exports the metrics must run before Glidepath reads them' });
});

test('an invalid file is a failed measurement that names the problem', async () => {
  write('metrics/broken.json', JSON.stringify({ arms: { control: {}, canary: { errors: { successes: 41.5, trials: 5_000 } } } }));
  const result = await fileSource({ name: 'w', type: 'file', path: 'metrics/{release}.json' }).read(query('broken', 'canary-5'));
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.error, /^metrics\/broken\.json: arms\.canary\.errors: successes \(41\.5\) must be a whole number ≤ trials \(5000\)/);
});

test('a path that leaves the repository is refused', async () => {
  const result = createFileMetricsSource({ name: 'w', type: 'file', path: '../{release}.json' }, deps);
  assert.deepEqual(result, { ok: false, field: ['path'], error: 'metrics source w: path ../{release}.json leads outside the repository: give a path relative to the repository root' }, 'a bad entry is a configuration error, before any read');
  const sneaky = await fileSource({ name: 'w', type: 'file', path: 'metrics/{release}.json' }).read(query('../../etc/passwd', 's'));
  assert.equal(sneaky.ok, false);
  if (!sneaky.ok) assert.match(sneaky.error, /path metrics\/\.\.\/\.\.\/etc\/passwd\.json leads outside the repository/);
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
  assert.ok(Object.keys(metricsSources).includes('file'));
  const source = metricsSources['file']!({ name: 'w', type: 'file', path: 'metrics/{release}.csv' }, deps);
  const result = source.ok ? await source.value.read(query('r', 'canary-5')) : source;
  assert.equal(result.ok, true);
});

test('a file whose counts cannot be true is a failed measurement naming the file, the field path and the rule', async () => {
  write('metrics/impossible.json', JSON.stringify({ requests: { control: 450_000, canary: 50_000 }, arms: { control: {}, canary: { errors: { successes: 3, trials: 9_007_199_254_740_991 } } } }));
  const result = await fileSource({ name: 'w', type: 'file', path: 'metrics/{release}.json' }).read(query('impossible', 'canary-5'));
  assert.deepEqual(result, { ok: false, kind: 'invalid', error: 'metrics/impossible.json: arms.canary.errors.trials: 9007199254740991 exceeds requests.canary (50000): a metric counts at most one observation per request its arm served' });
});

test('a file source with a missing metric answers no-data for that metric alone', async () => {
  write('metrics/partial.json', JSON.stringify({ arms: { control: { errors: { successes: 10, trials: 1_000 } }, canary: { errors: { successes: 1, trials: 50 } } } }));
  const result = await fileSource({ name: 'w', type: 'file', path: 'metrics/{release}.json' }).read(query('partial', 'canary-5'));
  if (!result.ok) assert.fail(result.error);
  const [errors, latency] = result.value.readings;
  assert.equal(errors?.ok, true, 'the metric the file has is read');
  assert.deepEqual(latency, {
    metric: 'latency_ms',
    ok: false,
    kind: 'not-found',
    error: 'metrics/partial.json has no latency_ms in either arm: the export must write it, or the metric\'s query must name the key it is under',
    query: 'metrics/partial.json#latency_ms',
  });
});
