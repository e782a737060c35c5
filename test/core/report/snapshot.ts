import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/plan/', import.meta.url));

/**
 * Compares `actual` with test/fixtures/plan/<name>. `UPDATE_SNAPSHOTS=1` rewrites the file
 * instead (review the diff before committing it); a missing file is an error, never created silently.
 */
export function assertSnapshot(name: string, actual: string): void {
  const file = join(FIXTURES, name);
  if (process.env['UPDATE_SNAPSHOTS'] === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `snapshot ${file} is missing; run the test with UPDATE_SNAPSHOTS=1 to write it, then review it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from ${file}; if the change is intended, rerun with UPDATE_SNAPSHOTS=1 and review the diff`);
}
