import { engineForCommand } from './command-engine.js';
import { engineOptions, personActor, requireOption } from './command-options.js';
import { printOutcomeActions } from './print-outcome.js';
import { runRollback } from '../engine/run-rollback.js';
import { rolloutExitCode } from '../engine/exit-code.js';
import { formatOutcome } from '../engine/run-tick.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { reportDecisions } from './report-decisions.js';

/** `glidepath rollback`: the runbook's single command. */
export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'Restore the champion now, record who and why, and open a revert branch with the evidence',
  usage: '--release NAME --reason TEXT [--by LOGIN] [--dry-run] [--root DIR]\n\n' +
    '  --release NAME  the release to roll back\n' +
    '  --reason TEXT   why, for the audit log and the revert\n' +
    '  --by LOGIN      who is rolling back (default: the GitHub actor, else $USER)\n' +
    '  --dry-run       print the planned actions; change neither traffic nor git',
  options: { release: { type: 'string' }, reason: { type: 'string' }, by: { type: 'string' }, ...engineOptions },
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const release = requireOption(ctx, 'release', 'name the release to roll back');
    const reason = requireOption(ctx, 'reason', 'say why, for the audit log and the revert');
    const engine = await engineForCommand(ctx, { actor: personActor(ctx) });
    const outcome = await runRollback(engine, { release, reason });
    ctx.print(formatOutcome(outcome));
    if (engine.dryRun) printOutcomeActions(ctx.print, outcome);
    const execution = outcome.execution;
    if (execution?.status === 'committed') {
      const timing = execution.traffic[0];
      if (timing?.sinceMetricsMs !== undefined) ctx.print(`champion restored: ${timing.sinceMetricsMs + timing.applyMs} ms from the decision to the provider's read-back`);
      if (execution.revert) ctx.print(`revert: ${execution.revert.url}`);
    }
    const summary = await reportDecisions(ctx, engine, [outcome]);
    return { ...(summary ? { summary } : {}), exitCode: rolloutExitCode([outcome], 'rollback'), outputs: { decision: outcome.decision, ...(execution?.status === 'committed' && execution.revert ? { revert: execution.revert.url } : {}) } };
  },
};
