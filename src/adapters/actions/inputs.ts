import { resolve } from 'node:path';

/** Everything the Action reads from its inputs, parsed once and checked (cf. actions/checkout's input-helper). */
export interface ActionSettings {
  /** A command name, or `auto`: the one the event asks for (commands/event-route.ts). */
  readonly command: string;
  /** `verify` of `command: audit verify`. */
  readonly subcommand?: string;
  readonly root: string;
  readonly token: string;
  readonly dryRun: boolean;
  /** Command options (`release`, `stage`, `metrics-file`, …) as the CLI would take them. */
  readonly options: Readonly<Record<string, string | boolean>>;
}

export type InputReader = (name: string) => string;

/**
 * The commands the Action may run, as the caller's registry answers them: the adapter checks the
 * `command` input against it without importing the commands (adapters sit below them).
 */
export interface CommandCatalog {
  readonly names: readonly string[];
  /** The command called `name` (only its subcommands matter here), or undefined when there is none. */
  load(name: string): Promise<{ readonly subcommands?: readonly string[] } | undefined>;
}

const passThrough = ['release', 'stage', 'metrics-file', 'base', 'head', 'reason', 'interval', 'duration'] as const;

/** Commands whose output the runner turns into annotations; the others print text to the log. */
const githubFormat = new Set(['validate', 'plan']);

/** The `command` input that routes by event; an explicit command wins over it. */
export const AUTO_COMMAND = 'auto';

export async function readSettings(getInput: InputReader, workspace: string, catalog: CommandCatalog): Promise<ActionSettings> {
  const [command = AUTO_COMMAND, subcommand, ...extra] = getInput('command').trim().split(/\s+/).filter(Boolean);
  const known = command === AUTO_COMMAND ? { subcommands: [] } : await catalog.load(command);
  if (!known) {
    throw new Error(`Input 'command' is '${command}', which is not a Glidepath command. Use one of: ${AUTO_COMMAND}, ${catalog.names.join(', ')}.`);
  }
  if (extra.length > 0 || (subcommand !== undefined && !known.subcommands?.includes(subcommand))) {
    const allowed = known.subcommands?.map((s) => `'${command} ${s}'`).join(' or ');
    throw new Error(`Input 'command' is '${getInput('command').trim()}'; ${allowed ? `use ${allowed}` : `'${command}' takes no subcommand`}.`);
  }
  const dryRunText = getInput('dry-run').trim().toLowerCase() || 'false';
  if (dryRunText !== 'true' && dryRunText !== 'false') {
    throw new Error(`Input 'dry-run' is '${dryRunText}'; use 'true' or 'false'.`);
  }
  const options: Record<string, string | boolean> = {};
  for (const name of passThrough) {
    const value = getInput(name).trim();
    if (value) options[name] = value;
  }
  if (dryRunText === 'true') options['dry-run'] = true;
  const format = getInput('format').trim();
  // With auto, each routed command takes its own default format.
  if (format || command !== AUTO_COMMAND) options['format'] = format || (githubFormat.has(command) ? 'github' : 'text');
  if (subcommand !== undefined) options['subcommand'] = subcommand;
  return {
    command,
    ...(subcommand !== undefined ? { subcommand } : {}),
    root: resolve(workspace, getInput('root').trim() || '.'),
    token: getInput('github-token').trim(),
    dryRun: dryRunText === 'true',
    options,
  };
}
