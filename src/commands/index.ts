import type { Command } from './command.js';

/**
 * Every command, by name, loaded on demand: a run imports only its own command's modules, which
 * keeps start-up short for `validate` and `plan` on every pull request. A new command is one file
 * in src/commands/ plus one line here.
 */
export const commands: Readonly<Record<string, () => Promise<Command>>> = {
  validate: async () => (await import('./validate.js')).validateCommand,
  plan: async () => (await import('./plan.js')).planCommand,
  evaluate: async () => (await import('./evaluate.js')).evaluateCommand,
  start: async () => (await import('./start.js')).startCommand,
  watch: async () => (await import('./watch.js')).watchCommand,
  rollback: async () => (await import('./rollback.js')).rollbackCommand,
  pause: async () => (await import('./pause.js')).pauseCommand,
  approve: async () => (await import('./approve.js')).approveCommand,
  status: async () => (await import('./status.js')).statusCommand,
  drill: async () => (await import('./drill.js')).drillCommand,
  audit: async () => (await import('./audit.js')).auditCommand,
  demo: async () => (await import('./demo.js')).demoCommand,
  init: async () => (await import('./init.js')).initCommand,
};

/** The command called `name`, or undefined when there is none. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  return Object.hasOwn(commands, name) ? commands[name]!() : undefined;
}

/** The registry as the Action's input reader checks the `command` input against it. */
export const commandCatalog = { names: Object.keys(commands), load: loadCommand } as const;
