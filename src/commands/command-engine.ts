import { sha256 } from '../adapters/crypto.js';
import { metricsSources } from '../adapters/metrics/index.js';
import { trafficProviders } from '../adapters/providers/index.js';
import { createLocalGitScm, currentBranch, locateWorkTree } from '../adapters/scm/local-git.js';
import type { CommandContext } from './command.js';
import type { Scm } from '../ports/scm.js';
import type { EngineContext } from '../engine/context.js';
import { UsageError } from '../engine/errors.js';

/**
 * The engine's dependencies for a command run: the repository that holds ctx.root through the
 * git CLI (the Action may pass the GitHub Scm instead), where the root sits in it, the
 * registered providers and metric sources, and the actor the records will name.
 */
export async function engineForCommand(ctx: CommandContext, opts: { readonly actor: string; readonly scm?: Scm }): Promise<EngineContext> {
  const workTree = await locateWorkTree(ctx.root);
  if (!opts.scm && !workTree) {
    throw new UsageError(`${ctx.root} is not a git repository: Glidepath keeps rollout state and the audit log on a branch of the repository, so run it in a clone (or pass --root)`);
  }
  const option = ctx.options['base-branch'];
  const baseBranch = (typeof option === 'string' && option) || (await defaultBaseBranch(ctx));
  return {
    root: ctx.root,
    scm: opts.scm ?? createLocalGitScm(workTree!.top),
    rootPrefix: workTree?.prefix ?? '',
    clock: ctx.clock,
    logger: ctx.logger,
    sha256,
    providers: trafficProviders,
    metricsSources,
    actor: opts.actor,
    dryRun: ctx.options['dry-run'] === true,
    baseBranch,
    ...(ctx.review ? { review: ctx.review } : {}),
    ...(ctx.review && ctx.event?.pullRequest ? { pullRequest: { number: ctx.event.pullRequest.number, headSha: ctx.event.pullRequest.headSha } } : {}),
  };
}

async function defaultBaseBranch(ctx: CommandContext): Promise<string> {
  const ref = ctx.env['GITHUB_REF_NAME'];
  if (ctx.env['GITHUB_ACTIONS'] === 'true' && ref && ctx.env['GITHUB_REF_TYPE'] !== 'tag' && !ref.includes('/merge')) return ref;
  return (await currentBranch(ctx.root)) ?? 'main';
}
