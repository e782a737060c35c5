import * as core from '@actions/core';
import { readSettings } from './adapters/actions/inputs.js';
import { commands } from './commands/index.js';
import { systemClock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';

const actionsLogger: Logger = {
  info: (m) => core.info(m),
  warn: (m) => core.warning(m),
  debug: (m) => core.debug(m),
};

/** The Action: read inputs once, build adapters, dispatch the command, publish outputs. */
export async function run(): Promise<void> {
  try {
    const settings = readSettings((name) => core.getInput(name), process.env['GITHUB_WORKSPACE'] ?? process.cwd());
    if (settings.token) core.setSecret(settings.token);
    const command = commands[settings.command];
    if (!command) throw new Error(`Unknown command '${settings.command}'.`);
    const outcome = await command.run({
      root: settings.root,
      options: { ...settings.options, format: 'github' },
      print: (text) => core.info(text),
      logger: actionsLogger,
      clock: systemClock,
      env: process.env,
    });
    for (const [name, value] of Object.entries(outcome.outputs ?? {})) core.setOutput(name, value);
    if (outcome.summary) await core.summary.addRaw(outcome.summary, true).write();
    if (outcome.exitCode !== 0) core.setFailed(`glidepath ${settings.command} finished with problems (exit ${outcome.exitCode}).`);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
