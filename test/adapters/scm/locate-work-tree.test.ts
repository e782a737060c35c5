import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
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
