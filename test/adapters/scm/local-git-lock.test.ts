import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalGitScm, removeStaleIndexDirs, STALE_INDEX_DIR_MS, STALE_REF_LOCK_MS } from '../../../src/adapters/scm/local-git.js';
import { createTempGitRepo, type TempGitRepo } from '../../support/temp-git-repo.js';

let repo: TempGitRepo | undefined;
let scratch: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  repo = undefined;
  scratch = undefined;
});

function age(path: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
}

test('a branch commit tells a ref lock a live writer holds (a lost race) from a stale one, which it reports with its path and age', async () => {
  repo = createTempGitRepo({ 'README.md': 'x\n' });
  const scm = createLocalGitScm(repo.dir);
  const first = await scm.branch('glidepath/state').commit({ expectedHead: null, files: [{ path: 'a', content: '1' }], message: 'one' });
  assert.equal(first.status, 'committed');
  const head = first.status === 'committed' ? first.sha : '';
  const lock = join(repo.dir, '.git/refs/heads/glidepath/state.lock');
  writeFileSync(lock, '');
  const racing = await scm.branch('glidepath/state').commit({ expectedHead: head, files: [{ path: 'a', content: '2' }], message: 'two' });
  assert.deepEqual(racing, { status: 'conflict', actualHead: head });
  age(lock, STALE_REF_LOCK_MS + 5_000);
  const blocked = await scm.branch('glidepath/state').commit({ expectedHead: head, files: [{ path: 'a', content: '2' }], message: 'two' });
  assert.equal(blocked.status, 'locked');
  assert.equal(blocked.status === 'locked' ? blocked.lockFile : '', lock);
  assert.ok(blocked.status === 'locked' && blocked.ageMs >= STALE_REF_LOCK_MS, 'its age is reported');
  assert.equal(repo.git('rev-parse', 'refs/heads/glidepath/state'), head, 'nothing was written');
  rmSync(lock);
  const after = await scm.branch('glidepath/state').commit({ expectedHead: head, files: [{ path: 'a', content: '2' }], message: 'two' });
  assert.equal(after.status, 'committed');
});

test('the index folders of runs killed mid-commit are removed: a dead pid, or too old; a live run keeps its folder', async () => {
  scratch = mkdtempSync(join(tmpdir(), 'glidepath-scratch-'));
  // A real process, killed with SIGKILL: its pid is no longer running.
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadPid = child.pid!;
  child.kill('SIGKILL');
  await exited;
  const dead = join(scratch, `glidepath-index-${deadPid}-abc123`);
  const mine = join(scratch, `glidepath-index-${process.pid}-def456`);
  const unnamedYoung = join(scratch, 'glidepath-index-Xy12Zq');
  const unnamedOld = join(scratch, 'glidepath-index-Ab34Cd');
  const other = join(scratch, 'someone-else');
  for (const dir of [dead, mine, unnamedYoung, unnamedOld, other]) {
    mkdirSync(dir);
    writeFileSync(join(dir, 'index'), 'x');
  }
  age(unnamedOld, STALE_INDEX_DIR_MS + 60_000);
  age(other, STALE_INDEX_DIR_MS + 60_000);
  const removed = await removeStaleIndexDirs(scratch);
  assert.deepEqual(removed.sort(), [dead, unnamedOld].sort());
  assert.equal(existsSync(dead), false);
  assert.equal(existsSync(unnamedOld), false);
  assert.ok(existsSync(mine) && existsSync(unnamedYoung) && existsSync(other), 'a live run’s folder, a young one and other programs’ are kept');
});
