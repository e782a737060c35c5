import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { sha256 } from '../../src/adapters/crypto.js';
import { metricsSources } from '../../src/adapters/metrics/index.js';
import { verifyAuditLog } from '../../src/core/audit/chain.js';
import { replayDecisions } from '../../src/core/audit/replay.js';
import type { MetricsSnapshot } from '../../src/core/metrics/arm-data.js';
import type { EngineContext } from '../../src/engine/context.js';
import { runStart } from '../../src/engine/run-start.js';
import { runTick } from '../../src/engine/run-tick.js';
import { BAD, createEngineFixture, GOOD, HOUR, type EngineFixture } from '../support/engine-fixture.js';

const RELEASE = 'summarizer-prompt';
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

/** The quickstart with a second source, prom, that task_completion now comes from (error_rate stays on warehouse). */
function twoSources(): EngineFixture {
  const f = createEngineFixture();
  const config = readFileSync(join(f.repo.dir, 'glidepath.yaml'), 'utf8');
  const split = config
    .replace('        path: metrics/{release}.json\n', '        path: metrics/{release}.json\n      - name: prom\n        type: file\n        path: metrics/prom/{release}.json\n')
    .replace('      - name: task_completion\n        source: warehouse', '      - name: task_completion\n        source: prom');
  assert.notEqual(split, config);
  f.repo.commit({ 'glidepath.yaml': split }, 'task completion comes from prom');
  return f;
}

/** warehouse answers from the scripted metrics; prom is down. */
function promDown(f: EngineFixture): Partial<EngineContext> {
  return {
    metricsSources: {
      file: (source, deps) =>
        source.name === 'prom'
          ? { ok: true, value: { type: 'file', read: async () => ({ ok: false, kind: 'unavailable', error: 'HTTP 503 from Prometheus (service unavailable)' }) } }
          : f.metrics.factory()(source, deps),
    },
  };
}

test('one failing source silences only its own metrics and the others are judged', async () => {
  fx = twoSources();
  await runStart(fx.engine(promDown(fx)), { release: RELEASE });
  fx.metrics.set(RELEASE, GOOD());
  fx.clock.advance(2 * HOUR + 60_000);

  const held = (await runTick(fx.engine(promDown(fx)))).outcomes[0]!;
  assert.equal(held.decision, 'hold', held.reason);
  assert.match(held.reason, /metrics source prom: unavailable \(HTTP 503 from Prometheus \(service unavailable\)\): no data for task_completion/);
  assert.deepEqual(held.faults?.map((f) => [f.port, f.kind]), [['metrics', 'unavailable']]);
  const record = (await fx.store().load()).audit.get(RELEASE)!.at(-1)!;
  const verdicts = Object.fromEntries(record.judgement!.gates.map((v) => [v.metric, v.verdict]));
  assert.equal(verdicts['task_completion'], 'no-data');
  assert.notEqual(verdicts['error_rate'], 'no-data', 'warehouse\'s metric is judged');
  assert.deepEqual(Object.keys(record.inputs!.arms.canary), ['error_rate'], 'the record keeps what warehouse answered');

  fx.metrics.set(RELEASE, BAD());
  fx.clock.advance(10 * 60_000);
  const rolled = (await runTick(fx.engine(promDown(fx)))).outcomes[0]!;
  assert.equal(rolled.decision, 'rollback', 'a criterion on a healthy source still fires while another source is down');
  assert.match(rolled.reason, /error_rate/);
});

test('the audit record carries each metric\'s resolved query', async () => {
  fx = twoSources();
  await runStart(fx.engine({ metricsSources }), { release: RELEASE });
  const good = GOOD();
  const file = (metric: string, snapshot: MetricsSnapshot) => {
    const arm = (data: MetricsSnapshot['arms']['control']) => {
      const counts = data[metric]!;
      return counts.kind === 'counts' ? { [metric]: { successes: counts.successes, trials: counts.trials } } : {};
    };
    return JSON.stringify({ window: snapshot.window, requests: snapshot.requests, arms: { control: arm(snapshot.arms.control), canary: arm(snapshot.arms.canary) } });
  };
  fx.repo.commit({ [`metrics/${RELEASE}.json`]: file('error_rate', good), [`metrics/prom/${RELEASE}.json`]: file('task_completion', good) }, 'export the metrics');
  fx.clock.advance(2 * HOUR + 60_000);

  const outcome = (await runTick(fx.engine({ metricsSources }))).outcomes[0]!;
  assert.equal(outcome.decision, 'advance', outcome.reason);
  const record = (await fx.store().load()).audit.get(RELEASE)!.at(-1)!;
  assert.deepEqual(record.inputs?.queries, { error_rate: `metrics/${RELEASE}.json#error_rate`, task_completion: `metrics/prom/${RELEASE}.json#task_completion` });
  const verified = verifyAuditLog((await fx.store().readAuditLog(RELEASE))!, sha256);
  assert.equal(verified.ok, true);
  assert.deepEqual(replayDecisions(verified.records).filter((r) => !r.ok), [], 'the record with its queries still replays');
});

test('the users a source counts per arm reach the split check, which then counts users, not requests', async () => {
  fx = createEngineFixture();
  await runStart(fx.engine(), { release: RELEASE });
  // Heavy users happened to land on the canary: its requests are four times its share, while the users split as configured (90/10).
  const good = GOOD();
  fx.metrics.set(RELEASE, { ...good, requests: { control: good.requests!.control, canary: 4 * good.requests!.canary }, units: { control: 9_000, canary: 1_000 } });
  fx.clock.advance(2 * HOUR + 60_000);
  const tick = await runTick(fx.engine());
  const record = (await fx.store().load()).audit.get(RELEASE)!.at(-1)!;
  assert.equal(tick.outcomes[0]?.reason.includes('split'), false, tick.outcomes[0]?.reason);
  assert.deepEqual(record.judgement?.srm.observed, { control: 9_000, canary: 1_000 });
  assert.equal(record.judgement?.srm.verdict, 'ok');
});
