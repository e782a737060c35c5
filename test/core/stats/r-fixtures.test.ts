import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { fixturePath, parseReference, rVersion } from './r-reference.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

// Walks both fixtures together; numbers may differ in the last bits on another R build or libm.
function compareFixtures(fresh: unknown, committed: unknown, path: string): void {
  if (typeof committed === 'number' && typeof fresh === 'number') {
    if (Number.isNaN(committed) || !Number.isFinite(committed)) {
      assert.ok(Object.is(fresh, committed) || (Number.isNaN(fresh) && Number.isNaN(committed)), `${path}: R now gives ${fresh}, the fixture says ${committed}`);
      return;
    }
    const scale = Math.max(Math.abs(fresh), Math.abs(committed));
    assert.ok(Math.abs(fresh - committed) <= 1e-12 * scale || Math.abs(fresh - committed) <= 1e-300, `${path}: R now gives ${fresh}, the fixture says ${committed}`);
    return;
  }
  if (Array.isArray(committed)) {
    assert.ok(Array.isArray(fresh) && fresh.length === committed.length, `${path}: R now gives ${Array.isArray(fresh) ? fresh.length : 'no'} entries, the fixture ${committed.length}`);
    committed.forEach((value, i) => compareFixtures(fresh[i], value, `${path}[${i}]`));
    return;
  }
  if (committed !== null && typeof committed === 'object') {
    assert.ok(fresh !== null && typeof fresh === 'object', `${path}: R now gives ${String(fresh)}`);
    assert.deepEqual(Object.keys(fresh).sort(), Object.keys(committed).sort(), `${path}: fields differ`);
    for (const [key, value] of Object.entries(committed)) compareFixtures((fresh as Record<string, unknown>)[key], value, `${path}.${key}`);
    return;
  }
  assert.equal(fresh, committed, `${path}: R now gives ${String(fresh)}, the fixture says ${String(committed)}`);
}

test(`Rscript scripts/r/reference.R still produces the committed test/fixtures/r/reference.json (made with ${rVersion})`, () => {
  let output: string;
  try {
    output = execFileSync('Rscript', ['scripts/r/reference.R'], { cwd: repositoryRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    assert.fail(`could not run Rscript scripts/r/reference.R (npm test installs r-base-core; or: sudo apt-get install -y r-base-core): ${(error as Error).message}`);
  }
  const committed = readFileSync(fixturePath, 'utf8');
  if (output === committed) return;
  const fresh = parseReference(output);
  const old = parseReference(committed);
  const { r: freshVersion, ...freshCases } = fresh;
  const { r: _oldVersion, ...oldCases } = old;
  // Another R release may print other last digits; within 1e-12 the references still stand.
  compareFixtures(freshCases, oldCases, `reference.json (R now: ${freshVersion})`);
});
