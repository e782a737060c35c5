import { describeSplit } from '../core/rollout/split.js';
import { engineForCommand } from './command-engine.js';
import { engineOptions, personActor, requireOption } from './command-options.js';
import { describeAction } from './print-outcome.js';
import { rolloutExitCode } from '../engine/exit-code.js';
import { errorOutcome } from '../engine/retry-on-conflict.js';
import { runDrill } from '../engine/run-drill.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { reportDecisions } from './report-decisions.js';

/** `glidepath drill`: a rollback fire drill on a live rollout. */
export const drillCommand: Command = {
  name: 'drill',
  summary: 'Rollback fire drill: restore the champion, time it, resume the split, record it',
  usage: '--release NAME [--by LOGIN] [--dry-run] [--root DIR]\n\n' +
    '  --release NAME  a live rollout to drill (it serves the champion for a moment, then resumes)\n' +
    '  --by LOGIN      who runs the drill (default: the GitHub actor, else $USER)\n' +
    '  --dry-run       print what the drill would do',
  options: { release: { type: 'string' }, by: { type: 'string' }, ...engineOptions },
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const release = requireOption(ctx, 'release', 'name a live rollout to drill');
    const engine = await engineForCommand(ctx, { actor: personActor(ctx) });
    const report = await runDrill(engine, { release });
    ctx.print(`${release}: ${report.reason}`);
    if (engine.dryRun) report.actions.forEach((a, i) => ctx.print(`  ${i + 1}. ${describeAction(a)}`));
    if (report.record) ctx.print(`recorded: audit/${release}.jsonl seq ${report.record.seq} (${report.record.hash.slice(0, 12)}…), split back at ${report.splitBefore ? describeSplit(report.splitBefore) : '?'}`);
    const summary = report.outcome ? await reportDecisions(ctx, engine, [report.outcome]) : undefined;
    return {
      ...(summary ? { summary } : {}),
      // A failed drill is a release that could not be acted on: the same class as a refused rollback.
      exitCode: rolloutExitCode(report.ok ? [] : [errorOutcome(release, report.reason)]),
      outputs: { ok: String(report.ok), ...(report.decisionToRestoredMs !== undefined ? { 'restore-ms': String(report.decisionToRestoredMs) } : {}) },
    };
  },
};
