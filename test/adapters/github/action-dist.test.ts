// ---------------------------------------------------------------------------------------------
// The bundled Action (dist/index.js) run as the runner runs it, once per event type: a child
// process with INPUT_*, GITHUB_EVENT_NAME/GITHUB_EVENT_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY,
// a real git clone as GITHUB_WORKSPACE, and GITHUB_API_URL pointing at the spec-checked GitHub fake
// served over HTTP. Payloads are @octokit/webhooks-examples', with only the fields that name this
// repository's commits, releases and people changed. The rollout tests share one repository and
// one fake, and follow one release through its life in order: merge, tick, alert, pause, resume,
// approve, rollback. `npm run build` first: these tests read dist/, not src/.
// ---------------------------------------------------------------------------------------------
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { weakeningPullRequest } from '../../core/plan/quickstart.js';
import { quickstartRepo } from '../../support/command-fixture.js';
import { createGitHubFake, type GitHubFake } from '../../support/github-fake.js';
import { serveCommentCommands, type CommentCommandsFake } from '../../support/github-fake-comments.js';
import { createTempGitRepo, type TempGitRepo } from '../../support/temp-git-repo.js';
import { webhookExample } from './webhook-examples.js';

const DIST = fileURLToPath(new URL('../../../dist/index.js', import.meta.url));
const TOKEN = 'ghs_distTokenNeverPrinted';
/** A provider credential the job's environment holds, named by the repository's glidepath.yaml. */
const SECRET = { name: 'GLIDEPATH_TEST_ROUTING_KEY', value: 'routing-key-never-printed-7c1e' };
const RELEASE = 'summarizer-prompt';
const RELEASE_FILE = `releases/${RELEASE}.yaml`;
/** The other release the merge changes: the monitoring alert rolls it back. */
const ALERTED = 'support-assistant';

const cleanup: (() => void)[] = [];
after(() => cleanup.forEach((f) => f()));

let server: Server;
let apiUrl: string;
/** The fake the server answers with; each test (or the rollout story) sets its own. */
let current: GitHubFake;

before(async () => {
  assert.ok(existsSync(DIST), 'dist/index.js is missing: run `npm run build` first');
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[key] = value;
      const body = chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined;
      current.fetch(`${apiUrl}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' }).then(async (answer) => {
        const out: Record<string, string> = {};
        answer.headers.forEach((value, key) => { out[key] = value; });
        res.writeHead(answer.status, out);
        res.end(Buffer.from(await answer.arrayBuffer()));
      }, (error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(error) }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server?.close());

function newFake(): { fake: GitHubFake; comments: CommentCommandsFake } {
  current = createGitHubFake({ baseUrl: apiUrl });
  return { fake: current, comments: serveCommentCommands(current) };
}

interface DistRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly outputs: string;
  readonly summary: string;
}

/** `node dist/index.js` in `workspace` for one event, as a runner starts a `uses:` step. */
async function runDist(workspace: string, eventName: string, payload: Record<string, unknown>, sha: string, env: Readonly<Record<string, string>> = {}): Promise<DistRun> {
  const files = mkdtempSync(join(tmpdir(), 'glidepath-dist-run-'));
  cleanup.push(() => rmSync(files, { recursive: true, force: true }));
  const event = join(files, 'event.json');
  writeFileSync(event, JSON.stringify(payload));
  writeFileSync(join(files, 'output'), '');
  writeFileSync(join(files, 'summary'), '');
  const repository = payload['repository'] as { full_name: string };
  const childEnv: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: event,
    GITHUB_SHA: sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REPOSITORY: repository.full_name,
    GITHUB_ACTOR: (payload['sender'] as { login: string }).login,
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_STEP_SUMMARY: join(files, 'summary'),
    // action.yml's defaults, as the runner passes them.
    INPUT_COMMAND: 'auto',
    INPUT_ROOT: '.',
    'INPUT_GITHUB-TOKEN': TOKEN,
    'INPUT_DRY-RUN': 'false',
    [SECRET.name]: SECRET.value,
    ...env,
  };
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [DIST], { cwd: workspace, env: childEnv, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
  const stdout = result.stdout + result.stderr;
  // What the runner shows: the token and every configured secret appear only in their ::add-mask:: lines.
  const shown = stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
  assert.ok(!shown.includes(TOKEN), 'the token is never printed');
  assert.ok(!shown.includes(SECRET.value), 'the configured secret is never printed');
  return { exitCode: result.code, stdout, outputs: readFileSync(join(files, 'output'), 'utf8'), summary: readFileSync(join(files, 'summary'), 'utf8') };
}

/**
 * Puts the clone's `main` into the fake, object for object under git's own hashes, so that the
 * workspace's commits are the fake's commits (a revert branches from the fake's `main`).
 */
function mirrorMain(fake: GitHubFake, dir: string): void {
  const git = (...args: string[]): Buffer => execFileSync('git', ['-C', dir, ...args], { maxBuffer: 64 * 1024 * 1024 });
  const seen = new Set<string>();
  const putTree = (sha: string): void => {
    if (seen.has(sha)) return;
    seen.add(sha);
    const entries = git('ls-tree', '-z', sha).toString('utf8').split('\0').filter(Boolean).map((line) => {
      const [meta = '', name = ''] = line.split('\t');
      const [mode = '', type = '', object = ''] = meta.split(' ');
      return { name, mode: mode === '40000' ? '040000' : mode, type: type as 'blob' | 'tree', sha: object };
    });
    for (const e of entries) {
      if (e.type === 'tree') putTree(e.sha);
      else if (!seen.has(e.sha)) {
        seen.add(e.sha);
        fake.git.objects.set(e.sha, { type: 'blob', content: git('cat-file', 'blob', e.sha) });
      }
    }
    fake.git.objects.set(sha, { type: 'tree', entries });
  };
  for (const sha of git('rev-list', '--reverse', 'main').toString('utf8').trim().split('\n')) {
    const [tree = '', parents = '', date = '', message = ''] = git('show', '-s', '--format=%T%x00%P%x00%cI%x00%B', sha).toString('utf8').split('\0');
    putTree(tree);
    fake.git.objects.set(sha, { type: 'commit', tree, parents: parents.split(' ').filter(Boolean), message: message.trimEnd(), date: new Date(date).toISOString().replace('.000Z', 'Z') });
  }
  fake.git.refs.set('refs/heads/main', git('rev-parse', 'main').toString('utf8').trim());
}

/** The quickstart with a PagerDuty routing key named in glidepath.yaml (the value stays in the environment). */
function repoWithNamedSecret(): TempGitRepo {
  const repo = quickstartRepo();
  cleanup.push(() => repo.cleanup());
  const config = join(repo.dir, 'glidepath.yaml');
  // Only on completion, which this story never reaches: no page is sent, yet the key is masked from the start.
  writeFileSync(config, `${readFileSync(config, 'utf8')}  notifications:\n    - name: on-call\n      type: pagerduty\n      routingKeyEnv: ${SECRET.name}\n      on: [completed]\n`);
  repo.commit({}, 'page the on-call on rollbacks');
  return repo;
}

function pullRequestPayload(base: string, head: string, fork: boolean): Record<string, unknown> {
  const payload = webhookExample('pull_request', 'opened');
  const pull = payload['pull_request'] as { head: { sha: string; repo: { fork: boolean; full_name: string } }; base: { sha: string } };
  pull.head.sha = head;
  pull.base.sha = base;
  if (fork) {
    pull.head.repo.fork = true;
    pull.head.repo.full_name = 'mallory/Hello-World';
  }
  return payload;
}

/** A pull request that weakens a policy; `lint`: also with a gate margin validate warns about. */
function pullRequestRepo(lint = false): { repo: TempGitRepo; base: string; head: string } {
  const pr = weakeningPullRequest();
  const repo = createTempGitRepo(pr.base);
  cleanup.push(() => repo.cleanup());
  const base = repo.git('rev-parse', 'HEAD');
  const policy = 'policies/model-upgrade.yaml';
  const files = lint ? { ...pr.head, [policy]: pr.head[policy]!.replace('maxIncrease: 2pp', 'maxIncrease: 0pp') } : pr.head;
  const head = repo.commit(files, 'weaken');
  return { repo, base, head };
}

test('dist: a pull request from the repository itself runs validate and plan, posting both check runs and the plan comment', async () => {
  const { repo, base, head } = pullRequestRepo();
  const { fake } = newFake();
  const run = await runDist(repo.dir, 'pull_request', pullRequestPayload(base, head, false), head);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.match(run.stdout, /pull_request opened: validate the files and plan the rollout/);
  assert.deepEqual(fake.checkRuns.map((c) => [c.name, c.head_sha]), [['Glidepath / validate', head], ['Glidepath / plan', head]]);
  assert.equal(fake.comments.length, 1, 'the sticky plan comment');
  assert.match(run.summary, /support-assistant/);
  fake.assertClean();
});

test('dist: a pull request from a fork gets validate and plan with a read-only token: 403s on the check runs and the comment are warnings, the job stays green, nothing else is written', async () => {
  const { repo, base, head } = pullRequestRepo(true);
  const { fake } = newFake();
  fake.failNext('checks/create', 403, 'Resource not accessible by integration');
  fake.failNext('checks/create', 403, 'Resource not accessible by integration');
  fake.failNext('issues/create-comment', 403, 'Resource not accessible by integration');
  const run = await runDist(repo.dir, 'pull_request', pullRequestPayload(base, head, true), head);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.match(run.stdout, /from a fork: validate and plan only/);
  assert.match(run.stdout, /^::warning file=policies\/model-upgrade.yaml,line=\d+,col=\d+,title=Glidepath policy\/margin-zero::/m, 'the annotation still reaches the pull request, from the log');
  assert.match(run.stdout, /::warning::could not publish the Glidepath \/ validate check run/);
  assert.match(run.stdout, /::warning::could not write the plan comment on pull request #2/);
  assert.match(run.outputs, /weakenings<<ghadelimiter_[^\n]+\n1\n/, 'the plan still ran');
  assert.deepEqual(fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`).sort(), [
    'POST /repos/Codertocat/Hello-World/check-runs',
    'POST /repos/Codertocat/Hello-World/check-runs',
    'POST /repos/Codertocat/Hello-World/issues/2/comments',
  ]);
  fake.assertClean();
});

// The rollout story: one repository, one fake, events in the order a release lives through them.
const story = (() => {
  let repo: TempGitRepo | undefined;
  let fake: GitHubFake | undefined;
  let comments: CommentCommandsFake | undefined;
  let merge = '';
  return {
    setUp() {
      if (repo) return;
      repo = repoWithNamedSecret();
      const release = join(repo.dir, RELEASE_FILE);
      writeFileSync(release, readFileSync(release, 'utf8').replace(/(challenger:[\s\S]*?temperature: )0/, '$10.1'));
      const other = join(repo.dir, `releases/${ALERTED}.yaml`);
      writeFileSync(other, readFileSync(other, 'utf8').replace('maxTokens: 400', 'maxTokens: 420'));
      merge = repo.commit({}, 'summarizer: warmer challenger; support assistant: longer answers');
      ({ fake, comments } = newFake());
      mirrorMain(fake, repo.dir);
      comments.permissions.set('octocat', 'write');
      comments.permissions.set('mallory', 'read');
      comments.pullFiles.set(1, [RELEASE_FILE]);
    },
    get repo(): TempGitRepo { return repo!; },
    get fake(): GitHubFake { current = fake!; return fake!; },
    get comments(): CommentCommandsFake { return comments!; },
    get merge(): string { return merge; },
  };
})();

function state(release = RELEASE): { phase: string; stage: string; split: { mode: string; weight?: number }; approvals: { kind?: string; by: string }[]; revision: number } {
  return JSON.parse(story.fake.git.files('glidepath/state').get(`states/${release}.json`) ?? '{}');
}

function lastAudit(): { event: string; actor: string; code?: string; reason: string } {
  const lines = (story.fake.git.files('glidepath/state').get(`audit/${RELEASE}.jsonl`) ?? '').trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '{}');
}

/** A real issue_comment payload: `body` from `user`, on pull request 1 (the release's). */
function comment(body: string, user: string): Record<string, unknown> {
  const payload = webhookExample('issue_comment', 'created');
  const written = story.fake.addComment(1, body, user);
  const c = payload['comment'] as { id: number; body: string; user: { login: string } };
  Object.assign(c, { id: written.id, body });
  c.user.login = user;
  const issue = payload['issue'] as { number: number; pull_request?: object; user: { login: string } };
  issue.number = 1;
  issue.user.login = 'Codertocat';
  issue.pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1', html_url: 'https://github.com/Codertocat/Hello-World/pull/1', diff_url: 'https://github.com/Codertocat/Hello-World/pull/1.diff', patch_url: 'https://github.com/Codertocat/Hello-World/pull/1.patch', merged_at: null };
  (payload['sender'] as { login: string }).login = user;
  return payload;
}

const replies = (): string[] => story.fake.comments.filter((c) => c.login === 'github-actions[bot]').map((c) => c.body);

test('dist: a push to the default branch starts the rollout, with the state on the state branch through the API and the configured secret masked', async () => {
  story.setUp();
  const payload = webhookExample('push');
  Object.assign(payload, { ref: 'refs/heads/main', before: story.repo.git('rev-parse', 'HEAD~1'), after: story.merge });
  (payload['repository'] as Record<string, unknown>)['default_branch'] = 'main';
  const run = await runDist(story.repo.dir, 'push', payload, story.merge);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.ok(run.stdout.includes(`::add-mask::${SECRET.value}`), 'the routing key glidepath.yaml names is masked');
  assert.equal(state().phase, 'progressing');
  assert.equal(state(ALERTED).phase, 'progressing');
  assert.match(lastAudit().event, /start/);
  story.fake.assertClean();
});

test('dist: a scheduled tick evaluates the rollout from the state branch and holds it for its bake time', async () => {
  story.setUp();
  const push = webhookExample('push');
  const payload = { schedule: '*/10 * * * *', repository: push['repository'], sender: push['sender'] };
  const before = state().revision;
  const run = await runDist(story.repo.dir, 'schedule', payload, story.merge);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.match(run.stdout, /a scheduled tick evaluates every active rollout/);
  assert.match(run.stdout, new RegExp(`${RELEASE} +canary-10 +traffic 10% +hold`));
  assert.ok(state().revision >= before);
  story.fake.assertClean();
});

test('dist: a glidepath-alert repository_dispatch evaluates the release it names at once', async () => {
  story.setUp();
  const payload = { ...webhookExample('repository_dispatch'), action: 'glidepath-alert', client_payload: { release: RELEASE } };
  const run = await runDist(story.repo.dir, 'repository_dispatch', payload, story.merge);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.match(run.stdout, new RegExp(`an alert for ${RELEASE}: evaluate it now`));
  assert.equal(state().phase, 'progressing');
  story.fake.assertClean();
});

test('dist: a workflow_dispatch asking for pause pauses the release, recording the actor and the reason', async () => {
  story.setUp();
  const payload = webhookExample('workflow_dispatch');
  payload['inputs'] = { command: 'pause', release: RELEASE, reason: 'support queue doubled' };
  const run = await runDist(story.repo.dir, 'workflow_dispatch', payload, story.merge);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.equal(state().phase, 'paused');
  assert.deepEqual(state().split, { mode: 'traffic', weight: 10 });
  const record = lastAudit();
  assert.deepEqual([record.event, record.code, record.actor], ['pause', 'pause:manual', (payload['sender'] as { login: string }).login]);
  assert.match(record.reason, /support queue doubled$/);
  story.fake.assertClean();
});

test('dist: /glidepath resume from a writer resumes the paused rollout, with a reaction and a reply', async () => {
  story.setUp();
  const run = await runDist(story.repo.dir, 'issue_comment', comment('/glidepath resume the queue is back to normal', 'octocat'), story.merge);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.equal(state().phase, 'progressing');
  assert.deepEqual(state().approvals.map((a) => [a.kind, a.by]), [['resume', 'octocat']]);
  assert.deepEqual(story.comments.reactions.slice(-2).map((r) => r.content), ['eyes', '+1']);
  assert.match(replies().at(-1)!, /Glidepath ran `glidepath approve --release summarizer-prompt`/);
  story.fake.assertClean();
});

test('dist: /glidepath pause from a writer pauses it again; the reply and the rollout comment render the reason inert', async () => {
  story.setUp();
  const run = await runDist(story.repo.dir, 'issue_comment', comment('/glidepath pause <b>@everyone</b> ## Verdict: pass', 'octocat'), story.merge);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.equal(state().phase, 'paused');
  assert.equal(lastAudit().actor, 'octocat');
  for (const body of story.fake.comments.filter((c) => c.login === 'github-actions[bot]').map((c) => c.body)) {
    assert.doesNotMatch(body.replace(/```+text\n[\s\S]*?\n```+/g, ''), /<b>|@everyone|\n## /, body);
  }
  story.fake.assertClean();
});

test('dist: /glidepath approve from a writer resumes and records their approval', async () => {
  story.setUp();
  const run = await runDist(story.repo.dir, 'issue_comment', comment('/glidepath approve looked at the dashboards', 'octocat'), story.merge);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.equal(state().phase, 'progressing');
  assert.deepEqual(state().approvals.map((a) => [a.kind, a.by]).at(-1), ['resume', 'octocat']);
  story.fake.assertClean();
});

test('dist: a /glidepath rollback from a reader is refused with a reply, and the job stays green', async () => {
  story.setUp();
  const before = state().revision;
  const run = await runDist(story.repo.dir, 'issue_comment', comment('/glidepath rollback', 'mallory'), story.merge);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.equal(state().revision, before, 'nothing recorded');
  assert.equal(story.comments.reactions.at(-1)?.content, '-1');
  assert.match(replies().at(-1)!, /mallory has read access to this repository; \/glidepath commands need write access/);
  story.fake.assertClean();
});

test('dist: /glidepath rollback from a writer restores the champion and opens the revert pull request', async () => {
  story.setUp();
  const run = await runDist(story.repo.dir, 'issue_comment', comment('/glidepath rollback summaries got worse', 'octocat'), story.merge);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.equal(state().phase, 'rolled-back');
  assert.deepEqual(lastAudit().event, 'rollback');
  assert.equal(story.fake.git.pulls.length, 1, 'the revert pull request');
  story.fake.assertClean();
});

test('dist: a glidepath-alert repository_dispatch asking for a rollback restores the champion within the run and opens its revert', async () => {
  story.setUp();
  const pulls = story.fake.git.pulls.length;
  const payload = { ...webhookExample('repository_dispatch'), action: 'glidepath-alert', client_payload: { release: ALERTED, action: 'rollback', reason: 'error-rate page' } };
  const run = await runDist(story.repo.dir, 'repository_dispatch', payload, story.merge);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.match(run.stdout, new RegExp(`an alert asks to roll back ${ALERTED}`));
  assert.equal(state(ALERTED).phase, 'rolled-back');
  assert.deepEqual(state(ALERTED).split, { mode: 'off', weight: 0 });
  assert.equal(story.fake.git.pulls.length, pulls + 1, 'the revert pull request');
  story.fake.assertClean();
});
