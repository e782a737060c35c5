import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createLocalGitScm } from '../../../src/adapters/scm/local-git.js';
import { changedPathsFromAncestor, MERGE_BASE_SEARCH_COMMITS } from '../../../src/adapters/scm/git-tree-diff.js';
import { GitObjectReader, parseTree } from '../../../src/adapters/scm/git-object-reader.js';
import { createTempGitRepo, type TempGitRepo } from '../../support/temp-git-repo.js';

const repos: TempGitRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

/** What git itself answers: the reference the tree walk must match. */
function gitDiff(repo: TempGitRepo, base: string, head: string): string[] {
  const out = repo.git('diff', '--name-only', '--no-renames', '-z', `${base}...${head}`, '--');
  return out.split('\0').filter((p) => p !== '').sort();
}

function treeWalk(repo: TempGitRepo, base: string, head: string): Promise<string[] | undefined> {
  const reader = new GitObjectReader('git', repo.dir, process.env);
  return changedPathsFromAncestor({ read: (name) => reader.read(name), entries: (tree) => parseTree(tree.content, base.length / 2) }, base, head)
    .finally(() => reader.close());
}

/** A seeded generator (mulberry32): the same edits on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['a', 'b', 'release-1.yaml', 'release-2.yaml', 'ü-prompt.md', 'x y', 'z'];

/** One random edit of the working tree: add, modify, delete, make executable, a link, or a file that becomes a folder and back. */
function edit(repo: TempGitRepo, next: () => number): void {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const path = join(...Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(['policies', 'releases', 'prompts', 'deep']))
    .slice(0, 1 + Math.floor(next() * 2)), pick(NAMES));
  const full = join(repo.dir, path);
  const action = next();
  try {
    rmSync(full, { recursive: true, force: true });
    if (action < 0.45) {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, `content ${next()}\n`);
    } else if (action < 0.55) {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, '#!/bin/sh\n');
      chmodSync(full, 0o755);
    } else if (action < 0.65) {
      mkdirSync(dirname(full), { recursive: true });
      symlinkSync('../target', full);
    } else if (action < 0.8) {
      mkdirSync(full, { recursive: true });
      writeFileSync(join(full, 'inner.yaml'), `inner ${next()}\n`);
    }
    // Otherwise the path stays deleted.
  } catch {
    // A parent that is a file (or the reverse) makes an edit impossible; the next one goes on.
  }
}

test('the tree walk lists exactly the paths git diff lists, over seeded histories of adds, edits, deletions, modes, links and folders replacing files', async () => {
  const repo = createTempGitRepo({ 'glidepath.yaml': 'a: 1\n' });
  repos.push(repo);
  const next = random(20261205);
  const commits = [repo.git('rev-parse', 'HEAD')];
  for (let c = 0; c < 12; c++) {
    for (let e = 0; e < 6; e++) edit(repo, next);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--allow-empty', '-m', `step ${c}`);
    commits.push(repo.git('rev-parse', 'HEAD'));
  }
  let compared = 0;
  const seen = new Set<string>();
  for (let i = 0; i < commits.length; i++) {
    for (let j = i; j < commits.length; j++) {
      const [base, head] = [commits[i] as string, commits[j] as string];
      const expected = gitDiff(repo, base, head);
      assert.deepEqual(await treeWalk(repo, base, head), expected, `${i}...${j}`);
      expected.forEach((path) => seen.add(path));
      compared += 1;
    }
  }
  assert.equal(compared, 91);
  // The history exercised what it claims to: links, executables, and a path that was a file and a folder.
  const types = repo.git('log', '--raw', '--no-renames', '--format=').split('\n');
  assert.ok(types.some((line) => / 120000 /.test(` ${line}`)), 'a symbolic link');
  assert.ok(types.some((line) => / 100755 /.test(` ${line}`)), 'an executable');
  assert.ok([...seen].some((path) => seen.has(`${path}/inner.yaml`)), 'a file that became a folder, or the reverse');
});

test('a base that is not an ancestor of head, or one further back than the search goes, is left to git, and changedFiles still answers as git does', async () => {
  const repo = createTempGitRepo({ 'releases/a.yaml': 'a: 1\n', 'releases/b.yaml': 'b: 1\n' });
  repos.push(repo);
  const fork = repo.git('rev-parse', 'HEAD');
  const onMain = repo.commit({ 'releases/a.yaml': 'a: 2\n' }, 'main moves on');
  repo.git('checkout', '-q', '-b', 'feature', fork);
  const onFeature = repo.commit({ 'releases/b.yaml': 'b: 2\n', 'releases/c.yaml': 'c: 1\n' }, 'feature');
  assert.equal(await treeWalk(repo, onMain, onFeature), undefined, 'diverged: the merge base is neither side');
  const scm = createLocalGitScm(repo.dir);
  assert.deepEqual((await scm.revisions.changedFiles(onMain, onFeature)).sort(), ['releases/b.yaml', 'releases/c.yaml']);
  assert.deepEqual((await scm.revisions.changedFiles(onMain, onFeature)).sort(), gitDiff(repo, onMain, onFeature));

  for (let i = 0; i <= MERGE_BASE_SEARCH_COMMITS; i++) repo.commit({ [`releases/n${i}.yaml`]: `n: ${i}\n` }, `feature ${i}`);
  const far = repo.git('rev-parse', 'HEAD');
  assert.equal(await treeWalk(repo, fork, far), undefined, 'further back than the search goes');
  assert.deepEqual((await scm.revisions.changedFiles(fork, far)).sort(), gitDiff(repo, fork, far));
  assert.deepEqual(await scm.revisions.changedFiles(onFeature, onFeature), []);
});
