import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { createFlagdProvider } from '../../src/adapters/providers/flagd.js';
import type { Provider } from '../../src/core/model/index.js';
import { runStart } from '../../src/engine/run-start.js';
import { runTick } from '../../src/engine/run-tick.js';
import type { TrafficProvider } from '../../src/ports/traffic-provider.js';
import { killSwitch } from '../support/kill-switch.js';
import { withBranchCommit } from '../support/scm-roles.js';
import { createEngineFixture, GOOD, HOUR, traffic, type EngineFixture } from '../support/engine-fixture.js';

const RELEASE = 'summarizer-prompt';
const KEY = 'ticket-summarizer';
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

async function served(f: EngineFixture) {
  const provider = createFlagdProvider({ name: 'flags', type: 'flagd', path: 'flags/glidepath.flagd.json' }, { root: f.repo.dir });
  const answer = await provider.read({ release: RELEASE, key: KEY, champion: { model: 'x' }, challenger: { model: 'y' } });
  return answer.ok ? answer.value : answer;
}

/** Started at canary-10, with good metrics and past its bake time: the next tick would move traffic to 100%. */
async function readyToAdvance(): Promise<EngineFixture> {
  const f = createEngineFixture();
  await runStart(f.engine(), { release: RELEASE });
  f.metrics.set(RELEASE, GOOD());
  f.clock.advance(2 * HOUR + 60_000);
  return f;
}

/**
 * Leaves the state branch's ref lock behind the way a killed runner does: a real `git update-ref`
 * takes the lock in a prepared transaction and is killed with SIGKILL before it commits.
 */
async function killGitHoldingTheLock(f: EngineFixture): Promise<string> {
  const head = f.repo.git('rev-parse', 'refs/heads/glidepath/state');
  const child = spawn('git', ['-C', f.repo.dir, 'update-ref', '--stdin'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('prepare: ok')) resolve();
    });
    child.stdin.write(`start\nupdate refs/heads/glidepath/state ${head} ${head}\nprepare\n`);
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  const lock = join(f.repo.dir, '.git/refs/heads/glidepath/state.lock');
  assert.ok(existsSync(lock), 'the killed git left its lock behind');
  return lock;
}

test('a tick blocked by a stale lock that a killed git left says it is stale, names the lock file and the fix, and puts traffic back', async () => {
  fx = await readyToAdvance();
  const lock = await killGitHoldingTheLock(fx);
  // Time passes before the next scheduled tick: the lock is now older than any live writer holds one.
  const minuteAgo = new Date(Date.now() - 60_000);
  utimesSync(lock, minuteAgo, minuteAgo);
  const head = fx.repo.git('rev-parse', 'refs/heads/glidepath/state');
  let commits = 0;
  const real = fx.engine().scm;
  const counting = withBranchCommit(real, (request, branch) => { commits += 1; return branch.commit(request); });
  const report = await runTick(fx.engine({ scm: counting }));
  const outcome = report.outcomes[0]!;
  assert.equal(outcome.decision, 'error');
  assert.equal(report.failed, true);
  assert.match(outcome.reason, /locked by a stale lock file/);
  assert.match(outcome.reason, /this is not a lost race/);
  assert.ok(outcome.reason.includes(`If no other glidepath run is active, delete it: rm '${lock}'`), outcome.reason);
  assert.match(outcome.reason, /traffic was put back to the recorded traffic 10% \(read back\)/);
  assert.equal(commits, 1, 'a stale lock is not retried as if it were a race');
  assert.deepEqual(await served(fx), traffic(10), 'the provider serves what the state records, not the next stage');
  assert.equal(fx.repo.git('rev-parse', 'refs/heads/glidepath/state'), head);
});

test('after the stale lock is deleted as the message says, the next tick advances as usual', async () => {
  fx = await readyToAdvance();
  const lock = await killGitHoldingTheLock(fx);
  const minuteAgo = new Date(Date.now() - 60_000);
  utimesSync(lock, minuteAgo, minuteAgo);
  const blocked = await runTick(fx.engine());
  const fix = /rm '([^']+)'/.exec(blocked.outcomes[0]!.reason)?.[1];
  assert.equal(fix, lock);
  rmSync(fix!);
  const report = await runTick(fx.engine());
  assert.equal(report.outcomes[0]?.decision, 'advance');
  assert.deepEqual(await served(fx), traffic(100));
  assert.deepEqual((await fx.store().load()).states.get(RELEASE)!.split, traffic(100));
});

test('a run that loses every compare-and-swap puts traffic back to the recorded split before it gives up, and says so', async () => {
  fx = await readyToAdvance();
  const real = fx.engine().scm;
  const contested = withBranchCommit(real, async () => ({ status: 'conflict' as const, actualHead: 'f'.repeat(40) }));
  const report = await runTick(fx.engine({ scm: contested, maxAttempts: 2 }));
  const outcome = report.outcomes[0]!;
  assert.equal(outcome.decision, 'error');
  assert.match(outcome.reason, /2 attempts lost the compare-and-swap; traffic was put back to the recorded traffic 10% \(read back\); the next run will try again/);
  assert.deepEqual(await served(fx), traffic(10));
});

test('a state commit that throws is reported as an error after traffic is put back, not left ahead of the record', async () => {
  fx = await readyToAdvance();
  const real = fx.engine().scm;
  const broken = withBranchCommit(real, async () => { throw new Error('git commit-tree failed: No space left on device'); });
  const report = await runTick(fx.engine({ scm: broken }));
  const outcome = report.outcomes[0]!;
  assert.equal(outcome.decision, 'error');
  assert.match(outcome.reason, /the state commit failed: git commit-tree failed: No space left on device; traffic was put back to the recorded traffic 10%/);
  assert.deepEqual(await served(fx), traffic(10));
  assert.deepEqual((await fx.store().load()).states.get(RELEASE)!.split, traffic(10));
});

test('a start killed after the provider call and before its first commit leaves no challenger traffic once the next tick ran', async () => {
  fx = createEngineFixture();
  const run = killSwitch();
  const dying = (p: Provider, ctx: { root: string }): TrafficProvider => {
    const real = createFlagdProvider(p, ctx);
    return { type: real.type, read: (t) => real.read(t), apply: async (t, s) => { await real.apply(t, s); return run.die(); } };
  };
  const killed = await runStart(fx.engine({ providers: { flagd: run.provider(dying) }, scm: run.scm(fx.engine().scm) }), { release: RELEASE });
  assert.ok(killed.failed && run.dead);
  assert.deepEqual(await served(fx), traffic(10), 'the first stage serves users, recorded nowhere');
  const report = await runTick(fx.engine());
  const outcome = report.outcomes.find((o) => o.release === RELEASE);
  assert.equal(outcome?.decision, 'hold');
  assert.match(outcome!.reason, /serves traffic 10%, but summarizer-prompt has no rollout recorded on glidepath\/state.*put back to champion only \(read back\)/);
  assert.deepEqual(await served(fx), { mode: 'off', weight: 0 });
  const started = await runStart(fx.engine(), { release: RELEASE });
  assert.equal(started.failed, false, 'starting again works as before');
  assert.deepEqual(await served(fx), traffic(10));
});
