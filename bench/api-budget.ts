// Issue #9's API budget: how many GitHub requests an evaluate tick makes with 100 active rollouts
// and nothing to change, on a fresh runner (no cache), against the spec-checked fake GitHub.
// `npm run bench` prints it; it is a count, not a time, so it is stable on any machine.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createOctokit } from '../src/adapters/github/client.js';
import { createGitHubChangeRequests } from '../src/adapters/github/change-requests.js';
import { createGitHubStateBranch } from '../src/adapters/github/state-branch.js';
import type { RemoteRoles } from '../src/adapters/github/github-services.js';
import { engineForCommand } from '../src/commands/command-engine.js';
import type { CommandContext } from '../src/commands/command.js';
import { runStart } from '../src/engine/run-start.js';
import { runTick } from '../src/engine/run-tick.js';
import { fixedClock } from '../src/ports/clock.js';
import { createRuntime } from '../src/runtime.js';
import { createGitHubFake } from '../test/support/github-fake.js';

const REPO = { owner: 'acme', repo: 'assistants' };

export interface ApiBudget {
  readonly rollouts: number;
  /** Requests of the first tick after start (it records each rollout's first hold). */
  readonly firstTick: number;
  /** Requests of a later tick with nothing to change, on a fresh runner. */
  readonly quietTick: number;
  readonly routes: readonly string[];
}

export async function measureApiBudget(rollouts = 100): Promise<ApiBudget> {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-api-budget-'));
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'bench@example.com');
    git('config', 'user.name', 'bench');
    cpSync(resolve(import.meta.dirname, '../examples/quickstart'), dir, { recursive: true });
    const template = readFileSync(join(dir, 'releases/summarizer-prompt.yaml'), 'utf8');
    for (let i = 0; i < rollouts; i += 1) {
      const name = `assistant-${String(i).padStart(3, '0')}`;
      writeFileSync(join(dir, `releases/${name}.yaml`), template.replace('name: summarizer-prompt', `name: ${name}`).replace('key: ticket-summarizer', `key: ${name}`));
    }
    git('add', '-A');
    git('commit', '-qm', `${rollouts} releases`);

    const fake = createGitHubFake();
    const octokit = createOctokit('ghs_bench', { fetch: fake.fetch, throttle: false, retry: false });
    // Each runner builds its own adapters: a fresh runner has no cache.
    const runner = (): CommandContext => {
      const branches = new Map<string, ReturnType<typeof createGitHubStateBranch>>();
      const remote: RemoteRoles = { branch: (name) => branches.get(name) ?? branches.set(name, createGitHubStateBranch(octokit, REPO, name)).get(name)!, changeRequests: createGitHubChangeRequests(octokit, REPO) };
      return { root: dir, options: {}, print: () => {}, logger: { info: () => {}, warn: () => {}, debug: () => {} }, clock: fixedClock(new Date('2026-03-02T10:00:00Z')), env: {}, runtime: createRuntime({ remote }) };
    };
    const start = await engineForCommand(runner(), { actor: 'bench' });
    for (let i = 0; i < rollouts; i += 1) await runStart(start, { release: `assistant-${String(i).padStart(3, '0')}` });
    await runStart(start, { release: 'summarizer-prompt' });
    await runStart(start, { release: 'support-assistant' });

    let before = fake.requests.length;
    await runTick(await engineForCommand(runner(), { actor: 'bench' }));
    const firstTick = fake.requests.length - before;
    before = fake.requests.length;
    await runTick(await engineForCommand(runner(), { actor: 'bench' }));
    const quietTick = fake.requests.length - before;
    fake.assertClean();
    return { rollouts: rollouts + 2, firstTick, quietTick, routes: fake.routes().slice(-quietTick) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const budget = await measureApiBudget();
  process.stdout.write(`${JSON.stringify(budget, null, 2)}\n`);
}
