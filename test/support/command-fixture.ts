import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printedText, type Command, type CommandContext, type CommandOutcome, type OptionValues } from '../../src/commands/command.js';
import type { MetricsSnapshot } from '../../src/core/metrics/arm-data.js';
import type { Clock } from '../../src/ports/clock.js';
import { QUICKSTART, T0 } from './engine-fixture.js';
import { createTempGitRepo, type TempGitRepo } from './temp-git-repo.js';
import { fixedClock } from '../../src/ports/clock.js';
import { createRuntime } from '../../src/runtime.js';

/** A command run: what it printed, what it logged, and its outcome. */
export interface CommandRun {
  readonly outcome: CommandOutcome;
  readonly out: string;
  readonly log: string;
}

/** The quickstart example committed on `main` in a temporary repository, ready for commands. */
export function quickstartRepo(): TempGitRepo {
  const repo = createTempGitRepo({}, 'glidepath-command-');
  repo.copyIn(QUICKSTART);
  repo.commit({}, 'quickstart');
  return repo;
}

/** Runs a command the way the CLI does, with a fixed clock and the output captured. */
export async function runCommand(command: Command, root: string, options: OptionValues, clock: Clock = fixedClock(T0)): Promise<CommandRun> {
  const out: string[] = [];
  const log: string[] = [];
  const ctx: CommandContext = {
    root,
    options: { format: 'text', ...options },
    print: (pieces) => {
      const text = printedText(pieces);
      out.push(text.endsWith('\n') ? text : `${text}\n`);
    },
    logger: { info: (m) => log.push(`${m}\n`), warn: (m) => log.push(`warning: ${m}\n`), debug: () => {} },
    clock,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], USER: 'local-user' },
    runtime: createRuntime(),
  };
  const outcome = await command.run(ctx);
  return { outcome, out: out.join(''), log: log.join('') };
}

/** Writes `metrics/<release>.json` in the file source's format from a snapshot. */
export function writeMetricsFile(root: string, release: string, snapshot: MetricsSnapshot): void {
  const strip = (arm: Record<string, unknown>) => Object.fromEntries(Object.entries(arm).map(([name, data]) => {
    const { kind: _kind, ...rest } = data as { kind: string };
    return [name, rest];
  }));
  const document = {
    window: snapshot.window,
    ...(snapshot.requests ? { requests: snapshot.requests } : {}),
    arms: { control: strip(snapshot.arms.control), canary: strip(snapshot.arms.canary) },
  };
  mkdirSync(join(root, 'metrics'), { recursive: true });
  writeFileSync(join(root, 'metrics', `${release}.json`), JSON.stringify(document, null, 2));
}

/** A clock that moves `stepMs` forward every time it is read: time passes as a loop runs. */
export function steppingClock(start: Date, stepMs: number): Clock {
  let t = start.getTime();
  return { now: () => new Date((t += stepMs)) };
}
