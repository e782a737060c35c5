import { isTerminal } from '../core/rollout/types.js';
import { defaultSleep, type EngineContext } from './context.js';
import { needsAttention } from './exit-code.js';
import { errorOutcome, type ReleaseOutcome } from './retry-on-conflict.js';
import { runTick, type TickReport } from './run-tick.js';
import { ConfigurationError } from './errors.js';

export interface WatchOptions {
  readonly intervalMs: number;
  /** Stop after this long (a job's lifetime), or earlier when no rollout is left running. */
  readonly durationMs: number;
  readonly release?: string;
  /** Called after every tick, with its 1-based number; a promise it returns is awaited before the next tick (its reports are published first). */
  readonly onTick?: (report: TickReport, tick: number) => unknown;
}

export interface WatchReport {
  readonly ticks: number;
  readonly failed: boolean;
  /** Per release, the last outcome over all ticks that needed a person (a rollback, an error…): the watch exits with these. */
  readonly attention: readonly ReleaseOutcome[];
  /** Why the watch ended. */
  readonly ended: 'duration' | 'no-active-rollouts';
}

/**
 * Ticks every `intervalMs` until `durationMs` has passed on ctx.clock or every watched rollout is
 * complete or rolled back. A tick that fails (a release that cannot be evaluated) does not end the
 * watch: the next may succeed; the report says one did.
 */
export async function runWatch(ctx: EngineContext, options: WatchOptions): Promise<WatchReport> {
  const sleep = ctx.sleep ?? defaultSleep;
  const started = ctx.clock.now().getTime();
  let failed = false;
  // A rollback in the first tick must still decide the exit code after hours of quiet ticks.
  const attention = new Map<string, ReleaseOutcome>();
  for (let tick = 1; ; tick += 1) {
    const report = await tickOnce(ctx, options.release);
    failed ||= report.failed;
    for (const outcome of report.outcomes) if (needsAttention(outcome)) attention.set(outcome.release, outcome);
    await options.onTick?.(report, tick);
    const done = (ended: WatchReport['ended']): WatchReport => ({ ticks: tick, failed, attention: [...attention.values()], ended });
    const active = report.outcomes.filter((o) => o.decision !== 'error' && !isTerminal(o.phase));
    if (active.length === 0 && !report.outcomes.some((o) => o.decision === 'error')) return done('no-active-rollouts');
    if (ctx.clock.now().getTime() - started + options.intervalMs > options.durationMs) return done('duration');
    await sleep(options.intervalMs);
  }
}

/**
 * One tick; a tick that cannot run at all (the state branch unreadable) is an error for this tick,
 * and the watch goes on. A glidepath.yaml that does not load stops the watch: the checkout it reads
 * does not change while it runs, so every later tick would fail the same way.
 */
async function tickOnce(ctx: EngineContext, release: string | undefined): Promise<TickReport> {
  try {
    return await runTick(ctx, release !== undefined ? { release } : {});
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const outcome = errorOutcome(release ?? '*', `the tick could not run: ${error instanceof Error ? error.message : String(error)}; the next tick tries again`);
    return { outcomes: [outcome], failed: true };
  }
}
