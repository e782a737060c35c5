import type { ParseArgsConfig } from 'node:util';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ReviewChannel } from '../ports/review.js';
import type { ActionOutputs } from './action-outputs.js';
import type { RunEvent } from '../core/model/run-event.js';
import type { ExitCode } from '../engine/exit-code.js';

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
