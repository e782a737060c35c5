import type { ParseArgsConfig } from 'node:util';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ReviewChannel } from '../ports/review.js';
import type { ActionOutputs } from './action-outputs.js';
import type { RunEvent } from '../core/model/run-event.js';

export type OptionValues = Readonly<Record<string, string | boolean | string[] | undefined>>;

export interface CommandContext {
  /** Repository root on disk. */
  readonly root: string;
  readonly options: OptionValues;
  /** Results for the user (stdout). */
  readonly print: (text: string) => void;
  /** Progress and diagnostics (stderr in the CLI, the log in the Action). */
  readonly logger: Logger;
  readonly clock: Clock;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Present only inside GitHub Actions. */
  readonly event?: RunEvent;
  readonly review?: ReviewChannel;
}

/** 0: done and fine; 1: the user's files or rollouts have problems; 2: usage or internal error. */
export type ExitCode = 0 | 1 | 2;

export interface CommandOutcome {
  readonly exitCode: ExitCode;
  /** Action outputs: only the names action.yml declares. */
  readonly outputs?: ActionOutputs;
  /** Markdown for the job summary. */
  readonly summary?: string;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage line(s) after `glidepath <name>`. */
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Words the command takes first (`audit verify`); the one given arrives as the `subcommand` option. */
  readonly subcommands?: readonly string[];
  run(ctx: CommandContext): Promise<CommandOutcome>;
}

/** A mistake in how a command was called; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/**
 * Files that stop a command before it acts, such as a glidepath.yaml that does not load: exit 2
 * like a usage error, but the command was called right, so the CLI prints no usage with it.
 */
export class ConfigurationError extends UsageError {
  override readonly name: string = 'ConfigurationError';
}
