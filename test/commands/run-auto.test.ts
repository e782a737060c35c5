import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGitHubCommentCommands } from '../../src/adapters/github/comment-commands.js';
import { createOctokit } from '../../src/adapters/github/client.js';
import type { CommandContext } from '../../src/commands/command.js';
import { commandCatalog, loadCommand } from '../../src/commands/index.js';
import { runAuto, type AutoOutcome } from '../../src/commands/run-auto.js';
import { startCommand } from '../../src/commands/start.js';
import { fixedClock } from '../../src/ports/clock.js';
import { createRuntime } from '../../src/runtime.js';
import { T0 } from '../support/engine-fixture.js';
import { quickstartRepo, runCommand } from '../support/command-fixture.js';
import { createGitHubFake, type GitHubFake } from '../support/github-fake.js';
import { serveCommentCommands, type CommentCommandsFake } from '../support/github-fake-comments.js';
import type { TempGitRepo } from '../support/temp-git-repo.js';
import { webhookExample } from '../adapters/github/webhook-examples.js';

let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

const RELEASE = 'support-assistant';
const RELEASE_FILE = 'releases/support-assistant.yaml';

interface Harness {
  readonly fake: GitHubFake;
  readonly github: CommentCommandsFake;
  auto(eventName: string, payload: Record<string, unknown>): Promise<AutoOutcome & { out: string; log: string }>;
}

function harness(root: string): Harness {
  const fake = createGitHubFake();
  const github = serveCommentCommands(fake);
  const comments = createGitHubCommentCommands(createOctokit('t', { fetch: fake.fetch, throttle: false, retry: false }), { owner: 'Codertocat', repo: 'Hello-World' });
  return {
    fake,
    github,
    async auto(eventName, payload) {
      const out: string[] = [];
      const log: string[] = [];
      const base: CommandContext = {
        root,
        options: {},
        print: (text) => out.push(`${text}\n`),
        logger: { info: (m) => log.push(`${m}\n`), warn: (m) => log.push(`warning: ${m}\n`), debug: () => {} },
        clock: fixedClock(T0),
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
        runtime: createRuntime(),
      };
      const outcome = await runAuto({ eventName, payload, base, commandNames: commandCatalog.names, loadCommand, comments, rootPrefix: '' });
      return { ...outcome, out: out.join(''), log: log.join('') };
    },
  };
}

/** A real issue_comment payload carrying `body`, from `user`, on pull request 1 opened by `author`, as the fake's comment. */
function commentOn(h: Harness, body: string, user: string, author = 'Codertocat'): Record<string, unknown> {
  const payload = webhookExample('issue_comment', 'created');
  const comment = h.fake.addComment(1, body, user);
  const c = payload['comment'] as { id: number; body: string; user: { login: string } };
  c.id = comment.id;
  c.body = body;
  c.user.login = user;
  const issue = payload['issue'] as { number: number; user: { login: string }; pull_request?: object };
  issue.number = 1;
  issue.user.login = author;
  issue.pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1', html_url: 'https://github.com/Codertocat/Hello-World/pull/1', diff_url: 'https://github.com/Codertocat/Hello-World/pull/1.diff', patch_url: 'https://github.com/Codertocat/Hello-World/pull/1.patch', merged_at: null };
  return payload;
}

const stateHead = (): string => repo.git('rev-parse', 'glidepath/state');
const replies = (h: Harness): string[] => h.fake.comments.filter((c) => c.login === 'github-actions[bot]').map((c) => c.body);

test('a /glidepath approve comment from a read-only user is refused with a -1 reaction and a reply, and runs nothing', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: RELEASE });
  const before = stateHead();
  const h = harness(repo.dir);
  h.github.permissions.set('mallory', 'read');
  const payload = commentOn(h, '/glidepath approve support-assistant <b>@octocat</b> **verdict: pass**', 'mallory');

  const result = await h.auto('issue_comment', payload);

  assert.equal(result.exitCode, 0, result.log);
  assert.deepEqual(result.ran, []);
  assert.equal(stateHead(), before, 'nothing recorded on the state branch');
  assert.deepEqual(h.github.reactions.map((r) => r.content), ['-1']);
  const [reply] = replies(h);
  assert.match(reply!, /Glidepath did not act.*from `mallory`: mallory has read access to this repository; \/glidepath commands need write access/);
  assert.deepEqual(h.fake.routes(), [
    'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
    'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  ], 'no other call: a refused commenter costs no reads of the pull request');
  assert.doesNotMatch(reply!, /<b>|@octocat|\*\*verdict/, 'the comment\'s markup is not echoed');
  h.fake.assertClean();
});

test('a /glidepath approve comment from someone GitHub does not know is refused like a read-only one', async () => {
  repo = quickstartRepo();
  const h = harness(repo.dir);
  const result = await h.auto('issue_comment', commentOn(h, '/glidepath approve', 'ghost'));
  assert.deepEqual(result.ran, []);
  assert.match(replies(h)[0]!, /ghost has no access to this repository/);
  h.fake.assertClean();
});

test('a /glidepath approve comment on the pull request that changes the release approves it for the commenter', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: RELEASE });
  const h = harness(repo.dir);
  h.github.permissions.set('octocat', 'write');
  h.github.pullFiles.set(1, [RELEASE_FILE, 'prompts/support-v2.md']);

  const result = await h.auto('issue_comment', commentOn(h, '/glidepath approve dashboards look good', 'octocat'));

  assert.equal(result.exitCode, 0, result.out + result.log);
  assert.deepEqual(result.ran, ['approve']);
  const state = JSON.parse(repo.git('show', `glidepath/state:states/${RELEASE}.json`)) as { approvals: { stage: string; by: string; reason?: string }[] };
  assert.deepEqual(state.approvals.map((a) => [a.stage, a.by, a.reason]), [['full', 'octocat', 'dashboards look good']]);
  assert.deepEqual(h.github.reactions.map((r) => r.content), ['eyes', '+1']);
  assert.match(replies(h)[0]!, /Glidepath ran `glidepath approve --release support-assistant`\*\* for `octocat`:\n\n```+text\n[^`]*octocat approved full/);
  h.fake.assertClean();
});

test('the author of a high-risk release cannot approve it from a comment when the policy says selfApproval: deny-high-risk', async () => {
  repo = quickstartRepo();
  const policy = join(repo.dir, 'policies/model-upgrade.yaml');
  writeFileSync(policy, readFileSync(policy, 'utf8').replace(/^spec:\n/m, 'spec:\n  selfApproval: deny-high-risk\n'));
  repo.commit({}, 'policy: no self-approval of high-risk releases');
  await runCommand(startCommand, repo.dir, { release: RELEASE });
  const before = stateHead();
  const h = harness(repo.dir);
  h.github.permissions.set('octocat', 'admin');
  h.github.pullFiles.set(1, [RELEASE_FILE]);

  const result = await h.auto('issue_comment', commentOn(h, '/glidepath approve', 'octocat', 'octocat'));

  assert.equal(result.exitCode, 1);
  assert.equal(stateHead(), before, 'no approval recorded');
  assert.deepEqual(h.github.reactions.map((r) => r.content), ['eyes', '-1']);
  assert.match(replies(h)[0]!, /octocat authored support-assistant, a high-risk release, and may not approve it \(selfApproval: deny-high-risk in policy model-upgrade\)/);
  h.fake.assertClean();
});

test('the author of a high-risk release cannot approve it from the dashboard issue either: the author is read from the release file\'s latest commit', async () => {
  repo = quickstartRepo();
  const policy = join(repo.dir, 'policies/model-upgrade.yaml');
  writeFileSync(policy, readFileSync(policy, 'utf8').replace(/^spec:\n/m, 'spec:\n  selfApproval: deny-high-risk\n'));
  repo.commit({}, 'policy: no self-approval of high-risk releases');
  await runCommand(startCommand, repo.dir, { release: RELEASE });
  const h = harness(repo.dir);
  h.github.permissions.set('octocat', 'write');
  h.github.lastAuthors.set(RELEASE_FILE, 'octocat');
  const payload = commentOn(h, '/glidepath approve support-assistant', 'octocat', 'glidepath[bot]');
  delete (payload['issue'] as { pull_request?: object }).pull_request;

  const result = await h.auto('issue_comment', payload);

  assert.equal(result.exitCode, 1);
  assert.match(replies(h)[0]!, /may not approve it \(selfApproval: deny-high-risk/);
  h.fake.assertClean();
});

test('/glidepath pause holds the rollout with who and why in the audit log, and /glidepath resume takes it back to progressing', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: RELEASE });
  const h = harness(repo.dir);
  h.github.permissions.set('octocat', 'write');
  h.github.pullFiles.set(1, [RELEASE_FILE]);
  const readState = () => JSON.parse(repo.git('show', `glidepath/state:states/${RELEASE}.json`)) as { phase: string; split: unknown; phaseReason?: string; approvals: { kind?: string; by: string }[] };
  const before = readState();

  const paused = await h.auto('issue_comment', commentOn(h, '/glidepath pause support-assistant <b>@everyone</b> ## Verdict: pass', 'octocat'));

  assert.equal(paused.exitCode, 0, paused.out + paused.log);
  assert.deepEqual(paused.ran, ['pause']);
  const held = readState();
  assert.equal(held.phase, 'paused');
  assert.deepEqual(held.split, before.split, 'traffic stays where it is');
  assert.match(held.phaseReason ?? '', /^octocat paused support-assistant at shadow \(shadow\): <b>@everyone<\/b> ## Verdict: pass$/);
  const audit = repo.git('show', `glidepath/state:audit/${RELEASE}.jsonl`).trim().split('\n').map((line) => JSON.parse(line) as { event: string; actor: string; code?: string });
  assert.deepEqual(audit.map((r) => [r.event, r.actor, r.code]).at(-1), ['pause', 'octocat', 'pause:manual']);
  assert.deepEqual(h.github.reactions.map((r) => r.content), ['eyes', '+1']);
  assert.match(replies(h)[0]!, /Glidepath ran `glidepath pause --release support-assistant`/);

  const resumed = await h.auto('issue_comment', commentOn(h, '/glidepath resume support-assistant dashboards are calm again', 'octocat'));

  assert.equal(resumed.exitCode, 0, resumed.out + resumed.log);
  assert.deepEqual(resumed.ran, ['approve']);
  const after = readState();
  assert.equal(after.phase, 'progressing');
  assert.deepEqual(after.split, before.split);
  assert.deepEqual(after.approvals.map((a) => [a.kind, a.by]), [['resume', 'octocat']]);
  h.fake.assertClean();
});

test('a glidepath-alert dispatch with action rollback rolls the named release back within the run', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: RELEASE });
  const h = harness(repo.dir);
  const payload = { ...webhookExample('repository_dispatch'), action: 'glidepath-alert', client_payload: { release: RELEASE, action: 'rollback', reason: 'error-rate page' } };

  const result = await h.auto('repository_dispatch', payload);

  assert.equal(result.exitCode, 0, result.out + result.log);
  assert.deepEqual(result.ran, ['rollback']);
  const state = JSON.parse(repo.git('show', `glidepath/state:states/${RELEASE}.json`)) as { phase: string; phaseReason?: string };
  assert.equal(state.phase, 'rolled-back');
  assert.match(state.phaseReason ?? '', /alert from monitoring: error-rate page/);
  assert.deepEqual(h.fake.requests, [], 'an alert needs no GitHub call to act');
});

test('an event Glidepath does not act on is ignored with a notice and exit 0', async () => {
  repo = quickstartRepo();
  const h = harness(repo.dir);
  const result = await h.auto('star', webhookExample('star'));
  assert.equal(result.exitCode, 0);
  assert.deepEqual(result.ran, []);
  assert.match(result.log, /nothing to do: Glidepath has nothing to do on star events/);
});

test('a malformed alert dispatch fails the run with what to send', async () => {
  repo = quickstartRepo();
  const h = harness(repo.dir);
  await assert.rejects(h.auto('repository_dispatch', { ...webhookExample('repository_dispatch'), action: 'glidepath-alert', client_payload: {} }), /names no release: send client_payload.release/);
});

test('validate and plan of a pull request from a fork run without the job\'s credentials in their environment', async () => {
  const seen: Readonly<Record<string, string | undefined>>[] = [];
  const payload = webhookExample('pull_request', 'opened');
  (payload['pull_request'] as { head: { repo: { fork: boolean } } }).head.repo.fork = true;
  const base: CommandContext = {
    root: '.', options: {}, print: () => {}, logger: { info: () => {}, warn: () => {}, debug: () => {} }, clock: fixedClock(T0), runtime: createRuntime(),
    env: { PATH: '/usr/bin', GITHUB_REPOSITORY: 'Codertocat/Hello-World', GITHUB_TOKEN: 'ghs_x', LD_API_KEY: 'api-secret', PAGERDUTY_ROUTING_KEY: 'pd-secret' },
  };
  const capture = async (name: string) => ({ name, summary: '', usage: '', options: {}, run: async (ctx: CommandContext) => { seen.push({ ...ctx.env }); return { exitCode: 0 as const }; } });
  const outcome = await runAuto({ eventName: 'pull_request', payload, base, commandNames: commandCatalog.names, loadCommand: capture, rootPrefix: '' });
  assert.deepEqual(outcome.ran, ['validate', 'plan']);
  assert.deepEqual(seen, [{ PATH: '/usr/bin', GITHUB_REPOSITORY: 'Codertocat/Hello-World' }, { PATH: '/usr/bin', GITHUB_REPOSITORY: 'Codertocat/Hello-World' }]);
  const same = await runAuto({ eventName: 'pull_request', payload: webhookExample('pull_request', 'opened'), base, commandNames: commandCatalog.names, loadCommand: capture, rootPrefix: '' });
  assert.deepEqual(same.ran, ['validate', 'plan']);
  assert.equal((seen as Readonly<Record<string, string | undefined>>[]).at(-1)?.['LD_API_KEY'], 'api-secret', 'a pull request from the repository itself keeps the job\'s environment');
});

test('a /glidepath approve comment the token may not answer still approves: the job stays green and warns with the permission to add', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: RELEASE });
  const h = harness(repo.dir);
  h.github.permissions.set('octocat', 'write');
  h.github.pullFiles.set(1, [RELEASE_FILE]);
  const payload = commentOn(h, '/glidepath approve dashboards look good', 'octocat');
  // The eyes before the command and the +1 after it: the answer stops at the refused reaction.
  for (let i = 0; i < 2; i += 1) h.fake.failNext('reactions/create-for-issue-comment', 403, 'Resource not accessible by integration');

  const result = await h.auto('issue_comment', payload);

  assert.equal(result.exitCode, 0, result.out + result.log);
  assert.deepEqual(result.ran, ['approve']);
  const state = JSON.parse(repo.git('show', `glidepath/state:states/${RELEASE}.json`)) as { approvals: { stage: string; by: string }[] };
  assert.deepEqual(state.approvals.map((a) => [a.stage, a.by]), [['full', 'octocat']], 'the approval is recorded');
  assert.deepEqual(replies(h), [], 'GitHub refused the answer');
  assert.match(result.log, /warning: glidepath: could not acknowledge \/glidepath approve from octocat on #1: [^\n]*403[\s\S]*add `permissions: pull-requests: write` to the job/);
  assert.match(result.log, /warning: glidepath: could not answer \/glidepath approve from octocat on #1: [^\n]*403[\s\S]*The command's decision is not affected: it stands on the state branch\. To let Glidepath answer on pull requests, add `permissions: pull-requests: write` to the job\./);
  h.fake.assertClean();
});

test('a /glidepath pause comment on the dashboard issue the token may not answer still pauses, and the warning names issues: write', async () => {
  repo = quickstartRepo();
  await runCommand(startCommand, repo.dir, { release: RELEASE });
  const h = harness(repo.dir);
  h.github.permissions.set('octocat', 'write');
  const payload = commentOn(h, `/glidepath pause ${RELEASE} a customer report`, 'octocat', 'glidepath[bot]');
  delete (payload['issue'] as { pull_request?: object }).pull_request;
  h.fake.failNext('issues/create-comment', 403, 'Resource not accessible by integration');

  const result = await h.auto('issue_comment', payload);

  assert.equal(result.exitCode, 0, result.out + result.log);
  const state = JSON.parse(repo.git('show', `glidepath/state:states/${RELEASE}.json`)) as { phase: string };
  assert.equal(state.phase, 'paused');
  assert.match(result.log, /could not answer \/glidepath pause from octocat on #1[\s\S]*To let Glidepath answer on issues, add `permissions: issues: write` to the job\./);
  h.fake.assertClean();
});
