import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../src/adapters/crypto.js';
import { readRepositoryFromDisk } from '../../src/adapters/fs/read-repository.js';
import { trafficProviders } from '../../src/adapters/providers/index.js';
import { createWorkingTreeFiles } from '../../src/adapters/fs/working-tree-files.js';
import { createLocalGitScm } from '../../src/adapters/scm/local-git.js';
import { createStateStore, type StateStore } from '../../src/engine/state-store.js';
import type { MetricsSnapshot } from '../../src/core/metrics/arm-data.js';
import { fixedClock } from '../../src/ports/clock.js';
import type { Logger } from '../../src/ports/logger.js';
import type { MetricsResult } from '../../src/core/metrics/metrics-result.js';
import type { MetricsAnswer, MetricsQuery, MetricsSource } from '../../src/ports/metrics-source.js';
import type { CallResult } from '../../src/ports/call.js';
import type { EngineContext } from '../../src/engine/context.js';
import { createTempGitRepo, type TempGitRepo } from './temp-git-repo.js';
import type { TrafficSplit } from '../../src/core/model/traffic-split.js';

export const QUICKSTART = new URL('../../examples/quickstart/', import.meta.url).pathname;
export const T0 = new Date('2025-03-03T08:00:00.000Z');
export const HOUR = 3_600_000;

/** Metrics a test sets per release; a release with none set is an outage of the source. */
export class ScriptedMetrics {
  readonly answers = new Map<string, MetricsResult>();
  readonly queries: { release: string; stage: string; start: Date; end: Date }[] = [];
  set(release: string, snapshot: MetricsSnapshot): void {
    this.answers.set(release, { ok: true, snapshot });
  }
  fail(release: string, error: string): void {
    this.answers.set(release, { ok: false, error });
  }
  source(): MetricsSource {
    return {
      type: 'file',
      read: async (q) => {
        this.queries.push({ release: q.release, stage: q.stage, start: q.window.start, end: q.window.end });
        // As the file source answers a metrics file not exported yet: data not there, not a failed read.
        return answerOf(this.answers.get(q.release) ?? { ok: false, kind: 'not-found', error: `metrics/${q.release}.json: no such file` }, q);
      },
    };
  }
  /** The factory an engine context registers: the scripted source, for any source entry. */
  factory(): NonNullable<EngineContext['metricsSources']['file']> {
    return () => ({ ok: true, value: this.source() });
  }
}

/** A scripted snapshot as a source answers it: a reading per metric asked for, not-found for one the snapshot lacks. */
export function answerOf(result: MetricsResult, q: MetricsQuery): CallResult<MetricsAnswer> {
  if (!result.ok) return { ok: false, kind: result.kind ?? 'unavailable', error: result.error };
  const { snapshot } = result;
  return {
    ok: true,
    value: {
      window: snapshot.window,
      ...(snapshot.requests ? { requests: snapshot.requests } : {}),
      ...(snapshot.units ? { units: snapshot.units } : {}),
      readings: q.metrics.map((m) => {
        const control = snapshot.arms.control[m.name];
        const canary = snapshot.arms.canary[m.name];
        const segments = Object.fromEntries(
          Object.entries(snapshot.segments ?? {}).map(([attribute, values]) => [
            attribute,
            Object.fromEntries(Object.entries(values).map(([value, arms]) => [value, { ...(arms.control?.[m.name] ? { control: arms.control[m.name] } : {}), ...(arms.canary?.[m.name] ? { canary: arms.canary[m.name] } : {}) }])),
          ]),
        );
        if (!control && !canary && Object.keys(segments).length === 0) return { metric: m.name, ok: false, kind: 'not-found', error: `metrics/${q.release}.json has no ${m.name}` };
        return { metric: m.name, ok: true, arms: { ...(control ? { control } : {}), ...(canary ? { canary } : {}) }, ...(snapshot.segments ? { segments } : {}) };
      }),
    },
  };
}

/** Two-proportion metrics for the prompt-tweak policy: error_rate and task_completion per arm at weight `w`. */
export function promptTweakSnapshot(opts: { errors: [number, number]; completion: [number, number]; n?: number; weight?: number }): MetricsSnapshot {
  const n = opts.n ?? 200_000;
  const w = opts.weight ?? 10;
  const control = Math.round((n * (100 - w)) / 100);
  const canary = n - control;
  const counts = (rate: number, trials: number) => ({ kind: 'counts' as const, successes: Math.round(rate * trials), trials });
  return {
    window: { start: '2025-03-03T08:00:00Z', end: '2025-03-03T11:00:00Z' },
    requests: { control, canary },
    arms: {
      control: { error_rate: counts(opts.errors[0], control), task_completion: counts(opts.completion[0], control) },
      canary: { error_rate: counts(opts.errors[1], canary), task_completion: counts(opts.completion[1], canary) },
    },
  };
}

export const GOOD = (weight = 10) => promptTweakSnapshot({ errors: [0.02, 0.02], completion: [0.8, 0.81], weight });
export const BAD = (weight = 10) => promptTweakSnapshot({ errors: [0.02, 0.06], completion: [0.8, 0.8], weight, n: 100_000 });

export interface EngineFixture {
  readonly repo: TempGitRepo;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly metrics: ScriptedMetrics;
  readonly logs: string[];
  /** A fresh engine context (its own Scm instance), with overrides. */
  engine(overrides?: Partial<EngineContext>): EngineContext;
  store(): StateStore;
  /** The split the flag file serves for a release's key, parsed straight from the file. */
  flag(key: string): unknown;
  flagText(): string;
  cleanup(): void;
}

/** The quickstart example in a fresh git repository on `main`, with a fixed clock and scripted metrics. */
export function createEngineFixture(): EngineFixture {
  const repo = createTempGitRepo({}, 'glidepath-engine-');
  repo.copyIn(QUICKSTART);
  repo.commit({}, 'quickstart');
  const clock = fixedClock(T0);
  const metrics = new ScriptedMetrics();
  const logs: string[] = [];
  const logger: Logger = { info: (m) => logs.push(`info: ${m}`), warn: (m) => logs.push(`warn: ${m}`), debug: (m) => logs.push(`debug: ${m}`) };
  const engine = (overrides: Partial<EngineContext> = {}): EngineContext => ({
    root: repo.dir,
    scm: createLocalGitScm(repo.dir),
    clock,
    logger,
    sha256,
    readRepository: readRepositoryFromDisk,
    providers: trafficProviders,
    adapterDeps: { env: {}, fetch: () => Promise.reject(new Error('no network in engine tests')), signal: new AbortController().signal },
    flagFiles: createWorkingTreeFiles,
    metricsSources: { file: metrics.factory() },
    actor: 'glidepath[bot]',
    dryRun: false,
    baseBranch: 'main',
    sleep: async () => {},
    ...overrides,
  });
  return {
    repo,
    clock,
    metrics,
    logs,
    engine,
    store: () => createStateStore(createLocalGitScm(repo.dir).branch('glidepath/state'), { sha256 }),
    flag: (key) => (JSON.parse(readFileSync(join(repo.dir, 'flags/glidepath.flagd.json'), 'utf8')) as { flags: Record<string, unknown> }).flags[key],
    flagText: () => readFileSync(join(repo.dir, 'flags/glidepath.flagd.json'), 'utf8'),
    cleanup: () => repo.cleanup(),
  };
}

export function traffic(weight: number): TrafficSplit {
  return { mode: 'traffic', weight };
}
