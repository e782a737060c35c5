import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSettings } from '../../../src/adapters/actions/inputs.js';
import { commandCatalog } from '../../../src/commands/index.js';

const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

test('the Action reads its inputs once into settings, with annotations for validate and plan', async () => {
  const settings = await readSettings(reader({ command: 'validate', root: 'svc', 'github-token': 'x' }), '/work/repo', commandCatalog);
  assert.equal(settings.command, 'validate');
  assert.equal(settings.root, '/work/repo/svc');
  assert.equal(settings.options['format'], 'github');
  assert.equal(settings.dryRun, false);
});

test('a command with a subcommand is written as two words, and other commands log text', async () => {
  const settings = await readSettings(reader({ command: 'audit verify' }), '/w', commandCatalog);
  assert.equal(settings.command, 'audit');
  assert.equal(settings.subcommand, 'verify');
  assert.equal(settings.options['subcommand'], 'verify');
  assert.equal(settings.options['format'], 'text');
});

test('an unknown command, a stray subcommand or a bad dry-run value is refused with the input quoted', async () => {
  await assert.rejects(readSettings(reader({ command: 'deploy' }), '/w', commandCatalog), /Input 'command' is 'deploy', which is not a Glidepath command\. Use one of: .*validate/);
  await assert.rejects(readSettings(reader({ command: 'status verify' }), '/w', commandCatalog), /'status' takes no subcommand/);
  await assert.rejects(readSettings(reader({ command: 'audit sign' }), '/w', commandCatalog), /use 'audit verify' or 'audit export'/);
  await assert.rejects(readSettings(reader({ command: 'evaluate', 'dry-run': 'yes' }), '/w', commandCatalog), /Input 'dry-run' is 'yes'; use 'true' or 'false'/);
});

test('pass-through inputs become command options and dry-run becomes a flag', async () => {
  const settings = await readSettings(reader({ command: 'evaluate', release: 'support-assistant', 'metrics-file': 'm.json', 'dry-run': 'true', format: 'json' }), '/w', commandCatalog);
  assert.deepEqual(settings.options, { release: 'support-assistant', 'metrics-file': 'm.json', 'dry-run': true, format: 'json' });
});

test('without a command input the Action routes by event (auto), and each routed command keeps its own default format', async () => {
  const settings = await readSettings(reader({}), '/w', commandCatalog);
  assert.equal(settings.command, 'auto');
  assert.equal(settings.options['format'], undefined);
  const explicit = await readSettings(reader({ command: 'auto', format: 'json' }), '/w', commandCatalog);
  assert.equal(explicit.options['format'], 'json');
  await assert.rejects(readSettings(reader({ command: 'auto verify' }), '/w', commandCatalog), /'auto' takes no subcommand/);
});
