import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOctokit } from '../../../src/adapters/github/client.js';
import { GitHubError } from '../../../src/adapters/github/github-error.js';
import { createGitHubStateBranch } from '../../../src/adapters/github/state-branch.js';
import type { StateBranch } from '../../../src/ports/scm.js';
import { createGitHubFake, type GitHubFake } from '../../support/github-fake.js';

const TOKEN = 'ghs_stateBranchTOKEN0123456789';
const REPO = { owner: 'o', repo: 'r' };
const BRANCH = 'glidepath/state';

/** A runner of its own: its own client and adapter (so its own caches), the same GitHub. */
function runner(fake: GitHubFake, branch = BRANCH, sleeps: number[] = []): StateBranch {
  return createGitHubStateBranch(createOctokit(TOKEN, { fetch: fake.fetch, throttle: false, retry: false }), REPO, branch, { sleep: async (ms) => { sleeps.push(ms); } });
}

const text = (bytes: Uint8Array | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** Requests made while `run` runs, by operation. */
async function counted<T>(fake: GitHubFake, run: () => Promise<T>): Promise<{ value: T; routes: string[] }> {
  const before = fake.requests.length;
  const value = await run();
  return { value, routes: fake.routes().slice(before) };
}

test('a commit on a missing branch creates it without history', async () => {
  const fake = createGitHubFake();
  const branch = runner(fake);
  assert.equal(await branch.head(), null);
  const result = await branch.commit({ expectedHead: null, files: [{ path: 'states/a.json', content: '{"release":"a"}\n' }], message: 'glidepath: start a' });
  assert.equal(result.status, 'committed');
  assert.ok(result.status === 'committed');
  assert.equal(fake.git.head(BRANCH), result.sha);
  assert.equal(await branch.head(), result.sha);
  const commit = fake.git.objects.get(result.sha);
  assert.ok(commit?.type === 'commit');
  assert.deepEqual(commit.parents, []);
  assert.equal(commit.message, 'glidepath: start a');
  assert.deepEqual([...fake.git.files(BRANCH)], [['states/a.json', '{"release":"a"}\n']]);
  assert.ok(fake.routes().includes('POST /repos/{owner}/{repo}/git/refs'));
  fake.assertClean();
});

test('a commit on an existing branch keeps the other files and has the expected head as parent', async () => {
  const fake = createGitHubFake();
  const first = fake.git.commit(BRANCH, { 'states/a.json': 'a1', 'audit/a.jsonl': 'r1\n', 'audit/b.jsonl': 'b\n' });
  const branch = runner(fake);
  const result = await branch.commit({ expectedHead: first, files: [{ path: 'audit/a.jsonl', content: 'r1\nr2\n' }], message: 'm' });
  assert.ok(result.status === 'committed');
  const commit = fake.git.objects.get(result.sha);
  assert.ok(commit?.type === 'commit');
  assert.deepEqual(commit.parents, [first]);
  assert.deepEqual(Object.fromEntries(fake.git.files(BRANCH)), { 'states/a.json': 'a1', 'audit/a.jsonl': 'r1\nr2\n', 'audit/b.jsonl': 'b\n' });
  assert.ok(fake.requests.some((r) => r.operationId === 'git/update-ref' && (r.body as { force?: boolean }).force === false), 'the ref update is not forced');
  fake.assertClean();
});

test('a stale expectedHead answers conflict with the actual head and writes nothing', async () => {
  const fake = createGitHubFake();
  const stale = fake.git.commit(BRANCH, { 'states/a.json': 'v1' });
  const actual = fake.git.commit(BRANCH, { 'states/a.json': 'v2' }, 'another runner');
  const result = await runner(fake).commit({ expectedHead: stale, files: [{ path: 'states/a.json', content: 'v1-next' }], message: 'm' });
  assert.deepEqual(result, { status: 'conflict', actualHead: actual });
  assert.equal(fake.git.head(BRANCH), actual);
  assert.deepEqual(Object.fromEntries(fake.git.files(BRANCH)), { 'states/a.json': 'v2' });
  fake.assertClean();
});

test('creating a branch someone else created first answers conflict with their head', async () => {
  const fake = createGitHubFake();
  const theirs = fake.git.commit(BRANCH, { 'states/a.json': 'theirs' });
  const result = await runner(fake).commit({ expectedHead: null, files: [{ path: 'states/a.json', content: 'mine' }], message: 'm' });
  assert.deepEqual(result, { status: 'conflict', actualHead: theirs });
  assert.deepEqual(Object.fromEntries(fake.git.files(BRANCH)), { 'states/a.json': 'theirs' });
  fake.assertClean();
});

test('a commit expecting a head on a branch that was deleted answers conflict with a null head', async () => {
  const fake = createGitHubFake();
  const head = fake.git.commit(BRANCH, { 'states/a.json': 'v1' });
  fake.git.refs.delete(`refs/heads/${BRANCH}`);
  const result = await runner(fake).commit({ expectedHead: head, files: [{ path: 'states/a.json', content: 'v2' }], message: 'm' });
  assert.deepEqual(result, { status: 'conflict', actualHead: null });
  fake.assertClean();
});

test('two writers racing from the same head: exactly one commits and the other gets conflict', async () => {
  const fake = createGitHubFake();
  const start = fake.git.commit(BRANCH, { 'states/a.json': 'stage 1' });
  const [one, two] = [runner(fake), runner(fake)];
  const heads = await Promise.all([one.head(), two.head()]);
  assert.deepEqual(heads, [start, start]);
  const results = await Promise.all([
    one.commit({ expectedHead: start, files: [{ path: 'states/a.json', content: 'stage 2 by one' }], message: 'one' }),
    two.commit({ expectedHead: start, files: [{ path: 'states/a.json', content: 'stage 2 by two' }], message: 'two' }),
  ]);
  const committed = results.filter((r) => r.status === 'committed');
  const conflicts = results.filter((r) => r.status === 'conflict');
  assert.equal(committed.length, 1);
  assert.equal(conflicts.length, 1);
  const winner = committed[0] as { sha: string };
  assert.deepEqual(conflicts[0], { status: 'conflict', actualHead: winner.sha });
  assert.equal(fake.git.head(BRANCH), winner.sha);
  const commit = fake.git.objects.get(winner.sha);
  assert.ok(commit?.type === 'commit');
  assert.deepEqual(commit.parents, [start], 'the branch advanced by exactly one commit');
  fake.assertClean();
});

test('two writers racing to create the branch: exactly one creates it', async () => {
  const fake = createGitHubFake();
  const results = await Promise.all(['one', 'two'].map((who) => runner(fake).commit({ expectedHead: null, files: [{ path: 'states/a.json', content: who }], message: who })));
  const committed = results.filter((r) => r.status === 'committed');
  assert.equal(committed.length, 1);
  assert.deepEqual(results.find((r) => r.status === 'conflict'), { status: 'conflict', actualHead: (committed[0] as { sha: string }).sha });
  fake.assertClean();
});

test('a ref write GitHub refuses while the head stays put is retried, and fails after two retries', async () => {
  const fake = createGitHubFake();
  const start = fake.git.commit(BRANCH, { 'states/a.json': 'v1' });
  const sleeps: number[] = [];
  fake.failNext('git/update-ref', 422, 'Reference update failed');
  const result = await runner(fake, BRANCH, sleeps).commit({ expectedHead: start, files: [{ path: 'states/a.json', content: 'v2' }], message: 'm' });
  assert.ok(result.status === 'committed');
  assert.equal(fake.git.head(BRANCH), result.sha);
  assert.deepEqual(sleeps, [500]);

  const again: number[] = [];
  for (let i = 0; i < 3; i += 1) fake.failNext('git/update-ref', 422, 'Reference update failed');
  const error = await runner(fake, BRANCH, again).commit({ expectedHead: result.sha, files: [{ path: 'states/a.json', content: 'v3' }], message: 'm' }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof GitHubError && /Reference update failed/.test(error.message), String(error));
  assert.deepEqual(again, [500, 2000]);
  assert.equal(fake.git.head(BRANCH), result.sha);
  fake.assertClean();
});

test('a ref write reported failed that went through is a commit, not a conflict with itself', async () => {
  const fake = createGitHubFake();
  const start = fake.git.commit(BRANCH, { 'states/a.json': 'v1' });
  // GitHub applies the update but the answer is lost to a 422 (as after a timeout at its edge).
  fake.handle('git/update-ref', (r, f) => {
    f.git.refs.set(`refs/${r.params['ref']}`, (r.body as { sha: string }).sha);
    return { status: 422, body: { message: 'Reference update failed', documentation_url: 'https://docs.github.com/rest' } };
  });
  const result = await runner(fake).commit({ expectedHead: start, files: [{ path: 'states/a.json', content: 'v2' }], message: 'm' });
  assert.ok(result.status === 'committed', JSON.stringify(result));
  assert.equal(fake.git.head(BRANCH), result.sha);
  fake.assertClean();
});

test('reading files at a commit costs one tree call, and few new contents a blob call each', async () => {
  const fake = createGitHubFake();
  fake.git.commit(BRANCH, { 'states/a.json': 'a1', 'states/b.json': 'b1', 'audit/a.jsonl': 'r\n' });
  const branch = runner(fake);
  const cold = await counted(fake, async () => {
    const head = await branch.head() as string;
    const listed = await branch.listFiles(head, 'states');
    return { listed, read: await branch.readFiles(head, [...listed, 'states/missing.json']) };
  });
  assert.deepEqual(cold.value.listed, ['states/a.json', 'states/b.json']);
  assert.equal(text(cold.value.read.get('states/b.json')), 'b1');
  assert.equal(cold.value.read.has('states/missing.json'), false);
  assert.deepEqual(cold.routes.sort(), [
    'GET /repos/{owner}/{repo}/git/blobs/{file_sha}', 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
    'GET /repos/{owner}/{repo}/git/ref/{ref}', 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
  ], 'one tree call serves the listing and the reads');

  // Another runner changes one file: the next read fetches that one content only.
  fake.git.commit(BRANCH, { 'states/b.json': 'b2' });
  const next = await counted(fake, async () => {
    const head = await branch.head() as string;
    return branch.readFiles(head, await branch.listFiles(head, 'states'));
  });
  assert.equal(text(next.value.get('states/b.json')), 'b2');
  assert.equal(next.routes.filter((r) => r.includes('/git/blobs/')).length, 1);

  const warm = await counted(fake, async () => {
    const head = await branch.head() as string;
    return branch.readFiles(head, await branch.listFiles(head, 'states'));
  });
  assert.equal(warm.value.size, 2);
  assert.deepEqual(warm.routes, ['GET /repos/{owner}/{repo}/git/ref/{ref}'], 'an unchanged head costs the ref read alone');
  fake.assertClean();
});

test('a fresh runner reads 100 releases in three API requests, through the tarball', async () => {
  const fake = createGitHubFake();
  const files: Record<string, string> = {};
  for (let i = 0; i < 100; i += 1) {
    files[`states/release-${i}.json`] = `{"release":"release-${i}","phase":"progressing"}\n`;
    files[`audit/release-${i}.jsonl`] = `{"seq":1,"release":"release-${i}"}\n`;
    files[`audit/release-${i}.head.json`] = `{"seq":1}\n`;
  }
  files[`audit/${'long-'.repeat(25)}name.jsonl`] = 'a path longer than a tar header holds\n';
  fake.git.commit(BRANCH, files);
  const branch = runner(fake);
  const load = await counted(fake, async () => {
    const head = await branch.head() as string;
    const wanted = (await branch.listFiles(head, '')).filter((p) => /^states\/.*\.json$|^audit\/.*\.jsonl$/.test(p));
    return branch.readFiles(head, wanted);
  });
  assert.equal(load.value.size, 201);
  for (const [path, bytes] of load.value) assert.equal(text(bytes), files[path], path);
  assert.deepEqual(load.routes, ['GET /repos/{owner}/{repo}/git/ref/{ref}', 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}', 'GET /repos/{owner}/{repo}/tarball/{ref}']);
  assert.equal(fake.git.downloads.length, 1, 'the archive itself comes from codeload, outside the API');
  fake.assertClean();
});

test('reading back its own commit costs only the ref: no tree call, no blob', async () => {
  const fake = createGitHubFake();
  const start = fake.git.commit(BRANCH, { 'states/a.json': 'v1', 'audit/a.jsonl': 'r1\n' });
  const branch = runner(fake);
  await branch.readFiles(start, ['states/a.json', 'audit/a.jsonl']);
  const result = await counted(fake, () => branch.commit({ expectedHead: start, files: [{ path: 'states/a.json', content: 'v2' }, { path: 'audit/a.jsonl', content: 'r1\nr2\n' }], message: 'm' }));
  assert.deepEqual(result.routes, ['POST /repos/{owner}/{repo}/git/trees', 'POST /repos/{owner}/{repo}/git/commits', 'PATCH /repos/{owner}/{repo}/git/refs/{ref}'], 'a commit after a read costs three requests');
  const back = await counted(fake, async () => {
    const head = await branch.head() as string;
    return branch.readFiles(head, ['states/a.json', 'audit/a.jsonl']);
  });
  assert.equal(text(back.value.get('audit/a.jsonl')), 'r1\nr2\n');
  assert.deepEqual(back.routes, ['GET /repos/{owner}/{repo}/git/ref/{ref}'], 'the adapter knows the tree it made');
  assert.deepEqual(await branch.listFiles(await branch.head() as string, ''), ['audit/a.jsonl', 'states/a.json']);
  fake.assertClean();
});

test('deletions remove files, and deleting a file the branch lacks changes nothing', async () => {
  const fake = createGitHubFake();
  const start = fake.git.commit(BRANCH, { 'states/a.json': 'a', 'states/b.json': 'b', 'audit/a.jsonl': 'r\n' });
  const branch = runner(fake);
  const result = await branch.commit({ expectedHead: start, files: [{ path: 'states/a.json', content: null }, { path: 'states/never.json', content: null }], message: 'forget a' });
  assert.equal(result.status, 'committed');
  assert.deepEqual(Object.fromEntries(fake.git.files(BRANCH)), { 'states/b.json': 'b', 'audit/a.jsonl': 'r\n' });
  const tree = fake.requests.find((r) => r.operationId === 'git/create-tree');
  assert.deepEqual((tree?.body as { tree: unknown[] }).tree, [{ path: 'states/a.json', mode: '100644', type: 'blob', sha: null }]);
  assert.deepEqual(await branch.listFiles(await branch.head() as string, 'states'), ['states/b.json']);
  fake.assertClean();
});

test('a file larger than the inline limit is written as a blob and read back intact', async () => {
  const fake = createGitHubFake();
  const big = `${'x'.repeat(300 * 1024)}\nend — ünïcode\n`;
  const branch = runner(fake);
  const result = await branch.commit({ expectedHead: null, files: [{ path: 'audit/big.jsonl', content: big }, { path: 'states/big.json', content: 'small' }], message: 'm' });
  assert.ok(result.status === 'committed');
  assert.equal(fake.requests.filter((r) => r.operationId === 'git/create-blob').length, 1);
  assert.equal(fake.git.files(BRANCH).get('audit/big.jsonl'), big);
  assert.equal(text((await runner(fake).readFiles(result.sha, ['audit/big.jsonl'])).get('audit/big.jsonl')), big);
  fake.assertClean();
});

test('the same adapter serves the flag branch beside the state branch', async () => {
  const fake = createGitHubFake();
  const state = runner(fake, 'glidepath/state');
  const flags = runner(fake, 'glidepath/flags');
  const s = await state.commit({ expectedHead: null, files: [{ path: 'states/a.json', content: 's' }], message: 'state' });
  const f = await flags.commit({ expectedHead: null, files: [{ path: 'flags/assistant.flagd.json', content: '{"flags":{}}' }], message: 'flags' });
  assert.ok(s.status === 'committed' && f.status === 'committed');
  assert.equal(flags.name, 'glidepath/flags');
  assert.equal(await flags.head(), f.sha);
  assert.equal(await state.head(), s.sha);
  assert.deepEqual(await flags.listFiles(f.sha, ''), ['flags/assistant.flagd.json']);
  const next = await flags.commit({ expectedHead: f.sha, files: [{ path: 'flags/assistant.flagd.json', content: '{"flags":{"a":{}}}' }], message: 'weight' });
  assert.equal(next.status, 'committed');
  assert.deepEqual(Object.fromEntries(fake.git.files('glidepath/state')), { 'states/a.json': 's' }, 'the state branch is untouched');
  fake.assertClean();
});

test('a write with a read-only token fails naming contents: write, without the token', async () => {
  const fake = createGitHubFake();
  const start = fake.git.commit(BRANCH, { 'states/a.json': 'v1' });
  fake.failNext('git/create-tree', 403, 'Resource not accessible by integration');
  const error = await runner(fake).commit({ expectedHead: start, files: [{ path: 'states/a.json', content: 'v2' }], message: 'm' }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof GitHubError, String(error));
  assert.equal(error.permission, 'contents: write');
  assert.match(error.message, /permissions:\n {6}contents: write/);
  assert.ok(!error.message.includes(TOKEN));
  assert.equal(fake.git.head(BRANCH), start);
  fake.assertClean();
});

test('a ref write answered 404 names contents: write', async () => {
  const fake = createGitHubFake();
  fake.failNext('git/create-ref', 404, 'Not Found');
  const error = await runner(fake).commit({ expectedHead: null, files: [{ path: 'states/a.json', content: 'v' }], message: 'm' }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof GitHubError, String(error));
  assert.equal(error.status, 404);
  assert.match(error.message, /permissions: \{ contents: write \}/);
  fake.assertClean();
});

test('a branch name that git refuses is rejected before any request', () => {
  const fake = createGitHubFake();
  assert.throws(() => runner(fake, 'glidepath/../state'), /not a valid branch name.*spec\.stateBranch/);
  assert.equal(fake.requests.length, 0);
});

// -------------------------------------------------------------------------------------------
// A tiny state store on the StateBranch alone: each tick reads the head and the stage, advances
// it once, and commits with compare-and-swap; a conflict re-reads and re-plans. Two runners on
// two machines (two clients, no shared cache) must advance the rollout exactly once per decision.

async function tick(branch: StateBranch, from: number): Promise<'advanced' | 'already'> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const head = await branch.head();
    const files = head === null ? new Map<string, Uint8Array>() : await branch.readFiles(head, ['states/a.json', 'audit/a.jsonl']);
    const stage = Number(text(files.get('states/a.json')) ?? '0');
    if (stage > from) return 'already';
    const log = text(files.get('audit/a.jsonl')) ?? '';
    const result = await branch.commit({
      expectedHead: head,
      files: [{ path: 'states/a.json', content: String(stage + 1) }, { path: 'audit/a.jsonl', content: `${log}advance ${stage} -> ${stage + 1}\n` }],
      message: `advance to ${stage + 1}`,
    });
    if (result.status === 'committed') return 'advanced';
  }
  throw new Error('no progress after 5 attempts');
}

test('two runners ticking the same rollout through the GitHub state branch advance it exactly once', async () => {
  const fake = createGitHubFake();
  fake.git.commit(BRANCH, { 'states/a.json': '1', 'audit/a.jsonl': 'advance 0 -> 1\n' });
  const outcomes = await Promise.all([tick(runner(fake), 1), tick(runner(fake), 1)]);
  assert.deepEqual([...outcomes].sort(), ['advanced', 'already']);
  assert.deepEqual(Object.fromEntries(fake.git.files(BRANCH)), { 'states/a.json': '2', 'audit/a.jsonl': 'advance 0 -> 1\nadvance 1 -> 2\n' });
  const fresh = runner(fake);
  assert.equal(await tick(fresh, 2), 'advanced', 'a fresh runner continues from the branch alone');
  assert.equal(fake.git.files(BRANCH).get('states/a.json'), '3');
  fake.assertClean();
});
