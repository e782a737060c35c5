import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalGitScm, DEFAULT_GIT_IDENTITY } from '../../../src/adapters/scm/local-git.js';
import { createTempGitRepo, type TempGitRepo } from '../../support/temp-git-repo.js';

const repos: TempGitRepo[] = [];
function repo(files: Record<string, string> = { 'README.md': 'hello\n' }): TempGitRepo {
  const r = createTempGitRepo(files);
  repos.push(r);
  return r;
}
after(() => repos.forEach((r) => r.cleanup()));

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

test('readFile answers a file at a branch, a sha and a tag, and undefined for an absent path', async () => {
  const r = repo({ 'releases/a.yaml': 'one\n' });
  const first = r.git('rev-parse', 'HEAD');
  r.git('tag', 'v1');
  r.commit({ 'releases/a.yaml': 'two\n' }, 'second');
  const scm = createLocalGitScm(r.dir);
  assert.equal(await scm.revisions.readFile('main', 'releases/a.yaml'), 'two\n');
  assert.equal(await scm.revisions.readFile(first, 'releases/a.yaml'), 'one\n');
  assert.equal(await scm.revisions.readFile('v1', 'releases/a.yaml'), 'one\n');
  assert.equal(await scm.revisions.readFile('main', 'releases/missing.yaml'), undefined);
  assert.equal(await scm.revisions.readFile('main', 'releases'), undefined, 'a directory is not a file');
});

test('readFile on a ref that does not exist names the ref', async () => {
  const scm = createLocalGitScm(repo().dir);
  await assert.rejects(scm.revisions.readFile('no-such-branch', 'README.md'), /'no-such-branch' is not a branch, tag or commit/);
});

test('readFiles reads many files in one batch, keeps bytes exact and leaves absent paths out', async () => {
  const binary = '\u00e9t\u00e9 \u{1F680}\n';
  const r = repo({ 'a.txt': 'A', 'dir/b with space.txt': 'B\nB\n', 'u.txt': binary, 'empty.txt': '' });
  const files = await createLocalGitScm(r.dir).revisions.readFiles('HEAD', ['a.txt', 'missing', 'dir/b with space.txt', 'u.txt', 'empty.txt']);
  assert.deepEqual([...files.keys()].sort(), ['a.txt', 'dir/b with space.txt', 'empty.txt', 'u.txt']);
  assert.equal(Buffer.from(files.get('dir/b with space.txt')!).toString('utf8'), 'B\nB\n');
  assert.equal(Buffer.from(files.get('u.txt')!).toString('utf8'), binary);
  assert.equal(files.get('empty.txt')!.length, 0);
});

test('readFiles at two revisions hands out one byte array for a file they share, and fresh bytes for one that changed', async () => {
  const r = repo({ 'releases/same.yaml': 'same\n', 'releases/edited.yaml': 'before\n' });
  const first = r.git('rev-parse', 'HEAD');
  r.commit({ 'releases/edited.yaml': 'after\n' }, 'second');
  const scm = createLocalGitScm(r.dir);
  const paths = ['releases/same.yaml', 'releases/edited.yaml'];
  const [base, head] = await Promise.all([scm.revisions.readFiles(first, paths), scm.revisions.readFiles('main', paths)]);
  assert.equal(base.get('releases/same.yaml'), head.get('releases/same.yaml'));
  assert.equal(Buffer.from(base.get('releases/edited.yaml')!).toString('utf8'), 'before\n');
  assert.equal(Buffer.from(head.get('releases/edited.yaml')!).toString('utf8'), 'after\n');
});

test('listFiles lists recursively under a folder, or everything for an empty folder', async () => {
  const r = repo({ 'releases/a.yaml': 'a', 'releases/nested/b.yaml': 'b', 'policies/p.yaml': 'p', 'releases-old.txt': 'x' });
  const scm = createLocalGitScm(r.dir);
  assert.deepEqual((await scm.revisions.listFiles('main', 'releases')).sort(), ['releases/a.yaml', 'releases/nested/b.yaml']);
  assert.deepEqual((await scm.revisions.listFiles('main', 'releases/')).sort(), ['releases/a.yaml', 'releases/nested/b.yaml']);
  assert.deepEqual((await scm.revisions.listFiles('main', '')).sort(), ['policies/p.yaml', 'releases-old.txt', 'releases/a.yaml', 'releases/nested/b.yaml']);
  assert.deepEqual(await scm.revisions.listFiles('main', 'nothing-here'), []);
});

test('changedFiles lists paths changed on the head side since the merge base, renames as delete plus add', async () => {
  const r = repo({ 'releases/a.yaml': 'a', 'releases/b.yaml': 'b', 'other.txt': 'o' });
  const base = r.git('rev-parse', 'HEAD');
  r.git('checkout', '-q', '-b', 'feature');
  r.commit({ 'releases/a.yaml': 'a2', 'releases/b.yaml': null, 'releases/c.yaml': 'b' }, 'feature change');
  r.git('checkout', '-q', 'main');
  r.commit({ 'other.txt': 'changed on main' }, 'main moves on');
  const scm = createLocalGitScm(r.dir);
  const changed = (await scm.revisions.changedFiles('main', 'feature')).sort();
  assert.deepEqual(changed, ['releases/a.yaml', 'releases/b.yaml', 'releases/c.yaml'], 'main\'s own change is not part of the feature');
  assert.deepEqual(await scm.revisions.changedFiles(base, base), []);
});

test('resolve answers the commit of a branch or tag and undefined for an unknown ref or an option-looking ref', async () => {
  const r = repo();
  const head = r.git('rev-parse', 'HEAD');
  r.git('tag', '-a', 'v1', '-m', 'annotated');
  const scm = createLocalGitScm(r.dir);
  assert.equal(await scm.revisions.resolve('main'), head);
  assert.equal(await scm.revisions.resolve('v1'), head, 'an annotated tag peels to its commit');
  assert.equal(await scm.revisions.resolve('refs/heads/nope'), undefined);
  await assert.rejects(scm.revisions.resolve('--all'), /not a valid ref/);
});

test('a branch commit creates an orphan branch when expectedHead is null, without touching the working tree or the index', async () => {
  const r = repo({ 'README.md': 'hello\n' });
  r.git('config', '--unset', 'user.name');
  r.git('config', '--unset', 'user.email');
  const statusBefore = r.git('status', '--porcelain');
  const scm = createLocalGitScm(r.dir);
  // As on a fresh CI runner: no identity in any git config.
  const saved = { global: process.env['GIT_CONFIG_GLOBAL'], system: process.env['GIT_CONFIG_NOSYSTEM'] };
  process.env['GIT_CONFIG_GLOBAL'] = '/dev/null';
  process.env['GIT_CONFIG_NOSYSTEM'] = '1';
  let result;
  try {
    result = await scm.branch('glidepath/state').commit({ expectedHead: null, files: [{ path: 'states/a.json', content: '{"a":1}\n' }], message: 'start a\n\ndetails' });
  } finally {
    restoreEnv('GIT_CONFIG_GLOBAL', saved.global);
    restoreEnv('GIT_CONFIG_NOSYSTEM', saved.system);
  }
  assert.equal(result.status, 'committed');
  const sha = result.status === 'committed' ? result.sha : '';
  assert.equal(r.git('rev-parse', 'glidepath/state'), sha);
  assert.equal(r.git('rev-list', '--count', 'glidepath/state'), '1', 'orphan: no parent');
  assert.equal(r.git('show', 'glidepath/state:states/a.json'), '{"a":1}');
  assert.equal(r.git('log', '-1', '--format=%s|%an <%ae>|%cn', 'glidepath/state'), `start a|${DEFAULT_GIT_IDENTITY.name} <${DEFAULT_GIT_IDENTITY.email}>|${DEFAULT_GIT_IDENTITY.name}`);
  assert.equal(r.git('status', '--porcelain'), statusBefore);
  assert.equal(r.git('rev-parse', '--abbrev-ref', 'HEAD'), 'main');
  assert.equal(existsSync(join(r.dir, 'states')), false);
  assert.equal(r.git('ls-files'), 'README.md');
});

test('a branch commit adds, changes and deletes files on top of the expected head and keeps the others', async () => {
  const r = repo();
  const scm = createLocalGitScm(r.dir, { author: { name: 'Rollout Bot', email: 'bot@example.com' } });
  const first = await scm.branch('state').commit({ expectedHead: null, files: [{ path: 'a', content: '1' }, { path: 'b/c', content: '2' }, { path: 'd', content: '3' }], message: 'one' });
  assert.equal(first.status, 'committed');
  const head1 = first.status === 'committed' ? first.sha : '';
  const second = await scm.branch('state').commit({ expectedHead: head1, files: [{ path: 'a', content: '1b' }, { path: 'd', content: null }, { path: 'e', content: '5' }], message: 'two' });
  assert.equal(second.status, 'committed');
  assert.deepEqual((await scm.revisions.listFiles('state', '')).sort(), ['a', 'b/c', 'e']);
  assert.equal(await scm.revisions.readFile('state', 'a'), '1b');
  assert.equal(await scm.revisions.readFile('state', 'b/c'), '2');
  assert.equal(r.git('rev-parse', 'state^'), head1);
  assert.equal(r.git('log', '-1', '--format=%an <%ae>', 'state'), 'Rollout Bot <bot@example.com>');
});

test('a branch commit uses the repository identity when one is configured', async () => {
  const r = repo();
  const scm = createLocalGitScm(r.dir);
  await scm.branch('x').commit({ expectedHead: null, files: [{ path: 'f', content: 'f' }], message: 'm' });
  assert.equal(r.git('log', '-1', '--format=%an <%ae>', 'x'), 'Test Author <test@example.com>');
});

test('a branch commit reports a conflict with the actual head when the branch moved, and writes nothing', async () => {
  const r = repo();
  const scm = createLocalGitScm(r.dir);
  const first = await scm.branch('state').commit({ expectedHead: null, files: [{ path: 'a', content: '1' }], message: 'one' });
  const head1 = first.status === 'committed' ? first.sha : assert.fail('first commit');
  const stale = await scm.branch('state').commit({ expectedHead: null, files: [{ path: 'a', content: 'x' }], message: 'stale create' });
  assert.deepEqual(stale, { status: 'conflict', actualHead: head1 });
  const second = await scm.branch('state').commit({ expectedHead: head1, files: [{ path: 'a', content: '2' }], message: 'two' });
  const head2 = second.status === 'committed' ? second.sha : assert.fail('second commit');
  const lost = await scm.branch('state').commit({ expectedHead: head1, files: [{ path: 'a', content: 'lost' }], message: 'lost' });
  assert.deepEqual(lost, { status: 'conflict', actualHead: head2 });
  assert.equal(await scm.revisions.readFile('state', 'a'), '2');
});

test('of many branch commits racing from the same head exactly one wins and the rest see a conflict', async () => {
  const r = repo();
  const seed = await createLocalGitScm(r.dir).branch('state').commit({ expectedHead: null, files: [{ path: 'n', content: '0' }], message: 'seed' });
  const head = seed.status === 'committed' ? seed.sha : assert.fail('seed');
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => createLocalGitScm(r.dir).branch('state').commit({ expectedHead: head, files: [{ path: 'n', content: String(i + 1) }], message: `writer ${i}` })),
  );
  const winners = results.filter((x) => x.status === 'committed');
  assert.equal(winners.length, 1);
  assert.equal(r.git('rev-list', '--count', 'state'), '2');
  const winner = winners[0]!;
  assert.equal(r.git('rev-parse', 'state'), winner.status === 'committed' ? winner.sha : '');
  for (const loser of results.filter((x) => x.status === 'conflict')) assert.equal(loser.status === 'conflict' && loser.actualHead !== head, true);
});

test('a branch commit refuses an invalid branch name and a path that escapes the repository', async () => {
  const scm = createLocalGitScm(repo().dir);
  await assert.rejects(scm.branch('bad..name').commit({ expectedHead: null, files: [], message: 'm' }), /not a valid branch name/);
  await assert.rejects(scm.branch('ok').commit({ expectedHead: null, files: [{ path: '/etc/passwd', content: 'x' }], message: 'm' }), /not a repository-relative path/);
});

test('findOrCreate creates a branch from base with the files and the body in the commit message, once', async () => {
  const r = repo({ 'releases/a.yaml': 'challenger\n', 'README.md': 'r' });
  const base = r.git('rev-parse', 'HEAD');
  const scm = createLocalGitScm(r.dir);
  const request = { branch: 'glidepath/revert/a', base: 'main', title: 'Revert a', body: 'Rolled back: errors rose.', files: [{ path: 'releases/a.yaml', content: 'champion\n' }] };
  const opened = await scm.changeRequests.findOrCreate(request);
  assert.deepEqual(opened, { branch: 'glidepath/revert/a', url: `git branch glidepath/revert/a in ${r.dir}`, created: true });
  assert.equal(r.git('rev-parse', 'glidepath/revert/a^'), base);
  assert.equal(await scm.revisions.readFile('glidepath/revert/a', 'releases/a.yaml'), 'champion\n');
  assert.equal(await scm.revisions.readFile('glidepath/revert/a', 'README.md'), 'r');
  assert.equal(r.git('log', '-1', '--format=%B', 'glidepath/revert/a'), 'Revert a\n\nRolled back: errors rose.');
  assert.equal(readFileSync(join(r.dir, 'releases/a.yaml'), 'utf8'), 'challenger\n', 'the working tree is untouched');
  const again = await scm.changeRequests.findOrCreate({ ...request, body: 'different' });
  assert.equal(again.created, false);
  assert.equal(r.git('log', '-1', '--format=%B', 'glidepath/revert/a'), 'Revert a\n\nRolled back: errors rose.');
});

test('one local git handle keeps reading fresh branch heads and new objects after other processes write', async () => {
  const r = repo({ 'a.txt': 'one' });
  const scm = createLocalGitScm(r.dir);
  const first = await scm.revisions.resolve('main');
  assert.equal(await scm.revisions.readFile('main', 'a.txt'), 'one');
  const second = r.commit({ 'a.txt': 'two' }, 'second');
  assert.notEqual(second, first);
  assert.equal(await scm.revisions.resolve('main'), second);
  assert.equal(await scm.revisions.readFile('main', 'a.txt'), 'two');
  r.git('branch', 'later');
  assert.equal(await scm.revisions.resolve('later'), second);
  r.git('branch', '-D', 'later');
  assert.equal(await scm.revisions.resolve('later'), undefined);
  r.git('pack-refs', '--all');
  const third = r.commit({ 'a.txt': 'three' }, 'third');
  assert.equal(await scm.revisions.resolve('main'), third);
});

test('reads at a full object id that does not exist find nothing', async () => {
  const scm = createLocalGitScm(repo().dir);
  assert.deepEqual([...(await scm.revisions.readFiles('1'.repeat(40), ['a.txt'])).keys()], []);
});
