import type { ProviderCapabilities, ProviderRegistry } from '../ports/traffic-provider.js';
import type { NotifierRegistry } from '../ports/notifier.js';
import type { ParseArgsConfig } from 'node:util';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ReviewChannel } from '../ports/review.js';
import type { IssueTracker } from '../ports/issues.js';
import type { ActionOutputs } from './action-outputs.js';
import type { RunEvent } from '../core/model/run-event.js';
import type { ExitCode } from '../engine/exit-code.js';
import type { Sha256 } from '../core/audit/hash.js';
import type { EngineContext } from '../engine/context.js';
import type { MetricsResult } from '../core/metrics/metrics-result.js';
import type { ScmRoles } from '../ports/scm.js';
import type { PackageTemplates, WriteNewFiles } from '../ports/starter-files.js';
import type { ReadMetricsFileOptions } from '../adapters/metrics/file.js';

export type OptionValues = Readonly<Record<string, string | boolean | string[] | undefined>>;

/** The git clone a command's root sits in. */
export interface LocalClone {
  /** Where the root sits inside the clone: '' at its top, else its folder path from the top (`ai`). */
  readonly prefix: string;
  /** The whole clone's roles, through the git CLI, with paths from its top (engine/scoped-scm.ts scopes them to the root). */
  readonly scm: ScmRoles;
  /** The checked-out branch, or undefined on a detached HEAD. */
  currentBranch(): Promise<string | undefined>;
}

/** The traffic providers, metrics sources and notifiers a run can build, by `type`. */
export interface AdapterRegistries {
  readonly providers: ProviderRegistry;
  readonly metricsSources: EngineContext['metricsSources'];
  readonly notifiers: NotifierRegistry;
}

/**
 * The adapters a command runs with. Only the entry points build one (src/runtime.ts, for main.ts
 * and cli.ts), so commands and the engine reach git, providers and metric sources through it.
 */
export interface Runtime {
  /** The clone that holds `root`, or undefined when root is in none. */
  openClone(root: string): Promise<LocalClone | undefined>;
  /** Whether branches and change requests go through the host's API (true in the Action with a token). */
  readonly remote: boolean;
  /** Each provider type's static capabilities, which `validate` and `plan` hold policies to: plain data, no adapter code. */
  readonly providerCapabilities: Readonly<Record<string, ProviderCapabilities>>;
  /**
   * The registries, loaded on the first call and kept: their adapters bring vendor SDKs that a
   * command building none (validate, plan) never loads. Await it before building an EngineContext.
   */
  adapters(): Promise<AdapterRegistries>;
  /** The HTTP client adapters are given (AdapterDeps.fetch). */
  readonly fetch: typeof globalThis.fetch;
  /** Aborted when the run is cancelled (AdapterDeps.signal). */
  readonly signal: AbortSignal;
  readonly flagFiles: EngineContext['flagFiles'];
  readonly sha256: Sha256;
  readonly readRepository: EngineContext['readRepository'];
  /** The installed package's example policies, workflows and schemas (`init`). */
  readonly templates: PackageTemplates;
  /** Writes files into a repository, never over existing ones (`init`). */
  readonly writeNewFiles: WriteNewFiles;
  /** Reads an exported metrics file (`evaluate --metrics-file`). */
  readMetricsFile(path: string, opts: ReadMetricsFileOptions): Promise<MetricsResult>;
}

/** What `print` was given, as one text: where a writer cannot take pieces (a log line, a reply). */
export function printedText(text: string | readonly string[]): string {
  return typeof text === 'string' ? text : text.join('');
}

export interface CommandContext {
  /** Repository root on disk. */
  readonly root: string;
  readonly options: OptionValues;
  /**
   * Results for the user (stdout): a text, or one in pieces to write in order without joining
   * them (a JSON plan of megabytes, whose recurring pieces a writer encodes once).
   */
  readonly print: (text: string | readonly string[]) => void;
  /** Progress and diagnostics (stderr in the CLI, the log in the Action). */
  readonly logger: Logger;
  readonly clock: Clock;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly runtime: Runtime;
  /** Present only inside GitHub Actions. */
  readonly event?: RunEvent;
  readonly review?: ReviewChannel;
  /** The rollouts dashboard and retrospectives; present only inside GitHub Actions with a token. */
  readonly issues?: IssueTracker;
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
