import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRepositoryAt } from '../../src/engine/read-repository-at.js';
import { loadRepository } from '../../src/core/validate/load-repository.js';
import { YAML_LIMITS } from '../../src/core/yaml/limits.js';
import type { RevisionReader } from '../../src/ports/scm.js';
import { BASE_FILES } from '../core/validate/repo-fixture.js';

/** A RevisionReader whose commits are plain maps of files; records what was read. */
function fakeScm(refs: Record<string, Record<string, string>>): RevisionReader & { reads: string[] } {
  const reads: string[] = [];
  const unused = (): never => {
    throw new Error('not used by the reader');
  };
  return {
    reads,
    readFile: async (ref, path) => {
      reads.push(`${ref}:${path}`);
      return refs[ref]?.[path];
    },
    readFiles: async (ref, paths) => {
      const out = new Map<string, Uint8Array>();
      for (const path of paths) {
        reads.push(`${ref}:${path}`);
        const text = refs[ref]?.[path];
        if (text !== undefined) out.set(path, new TextEncoder().encode(text));
      }
      return out;
    },
    listFiles: async (ref, dir) => Object.keys(refs[ref] ?? {}).filter((p) => dir === '' || p.startsWith(`${dir}/`)),
    changedFiles: unused,
    resolve: unused,
    parentOf: unused,
  };
}

test('reads the Glidepath files and the prompts they name at a ref, and nothing else', async () => {
  const scm = fakeScm({ main: { ...BASE_FILES, 'prompts/unused.md': 'x', 'docs/notes.yaml': 'x: 1\n', 'policies/README.md': '#' } });
  const snapshot = await readRepositoryAt(scm, 'main');
  assert.deepEqual([...snapshot.files.keys()].sort(), ['glidepath.yaml', 'policies/default.yaml', 'prompts/a.md', 'prompts/b.md', 'releases/assistant.yaml']);
  assert.deepEqual(loadRepository(snapshot).problems, []);
  assert.equal(scm.reads.some((r) => r.endsWith('prompts/unused.md') || r.endsWith('docs/notes.yaml')), false);
});

test('reads each ref separately', async () => {
  const scm = fakeScm({ base: BASE_FILES, head: { ...BASE_FILES, 'policies/new.yaml': 'kind: Nope\n' } });
  assert.equal((await readRepositoryAt(scm, 'base')).files.has('policies/new.yaml'), false);
  assert.equal((await readRepositoryAt(scm, 'head')).files.has('policies/new.yaml'), true);
});

test('an oversized file at the ref is reported and left out', async () => {
  const scm = fakeScm({ main: { ...BASE_FILES, 'releases/big.yaml': 'a'.repeat(YAML_LIMITS.maxFileBytes + 1) } });
  const snapshot = await readRepositoryAt(scm, 'main');
  assert.equal(snapshot.files.has('releases/big.yaml'), false);
  assert.deepEqual(snapshot.problems.map((p) => [p.file, p.rule]), [['releases/big.yaml', 'file/too-large']]);
});

test('more files than the cap are refused past the cap', async () => {
  const files: Record<string, string> = { ...BASE_FILES };
  for (let i = 0; i < 4; i++) files[`releases/extra-${i}.yaml`] = 'a: 1\n';
  const snapshot = await readRepositoryAt(fakeScm({ main: files }), 'main', { ...YAML_LIMITS, maxFiles: 3 });
  assert.deepEqual(snapshot.problems.map((p) => p.rule), ['file/too-many']);
  assert.equal([...snapshot.files.keys()].filter((p) => p.startsWith('releases/') || p.startsWith('policies/')).length, 3);
});
