import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const projectRoot = join(import.meta.dirname, '../..');

/** Runs dist/index.js as the runner does: inputs as INPUT_* variables, files for outputs and summary. */
function runAction(workspace: string, inputs: Record<string, string>) {
  const summary = join(workspace, '.summary.md');
  const outputs = join(workspace, '.outputs');
  writeFileSync(summary, '');
  writeFileSync(outputs, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '',
    GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: outputs,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawnSync(process.execPath, [join(projectRoot, 'dist/index.js')], { env, encoding: 'utf8' });
  return { ...child, summary: readFileSync(summary, 'utf8'), outputs: readFileSync(outputs, 'utf8') };
}

test('the committed bundle runs on Node 24 and annotates a broken release at its line, with outputs and a job summary', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'glidepath-action-'));
  try {
    cpSync(join(projectRoot, 'examples/quickstart'), workspace, { recursive: true });
    writeFileSync(join(workspace, 'releases/broken.yaml'), 'apiVersion: glidepath.dev/v1\nkind: Release\nmetadata: {name: broken}\nspec:\n  policy: model-upgrad\n  target: {provider: flags, key: k}\n  champion: {model: a}\n  challenger: {model: b}\n');
    const run = runAction(workspace, { command: 'validate', root: '.', 'dry-run': 'false' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /::error file=releases\/broken\.yaml,line=5,col=11,title=Glidepath release\/unknown-policy::.*did you mean `model-upgrade`/);
    assert.match(run.outputs, /^problems<<.*\n1\n/m);
    assert.match(run.summary, /\*\*1 error, 0 warnings in 6 files\*\*/);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('the committed bundle refuses an unknown command with the input quoted, before touching anything', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'glidepath-action-'));
  try {
    const run = runAction(workspace, { command: 'deploy' });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /::error::Input 'command' is 'deploy', which is not a Glidepath command/);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});
