// Issue #9's API budget: how many GitHub requests an evaluate tick makes with 100 active rollouts
// and nothing to change, on a fresh runner (no cache), against the spec-checked fake GitHub; and
// what the ticks that do change something cost: the first after 100 starts (each records its
// first hold, all in one state commit), and one where every rollout advances at once (each moves
// traffic, so each commits its flag change and its record on its own: docs/decisions/0017).
// `npm run bench` prints it; it is a count, not a time, so it is stable on any machine.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** Commits on the state branch made by that tick. */
  readonly firstTickStateCommits: number;
  /** Requests of a later tick with nothing to change, on a fresh runner. */
  readonly quietTick: number;
  /** The quiet tick's requests, by route. */
  readonly routes: readonly string[];
  /** Requests of a tick where every rollout passes its gates and advances (moves traffic). */
  readonly advancingTick: number;
  /** Rollouts that advanced in it. */
  readonly advanced: number;
  /** Commits on the state branch and on the flag branch made by that tick. */
  readonly advancingTickCommits: { readonly state: number; readonly flags: number };
}

/** Commits reachable from a branch head in the fake, following first parents. */
function commitsOn(fake: ReturnType<typeof createGitHubFake>, branch: string): number {
  let count = 0;
  for (let sha = fake.git.head(branch); sha !== undefined; count += 1) {
    const commit = fake.git.objects.get(sha);
    sha = commit?.type === 'commit' ? commit.parents[0] : undefined;
  }
  return count;
}

/** Two-proportion metrics for the prompt-tweak policy at 10%: the challenger as good as the champion. */
function passingMetrics(): string {
  const arm = (trials: number, errors: number, completion: number) => ({ error_rate: { successes: Math.round(errors * trials), trials }, task_completion: { successes: Math.round(completion * trials), trials } });
  return JSON.stringify({
    window: { start: '2026-03-02T10:00:00Z', end: '2026-03-02T12:30:00Z' },
    requests: { control: 180_000, canary: 20_000 },
    arms: { control: arm(180_000, 0.02, 0.8), canary: arm(20_000, 0.02, 0.81) },
  });
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
    const runner = (now = new Date('2026-03-02T10:00:00Z')): CommandContext => {
      const branches = new Map<string, ReturnType<typeof createGitHubStateBranch>>();
      const remote: RemoteRoles = { branch: (name) => branches.get(name) ?? branches.set(name, createGitHubStateBranch(octokit, REPO, name)).get(name)!, changeRequests: createGitHubChangeRequests(octokit, REPO) };
      return { root: dir, options: {}, print: () => {}, logger: { info: () => {}, warn: () => {}, debug: () => {} }, clock: fixedClock(now), env: {}, runtime: createRuntime({ remote }) };
    };
    const start = await engineForCommand(runner(), { actor: 'bench' });
    for (let i = 0; i < rollouts; i += 1) await runStart(start, { release: `assistant-${String(i).padStart(3, '0')}` });
    await runStart(start, { release: 'summarizer-prompt' });
    await runStart(start, { release: 'support-assistant' });

    let before = fake.requests.length;
    let stateCommits = commitsOn(fake, 'glidepath/state');
    await runTick(await engineForCommand(runner(), { actor: 'bench' }));
    const firstTick = fake.requests.length - before;
    const firstTickStateCommits = commitsOn(fake, 'glidepath/state') - stateCommits;
    before = fake.requests.length;
    await runTick(await engineForCommand(runner(), { actor: 'bench' }));
    const quietTick = fake.requests.length - before;
    const routes = fake.routes().slice(-quietTick);

    // Past canary-10's two hours, with passing metrics for every assistant: each advances to full.
    mkdirSync(join(dir, 'metrics'), { recursive: true });
    for (let i = 0; i < rollouts; i += 1) writeFileSync(join(dir, `metrics/assistant-${String(i).padStart(3, '0')}.json`), passingMetrics());
    before = fake.requests.length;
    stateCommits = commitsOn(fake, 'glidepath/state');
    const flagCommits = commitsOn(fake, 'glidepath/flags');
    const report = await runTick(await engineForCommand(runner(new Date('2026-03-02T12:30:00Z')), { actor: 'bench' }));
    const advancingTick = fake.requests.length - before;
    const advanced = report.outcomes.filter((o) => o.decision === 'advance').length;
    const advancingTickCommits = { state: commitsOn(fake, 'glidepath/state') - stateCommits, flags: commitsOn(fake, 'glidepath/flags') - flagCommits };
    fake.assertClean();
    return { rollouts: rollouts + 2, firstTick, firstTickStateCommits, quietTick, routes, advancingTick, advanced, advancingTickCommits };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const budget = await measureApiBudget();
  process.stdout.write(`${JSON.stringify(budget, null, 2)}\n`);
}
