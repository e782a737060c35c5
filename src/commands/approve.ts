import { engineForCommand } from './command-engine.js';
import { engineOptions, requireOption, stringOption } from './command-options.js';
import { printOutcomeActions } from './print-outcome.js';
import { runApprove } from '../engine/run-approve.js';
import { rolloutExitCode } from '../engine/exit-code.js';
import { formatOutcome } from '../engine/run-tick.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';

/** `glidepath approve`: a person releases an approval hold. */
export const approveCommand: Command = {
  name: 'approve',
  summary: 'Approve the next stage that needs it (or resume a paused rollout, or allow a restart)',
  usage: '--release NAME --by LOGIN [--stage NAME] [--reason TEXT] [--dry-run] [--root DIR]\n\n' +
    '  --release NAME  the release to approve\n' +
    '  --by LOGIN      who approves; must be among the policy\'s approvers (else glidepath.yaml\'s)\n' +
    '  --stage NAME    the stage to approve (default: the next stage that needs an approval)\n' +
    '  --reason TEXT   why, for the audit log (required to unfreeze)',
  options: { release: { type: 'string' }, by: { type: 'string' }, stage: { type: 'string' }, reason: { type: 'string' }, ...engineOptions },
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const release = requireOption(ctx, 'release', 'name the release to approve');
    const by = ctx.event?.actor !== undefined && ctx.options['by'] === undefined ? ctx.event.actor : requireOption(ctx, 'by', 'name the person approving (a GitHub login)');
    const engine = await engineForCommand(ctx, { actor: by });
    const stage = stringOption(ctx, 'stage');
    const reason = stringOption(ctx, 'reason');
    const outcome = await runApprove(engine, { release, by, ...(stage !== undefined ? { stage } : {}), ...(reason !== undefined ? { reason } : {}) });
    ctx.print(formatOutcome(outcome));
    if (engine.dryRun) printOutcomeActions(ctx.print, outcome);
    return { exitCode: rolloutExitCode([outcome]), outputs: { decision: outcome.decision } };
  },
};
