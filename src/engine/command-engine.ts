import { sha256 } from '../adapters/crypto.js';
import { metricsSources } from '../adapters/metrics/index.js';
import { trafficProviders } from '../adapters/providers/index.js';
import { createLocalGitScm, currentBranch, locateWorkTree } from '../adapters/scm/local-git.js';
import { UsageError, type CommandContext } from '../commands/command.js';
import type { Scm } from '../ports/scm.js';
import { BOT_ACTOR, type EngineContext } from './context.js';

/** Options every rollout command shares. */
export const engineOptions = {
  'dry-run': { type: 'boolean', default: false },
  'base-branch': { type: 'string' },
} as const;

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

/** The bot, for automatic decisions. */
export function botActor(): string {
  return BOT_ACTOR;
}

/**
 * The person a manual command acts for: `--by`, else the GitHub actor of the run, else the local
 * user. Never a token or an e-mail address: only a login goes into the audit log.
 */
export function personActor(ctx: CommandContext): string {
  const by = ctx.options['by'];
  if (typeof by === 'string' && by.trim()) return by.trim();
  return ctx.event?.actor ?? ctx.env['GITHUB_ACTOR'] ?? ctx.env['USER'] ?? ctx.env['USERNAME'] ?? 'unknown';
}

/** A required string option, or a UsageError naming it. */
export function requireOption(ctx: CommandContext, name: string, what: string): string {
  const value = ctx.options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required: ${what}`);
  return value;
}

/** An optional string option. */
export function stringOption(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.options[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
