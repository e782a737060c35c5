import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { quickstartRepo } from '../../support/command-fixture.js';
import { createGitHubFake } from '../../support/github-fake.js';
import { runAction } from '../../support/run-action.js';
import { contextFor, webhookExample } from './webhook-examples.js';

const cleanup: (() => void)[] = [];
after(() => cleanup.forEach((f) => f()));

/** The quickstart on main with a merged change to one release, and the real push payload for that merge. */
function mergedChange() {
  const repo = quickstartRepo();
  cleanup.push(() => repo.cleanup());
  const before = repo.git('rev-parse', 'HEAD');
  const release = join(repo.dir, 'releases/summarizer-prompt.yaml');
  writeFileSync(release, readFileSync(release, 'utf8').replace(/(challenger:[\s\S]*?temperature: )0/, '$10.1'));
  const after = repo.commit({}, 'summarizer: warmer challenger');
  const payload = webhookExample('push');
  Object.assign(payload, { ref: 'refs/heads/main', before, after });
  (payload['repository'] as Record<string, unknown>)['default_branch'] = 'main';
  return { repo, payload, after };
}

function hasLocalBranch(dir: string, branch: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { cwd: dir, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('a merge starts its rollout with the state and audit record committed through the GitHub API, not into the runner\'s clone', async () => {
  const { repo, payload, after } = mergedChange();
  const fake = createGitHubFake();
  const result = await runAction(repo.dir, { context: contextFor('push', payload, after), octokit: { fetch: fake.fetch, throttle: false, retry: false } }, { GITHUB_ACTIONS: 'true', GITHUB_REF_NAME: 'main' });
  assert.equal(result.exitCode, undefined, result.stdout);
  const files = fake.git.files('glidepath/state');
  const state = JSON.parse(files.get('states/summarizer-prompt.json') ?? '{}') as { phase?: string; sourceCommit?: string };
  assert.equal(state.phase, 'progressing');
  assert.equal(state.sourceCommit, after);
  assert.match(files.get('audit/summarizer-prompt.jsonl') ?? '', /"event":"start"/);
  assert.equal(hasLocalBranch(repo.dir, 'glidepath/state'), false, 'nothing is kept only in the runner\'s clone');
  const flags = JSON.parse(fake.git.files('glidepath/flags').get('flags/glidepath.flagd.json') ?? '{}') as { flags?: Record<string, { metadata?: { weight?: number } }> };
  assert.equal(flags.flags?.['ticket-summarizer']?.metadata?.weight, 10, 'the flag flagd syncs is on the flag branch');
  fake.assertClean();
});

test('a tick on a fresh runner continues the rollout from the state branch on GitHub alone', async () => {
  const { repo, payload, after } = mergedChange();
  const fake = createGitHubFake();
  await runAction(repo.dir, { context: contextFor('push', payload, after), octokit: { fetch: fake.fetch, throttle: false, retry: false } }, { GITHUB_ACTIONS: 'true', GITHUB_REF_NAME: 'main' });
  const startHead = fake.git.head('glidepath/state');
  const fresh = mkdtempSync(join(tmpdir(), 'glidepath-fresh-runner-'));
  cleanup.push(() => rmSync(fresh, { recursive: true, force: true }));
  execFileSync('git', ['clone', '--quiet', '--branch', 'main', repo.dir, fresh]);
  assert.equal(hasLocalBranch(fresh, 'glidepath/state'), false);

  const dispatch = webhookExample('workflow_dispatch');
  dispatch['inputs'] = { command: 'evaluate' };
  const tick = await runAction(fresh, { context: contextFor('workflow_dispatch', dispatch), octokit: { fetch: fake.fetch, throttle: false, retry: false } }, { GITHUB_ACTIONS: 'true', GITHUB_REF_NAME: 'main' });
  assert.equal(tick.exitCode, undefined, tick.stdout);
  // The tick read the state and the traffic the first runner wrote: it holds for bake time, neither starting over nor seeing traffic moved.
  assert.match(tick.stdout, /summarizer-prompt +canary-10 +traffic 10% +hold/);
  assert.doesNotMatch(tick.stdout, /changed outside Glidepath/);
  assert.ok(startHead !== null);
  fake.assertClean();
});

test('in Actions without a token, a command that records state fails naming the permissions to add, and records nothing', async () => {
  const { repo, payload, after } = mergedChange();
  const fake = createGitHubFake();
  const result = await runAction(repo.dir, { context: contextFor('push', payload, after), octokit: { fetch: fake.fetch, throttle: false, retry: false } }, { GITHUB_ACTIONS: 'true', GITHUB_REF_NAME: 'main', 'INPUT_GITHUB-TOKEN': '' });
  assert.equal(result.exitCode, 1);
  assert.match(result.stdout, /could only write to this runner's clone/);
  assert.match(result.stdout, /contents: write/);
  assert.equal(hasLocalBranch(repo.dir, 'glidepath/state'), false);
  assert.deepEqual(fake.requests, []);
});
