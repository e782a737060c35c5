#!/usr/bin/env node
import module from 'node:module';
import { resolve } from 'node:path';
import { commands, loadCommand } from './commands/index.js';
import type { Command } from './commands/command.js';
import { systemClock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import { ConfigurationError, UsageError } from './engine/errors.js';
import { standardStream } from './adapters/fs/standard-streams.js';
import type { ExitCode } from './engine/exit-code.js';

// Required, not imported: an ES import of node:util builds its whole namespace, which loads worker
// threads, diffing and a dozen more internals (several ms of every start) that parseArgs never uses.
const { parseArgs } = module.createRequire(import.meta.url)('node:util') as typeof import('node:util');

const globalOptions = {
  root: { type: 'string', default: '.' },
  format: { type: 'string', default: 'text' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

async function usage(): Promise<string> {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const all = await Promise.all(Object.values(commands).map((load) => load()));
  const lines = all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ['Usage: glidepath <command> [options]', '', 'Commands:', ...lines, '', 'Run `glidepath <command> --help` for its options, `glidepath --version` for the version.'].join('\n');
}

function commandUsage(command: Command): string {
  return `Usage: glidepath ${command.name} ${command.usage}\n\n${command.summary}`;
}

const stdout = standardStream(1);
const stderr = standardStream(2);

const stderrLogger: Logger = {
  info: (m) => stderr(`${m}\n`),
  warn: (m) => stderr(`warning: ${m}\n`),
  debug: (m) => { if (process.env['GLIDEPATH_DEBUG']) stderr(`debug: ${m}\n`); },
};

/** The installed package's version; loaded only when asked, to keep every other start-up short. */
async function version(): Promise<string> {
  const manifest = (await import('../package.json', { with: { type: 'json' } })).default as { version: string };
  return manifest.version;
}

export async function runCli(argv: readonly string[]): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    stdout(`glidepath ${await version()}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    stdout(`${await usage()}\n`);
    return name ? 0 : 2;
  }
  const command = await loadCommand(name);
  if (!command) {
    stderr(`glidepath: unknown command '${name}'\n\n${await usage()}\n`);
    return 2;
  }
  let values: Record<string, string | boolean | string[] | undefined>;
  // A command with subcommands (`audit verify`) declares them; its first positional arrives as the `subcommand` option.
  const { subcommands } = command;
  try {
    let positionals: string[];
    ({ values, positionals } = parseArgs({ args: [...rest], options: { ...globalOptions, ...command.options }, strict: true, allowPositionals: subcommands !== undefined }));
    if (subcommands !== undefined) {
      const [sub, ...extra] = positionals;
      if (sub !== undefined && !subcommands.includes(sub)) throw new Error(`unknown subcommand '${sub}'; use one of: ${subcommands.join(', ')}`);
      if (extra.length > 0) throw new Error(`unexpected argument '${extra[0]}'`);
      if (sub !== undefined) values['subcommand'] = sub;
    }
  } catch (error) {
    stderr(`glidepath ${name}: ${(error as Error).message}\n\n${commandUsage(command)}\n`);
    return 2;
  }
  if (values['help']) {
    stdout(`${commandUsage(command)}\n`);
    return 0;
  }
  try {
    // Imported once the compile cache is on (enableCompileCache below runs after this module's own
    // imports), and only for a command that runs: `--version`, `--help` and usage errors never load an adapter.
    const { createRuntime } = await import('./runtime.js');
    const outcome = await command.run({
      root: resolve(String(values['root'] ?? '.')),
      options: values,
      // The line break goes separately: appending it to a plan of megabytes would copy the whole text.
      print: (text) => {
        stdout(text);
        const last = typeof text === 'string' ? text : (text.findLast((piece) => piece !== '') ?? '');
        if (!last.endsWith('\n')) stdout('\n');
      },
      logger: stderrLogger,
      clock: systemClock,
      env: process.env,
      runtime: createRuntime(),
    });
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof ConfigurationError) {
      stderr(`glidepath ${name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      stderr(`glidepath ${name}: ${error.message}\n\n${commandUsage(command)}\n`);
      return 2;
    }
    stderr(`glidepath ${name}: internal error: ${(error as Error).message}\n`);
    if (process.env['GLIDEPATH_DEBUG']) stderr(`${(error as Error).stack}\n`);
    return 2;
  }
}

/**
 * Keeps V8's compiled code of the bundle in Node's cache folder (in the temp folder, per Node
 * version; NODE_DISABLE_COMPILE_CACHE=1 turns it off). Compiling the command's chunks is most of a
 * short command's start-up, and every start after the first skips it. Node before 22.1 has no such
 * cache; a folder that cannot be written only loses the speed-up.
 */
function enableCompileCache(): void {
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
}

const invokedDirectly = process.argv[1] !== undefined && /(^|[/\\])cli\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  enableCompileCache();
  process.exitCode = await runCli(process.argv.slice(2));
}
