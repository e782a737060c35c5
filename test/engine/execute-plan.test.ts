import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createFlagdProvider } from '../../src/adapters/providers/flagd.js';
import type { Provider } from '../../src/core/model/index.js';
import type { TrafficProvider } from '../../src/ports/traffic-provider.js';
import { runStart } from '../../src/engine/run-start.js';
import { runTick } from '../../src/engine/run-tick.js';
import { withBranchCommit } from '../support/scm-roles.js';
import { createEngineFixture, GOOD, HOUR, traffic, type EngineFixture } from '../support/engine-fixture.js';

const RELEASE = 'summarizer-prompt';
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

test('a provider that reads back a different split than it was given holds the tick and records the difference', async () => {
  fx = createEngineFixture();
  await runStart(fx.engine(), { release: RELEASE });
  fx.metrics.set(RELEASE, GOOD());
  fx.clock.advance(2 * HOUR + 60_000);
  // A flag service that caps the challenger at 50%, silently.
  const capped = (p: Provider, ctx: { root: string }): TrafficProvider => {
    const real = createFlagdProvider(p, ctx);
    return { type: 'flagd', read: (t) => real.read(t), apply: (t, s) => real.apply(t, s.mode === 'traffic' ? { ...s, weight: Math.min(50, s.weight) } : s) };
  };
  const report = await runTick(fx.engine({ providers: { flagd: capped } }));
  const outcome = report.outcomes[0]!;
  assert.equal(outcome.decision, 'hold');
  assert.match(outcome.reason, /the provider refused traffic 100% \(it serves traffic 50% after the change\)/);
  assert.equal(report.failed, true);
  const snap = await fx.store().load();
  assert.deepEqual(snap.states.get(RELEASE)!.split, traffic(10), 'the state keeps the split it recorded');
  const record = snap.audit.get(RELEASE)!.at(-1)!;
  assert.equal(record.code, 'provider-error');
  assert.deepEqual(record.details?.['attempted'], traffic(100));
  assert.ok(fx.logs.some((l) => /did not take traffic 100%/.test(l)));
});

test('a run that keeps losing the compare-and-swap gives up after its attempts and says so', async () => {
  fx = createEngineFixture();
  await runStart(fx.engine(), { release: RELEASE });
  fx.metrics.set(RELEASE, GOOD());
  fx.clock.advance(2 * HOUR + 60_000);
  const real = fx.engine().scm;
  let attempts = 0;
  // Another writer always commits first.
  const contested = withBranchCommit(real, async () => { attempts += 1; return { status: 'conflict' as const, actualHead: 'f'.repeat(40) }; });
  const report = await runTick(fx.engine({ scm: contested, maxAttempts: 3 }));
  assert.equal(attempts, 3);
  assert.equal(report.outcomes[0]?.decision, 'error');
  assert.match(report.outcomes[0]!.reason, /3 attempts lost the compare-and-swap/);
  assert.equal(report.failed, true);
});

test('a release whose files no longer load is reported, and the other rollouts still tick', async () => {
  fx = createEngineFixture();
  await runStart(fx.engine(), { release: RELEASE });
  await runStart(fx.engine(), { release: 'support-assistant' });
  fx.repo.commit({ 'releases/support-assistant.yaml': null }, 'delete a release mid-rollout');
  fx.metrics.set(RELEASE, GOOD());
  fx.clock.advance(30 * 60_000);
  const report = await runTick(fx.engine());
  const byRelease = new Map(report.outcomes.map((o) => [o.release, o]));
  assert.equal(byRelease.get(RELEASE)?.decision, 'hold');
  assert.equal(byRelease.get('support-assistant')?.decision, 'error');
  assert.match(byRelease.get('support-assistant')!.reason, /no releases\/\*\.yaml with metadata\.name support-assistant/);
});
