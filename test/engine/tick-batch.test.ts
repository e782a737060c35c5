import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../src/adapters/crypto.js';
import { createLocalGitScm } from '../../src/adapters/scm/local-git.js';
import { verifyAuditLog, type AuditRecord } from '../../src/core/audit/chain.js';
import { runStart } from '../../src/engine/run-start.js';
import { runTick, type TickReport } from '../../src/engine/run-tick.js';
import { withBranchCommit } from '../support/scm-roles.js';
import { createEngineFixture, GOOD, HOUR, traffic, type EngineFixture } from '../support/engine-fixture.js';

const ADVANCING = 'summarizer-prompt';
const HOLDING = ['assistant-b', 'assistant-c'];
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

/**
 * Three prompt tweaks started at canary-10 and past their bake time: the first has good metrics
 * (its tick moves traffic to 100%), the other two have none yet (their ticks record a hold).
 */
async function threeStarted(): Promise<EngineFixture> {
  const f = createEngineFixture();
  const template = readFileSync(join(f.repo.dir, `releases/${ADVANCING}.yaml`), 'utf8');
  f.repo.commit(Object.fromEntries(HOLDING.map((name) => [`releases/${name}.yaml`, template.replace(`name: ${ADVANCING}`, `name: ${name}`).replace('key: ticket-summarizer', `key: ${name}`)])), 'two more prompt tweaks');
  for (const release of [ADVANCING, ...HOLDING]) await runStart(f.engine(), { release });
  f.metrics.set(ADVANCING, GOOD());
  f.clock.advance(2 * HOUR + 60_000);
  return f;
}

const stateCommits = (f: EngineFixture): number => Number(f.repo.git('rev-list', '--count', 'glidepath/state'));

async function auditOf(f: EngineFixture): Promise<Map<string, readonly AuditRecord[]>> {
  return new Map((await f.store().load()).audit);
}

function decision(report: TickReport, release: string): string | undefined {
  return report.outcomes.find((o) => o.release === release)?.decision;
}

test('one tick records every release\'s decision in one commit: the holds staged before an advance ride on its commit', async () => {
  fx = await threeStarted();
  const before = stateCommits(fx);
  const audit = await auditOf(fx);
  const report = await runTick(fx.engine());
  assert.equal(decision(report, ADVANCING), 'advance');
  for (const name of HOLDING) {
    const outcome = report.outcomes.find((o) => o.release === name)!;
    assert.equal(outcome.decision, 'hold');
    assert.equal(outcome.committed, true, `${name}'s hold is recorded`);
    assert.equal(outcome.execution?.status, 'committed');
  }
  // Releases tick in name order: both holds are staged before the advance, whose commit carries them.
  assert.equal(stateCommits(fx) - before, 1, 'the advance and both holds in one commit');
  const after = await auditOf(fx);
  for (const name of [ADVANCING, ...HOLDING]) {
    assert.equal(after.get(name)!.length - audit.get(name)!.length, 1, `${name}: one record`);
    assert.equal(verifyAuditLog((await fx.store().readAuditLog(name))!, sha256).ok, true, `${name}'s chain verifies`);
  }
  const shas = report.outcomes.map((o) => o.execution?.status === 'committed' ? o.execution.sha : undefined);
  assert.equal(new Set(shas).size, 1, 'every outcome names the same commit');
  for (const outcome of report.outcomes) {
    const records = outcome.execution?.status === 'committed' ? outcome.execution.records : [];
    assert.deepEqual(records.map((r) => r.release), [outcome.release], `${outcome.release}'s outcome carries its own record only`);
  }
});

test('two racing ticks on one state branch make exactly one advance per release and record each hold once', async () => {
  fx = await threeStarted();
  const before = stateCommits(fx);
  const audit = await auditOf(fx);
  const reports = await Promise.all([1, 2].map(() => runTick(fx.engine({ scm: createLocalGitScm(fx.repo.dir), maxAttempts: 10 }))));
  const outcomes = reports.flatMap((r) => r.outcomes);
  assert.equal(outcomes.filter((o) => o.decision === 'error').length, 0, outcomes.map((o) => `${o.release}: ${o.reason}`).join('\n'));
  const after = await auditOf(fx);
  const added = (name: string) => after.get(name)!.slice(audit.get(name)!.length);
  assert.equal(added(ADVANCING).filter((r) => r.splitAfter !== undefined).length, 1, `${ADVANCING}: ${added(ADVANCING).map((r) => r.code).join(', ')}`);
  assert.deepEqual((await fx.store().load()).states.get(ADVANCING)!.split, traffic(100));
  let decisions = 0;
  for (const name of [ADVANCING, ...HOLDING]) {
    const codes = added(name).map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length, `${name}: no decision recorded twice: ${codes.join(', ')}`);
    assert.equal(verifyAuditLog((await fx.store().readAuditLog(name))!, sha256).ok, true);
    decisions += codes.length;
  }
  for (const name of HOLDING) assert.equal(added(name).length, 1, `${name}: its hold once`);
  assert.ok(stateCommits(fx) - before < decisions, `${stateCommits(fx) - before} commits for ${decisions} decisions: holds share a commit`);
});

test('a release that fails in a batched tick does not lose the others\' records: they are still committed, together', async () => {
  fx = await threeStarted();
  fx.repo.commit({ [`releases/${ADVANCING}.yaml`]: null }, 'delete a release mid-rollout');
  const before = stateCommits(fx);
  const audit = await auditOf(fx);
  const report = await runTick(fx.engine());
  assert.equal(decision(report, ADVANCING), 'error');
  const after = await auditOf(fx);
  for (const name of HOLDING) {
    assert.equal(decision(report, name), 'hold');
    assert.equal(after.get(name)!.length - audit.get(name)!.length, 1, `${name}'s hold is recorded`);
  }
  assert.equal(stateCommits(fx) - before, 1, 'one commit for both holds');
  assert.equal(report.failed, true);
});

test('a batch commit that throws is retried one release at a time, so one release\'s change cannot stop the others\' records', async () => {
  fx = await threeStarted();
  const [poisoned, healthy] = HOLDING as [string, string];
  const scm = withBranchCommit(createLocalGitScm(fx.repo.dir), async (request, branch) => {
    if (request.files.some((f) => f.path === `states/${poisoned}.json`)) throw new Error('git commit-tree failed: object is corrupt');
    return branch.commit(request);
  });
  const audit = await auditOf(fx);
  const report = await runTick(fx.engine({ scm }));
  assert.equal(decision(report, ADVANCING), 'advance');
  assert.equal(decision(report, poisoned), 'error');
  assert.match(report.outcomes.find((o) => o.release === poisoned)!.reason, /object is corrupt/);
  assert.equal(decision(report, healthy), 'hold');
  const after = await auditOf(fx);
  assert.equal(after.get(healthy)!.length - audit.get(healthy)!.length, 1, `${healthy}'s hold is recorded`);
  assert.equal(after.get(poisoned)!.length, audit.get(poisoned)!.length, `${poisoned} records nothing`);
});
