import { parseDuration } from '../core/model/duration.js';
import { engineForCommand } from './command-engine.js';
import { botActor, engineOptions, stringOption } from './command-options.js';
import { rolloutExitCode } from '../engine/exit-code.js';
import { formatOutcome } from '../engine/run-tick.js';
import { runWatch } from '../engine/run-watch.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { UsageError } from '../engine/errors.js';
import { reportDecisions } from './report-decisions.js';

/** A GitHub-hosted job may run six hours; stop short of it so the last tick is recorded. */
const DEFAULT_DURATION = '5h50m';

/** `glidepath watch`: evaluate in a loop for up to a job's lifetime. */
export const watchCommand: Command = {
  name: 'watch',
  summary: 'Evaluate every active rollout in a loop, printing one line per rollout per tick',
  usage: '[--interval SECONDS] [--duration DURATION] [--release NAME] [--dry-run] [--root DIR]\n\n' +
    '  --interval SECONDS   time between ticks (default 60)\n' +
    `  --duration DURATION  stop after this long, such as 50m or 2h (default ${DEFAULT_DURATION}); also stops when no rollout is left running\n` +
    '  --release NAME       watch only this release\n' +
    '  --dry-run            print the plans; change neither traffic nor git',
  options: { interval: { type: 'string' }, duration: { type: 'string' }, release: { type: 'string' }, ...engineOptions },
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const intervalText = stringOption(ctx, 'interval') ?? '60';
    const seconds = Number(intervalText);
    if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--interval is '${intervalText}'; give the seconds between ticks, such as 60`);
    const durationText = stringOption(ctx, 'duration') ?? DEFAULT_DURATION;
    const durationMs = parseDuration(durationText);
    if (durationMs === undefined) throw new UsageError(`--duration is '${durationText}'; give a duration such as 50m, 2h or 1h30m`);
    const release = stringOption(ctx, 'release');
    const engine = await engineForCommand(ctx, { actor: botActor() });
    // The job summary shows the last tick that recorded a decision: its charts cover the whole rollout.
    let summary: string | undefined;
    const report = await runWatch(engine, {
      intervalMs: Math.round(seconds * 1000),
      durationMs,
      ...(release !== undefined ? { release } : {}),
      onTick: async (tick, n) => {
        const at = engine.clock.now().toISOString();
        if (tick.outcomes.length === 0) ctx.print(`[${at}] tick ${n}: no active rollouts`);
        for (const outcome of tick.outcomes) ctx.print(`[${at}] tick ${n}: ${formatOutcome(outcome)}`);
        // Published per tick, so a watch of hours shows each decision when it is taken; a quiet tick reports nothing.
        const recorded = tick.outcomes.filter((o) => o.committed);
        if (recorded.length > 0) summary = (await reportDecisions(ctx, engine, recorded)) ?? summary;
      },
    });
    ctx.print(`watch ended after ${report.ticks} tick${report.ticks === 1 ? '' : 's'}: ${report.ended === 'duration' ? `--duration ${durationText} reached` : 'no rollout is left running'}`);
    for (const outcome of report.attention) ctx.print(`needs attention: ${formatOutcome(outcome)}`);
    return { exitCode: rolloutExitCode(report.attention), outputs: { ticks: String(report.ticks) }, ...(summary ? { summary } : {}) };
  },
};
