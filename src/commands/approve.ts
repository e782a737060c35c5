import { engineForCommand } from './command-engine.js';
import { engineOptions, requireOption, stringOption } from './command-options.js';
import { printOutcomeActions } from './print-outcome.js';
import { runApprove } from '../engine/run-approve.js';
import { rolloutExitCode } from '../engine/exit-code.js';
import { formatOutcome } from '../engine/run-tick.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { reportDecisions } from './report-decisions.js';

/** `glidepath approve`: a person releases an approval hold. */
export const approveCommand: Command = {
  name: 'approve',
  summary: 'Approve the next stage that needs it (or resume a paused rollout, or allow a restart)',
  usage: '--release NAME --by LOGIN [--stage NAME] [--reason TEXT] [--author LOGIN] [--resume] [--dry-run] [--root DIR]\n\n' +
    '  --release NAME  the release to approve\n' +
    '  --by LOGIN      who approves; must be among the policy\'s approvers (else glidepath.yaml\'s)\n' +
    '  --stage NAME    the stage to approve (default: the next stage that needs an approval)\n' +
    '  --reason TEXT   why, for the audit log (required to unfreeze)\n' +
    '  --author LOGIN  who authored the change; the policy\'s selfApproval may refuse them as approver\n' +
    '  --resume        only resume a paused or frozen rollout; refuse to approve anything else',
  options: { release: { type: 'string' }, by: { type: 'string' }, stage: { type: 'string' }, reason: { type: 'string' }, author: { type: 'string' }, resume: { type: 'boolean', default: false }, ...engineOptions },
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const release = requireOption(ctx, 'release', 'name the release to approve');
    const by = ctx.event?.actor !== undefined && ctx.options['by'] === undefined ? ctx.event.actor : requireOption(ctx, 'by', 'name the person approving (a GitHub login)');
    const engine = await engineForCommand(ctx, { actor: by });
    const stage = stringOption(ctx, 'stage');
    const reason = stringOption(ctx, 'reason');
    const author = stringOption(ctx, 'author');
    const outcome = await runApprove(engine, { release, by, ...(stage !== undefined ? { stage } : {}), ...(reason !== undefined ? { reason } : {}), ...(author !== undefined ? { author } : {}), ...(ctx.options['resume'] === true ? { resumeOnly: true } : {}) });
    ctx.print(formatOutcome(outcome));
    if (engine.dryRun) printOutcomeActions(ctx.print, outcome);
    const summary = await reportDecisions(ctx, engine, [outcome]);
    return { exitCode: rolloutExitCode([outcome]), outputs: { decision: outcome.decision }, ...(summary ? { summary } : {}) };
  },
};
