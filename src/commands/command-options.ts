import { BOT_ACTOR } from '../engine/context.js';
import { UsageError } from '../engine/errors.js';
import type { CommandContext } from './command.js';

/** Options every rollout command shares. */
export const engineOptions = {
  'dry-run': { type: 'boolean', default: false },
  'base-branch': { type: 'string' },
} as const;

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
