import { isTerminal } from '../core/rollout/types.js';
import { defaultSleep, type EngineContext } from './context.js';
import { runTick, type TickReport } from './run-tick.js';

export interface WatchOptions {
  readonly intervalMs: number;
  /** Stop after this long (a job's lifetime), or earlier when no rollout is left running. */
  readonly durationMs: number;
  readonly release?: string;
  /** Called after every tick, with its 1-based number. */
  readonly onTick?: (report: TickReport, tick: number) => void;
}

export interface WatchReport {
  readonly ticks: number;
  readonly failed: boolean;
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
  for (let tick = 1; ; tick += 1) {
    const report = await runTick(ctx, options.release !== undefined ? { release: options.release } : {});
    failed ||= report.failed;
    options.onTick?.(report, tick);
    const active = report.outcomes.filter((o) => o.decision !== 'error' && !isTerminal(o.phase));
    if (active.length === 0 && !report.outcomes.some((o) => o.decision === 'error')) return { ticks: tick, failed, ended: 'no-active-rollouts' };
    if (ctx.clock.now().getTime() - started + options.intervalMs > options.durationMs) return { ticks: tick, failed, ended: 'duration' };
    await sleep(options.intervalMs);
  }
}
