import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFlagdProvider } from '../../src/adapters/providers/flagd.js';
import type { Provider } from '../../src/core/model/index.js';
import type { EngineContext } from '../../src/engine/context.js';
import { rolloutExitCode } from '../../src/engine/exit-code.js';
import { runStart } from '../../src/engine/run-start.js';
import { runWatch } from '../../src/engine/run-watch.js';
import { createLocalGitScm } from '../../src/adapters/scm/local-git.js';
import { isFailure, runTick } from '../../src/engine/run-tick.js';
import type { MetricsQuery, MetricsSource } from '../../src/ports/metrics-source.js';
import type { ProviderResult, TrafficProvider } from '../../src/ports/traffic-provider.js';
import { withBranches } from '../support/scm-roles.js';
import { answerOf, BAD, createEngineFixture, GOOD, HOUR, traffic, type EngineFixture } from '../support/engine-fixture.js';
import type { TrafficSplit } from '../../src/core/model/traffic-split.js';

// Releases tick in name order: the faulty one goes first, so a fault that stopped the tick would leave the second unevaluated.
const FAULTY = 'summarizer-prompt';
const FAULTY_KEY = 'ticket-summarizer';
const OTHER = 'support-assistant';
const OTHER_KEY = 'support-assistant-model';
const FLAGS = 'flags/glidepath.flagd.json';

// One repository for the whole suite, set back before each test: a fresh repository per fault costs seconds of git each.
let fx: EngineFixture;
let saved: { stateHead: string; flags: string; now: Date } | undefined;
after(() => fx?.cleanup());

/** Both releases started; the faulty one past its bake time with passing gates (it would advance), the other failing its rollback criterion. */
async function twoRollouts(): Promise<EngineFixture> {
  if (!saved) {
    fx = createEngineFixture();
    assert.equal((await runStart(fx.engine(), { release: FAULTY })).failed, false);
    assert.equal((await runStart(fx.engine(), { release: OTHER })).failed, false);
    fx.metrics.set(FAULTY, GOOD());
    fx.metrics.set(OTHER, BAD());
    fx.clock.advance(2 * HOUR + 60_000);
    saved = { stateHead: fx.repo.git('rev-parse', 'glidepath/state'), flags: fx.flagText(), now: fx.clock.now() };
  }
  fx.clock.set(saved.now);
  fx.repo.git('update-ref', 'refs/heads/glidepath/state', saved.stateHead);
  writeFileSync(join(fx.repo.dir, FLAGS), saved.flags);
  return fx;
}

/** The split the flag file serves for a release, read as flagd would. */
async function served(release: string, key: string): Promise<unknown> {
  const flagd = createFlagdProvider({ name: 'flags', type: 'flagd', path: FLAGS }, { root: fx.repo.dir });
  const answer = await flagd.read({ release, key, champion: { model: 'x' }, challenger: { model: 'y' } });
  return answer.ok ? answer.value : answer;
}

/** An answer that never comes. */
const hang = (): Promise<never> => new Promise(() => {});

interface Fault {
  readonly name: string;
  /** Which call misbehaves, for the faulty release only; every other call reaches the real flagd file or the scripted metrics. */
  readonly read?: () => unknown;
  readonly apply?: () => unknown;
  /** The metrics source's read (its old name, query, keeps the test names stable). */
  readonly query?: (q: MetricsQuery) => unknown;
  /** What the faulty release's reason must say. */
  readonly message: RegExp;
  readonly kind: string;
  readonly deadlines?: EngineContext['deadlines'];
}

// Deadlines only where a call hangs: the real flag file and the in-memory metrics answer far inside them.
const PROVIDER_HANG = { providerMs: 500 };
const METRICS_HANG = { metricsMs: 200 };
const status = (code: number) => Object.assign(new Error(`request failed with status ${code}`), { status: code });

const FAULTS: readonly Fault[] = [
  { name: 'read throws', read: () => Promise.reject(new Error('socket hang up')), message: /provider could not be read \(provider flags: read threw: socket hang up\)/, kind: 'unavailable' },
  { name: 'read throws before returning a promise', read: () => { throw new TypeError("Cannot read properties of undefined (reading 'flags')"); }, message: /read threw: Cannot read properties of undefined/, kind: 'unavailable' },
  { name: 'read throws an HTTP 401', read: () => Promise.reject(status(401)), message: /read threw: request failed with status 401/, kind: 'unauthorized' },
  { name: 'read throws an HTTP 429', read: () => Promise.reject(status(429)), message: /read threw: request failed with status 429/, kind: 'rate-limited' },
  { name: 'read hangs past its deadline', read: hang, message: /provider could not be read \(provider flags: read timed out after 500 ms\)/, kind: 'timeout', deadlines: PROVIDER_HANG },
  { name: 'read answers a 5xx as data', read: async () => ({ ok: false, error: 'HTTP 503 from the flag service', retryable: true }), message: /provider could not be read \(HTTP 503 from the flag service\)/, kind: 'unavailable' },
  { name: 'read answers a mode that is not one', read: async () => ({ ok: true, value: { mode: 'half', weight: 50 } }), message: /read answered an invalid split: mode is "half"; expected off, shadow or traffic/, kind: 'invalid' },
  { name: 'read answers a NaN weight', read: async () => ({ ok: true, value: { mode: 'traffic', weight: Number.NaN } }), message: /read answered an invalid split: weight is NaN; expected a number from 0 to 100/, kind: 'invalid' },
  { name: 'read answers a weight above 100', read: async () => ({ ok: true, value: { mode: 'traffic', weight: 250 } }), message: /weight is 250; expected a number from 0 to 100/, kind: 'invalid' },
  { name: 'read answers a weight given as text', read: async () => ({ ok: true, value: { mode: 'traffic', weight: '10' } }), message: /weight is "10"/, kind: 'invalid' },
  { name: 'read answers nothing', read: async () => undefined, message: /read answered undefined, which is not a result/, kind: 'invalid' },
  { name: 'read answers a failure without words', read: async () => ({ ok: false }), message: /provider flags: read failed without saying why/, kind: 'unavailable' },
  { name: 'apply throws', apply: () => Promise.reject(new Error('ECONNRESET')), message: /provider refused traffic 100% \(provider flags: apply threw: ECONNRESET\)/, kind: 'apply' },
  { name: 'apply hangs past its deadline', apply: hang, message: /provider refused traffic 100% \(provider flags: apply timed out after 500 ms; what it serves now is unknown until the next read\)/, kind: 'apply', deadlines: PROVIDER_HANG },
  { name: 'apply reads back garbage', apply: async () => ({ ok: true, value: { mode: 'traffic', weight: -5 } }), message: /apply answered an invalid split: weight is -5/, kind: 'apply' },
  { name: 'query throws', query: () => Promise.reject(new Error('warehouse connection reset')), message: /metrics source failed: metrics source warehouse: unavailable \(read threw: warehouse connection reset\): no data for error_rate, task_completion/, kind: 'unavailable' },
  { name: 'query hangs past its deadline', query: hang, message: /metrics source failed: metrics source warehouse: timeout \(read timed out after 200 ms\)/, kind: 'timeout', deadlines: METRICS_HANG },
  { name: 'query answers a snapshot without arms', query: async (q) => ({ ok: true, value: { window: { start: '2025-03-03T08:00:00Z', end: '2025-03-03T10:00:00Z' }, readings: q.metrics.map((m) => ({ metric: m.name, ok: true, arms: 'all good' })) } }), message: /read answered an invalid reading for error_rate: arms is "all good"; expected control and canary/, kind: 'invalid' },
  {
    name: 'query answers NaN counts',
    query: async (q) => {
      const good = GOOD();
      return answerOf({ ok: true, snapshot: { ...good, arms: { ...good.arms, canary: { ...good.arms.canary, error_rate: { kind: 'counts', successes: Number.NaN, trials: 20_000 } } } } }, q);
    },
    message: /counts that cannot be true: arms\.canary\.error_rate\.successes: NaN must be a whole number/,
    kind: 'invalid',
  },
  { name: 'query answers more successes than trials', query: async (q) => answerOf({ ok: true, snapshot: { ...GOOD(), arms: { control: { error_rate: { kind: 'counts', successes: 9, trials: 3 } }, canary: {} } } }, q), message: /arms\.control\.error_rate\.successes: 9 exceeds trials \(3\)/, kind: 'invalid' },
  { name: 'query answers null', query: async () => null, message: /read answered null, which is not a result/, kind: 'invalid' },
];

/** The real flagd provider, except for the faulty release's misbehaving call. */
function providers(fault: Fault | undefined): EngineContext['providers'] {
  return {
    flagd: (config: Provider, ctx: { root: string }): TrafficProvider => {
      const real = createFlagdProvider(config, ctx);
      const faulty = (release: string, call: (() => unknown) | undefined) => (release === FAULTY ? call : undefined);
      return {
        type: 'flagd',
        read: (target) => (faulty(target.release, fault?.read)?.() as Promise<ProviderResult<TrafficSplit>> | undefined) ?? real.read(target),
        apply: (target, split) => (faulty(target.release, fault?.apply)?.() as Promise<ProviderResult<TrafficSplit>> | undefined) ?? real.apply(target, split),
      };
    },
  };
}

function engineWith(f: EngineFixture, fault: Fault | undefined): EngineContext {
  const scripted = f.metrics.source();
  const metrics: MetricsSource = {
    type: 'file',
    read: (q) => (q.release === FAULTY && fault?.query ? (fault.query(q) as ReturnType<MetricsSource['read']>) : scripted.read(q)),
  };
  return f.engine({ providers: providers(fault), metricsSources: { file: () => ({ ok: true, value: metrics }) }, ...(fault?.deadlines ? { deadlines: fault.deadlines } : {}) });
}

for (const fault of FAULTS) {
  test(`a provider or metrics source that ${fault.name} holds that release with the fault named, and the next release still rolls back`, async () => {
    fx = await twoRollouts();
    const before = await fx.store().load();
    const recordsBefore = before.audit.get(FAULTY)!.length;

    const report = await runTick(engineWith(fx, fault));

    const [faulty, other] = report.outcomes;
    assert.equal(faulty?.release, FAULTY);
    assert.equal(faulty.decision, 'hold', faulty.reason);
    assert.match(faulty.reason, fault.message);
    assert.equal(isFailure(faulty), true, 'a failed call is a failure of the tick');
    if (fault.kind === 'apply') {
      assert.equal(faulty.execution?.status === 'committed' && faulty.execution.providerFailure !== undefined, true);
    } else {
      assert.equal(faulty.faults?.[0]?.kind, fault.kind, JSON.stringify(faulty.faults));
    }
    const after = await fx.store().load();
    const was = before.states.get(FAULTY)!;
    const now = after.states.get(FAULTY)!;
    assert.deepEqual([now.phase, now.stage, now.split, now.stageStartedAt], [was.phase, was.stage, traffic(10), was.stageStartedAt], 'no advance');
    assert.deepEqual(after.audit.get(FAULTY)!.slice(recordsBefore).map((r) => r.decision), ['hold'], 'the only record is the hold');
    assert.deepEqual(await served(FAULTY, FAULTY_KEY), traffic(10), 'the flag still serves the stage the state records');

    assert.equal(other?.release, OTHER);
    assert.equal(other.decision, 'rollback', other.reason);
    assert.equal(after.states.get(OTHER)!.phase, 'rolled-back');
    assert.deepEqual(await served(OTHER, OTHER_KEY), { mode: 'off', weight: 0 }, 'the champion serves the other release');
    assert.equal(rolloutExitCode(report.outcomes), 1);
  });
}

test('a policy that lost the stage a rollout is at is an error for that release, and the next release still rolls back', async () => {
  fx = await twoRollouts();
  const baseline = await runTick({ ...engineWith(fx, undefined), dryRun: true });
  assert.deepEqual(baseline.outcomes.map((o) => [o.release, o.decision]), [[FAULTY, 'advance'], [OTHER, 'rollback']], 'without a fault the first release would advance: every hold above is the fault');
  const snapshot = await fx.store().load();
  const state = snapshot.states.get(FAULTY)!;
  // As if spec.stages had been cut from four stages to two while the rollout stood at the third.
  const lost = { ...state, stageIndex: 2, stage: 'canary-50' };
  const record = { at: state.updatedAt, release: FAULTY, bundleHash: state.bundleHash, stage: lost.stage, event: 'decision' as const, decision: 'hold' as const, reason: 'test: the policy lost a stage', actor: 'test' };
  const committed = await fx.store().commit({ states: [lost], records: [record] }, snapshot.head, 'test: the policy lost a stage');
  assert.equal(committed.status, 'committed');

  const report = await runTick(engineWith(fx, undefined));

  const [faulty, other] = report.outcomes;
  assert.equal(faulty?.decision, 'error');
  assert.match(faulty.reason, /summarizer-prompt could not be evaluated: policy prompt-tweak: the rollout state points at stage 3, but spec\.stages has 2; the policy changed under a running rollout/);
  assert.equal(other?.decision, 'rollback', other?.reason);
  assert.equal((await fx.store().load()).states.get(OTHER)!.phase, 'rolled-back');
  assert.equal(rolloutExitCode(report.outcomes), 1);
});

test('a watch whose state branch cannot be read for one tick reports that tick as an error and evaluates every release on the next', async () => {
  fx = await twoRollouts();
  const scm = createLocalGitScm(fx.repo.dir);
  let outage = true;
  const flaky = withBranches(scm, (branch) => ({ ...branch, head: async () => {
    if (outage) throw new Error('git: unable to read the object database');
    return branch.head();
  } }));
  const ticks: string[][] = [];
  const report = await runWatch(fx.engine({ scm: flaky }), {
    intervalMs: 0,
    durationMs: 90 * 60_000,
    onTick: (tick) => {
      ticks.push(tick.outcomes.map((o) => `${o.release} ${o.decision}`));
      outage = false;
      fx.clock.advance(HOUR);
    },
  });
  assert.deepEqual(ticks, [['* error'], [`${FAULTY} advance`, `${OTHER} rollback`]]);
  assert.match(report.attention.find((o) => o.release === '*')?.reason ?? '', /the tick could not run: git: unable to read the object database; the next tick tries again/);
  assert.equal(rolloutExitCode(report.attention), 1);
});
