import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDemo } from './demo-run.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';

/** examples/quickstart next to this source file, else under the working directory (a bundled build). */
function findQuickstart(): string {
  const candidates = [fileURLToPath(new URL('../../examples/quickstart/', import.meta.url)), resolve('examples/quickstart')];
  return candidates.find((dir) => existsSync(join(dir, 'glidepath.yaml'))) ?? candidates[0]!;
}

/** `glidepath demo` (`npm start`): the whole loop on a throwaway repository. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the whole loop on a throwaway repository: roll out, promote, roll back, verify the audit log',
  usage: '\n\n' +
    'Creates a git repository in a temporary directory (printed), copies examples/quickstart into it and plays\n' +
    'two merges against bundled metrics with a fake clock: a good challenger promoted to 100% after an approval,\n' +
    'and a bad one rolled back with a revert branch; then verifies the audit log, tampers with one byte and\n' +
    'verifies again. Needs git and nothing else: no network, no configuration. Exit 0 when all of it behaved.',
  options: {},
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const report = await runDemo({ print: ctx.print, logger: { ...ctx.logger, info: () => {}, debug: () => {} }, quickstart: findQuickstart(), runtime: ctx.runtime });
    return { exitCode: report.ok ? 0 : 1, outputs: { dir: report.dir } };
  },
};
