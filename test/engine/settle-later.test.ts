import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { runStart } from '../../src/engine/run-start.js';
import { runTick } from '../../src/engine/run-tick.js';
import { createEngineFixture, GOOD, HOUR, traffic, type EngineFixture } from '../support/engine-fixture.js';
import { FLAGD, flagdAs, localFlagd } from '../support/local-flagd.js';
import { settleLater } from '../support/providers/settle-later.js';

const RELEASE = 'summarizer-prompt';
const TARGET = { release: RELEASE, key: 'ticket-summarizer', champion: { model: 'x' }, challenger: { model: 'y' } };
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

/** Started at canary-10 on flagd, good metrics, past the bake time: the next tick asks for 100%, from a provider that settles later. */
async function readyToAdvance() {
  const f = createEngineFixture();
  await runStart(f.engine(), { release: RELEASE });
  f.metrics.set(RELEASE, GOOD());
  f.clock.advance(2 * HOUR + 60_000);
  const later = settleLater(localFlagd(FLAGD, f.repo.dir));
  const engine = () => f.engine({ providers: { flagd: flagdAs(() => later.provider) } });
  const served = async () => {
    const read = await localFlagd(FLAGD, f.repo.dir).read(TARGET);
    return read.ok ? read.value : read;
  };
  return { f, later, engine, served };
}

test('a change the provider accepts but has not settled holds as awaiting-provider with its operation and deadline, not as a refusal', async () => {
  const { f, engine, served } = await readyToAdvance();
  fx = f;
  const report = await runTick(engine());
  const outcome = report.outcomes[0]!;
  assert.equal(outcome.decision, 'hold');
  assert.equal(report.failed, false, 'waiting for a provider is not a failure');
  assert.match(outcome.reason, /accepted traffic 100% and is still applying it \(operation update-1: Updating\)/);
  const snap = await fx.store().load();
  const state = snap.states.get(RELEASE)!;
  assert.equal(state.stage, 'canary-10');
  assert.deepEqual(state.split, traffic(10), 'the state keeps the split the provider serves');
  assert.equal(state.lastDecision?.code, 'awaiting-provider');
  assert.equal(state.awaitingProvider?.operation.id, 'update-1');
  assert.equal(state.awaitingProvider?.deadline, new Date(fx.clock.now().getTime() + 30 * 60_000).toISOString());
  assert.equal(snap.audit.get(RELEASE)!.at(-1)!.code, 'awaiting-provider');
  assert.deepEqual(await served(), traffic(10));
});

test('once the provider settles as requested, the next tick records the planned advance with the read-back', async () => {
  const { f, later, engine, served } = await readyToAdvance();
  fx = f;
  await runTick(engine());
  fx.clock.advance(5 * 60_000);
  const waiting = await runTick(engine());
  assert.equal(waiting.outcomes[0]!.decision, 'hold');
  assert.match(waiting.outcomes[0]!.reason, /still applying traffic 100% \(operation update-1: Updating\)/);
  assert.deepEqual(waiting.outcomes[0]!.actions ?? [], [], 'an unchanged wait is not audited again within the hour');
  await later.settle();
  fx.clock.advance(5 * 60_000);
  const settled = await runTick(engine());
  assert.equal(settled.outcomes[0]!.decision, 'advance', settled.outcomes[0]!.reason);
  const snap = await fx.store().load();
  const state = snap.states.get(RELEASE)!;
  assert.equal(state.stage, 'full');
  assert.deepEqual(state.split, traffic(100));
  assert.equal(state.awaitingProvider, undefined);
  assert.equal(state.stageStartedAt, fx.clock.now().toISOString(), 'the stage’s bake time starts when the change took effect');
  const record = snap.audit.get(RELEASE)!.at(-1)!;
  assert.deepEqual(record.details?.['readBack'], traffic(100));
  assert.equal((record.details?.['settled'] as { operation: string }).operation, 'update-1');
  assert.deepEqual(await served(), traffic(100));
});

test('a change still pending past its deadline, or failed by the provider, takes the provider-failure path and the state keeps its split', async () => {
  const { f, later, engine } = await readyToAdvance();
  fx = f;
  await runTick(engine());
  fx.clock.advance(31 * 60_000);
  const late = await runTick(engine());
  assert.equal(late.outcomes[0]!.decision, 'hold');
  assert.match(late.outcomes[0]!.reason, /the provider refused traffic 100% \(operation update-1 had not settled by its deadline/);
  let state = (await fx.store().load()).states.get(RELEASE)!;
  assert.equal(state.awaitingProvider, undefined);
  assert.equal(state.lastDecision?.code, 'provider-error');
  assert.deepEqual(state.split, traffic(10));

  await runTick(engine());
  assert.equal((await fx.store().load()).states.get(RELEASE)!.awaitingProvider?.operation.id, 'update-2', 'the next tick asks again');
  later.fail('endpoint update failed: ResourceLimitExceeded');
  fx.clock.advance(60_000);
  const failed = await runTick(engine());
  assert.match(failed.outcomes[0]!.reason, /the provider refused traffic 100% \(endpoint update failed: ResourceLimitExceeded\)/);
  state = (await fx.store().load()).states.get(RELEASE)!;
  assert.equal(state.awaitingProvider, undefined);
  assert.deepEqual(state.split, traffic(10));
});
