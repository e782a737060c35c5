import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localFlagd, settled } from '../../support/local-flagd.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('the temporary flag file a killed run left next to the flag file is removed by the next write; a live run’s and other files are kept', async () => {
  const root = mkdtempSync(join(tmpdir(), 'glidepath-flagd-tmp-'));
  dirs.push(root);
  mkdirSync(join(root, 'flags'));
  // A real process killed with SIGKILL between writing its copy and renaming it.
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadPid = child.pid!;
  child.kill('SIGKILL');
  await exited;
  const dead = join(root, 'flags', `glidepath.flagd.json.${deadPid}-0a1b2c3d4e5f.tmp`);
  const live = join(root, 'flags', `glidepath.flagd.json.${process.pid}-0a1b2c3d4e5f.tmp`);
  const other = join(root, 'flags', `other.json.${deadPid}-0a1b2c3d4e5f.tmp`);
  for (const file of [dead, live, other]) writeFileSync(file, '{');
  const provider = localFlagd({ path: 'flags/glidepath.flagd.json' }, root);
  const answer = await provider.apply({ release: 'r', key: 'k', champion: { model: 'a' }, challenger: { model: 'b' } }, { mode: 'traffic', weight: 5 });
  assert.deepEqual(answer, settled({ mode: 'traffic', weight: 5 }));
  assert.equal(existsSync(dead), false, 'the dead run’s copy is gone');
  assert.ok(existsSync(live) && existsSync(other), 'a live run’s copy and another file’s are kept');
});
