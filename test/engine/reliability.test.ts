import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../src/adapters/crypto.js';
import { createFlagdProvider } from '../../src/adapters/providers/flagd.js';
import { createLocalGitScm } from '../../src/adapters/scm/local-git.js';
import { verifyAuditLog } from '../../src/core/audit/chain.js';
import type { Provider } from '../../src/core/model/index.js';
import type { TrafficProvider } from '../../src/ports/traffic-provider.js';
import { runStart } from '../../src/engine/run-start.js';
import { runTick } from '../../src/engine/run-tick.js';
import { killSwitch } from '../support/kill-switch.js';
import { withBranchCommit } from '../support/scm-roles.js';
import { createEngineFixture, GOOD, HOUR, traffic, type EngineFixture } from '../support/engine-fixture.js';

const RELEASE = 'summarizer-prompt';
const KEY = 'ticket-summarizer';
const FLAGS = 'flags/glidepath.flagd.json';
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

function provider(root: string): TrafficProvider {
  return createFlagdProvider({ name: 'flags', type: 'flagd', path: FLAGS }, { root });
}

async function served(f: EngineFixture) {
  const answer = await provider(f.repo.dir).read({ release: RELEASE, key: KEY, champion: { model: 'x' }, challenger: { model: 'y' } });
  return answer.ok ? answer.value : answer;
}

/** Sets the flag's fractional weight by hand, as a person editing the flag file would. */
function editWeight(f: EngineFixture, weight: number): void {
  const path = join(f.repo.dir, FLAGS);
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { flags: Record<string, { targeting: { fractional: [string, number][] } }> };
  doc.flags[KEY]!.targeting.fractional = [['champion', 100 - weight], ['challenger', weight]];
  writeFileSync(path, JSON.stringify(doc, null, 2));
}

async function started(): Promise<EngineFixture> {
  const f = createEngineFixture();
  await runStart(f.engine(), { release: RELEASE });
  f.metrics.set(RELEASE, GOOD());
  return f;
}

test('the provider is read on every tick: a split changed by hand is set back, and the reconciliation is audited', async () => {
  fx = await started();
  editWeight(fx, 30);
  fx.clock.advance(10 * 60_000);
  const report = await runTick(fx.engine());
  assert.equal(report.outcomes[0]?.decision, 'hold');
  assert.match(report.outcomes[0]!.reason, /serves traffic 30%.*recorded traffic 10%/);
  assert.deepEqual(await served(fx), traffic(10));
  const record = (await fx.store().load()).audit.get(RELEASE)!.at(-1)!;
  assert.equal(record.event, 'reconcile');
  assert.deepEqual(record.splitBefore, traffic(30));
  assert.deepEqual(record.splitAfter, traffic(10));
});

test('running the same tick twice changes nothing the second time', async () => {
  fx = await started();
  fx.clock.advance(30 * 60_000);
  const first = await runTick(fx.engine());
  assert.equal(first.outcomes[0]?.decision, 'hold');
  const head = (await fx.store().load()).head;
  const flags = fx.flagText();
  const second = await runTick(fx.engine());
  assert.equal(second.outcomes[0]?.decision, 'hold');
  assert.equal(second.outcomes[0]?.committed, false);
  assert.equal(second.outcomes[0]?.execution?.status, 'nothing');
  assert.equal((await fx.store().load()).head, head, 'no new state revision');
  assert.equal(fx.flagText(), flags, 'no traffic change');
});

test('a crash after the provider call and before the state commit is recovered from the provider on the next tick', async () => {
  fx = await started();
  fx.clock.advance(2 * HOUR + 60_000);
  // The run dies at its state commit, just after the provider call: from then on it makes no call (no put-back).
  const run = killSwitch();
  const scm = createLocalGitScm(fx.repo.dir);
  const crashing = run.scm(withBranchCommit(scm, async () => run.die()));
  const head = (await fx.store().load()).head;
  const crashed = await runTick(fx.engine({ scm: crashing, providers: { flagd: run.provider(createFlagdProvider) } }));
  assert.equal(crashed.outcomes[0]?.decision, 'error');
  assert.match(crashed.outcomes[0]!.reason, /runner killed/);
  assert.deepEqual(await served(fx), traffic(100), 'the provider took the change');
  assert.equal((await fx.store().load()).head, head, 'the state never recorded it');
  const recovery = await runTick(fx.engine());
  assert.equal(recovery.outcomes[0]?.decision, 'advance');
  const snap = await fx.store().load();
  assert.equal(snap.states.get(RELEASE)!.stage, 'full');
  const record = snap.audit.get(RELEASE)!.at(-1)!;
  assert.equal(record.event, 'reconcile');
  assert.equal(record.code, 'reconcile-adopt');
  assert.deepEqual(await served(fx), traffic(100));
});

test('100 concurrent ticks on one state branch make exactly one advance and leave a consistent chain', async () => {
  fx = await started();
  fx.clock.advance(2 * HOUR + 60_000);
  const before = (await fx.store().load()).audit.get(RELEASE)!.length;
  const reports = await Promise.all(Array.from({ length: 100 }, () => runTick(fx.engine({ scm: createLocalGitScm(fx.repo.dir), maxAttempts: 10, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }))));
  const outcomes = reports.flatMap((r) => r.outcomes);
  assert.equal(outcomes.filter((o) => o.decision === 'error').length, 0, 'every run finished within its attempts');
  const snap = await fx.store().load();
  const added = snap.audit.get(RELEASE)!.slice(before);
  // Once traffic is at 100%, the policy's last stage has no bake time, so the runs that lost the
  // race re-plan and take the next decisions (enter the watch, then hold): each exactly once.
  const moves = added.filter((r) => r.splitAfter !== undefined);
  assert.equal(moves.length, 1, `records: ${added.map((r) => r.code).join(', ')}`);
  assert.deepEqual(moves[0]!.splitAfter, traffic(100));
  const codes = added.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length, `no decision recorded twice: ${codes.join(', ')}`);
  assert.equal(outcomes.filter((o) => o.committed).length, added.length, 'one commit per recorded decision');
  assert.equal(snap.states.get(RELEASE)!.stage, 'full');
  assert.deepEqual(await served(fx), traffic(100));
  assert.equal(verifyAuditLog((await fx.store().readAuditLog(RELEASE))!, sha256).ok, true);
});

test('a provider that fails (a 5xx or a time-out) holds the rollout: traffic untouched, the failure audited', async () => {
  fx = await started();
  const failing = (): TrafficProvider => ({
    type: 'flagd',
    read: async () => ({ ok: false, error: 'HTTP 503 from the flag service', retryable: true }),
    apply: async () => ({ ok: false, error: 'HTTP 503 from the flag service', retryable: true }),
  });
  fx.clock.advance(2 * HOUR + 60_000);
  const flags = fx.flagText();
  const report = await runTick(fx.engine({ providers: { flagd: failing } }));
  assert.equal(report.outcomes[0]?.decision, 'hold');
  assert.match(report.outcomes[0]!.reason, /provider could not be read \(HTTP 503/);
  assert.equal(fx.flagText(), flags);
  const snap = await fx.store().load();
  assert.equal(snap.states.get(RELEASE)!.stage, 'canary-10');
  const record = snap.audit.get(RELEASE)!.at(-1)!;
  assert.equal(record.code, 'provider-error');
  assert.deepEqual(record.provider, { ok: false, error: 'HTTP 503 from the flag service' });
});

test('a provider that accepts the read but refuses the change holds, and the state keeps the split it really serves', async () => {
  fx = await started();
  const refusing = (p: Provider, ctx: { root: string }): TrafficProvider => {
    const real = createFlagdProvider(p, ctx);
    return { type: 'flagd', read: (t) => real.read(t), apply: async () => ({ ok: false, error: 'HTTP 504: gateway time-out', retryable: true }) };
  };
  fx.clock.advance(2 * HOUR + 60_000);
  const report = await runTick(fx.engine({ providers: { flagd: refusing } }));
  assert.equal(report.failed, true);
  assert.equal(report.outcomes[0]?.decision, 'hold');
  assert.deepEqual(await served(fx), traffic(10));
  const snap = await fx.store().load();
  assert.equal(snap.states.get(RELEASE)!.stage, 'canary-10');
  assert.deepEqual(snap.states.get(RELEASE)!.split, traffic(10));
  assert.equal(snap.audit.get(RELEASE)!.at(-1)!.code, 'provider-error');
});

test('a metrics outage is no data: the rollout holds and never advances, however long it waits', async () => {
  fx = await started();
  fx.metrics.answers.clear();
  for (let i = 0; i < 3; i += 1) {
    fx.clock.advance(2 * HOUR);
    const report = await runTick(fx.engine());
    assert.equal(report.outcomes[0]?.decision, 'hold');
  }
  const snap = await fx.store().load();
  assert.equal(snap.states.get(RELEASE)!.stage, 'canary-10');
  assert.deepEqual(await served(fx), traffic(10));
  const record = snap.audit.get(RELEASE)!.at(-1)!;
  assert.equal(record.judgement?.outcome, 'no-data');
  assert.match(record.judgement?.sourceError ?? '', /no such file/);
});
