import { renderStatus } from '../core/rollout/status.js';
import { engineForCommand } from './command-engine.js';
import { botActor, stringOption } from './command-options.js';
import { stateStoreFor } from '../engine/run-tick.js';
import { loadWorkspace } from '../engine/workspace.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { UsageError } from '../engine/errors.js';

const FORMATS = ['text', 'md', 'json'] as const;

/** `glidepath status`: every rollout at a glance, from the state branch. */
export const statusCommand: Command = {
  name: 'status',
  summary: 'Every rollout at a glance: phase, stage, traffic, time in stage, last decision',
  usage: '[--format text|md|json] [--release NAME] [--root DIR]\n\n' +
    '  --format text|md|json  aligned columns, a Markdown table, or the recorded states as JSON (default text)\n' +
    '  --release NAME         only this release',
  options: { release: { type: 'string' } },
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const asked = String(ctx.options['format'] ?? 'text');
    // The Action runs every command with --format github: for status that is the Markdown table.
    const format = asked === 'github' ? 'md' : asked;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format is '${asked}'; use one of: ${FORMATS.join(', ')}`);
    const engine = await engineForCommand(ctx, { actor: botActor() });
    const workspace = await loadWorkspace(ctx.root, ctx.runtime.readRepository);
    const store = stateStoreFor(engine, workspace);
    const snapshot = await store.load();
    const release = stringOption(ctx, 'release');
    const states = [...snapshot.states.values()].filter((s) => release === undefined || s.release === release).sort((a, b) => a.release.localeCompare(b.release));
    if (release !== undefined && states.length === 0) {
      ctx.print(`${release} has no rollout on ${store.branch}.`);
      return { exitCode: 1 };
    }
    const now = engine.clock.now();
    const text = format === 'json' ? `${JSON.stringify({ stateBranch: store.branch, head: snapshot.head, rollouts: states }, null, 2)}\n` : renderStatus(states, now, format as 'text' | 'md');
    ctx.print(text);
    return { exitCode: 0, outputs: { rollouts: String(states.length) }, summary: renderStatus(states, now, 'md') };
  },
};
