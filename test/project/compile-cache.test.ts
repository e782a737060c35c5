import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `glidepath --version` with the temp folder (where Node keeps its default compile cache) at `temp`. */
function runGlidepath(temp: string): void {
  const env: Record<string, string | undefined> = { ...process.env, TMPDIR: temp };
  delete env['NODE_COMPILE_CACHE'];
  execFileSync(process.execPath, [`${root}/bin/glidepath.js`, '--version'], { env, encoding: 'utf8' });
}

const cachedFiles = (temp: string): string[] =>
  readdirSync(temp, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.parentPath.includes('node-compile-cache')).map((e) => e.name);

test('glidepath keeps the compiled bundle in Node\'s compile cache, so later starts skip compiling it', () => {
  const temp = mkdtempSync(join(tmpdir(), 'glidepath-compile-cache-'));
  try {
    runGlidepath(temp);
    assert.notDeepEqual(cachedFiles(temp), []);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
});
