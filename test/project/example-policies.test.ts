import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRepositoryFromDisk } from '../../src/adapters/fs/read-repository.js';
import { loadRepository } from '../../src/core/validate/load-repository.js';
import { formatProblem } from '../../src/core/problem.js';

const projectRoot = join(import.meta.dirname, '../..');

test('every example policy in policies/ validates with no problem next to the quickstart configuration', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-policies-'));
  try {
    cpSync(join(projectRoot, 'examples/quickstart'), dir, { recursive: true });
    rmSync(join(dir, 'policies'), { recursive: true });
    cpSync(join(projectRoot, 'policies'), join(dir, 'policies'), { recursive: true });
    rmSync(join(dir, 'releases'), { recursive: true });
    const { repository, problems } = loadRepository(await readRepositoryFromDisk(dir));
    assert.deepEqual(problems.map(formatProblem), []);
    const shipped = readdirSync(join(projectRoot, 'policies')).filter((f) => f.endsWith('.yaml'));
    assert.equal(repository.policies.size, shipped.length);
    assert.deepEqual([...repository.policies.keys()].sort(), ['ab-test', 'blue-green', 'model-upgrade', 'prompt-tweak', 'tenant-rings']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
