import * as core from '@actions/core';
import * as github from '@actions/github';
import { EOL } from 'node:os';
import { AUTO_COMMAND, readSettings } from './adapters/actions/inputs.js';
import { maskConfiguredSecrets, secretEnvNames } from './adapters/actions/mask-secrets.js';
import { loadWorkspaceFiles } from './engine/load-workspace.js';
import type { OctokitOptions } from './adapters/github/client.js';
import { createGitHubServices } from './adapters/github/github-services.js';
import type { ActionsContext } from './adapters/github/run-event.js';
import { commandCatalog, loadCommand } from './commands/index.js';
import { printedText, type CommandContext, type CommandOutcome } from './commands/command.js';
import { runAuto } from './commands/run-auto.js';
import { systemClock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import { createRuntime } from './runtime.js';

const actionsLogger: Logger = {
  info: (m) => core.info(m),
  warn: (m) => core.warning(m),
  debug: (m) => core.debug(m),
};

/** What tests replace: the event context and the HTTP client. The Action itself passes nothing. */
export interface ActionOverrides {
  readonly context?: ActionsContext;
  readonly octokit?: Omit<OctokitOptions, 'logger'>;
}

/**
 * Masks every credential the Glidepath files name, before any command can print one. Files that
 * do not load are the commands' to report: only the variables adapters read by default are masked then.
 */
async function maskSecrets(root: string, runtime: ReturnType<typeof createRuntime>): Promise<void> {
  let names: string[];
  try {
    names = secretEnvNames((await loadWorkspaceFiles(root, runtime.readRepository)).repository);
  } catch {
    names = secretEnvNames({ config: undefined, policies: new Map(), releases: new Map(), files: new Map() });
  }
  const masked = maskConfiguredSecrets(names, process.env, (value) => core.setSecret(value));
  if (masked.length > 0) core.debug(`glidepath: masked the values of ${masked.join(', ')}`);
}

/** The Action: read inputs once, build adapters, dispatch the command, publish outputs. */
export async function run(overrides: ActionOverrides = {}): Promise<void> {
  try {
    const settings = await readSettings((name) => core.getInput(name), process.env['GITHUB_WORKSPACE'] ?? process.cwd(), commandCatalog);
    if (settings.token) core.setSecret(settings.token);
    const gitHub = createGitHubServices({ token: settings.token, context: () => overrides.context ?? github.context, logger: actionsLogger, ...overrides.octokit });
    const runtime = createRuntime(gitHub.remote ? { remote: gitHub.remote } : {});
    await maskSecrets(settings.root, runtime);
    const base: CommandContext = {
      root: settings.root,
      options: settings.options,
      // core.info would append the line break to the text, copying a plan of megabytes once more.
      print: (text) => {
        process.stdout.write(printedText(text));
        process.stdout.write(EOL);
      },
      logger: actionsLogger,
      clock: systemClock,
      env: process.env,
      runtime,
      ...(gitHub.event ? { event: gitHub.event } : {}),
      ...(gitHub.review ? { review: gitHub.review } : {}),
      ...(gitHub.issues ? { issues: gitHub.issues } : {}),
    };
    let outcome: CommandOutcome & { readonly ran?: readonly string[] };
    if (settings.command === AUTO_COMMAND) {
      const context = overrides.context ?? github.context;
      const clone = await runtime.openClone(settings.root);
      outcome = await runAuto({
        eventName: context.eventName, payload: context.payload, base, commandNames: commandCatalog.names, loadCommand,
        rootPrefix: clone?.prefix ?? '', ...(gitHub.comments ? { comments: gitHub.comments } : {}),
      });
    } else {
      const command = await loadCommand(settings.command);
      if (!command) throw new Error(`Unknown command '${settings.command}'.`);
      outcome = await command.run(base);
    }
    for (const [name, value] of Object.entries(outcome.outputs ?? {})) core.setOutput(name, value);
    if (outcome.summary) await core.summary.addRaw(outcome.summary, true).write();
    if (outcome.exitCode !== 0) core.setFailed(`glidepath ${outcome.ran?.join(' and ') || settings.command} finished with problems (exit ${outcome.exitCode}).`);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
