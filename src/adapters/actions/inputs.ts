import { resolve } from 'node:path';
import { commands } from '../../commands/index.js';

/** Everything the Action reads from its inputs, parsed once and checked (cf. actions/checkout's input-helper). */
export interface ActionSettings {
  readonly command: string;
  readonly root: string;
  readonly token: string;
  readonly dryRun: boolean;
  /** Command options (`release`, `stage`, `metrics-file`, …) as the CLI would take them. */
  readonly options: Readonly<Record<string, string | boolean>>;
}

export type InputReader = (name: string) => string;

const passThrough = ['release', 'stage', 'metrics-file', 'base', 'head', 'reason', 'interval', 'duration'] as const;

export function readSettings(getInput: InputReader, workspace: string): ActionSettings {
  const command = getInput('command').trim() || 'validate';
  if (!commands[command]) {
    throw new Error(`Input 'command' is '${command}', which is not a Glidepath command. Use one of: ${Object.keys(commands).join(', ')}.`);
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
  return {
    command,
    root: resolve(workspace, getInput('root').trim() || '.'),
    token: getInput('github-token').trim(),
    dryRun: dryRunText === 'true',
    options,
  };
}
