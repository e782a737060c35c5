import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkingTreeFiles } from '../../../src/adapters/fs/working-tree-files.js';
import { flagdFiles } from '../../../src/adapters/providers/flagd.js';
import { gitOpsAsApi } from '../../../src/engine/gitops-provider.js';
import type { FlagFiles } from '../../../src/ports/flag-files.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempRoot(): string {
  const d = mkdtempSync(join(tmpdir(), 'glidepath-tree-'));
  dirs.push(d);
  return d;
}

test('a write with the version read fails as a conflict when the file changed in between, and changes nothing', async () => {
  const root = tempRoot();
  writeFileSync(join(root, 'f.json'), '{"a":1}');
  const files = createWorkingTreeFiles(root);
  const read = await files.read(['f.json', 'missing.json']);
  assert.ok(read.ok);
  assert.deepEqual([...read.value.files], [['f.json', '{"a":1}']]);
  writeFileSync(join(root, 'f.json'), '{"a":2}');
  assert.deepEqual(await files.write([{ path: 'f.json', content: '{"a":3}' }], read.value.version, 'm'), { ok: true, value: { status: 'conflict' } });
  assert.equal(readFileSync(join(root, 'f.json'), 'utf8'), '{"a":2}');
  const again = await files.read(['f.json']);
  assert.ok(again.ok);
  const written = await files.write([{ path: 'f.json', content: '{"a":3}' }], again.value.version, 'm');
  assert.equal(written.ok && written.value.status, 'committed');
  assert.equal(readFileSync(join(root, 'f.json'), 'utf8'), '{"a":3}');
});

test('a GitOps apply that loses the race re-reads and re-renders, so another writer’s flag is kept', async () => {
  const root = tempRoot();
  const real = createWorkingTreeFiles(root);
  let raced = false;
  // Someone adds their own flag to the file between the engine's read and its first write.
  const racing: FlagFiles = {
    read: (paths) => real.read(paths),
    write: async (changes, version, message) => {
      if (!raced) {
        raced = true;
        writeFileSync(join(root, 'flags.json'), JSON.stringify({ flags: { theirs: { state: 'DISABLED', variants: { on: true }, defaultVariant: 'on' } } }));
      }
      return real.write(changes, version, message);
    },
  };
  const provider = gitOpsAsApi(flagdFiles({ path: 'flags.json' }), racing);
  const answer = await provider.apply({ release: 'r', key: 'mine', champion: { model: 'a' }, challenger: { model: 'b' } }, { mode: 'traffic', weight: 5 });
  assert.deepEqual(answer, { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 5 } } });
  const flags = (JSON.parse(readFileSync(join(root, 'flags.json'), 'utf8')) as { flags: Record<string, unknown> }).flags;
  assert.deepEqual(Object.keys(flags).sort(), ['mine', 'theirs']);
});
