import type { CommandContext, CommandOutcome } from './command.js';
import { renderStatus } from '../core/rollout/status.js';
import type { ScmRoles } from '../ports/scm.js';
import { engineForCommand } from './command-engine.js';
import { botActor } from './command-options.js';
import { rolloutExitCode } from '../engine/exit-code.js';
import { printOutcomeActions } from './print-outcome.js';
import { formatOutcome, runTick, stateStoreFor } from '../engine/run-tick.js';
import { loadWorkspace } from '../engine/workspace.js';
import { reportDecisions } from './report-decisions.js';

/**
 * `glidepath evaluate` without --metrics-file: one live tick for every active rollout (or
 * `release`), printing one line per rollout and, with --dry-run, the planned actions. Exit 1 when
 * a rollout could not be evaluated, a provider or metrics call failed, a provider refused a
 * change, or a rollout rolled back, paused or froze (rolloutExitCode, the README's table).
 */
export async function evaluateLive(ctx: CommandContext, options: { readonly release?: string; readonly scm?: ScmRoles } = {}): Promise<CommandOutcome> {
  const engine = await engineForCommand(ctx, { actor: botActor(), ...(options.scm ? { scm: options.scm } : {}) });
  const workspace = await loadWorkspace(ctx.root, ctx.runtime.readRepository);
  const report = await runTick(engine, { workspace, ...(options.release !== undefined ? { release: options.release } : {}) });
  if (report.outcomes.length === 0) ctx.print('No active rollouts.');
  for (const outcome of report.outcomes) {
    ctx.print(formatOutcome(outcome));
    if (engine.dryRun) printOutcomeActions(ctx.print, outcome);
  }
  const snapshot = await stateStoreFor(engine, workspace).load();
  const states = [...snapshot.states.values()];
  const decisions = await reportDecisions(ctx, engine, report.outcomes, { workspace, snapshot });
  return {
    exitCode: rolloutExitCode(report.outcomes),
    outputs: { decisions: JSON.stringify(Object.fromEntries(report.outcomes.map((o) => [o.release, o.decision]))) },
    summary: decisions ? `${renderStatus(states, engine.clock.now(), 'md')}\n### Decisions\n\n${decisions}` : renderStatus(states, engine.clock.now(), 'md'),
  };
}
