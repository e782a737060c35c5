import { initRepository } from '../engine/init-repository.js';
import { STARTER_PROVIDERS } from '../core/init/starter-files.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { stringOption } from './command-options.js';

/** `glidepath init`: a starting glidepath.yaml, policies, a release, the workflows and schemas. */
export const initCommand: Command = {
  name: 'init',
  summary: 'Write a starting glidepath.yaml, policies, a release and the workflows (never over existing files)',
  usage: `[--provider ${Object.keys(STARTER_PROVIDERS).join('|')}] [--release NAME] [--root DIR]\n\n` +
    '  --provider TYPE  where traffic is shifted (default flagd)\n' +
    '  --release NAME   the first release\'s name (default my-assistant)',
  options: { provider: { type: 'string' }, release: { type: 'string' } },
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const report = await initRepository(ctx.runtime, ctx.root, { provider: stringOption(ctx, 'provider') ?? 'flagd', release: stringOption(ctx, 'release') ?? 'my-assistant' });
    const lines = [
      ...(report.written.length > 0 ? [`Wrote ${report.written.length} file(s):`, ...report.written.map((path) => `  ${path}`)] : ['Wrote nothing: every starter file exists already.']),
      ...(report.kept.length > 0 ? [`Kept ${report.kept.length} existing file(s) as they are:`, ...report.kept.map((path) => `  ${path}`)] : []),
      '',
      'Next:',
      ...report.nextSteps.map((step) => `  - ${step}`),
    ];
    ctx.print(`${lines.join('\n')}\n`);
    return { exitCode: 0 };
  },
};
