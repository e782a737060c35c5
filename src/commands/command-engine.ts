import type { CommandContext, LocalClone } from './command.js';
import type { ScmRoles } from '../ports/scm.js';
import { scopeScmRoles } from '../engine/scoped-scm.js';
import type { EngineContext } from '../engine/context.js';
import { ConfigurationError, UsageError } from '../engine/errors.js';

/**
 * The engine's dependencies for a command run: the repository that holds ctx.root through the
 * git CLI (the Action may pass GitHub's roles instead), scoped to where the root sits in it, the
 * registered providers and metric sources, and the actor the records will name.
 */
export async function engineForCommand(ctx: CommandContext, opts: { readonly actor: string; readonly scm?: ScmRoles }): Promise<EngineContext> {
  const clone = await ctx.runtime.openClone(ctx.root);
  if (!opts.scm && !clone) {
    throw new UsageError(`${ctx.root} is not a git repository: Glidepath keeps rollout state and the audit log on a branch of the repository, so run it in a clone (or pass --root)`);
  }
  if (ctx.env['GITHUB_ACTIONS'] === 'true' && !ctx.runtime.remote && !opts.scm && ctx.options['dry-run'] !== true) {
    // A runner's clone vanishes with the job: state, audit records and revert branches written there would be lost.
    throw new ConfigurationError('Glidepath has no GitHub token to keep rollout state with, so it could only write to this runner\'s clone, which is lost when the job ends. Pass `github-token: ${{ secrets.GITHUB_TOKEN }}` (the default) and give the job\n  permissions:\n    contents: write\n    pull-requests: write\n    checks: write\n    issues: write');
  }
  const option = ctx.options['base-branch'];
  const baseBranch = (typeof option === 'string' && option) || (await defaultBaseBranch(ctx, clone));
  const { providers, notifiers, metricsSources } = await ctx.runtime.adapters();
  return {
    root: ctx.root,
    scm: scopeScmRoles(opts.scm ?? clone!.scm, clone?.prefix ?? ''),
    clock: ctx.clock,
    logger: ctx.logger,
    sha256: ctx.runtime.sha256,
    readRepository: ctx.runtime.readRepository,
    providers,
    notifiers,
    adapterDeps: { env: ctx.env, fetch: ctx.runtime.fetch, signal: ctx.runtime.signal },
    flagFiles: ctx.runtime.flagFiles,
    metricsSources,
    actor: opts.actor,
    dryRun: ctx.options['dry-run'] === true,
    baseBranch,
    ...(ctx.review ? { review: ctx.review } : {}),
    ...(ctx.review && ctx.event?.pullRequest ? { pullRequest: { number: ctx.event.pullRequest.number, headSha: ctx.event.pullRequest.headSha } } : {}),
  };
}

async function defaultBaseBranch(ctx: CommandContext, clone: LocalClone | undefined): Promise<string> {
  const ref = ctx.env['GITHUB_REF_NAME'];
  if (ctx.env['GITHUB_ACTIONS'] === 'true' && ref && ctx.env['GITHUB_REF_TYPE'] !== 'tag' && !ref.includes('/merge')) return ref;
  return (await clone?.currentBranch()) ?? 'main';
}
