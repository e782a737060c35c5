import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { createOctokit } from '../../../src/adapters/github/client.js';
import { createGitHubChangeRequests } from '../../../src/adapters/github/change-requests.js';
import { createGitHubStateBranch } from '../../../src/adapters/github/state-branch.js';
import type { RemoteRoles } from '../../../src/adapters/github/github-services.js';
import { engineForCommand } from '../../../src/commands/command-engine.js';
import type { CommandContext } from '../../../src/commands/command.js';
import { parseAuditLog } from '../../../src/core/audit/chain.js';
import { runStart } from '../../../src/engine/run-start.js';
import { runTick } from '../../../src/engine/run-tick.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { createRuntime } from '../../../src/runtime.js';
import { createGitHubFake } from '../../support/github-fake.js';

const REPO = { owner: 'acme', repo: 'assistants' };
const ADVANCING = 'summarizer-prompt';
const HOLDING = ['assistant-b', 'assistant-c'];
const STATE = 'glidepath/state';

/** Canary-10 metrics as good as the champion's: the gates pass. */
function passing(): string {
  const arm = (trials: number, errors: number, completion: number) => ({ error_rate: { successes: Math.round(errors * trials), trials }, task_completion: { successes: Math.round(completion * trials), trials } });
  return JSON.stringify({ window: { start: '2026-03-02T10:00:00Z', end: '2026-03-02T12:30:00Z' }, requests: { control: 180_000, canary: 20_000 }, arms: { control: arm(180_000, 0.02, 0.8), canary: arm(20_000, 0.02, 0.81) } });
}

test('two runners racing a tick through the GitHub state branch make exactly one advance per release and record each hold once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-racing-'));
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    cpSync(resolve(import.meta.dirname, '../../../examples/quickstart'), dir, { recursive: true });
    const template = readFileSync(join(dir, `releases/${ADVANCING}.yaml`), 'utf8');
    for (const name of HOLDING) writeFileSync(join(dir, `releases/${name}.yaml`), template.replace(`name: ${ADVANCING}`, `name: ${name}`).replace('key: ticket-summarizer', `key: ${name}`));
    git('add', '-A');
    git('commit', '-qm', 'three prompt tweaks');

    const fake = createGitHubFake();
    const octokit = createOctokit('ghs_racingTOKEN0123456789', { fetch: fake.fetch, throttle: false, retry: false });
    // Each runner has its own adapters and caches: two machines, one GitHub.
    const runner = (now: Date): CommandContext => {
      const branches = new Map<string, ReturnType<typeof createGitHubStateBranch>>();
      const remote: RemoteRoles = { branch: (name) => branches.get(name) ?? branches.set(name, createGitHubStateBranch(octokit, REPO, name)).get(name)!, changeRequests: createGitHubChangeRequests(octokit, REPO) };
      return { root: dir, options: {}, print: () => {}, logger: { info: () => {}, warn: () => {}, debug: () => {} }, clock: fixedClock(now), env: {}, runtime: createRuntime({ remote }) };
    };
    const start = await engineForCommand(runner(new Date('2026-03-02T10:00:00Z')), { actor: 'test' });
    for (const release of [ADVANCING, ...HOLDING, 'support-assistant']) await runStart(start, { release });
    mkdirSync(join(dir, 'metrics'), { recursive: true });
    writeFileSync(join(dir, `metrics/${ADVANCING}.json`), passing());

    const logs = () => new Map([ADVANCING, ...HOLDING, 'support-assistant'].map((name) => [name, parseAuditLog(fake.git.files(STATE).get(`audit/${name}.jsonl`) ?? '').records]));
    const before = logs();
    const commitsBefore = fake.requests.filter((r) => r.operationId === 'git/update-ref' && r.status === 200).length;
    const later = new Date('2026-03-02T12:30:00Z');
    const [one, two] = await Promise.all([1, 2].map(async () => runTick({ ...(await engineForCommand(runner(later), { actor: 'test' })), maxAttempts: 10, sleep: async () => {} })));
    const outcomes = [...one!.outcomes, ...two!.outcomes];
    assert.equal(outcomes.filter((o) => o.decision === 'error').length, 0, outcomes.map((o) => `${o.release}: ${o.reason}`).join('\n'));

    const after = logs();
    const added = (name: string) => after.get(name)!.slice(before.get(name)!.length);
    assert.equal(added(ADVANCING).filter((r) => r.splitAfter !== undefined).length, 1, `${ADVANCING}: ${added(ADVANCING).map((r) => r.code).join(', ')}`);
    let decisions = 0;
    for (const name of [ADVANCING, ...HOLDING, 'support-assistant']) {
      const codes = added(name).map((r) => r.code);
      assert.equal(new Set(codes).size, codes.length, `${name}: no decision recorded twice: ${codes.join(', ')}`);
      decisions += codes.length;
    }
    for (const name of HOLDING) assert.equal(added(name).length, 1, `${name}: its hold once`);
    const flags = JSON.parse(fake.git.files('glidepath/flags').get('flags/glidepath.flagd.json') ?? '{}') as { flags: Record<string, { metadata?: { weight?: number } }> };
    assert.equal(flags.flags['ticket-summarizer']?.metadata?.weight, 100, 'the flag branch serves the one advance');
    const commits = fake.requests.filter((r) => r.operationId === 'git/update-ref' && r.status === 200).length - commitsBefore;
    assert.ok(commits < decisions + 1, `${commits} ref updates (state and flags) for ${decisions} decisions: holds share a commit`);
    fake.assertClean();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
