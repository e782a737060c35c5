import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateWorkTree } from '../../../src/adapters/scm/local-git.js';
import { createTempGitRepo } from '../../support/temp-git-repo.js';

const repo = createTempGitRepo({ 'README.md': 'app\n', 'ai/glidepath.yaml': 'a: 1\n', 'ai/releases/x.yaml': 'x: 1\n' });
after(() => repo.cleanup());

test('locateWorkTree names the top of the work tree and a sub-folder\'s path from it, and nothing outside one', async () => {
  const top = realpathSync(repo.dir);
  assert.deepEqual(await locateWorkTree(repo.dir), { top, prefix: '' });
  assert.deepEqual(await locateWorkTree(join(repo.dir, 'ai')), { top, prefix: 'ai' });
  assert.deepEqual(await locateWorkTree(join(repo.dir, 'ai', 'releases')), { top, prefix: 'ai/releases' });
  const outside = mkdtempSync(join(tmpdir(), 'glidepath-nogit-'));
  try {
    assert.equal(await locateWorkTree(outside), undefined);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('the work tree is found as git finds it: a linked work tree, a repository nested in another, a .git folder that is no repository, and git asked when its environment decides', async () => {
  const top = realpathSync(repo.dir);
  const asGit = (dir: string, env: NodeJS.ProcessEnv = process.env): { top: string; prefix: string } | undefined => {
    const result = spawnSync('git', ['-C', dir, 'rev-parse', '--show-toplevel', '--show-prefix'], { encoding: 'utf8', env });
    if (result.status !== 0) return undefined;
    const [t, prefix = ''] = result.stdout.split('\n');
    return { top: t as string, prefix: prefix.replace(/\/+$/, '') };
  };
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'glidepath-worktrees-')));
  try {
    const linked = join(scratch, 'linked');
    repo.git('worktree', 'add', '-q', '--detach', linked);
    const nested = join(top, 'ai', 'vendored');
    mkdirSync(nested, { recursive: true });
    spawnSync('git', ['init', '-q', nested]);
    const notARepo = join(top, 'ai', 'releases', 'odd');
    mkdirSync(join(notARepo, '.git'), { recursive: true });
    for (const dir of [join(linked, 'ai'), linked, nested, notARepo, join(top, '.git'), join(top, '.git', 'refs')]) {
      assert.deepEqual(await locateWorkTree(dir), asGit(dir), dir);
    }
    assert.equal((await locateWorkTree(join(linked, 'ai')))?.top, linked);
    assert.equal((await locateWorkTree(notARepo))?.prefix, 'ai/releases/odd', 'an empty .git folder is passed over');

    // GIT_DIR points git at another repository: only git can say where that leaves the folder.
    const saved = process.env['GIT_DIR'];
    process.env['GIT_DIR'] = join(nested, '.git');
    try {
      assert.deepEqual(await locateWorkTree(join(top, 'ai')), asGit(join(top, 'ai')));
    } finally {
      if (saved === undefined) delete process.env['GIT_DIR'];
      else process.env['GIT_DIR'] = saved;
    }
  } finally {
    repo.git('worktree', 'remove', '--force', join(scratch, 'linked'));
    rmSync(scratch, { recursive: true, force: true });
    rmSync(join(top, 'ai', 'vendored'), { recursive: true, force: true });
    rmSync(join(top, 'ai', 'releases', 'odd'), { recursive: true, force: true });
  }
});
