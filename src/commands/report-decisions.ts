import { requestsPerHourOf } from '../core/model/traffic.js';
import type { EngineContext } from '../engine/context.js';
import { publishReports } from '../engine/publish-reports.js';
import type { ReleaseOutcome } from '../engine/retry-on-conflict.js';
import { stateStoreFor } from '../engine/run-tick.js';
import type { StateSnapshot } from '../engine/state-store.js';
import { loadWorkspace, type Workspace } from '../engine/workspace.js';
import type { CommandContext } from './command.js';

/**
 * After a rollout command: the job summary of its decisions, and in the Action the check runs,
 * pull-request comments, dashboard and retrospective issues (engine/publish-reports.ts). Dry runs
 * and the CLI publish nothing; the CLI has no summary to write either, so it reads nothing more.
 * Returns the summary's markdown, or undefined when there is none.
 */
export async function reportDecisions(
  ctx: CommandContext,
  engine: EngineContext,
  outcomes: readonly ReleaseOutcome[],
  options: { readonly workspace?: Workspace; readonly snapshot?: StateSnapshot } = {},
): Promise<string | undefined> {
  if (engine.dryRun || outcomes.length === 0) return undefined;
  if (!ctx.review && !ctx.issues && ctx.env['GITHUB_ACTIONS'] !== 'true') return undefined;
  try {
    const workspace = options.workspace ?? (await loadWorkspace(ctx.root, ctx.runtime.readRepository));
    const store = stateStoreFor(engine, workspace);
    const snapshot = options.snapshot ?? (await store.load());
    const config = workspace.repository.config?.value;
    const owners: Record<string, string | undefined> = {};
    const requestsPerHour: Record<string, number | undefined> = {};
    for (const [name, doc] of workspace.repository.releases) {
      owners[name] = doc.value.spec.owner;
      requestsPerHour[name] = requestsPerHourOf(doc.value, config);
    }
    const result = await publishReports(
      { logger: ctx.logger, ...(ctx.review ? { review: ctx.review } : {}), ...(ctx.issues ? { issues: ctx.issues } : {}), changeRequests: engine.scm.changeRequests },
      { outcomes, states: snapshot.states, audit: snapshot.audit, stateBranch: store.branch, now: engine.clock.now(), owners, requestsPerHour },
    );
    return result.summary;
  } catch (error) {
    // Reading the state back for the report failed: the decisions are recorded; only the report is lost.
    ctx.logger.warn(`glidepath: could not report the decisions: ${(error as Error).message}. The decisions stand on the state branch.`);
    return undefined;
  }
}
