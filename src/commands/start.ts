import { rolloutExitCode } from '../engine/exit-code.js';
import { formatOutcome } from '../engine/run-tick.js';
import { runStart } from '../engine/run-start.js';
import { engineForCommand } from './command-engine.js';
import { botActor, engineOptions, stringOption } from './command-options.js';
import { printOutcomeActions } from './print-outcome.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { UsageError } from '../engine/errors.js';
import { reportDecisions } from './report-decisions.js';

/** `glidepath start`: begin the rollouts a merge asks for. */
export const startCommand: Command = {
  name: 'start',
  summary: 'Begin rollouts for the releases a merge changed (each at its first stage)',
  usage: '[--release NAME] [--base REF --head REF] [--dry-run] [--base-branch BRANCH] [--root DIR]\n\n' +
    '  --release NAME        start this release whether or not the merge changed it\n' +
    '  --base REF, --head REF the merge to read changed releases from (default HEAD~1..HEAD)\n' +
    '  --dry-run             print the planned actions; change neither traffic nor git\n' +
    '  --base-branch BRANCH  the branch rollouts start from (default: the checked-out branch)',
  options: { release: { type: 'string' }, base: { type: 'string' }, head: { type: 'string' }, ...engineOptions },
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const release = stringOption(ctx, 'release');
    const base = stringOption(ctx, 'base');
    const head = stringOption(ctx, 'head');
    if (release !== undefined && (base !== undefined || head !== undefined)) throw new UsageError('--release names the release; --base and --head find changed releases: use one or the other');
    const engine = await engineForCommand(ctx, { actor: botActor() });
    const report = await runStart(engine, { ...(release !== undefined ? { release } : {}), ...(base !== undefined ? { base } : {}), ...(head !== undefined ? { head } : {}) });
    if (report.outcomes.length === 0) ctx.print('No release changed: nothing to start.');
    for (const outcome of report.outcomes) {
      ctx.print(formatOutcome(outcome));
      if (engine.dryRun) printOutcomeActions(ctx.print, outcome);
    }
    const summary = await reportDecisions(ctx, engine, report.outcomes);
    return { exitCode: rolloutExitCode(report.outcomes), outputs: { started: report.outcomes.filter((o) => o.committed).map((o) => o.release).join(',') }, ...(summary ? { summary } : {}) };
  },
};
