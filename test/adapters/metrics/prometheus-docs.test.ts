import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { createPrometheusSource, parsePrometheusMetricQuery, type PrometheusSourceConfig } from '../../../src/adapters/metrics/prometheus.js';
import type { MetricDefinition } from '../../../src/core/model/index.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';

const doc = readFileSync(new URL('../../../docs/metrics/prometheus.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as Record<string, unknown>);
const definitions = blocks.flatMap((b) => {
  const spec = b['spec'] as { metrics?: { definitions?: unknown[] } } | undefined;
  return (spec?.metrics?.definitions ?? (b['definitions'] as unknown[] | undefined) ?? []) as MetricDefinition[];
});
const sources = blocks.flatMap((b) => ((b['spec'] as { metrics?: { sources?: unknown[] } } | undefined)?.metrics?.sources ?? []) as PrometheusSourceConfig[]);

test('every query in the Prometheus guide resolves to PromQL that promtool parses', async () => {
  assert.ok(definitions.length >= 9 && sources.length === 1, `found ${definitions.length} metrics and ${sources.length} sources in the guide`);
  for (const d of definitions) assert.ok(parsePrometheusMetricQuery(d.query).ok, `${d.name}: ${JSON.stringify(parsePrometheusMetricQuery(d.query))}`);
  const sent: string[] = [];
  const recording: typeof fetch = async (input) => {
    sent.push(new URL(String(input)).searchParams.get('query')!);
    return new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }), { headers: { 'content-type': 'application/json' } });
  };
  const built = createPrometheusSource({ ...sources[0]!, url: 'http://prometheus.invalid' }, { root: '/', env: { MIMIR_TOKEN: 't' }, fetch: recording, logger: silentLogger, clock: fixedClock(new Date(0)), signal: new AbortController().signal });
  if (!built.ok) assert.fail(built.error);
  const window = { start: new Date('2026-01-01T09:00:00Z'), end: new Date('2026-01-01T10:00:00Z') };
  const result = await built.value.read({ release: 'support-bot', stage: 'canary-5', metrics: definitions, window });
  if (!result.ok) assert.fail(result.error);
  for (const r of result.value.readings) assert.ok(r.ok || /no data/.test(r.error), `${r.metric}: ${r.ok ? '' : r.error}`);
  assert.ok(sent.length > 2 * definitions.length && sent.every((q) => !q.includes('{{')));

  const dir = mkdtempSync(join(tmpdir(), 'glidepath-promql-'));
  try {
    const rules = join(dir, 'rules.yml');
    writeFileSync(rules, stringify({ groups: [{ name: 'guide', rules: sent.map((expr, i) => ({ record: `guide:query_${i}`, expr })) }] }));
    await promisify(execFile)('promtool', ['check', 'rules', rules]).catch((error: { stdout?: string; stderr?: string }) => assert.fail(`${error.stdout ?? ''}${error.stderr ?? ''}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
