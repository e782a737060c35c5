import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { sha256 } from '../../src/adapters/crypto.js';
import { verifyAuditLog } from '../../src/core/audit/chain.js';
import { renderStatus } from '../../src/core/rollout/status.js';
import type { EngineContext } from '../../src/engine/context.js';
import { runStart } from '../../src/engine/run-start.js';
import { runTick } from '../../src/engine/run-tick.js';
import { createEngineFixture, GOOD, HOUR, type EngineFixture } from '../support/engine-fixture.js';

const RELEASE = 'summarizer-prompt';
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

/** The quickstart with task_completion on a second source, prom, whose health the test switches. */
function withProm(f: EngineFixture, limit?: number): void {
  const config = readFileSync(join(f.repo.dir, 'glidepath.yaml'), 'utf8')
    .replace('        path: metrics/{release}.json\n', '        path: metrics/{release}.json\n      - name: prom\n        type: file\n        path: metrics/prom/{release}.json\n')
    .replace('      - name: task_completion\n        source: warehouse', '      - name: task_completion\n        source: prom');
  const files: Record<string, string> = { 'glidepath.yaml': config };
  if (limit !== undefined) {
    const policy = readFileSync(join(f.repo.dir, 'policies/prompt-tweak.yaml'), 'utf8');
    files['policies/prompt-tweak.yaml'] = policy.replace('  rollback:\n', `  consecutiveErrorLimit: ${limit}\n  rollback:\n`);
    assert.notEqual(files['policies/prompt-tweak.yaml'], policy);
  }
  f.repo.commit(files, 'task completion comes from prom');
}

function prom(f: EngineFixture, up: { value: boolean }): Partial<EngineContext> {
  return {
    metricsSources: {
      file: (source, deps) =>
        source.name === 'prom' && !up.value
          ? { ok: true, value: { type: 'file', read: async () => ({ ok: false, kind: 'unavailable', error: 'HTTP 503 from Prometheus' }) } }
          : f.metrics.factory()(source, deps),
    },
  };
}

test('a metric whose source fails three evaluations in a row escalates once: a hold recorded as metric-errors-escalated, a notice, and the count in status', async () => {
  fx = createEngineFixture();
  withProm(fx);
  const up = { value: false };
  await runStart(fx.engine(prom(fx, up)), { release: RELEASE });
  fx.metrics.set(RELEASE, GOOD());
  fx.clock.advance(2 * HOUR + 60_000);

  const counts: (number | undefined)[] = [];
  const outcomes = [];
  for (let tick = 0; tick < 4; tick++) {
    const outcome = (await runTick(fx.engine(prom(fx, up)))).outcomes[0]!;
    outcomes.push(outcome);
    counts.push((await fx.store().readState(RELEASE))?.metricErrors?.['task_completion']);
    fx.clock.advance(10 * 60_000);
  }
  assert.deepEqual(counts, [1, 2, 3, 3], 'counted across ticks, capped at the limit');
  assert.deepEqual(outcomes.map((o) => o.decision), ['hold', 'hold', 'hold', 'hold']);
  const escalations = outcomes.filter((o) => o.actions.some((a) => a.type === 'notify' && a.kind === 'needs-attention'));
  assert.equal(escalations.length, 1, 'escalated once, on the third failed read');
  assert.match(escalations[0]!.reason, /^escalating: task_completion could not be read 3 evaluations in a row; .*metrics source prom: unavailable \(HTTP 503 from Prometheus\): no data for task_completion \(3 of 3 in a row\)/);
  const log = (await fx.store().readAuditLog(RELEASE))!;
  assert.equal(verifyAuditLog(log, sha256).ok, true);
  assert.equal((await fx.store().load()).audit.get(RELEASE)!.filter((r) => r.code === 'metric-errors-escalated').length, 1);
  const state = (await fx.store().readState(RELEASE))!;
  assert.match(renderStatus([state], fx.clock.now(), 'text'), /failed reads: task_completion ×3/);

  up.value = true;
  await runTick(fx.engine(prom(fx, up)));
  assert.equal((await fx.store().readState(RELEASE))?.metricErrors, undefined, 'a read that answers clears the count');
});

test('the policy\'s consecutiveErrorLimit sets when a failing source escalates', async () => {
  fx = createEngineFixture();
  withProm(fx, 1);
  const up = { value: false };
  await runStart(fx.engine(prom(fx, up)), { release: RELEASE });
  fx.metrics.set(RELEASE, GOOD());
  fx.clock.advance(2 * HOUR + 60_000);
  const outcome = (await runTick(fx.engine(prom(fx, up)))).outcomes[0]!;
  assert.match(outcome.reason, /^escalating: task_completion could not be read 1 evaluation in a row/);
  assert.equal((await fx.store().readState(RELEASE))?.lastDecision?.code, 'metric-errors-escalated');
});
