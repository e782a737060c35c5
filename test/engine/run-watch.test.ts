import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { runStart } from '../../src/engine/run-start.js';
import { runWatch } from '../../src/engine/run-watch.js';
import { createEngineFixture, GOOD, HOUR, type EngineFixture } from '../support/engine-fixture.js';

let fx: EngineFixture;
afterEach(() => fx?.cleanup());

test('watch ticks every interval on the engine\'s clock until the duration is used up', async () => {
  fx = createEngineFixture();
  await runStart(fx.engine(), { release: 'summarizer-prompt' });
  fx.metrics.set('summarizer-prompt', GOOD());
  const slept: number[] = [];
  const engine = fx.engine({ sleep: async (ms) => { slept.push(ms); fx.clock.advance(ms); } });
  const seen: string[] = [];
  const report = await runWatch(engine, { intervalMs: 30 * 60_000, durationMs: HOUR + 1, onTick: (tick, n) => seen.push(`${n}:${tick.outcomes.map((o) => o.decision).join(',')}`) });
  assert.equal(report.ended, 'duration');
  assert.equal(report.ticks, 3);
  assert.deepEqual(slept, [30 * 60_000, 30 * 60_000]);
  assert.deepEqual(seen, ['1:hold', '2:hold', '3:hold']);
});

test('watch stops after one tick when no rollout is running', async () => {
  fx = createEngineFixture();
  const report = await runWatch(fx.engine(), { intervalMs: 60_000, durationMs: 10 * HOUR });
  assert.deepEqual(report, { ticks: 1, failed: false, attention: [], ended: 'no-active-rollouts' });
});
