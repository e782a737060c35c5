import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { demoCommand } from '../../src/commands/demo.js';
import { runCommand } from '../support/command-fixture.js';

test('the demo plays the whole loop and exits 0: promoted, rolled back with a revert branch, audit verified and tampering caught', async () => {
  const run = await runCommand(demoCommand, process.cwd(), {});
  const dir = run.outcome.outputs?.['dir'];
  try {
    assert.equal(run.outcome.exitCode, 0, run.out);
    assert.ok(dir);
    assert.match(run.out, /complete +the watch \(2h\) passed/);
    assert.match(run.out, /approve +octocat approved full/);
    assert.match(run.out, /canary-5 +off +rollback +gate /);
    assert.match(run.out, /✓ audit verify passes on the untouched log/);
    assert.match(run.out, /✓ audit verify fails and names the altered record \(line \d+, seq \d+\)/);
    assert.doesNotMatch(run.out, /✗/);
    const branches = execFileSync('git', ['-C', dir!, 'branch', '--list', 'glidepath/*'], { encoding: 'utf8' });
    assert.match(branches, /glidepath\/revert\/support-assistant-[0-9a-f]{8}/);
    assert.match(branches, /glidepath\/state/);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});
