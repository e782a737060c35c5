import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readRepositoryFromDisk, RepositoryRootError } from '../../../src/adapters/fs/read-repository.js';
import { YAML_LIMITS } from '../../../src/core/yaml/limits.js';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-fs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function write(root: string, path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

const RELEASE = (prompt: string): string => `apiVersion: glidepath.dev/v1\nkind: Release\nmetadata: { name: r }\nspec:\n  champion: { model: a, prompt: ${prompt} }\n  challenger: { model: b }\n`;

test('reads glidepath.yaml, YAML under policies/ and releases/ at any depth, and the prompts releases name', async (t) => {
  const root = tempDir(t);
  write(root, 'glidepath.yaml', 'kind: Config\n');
  write(root, 'policies/a.yaml', 'a: 1\n');
  write(root, 'policies/team/b.yml', 'b: 1\n');
  write(root, 'policies/README.md', '# not read\n');
  write(root, 'releases/r.yaml', RELEASE('./prompts/p.md'));
  write(root, 'prompts/p.md', 'Be kind.\n');
  write(root, 'prompts/unused.md', 'not referenced\n');
  write(root, 'other/x.yaml', 'not a glidepath folder\n');
  const snapshot = await readRepositoryFromDisk(root);
  assert.deepEqual([...snapshot.files.keys()].sort(), ['glidepath.yaml', 'policies/a.yaml', 'policies/team/b.yml', 'prompts/p.md', 'releases/r.yaml']);
  assert.equal(new TextDecoder().decode(snapshot.files.get('prompts/p.md')), 'Be kind.\n');
  assert.deepEqual(snapshot.problems, []);
});

test('a symbolic link that leaves the repository is reported and never read', async (t) => {
  const outside = tempDir(t);
  write(outside, 'secret.yaml', 'password: hunter2\n');
  mkdirSync(join(outside, 'dir'));
  write(outside, 'dir/x.yaml', 'x: 1\n');
  const root = tempDir(t);
  write(root, 'glidepath.yaml', 'kind: Config\n');
  mkdirSync(join(root, 'policies'));
  symlinkSync(join(outside, 'secret.yaml'), join(root, 'policies/linked.yaml'));
  symlinkSync(join(outside, 'dir'), join(root, 'policies/linked-dir'));
  const snapshot = await readRepositoryFromDisk(root);
  assert.deepEqual([...snapshot.files.keys()], ['glidepath.yaml']);
  assert.deepEqual(snapshot.problems.map((p) => [p.file, p.rule, p.line, p.col]), [
    ['policies/linked-dir', 'file/symlink-outside', 1, 1],
    ['policies/linked.yaml', 'file/symlink-outside', 1, 1],
  ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  assert.equal(JSON.stringify(snapshot.problems).includes(outside), false);
});

test('a symbolic link within the repository is followed, and a link loop does not hang', async (t) => {
  const root = tempDir(t);
  write(root, 'shared/base.yaml', 'a: 1\n');
  mkdirSync(join(root, 'policies'));
  symlinkSync(join(root, 'shared/base.yaml'), join(root, 'policies/base.yaml'));
  symlinkSync(join(root, 'policies'), join(root, 'policies/loop'));
  symlinkSync(join(root, 'nowhere.yaml'), join(root, 'policies/dangling.yaml'));
  const snapshot = await readRepositoryFromDisk(root);
  assert.deepEqual([...snapshot.files.keys()], ['policies/base.yaml']);
  assert.deepEqual(snapshot.problems.map((p) => [p.file, p.rule]), [['policies/dangling.yaml', 'file/unreadable']]);
});

test('a prompt path that escapes the repository is not followed, even when the file exists', async (t) => {
  const root = tempDir(t);
  write(root, 'releases/r.yaml', RELEASE('../outside.md'));
  write(dirname(root), 'outside.md', 'not ours\n');
  t.after(() => rmSync(join(dirname(root), 'outside.md'), { force: true }));
  const snapshot = await readRepositoryFromDisk(root);
  assert.deepEqual([...snapshot.files.keys()], ['releases/r.yaml']);
});

test('a prompt that is a link out of the repository is reported and not read', async (t) => {
  const outside = tempDir(t);
  write(outside, 'prompt.md', 'outside\n');
  const root = tempDir(t);
  write(root, 'releases/r.yaml', RELEASE('prompts/p.md'));
  mkdirSync(join(root, 'prompts'));
  symlinkSync(join(outside, 'prompt.md'), join(root, 'prompts/p.md'));
  const snapshot = await readRepositoryFromDisk(root);
  assert.equal(snapshot.files.has('prompts/p.md'), false);
  assert.deepEqual(snapshot.problems.map((p) => [p.file, p.rule]), [['prompts/p.md', 'file/symlink-outside']]);
});

test('an oversized file is reported from its size and not read', async (t) => {
  const root = tempDir(t);
  write(root, 'releases/big.yaml', Buffer.alloc(YAML_LIMITS.maxFileBytes + 1, 0x61));
  const snapshot = await readRepositoryFromDisk(root);
  assert.equal(snapshot.files.has('releases/big.yaml'), false);
  assert.deepEqual(snapshot.problems.map((p) => [p.file, p.rule]), [['releases/big.yaml', 'file/too-large']]);
  assert.match(snapshot.problems[0]?.message ?? '', /1 MiB/);
});

test('no more than the file cap is read', async (t) => {
  const root = tempDir(t);
  for (let i = 0; i < 5; i++) write(root, `releases/r${i}.yaml`, 'a: 1\n');
  const snapshot = await readRepositoryFromDisk(root, { ...YAML_LIMITS, maxFiles: 3 });
  assert.equal(snapshot.files.size, 3);
  assert.deepEqual(snapshot.problems.map((p) => [p.file, p.rule]), [['releases/r3.yaml', 'file/too-many']]);
});

test('a root that does not exist is a usage problem, not a crash', async (t) => {
  const root = join(tempDir(t), 'missing');
  await assert.rejects(readRepositoryFromDisk(root), (error: unknown) => error instanceof RepositoryRootError && /does not exist/.test(error.message));
  const file = join(tempDir(t), 'file');
  writeFileSync(file, 'x');
  await assert.rejects(readRepositoryFromDisk(file), RepositoryRootError);
});

test('reading stops once the files add up to the repository cap', async (t) => {
  const root = tempDir(t);
  write(root, 'releases/a.yaml', 'a: 12\n');
  write(root, 'releases/b.yaml', 'b: 12\n');
  write(root, 'releases/c.yaml', 'c: 12\n');
  const snapshot = await readRepositoryFromDisk(root, { ...YAML_LIMITS, maxTotalBytes: 13 });
  assert.deepEqual([...snapshot.files.keys()], ['releases/a.yaml', 'releases/b.yaml']);
  assert.deepEqual(snapshot.problems.map((p) => [p.file, p.rule]), [['releases/c.yaml', 'repository/too-large']]);
});
