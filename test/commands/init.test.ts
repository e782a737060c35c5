import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { initCommand } from '../../src/commands/init.js';
import { validateCommand } from '../../src/commands/validate.js';
import { UsageError } from '../../src/engine/errors.js';
import { runCommand } from '../support/command-fixture.js';

function emptyRepo(): string {
  return mkdtempSync(join(tmpdir(), 'glidepath-init-'));
}

test('init writes a starting repository that validates without a problem', async () => {
  const root = emptyRepo();
  const run = await runCommand(initCommand, root, { release: 'ticket-triage' });
  assert.equal(run.outcome.exitCode, 0);
  for (const path of ['glidepath.yaml', 'releases/ticket-triage.yaml', 'prompts/ticket-triage-v1.md', 'policies/prompt-tweak.yaml', '.glidepath/schemas/release.schema.json']) {
    assert.ok(existsSync(join(root, path)), `${path} was not written`);
    assert.match(run.out, new RegExp(`^  ${path.replace(/\./g, '\\.')}$`, 'm'));
  }
  const validated = await runCommand(validateCommand, root, {});
  assert.equal(validated.outcome.exitCode, 0, validated.out);
  assert.equal(validated.outcome.outputs?.['problems'], '0', validated.out);
});

test('every schema modeline init writes points at a schema file that exists', async () => {
  const root = emptyRepo();
  await runCommand(initCommand, root, {});
  for (const path of ['glidepath.yaml', 'releases/my-assistant.yaml', 'policies/prompt-tweak.yaml', 'policies/model-upgrade.yaml']) {
    const first = readFileSync(join(root, path), 'utf8').split('\n')[0] ?? '';
    const schema = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1];
    assert.ok(schema, `${path} has no modeline: ${first}`);
    assert.ok(existsSync(resolve(dirname(join(root, path)), schema)), `${path}: ${schema} does not resolve`);
  }
});

test('init never overwrites a file the repository has, and a second run writes nothing', async () => {
  const root = emptyRepo();
  writeFileSync(join(root, 'glidepath.yaml'), '# ours\n');
  const first = await runCommand(initCommand, root, {});
  assert.equal(readFileSync(join(root, 'glidepath.yaml'), 'utf8'), '# ours\n');
  assert.match(first.out, /Kept 1 existing file\(s\) as they are:\n {2}glidepath\.yaml/);
  const second = await runCommand(initCommand, root, {});
  assert.match(second.out, /^Wrote nothing: every starter file exists already\./);
});

test('init names the providers it has starters for when asked for another', async () => {
  await assert.rejects(runCommand(initCommand, emptyRepo(), { provider: 'carrier-pigeon' }), (error: unknown) => error instanceof UsageError && /--provider is 'carrier-pigeon'; init has starters for: flagd/.test(error.message));
  await assert.rejects(runCommand(initCommand, emptyRepo(), { release: 'Not_A_Name' }), (error: unknown) => error instanceof UsageError && /--release is 'Not_A_Name'/.test(error.message));
});
