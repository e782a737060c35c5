import { engineForCommand } from './command-engine.js';
import { engineOptions, personActor, requireOption } from './command-options.js';
import { printOutcomeActions } from './print-outcome.js';
import { runPause } from '../engine/run-pause.js';
import { rolloutExitCode } from '../engine/exit-code.js';
import { formatOutcome } from '../engine/run-tick.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { reportDecisions } from './report-decisions.js';

/** `glidepath pause`: a person holds a rollout's traffic where it is until someone resumes it. */
export const pauseCommand: Command = {
  name: 'pause',
  summary: 'Hold a rollout where it is (no automatic step until `approve --resume` or a rollback); rollback criteria still act',
  usage: '--release NAME --reason TEXT [--by LOGIN] [--dry-run] [--root DIR]\n\n' +
    '  --release NAME  the release to pause\n' +
    '  --reason TEXT   why, for the audit log and the pull request\n' +
    '  --by LOGIN      who is pausing (default: the GitHub actor, else $USER)\n' +
    '  --dry-run       print the planned actions; change nothing',
  options: { release: { type: 'string' }, reason: { type: 'string' }, by: { type: 'string' }, ...engineOptions },
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const release = requireOption(ctx, 'release', 'name the release to pause');
    const reason = requireOption(ctx, 'reason', 'say why, for the audit log');
    const by = personActor(ctx);
    const engine = await engineForCommand(ctx, { actor: by });
    const outcome = await runPause(engine, { release, by, reason });
    ctx.print(formatOutcome(outcome));
    if (engine.dryRun) printOutcomeActions(ctx.print, outcome);
    const summary = await reportDecisions(ctx, engine, [outcome]);
    return { exitCode: rolloutExitCode([outcome], 'pause'), outputs: { decision: outcome.decision }, ...(summary ? { summary } : {}) };
  },
};
