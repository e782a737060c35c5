import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readSettings } from '../../src/adapters/actions/inputs.js';
import { ACTION_OUTPUTS } from '../../src/commands/action-outputs.js';
import { commandCatalog } from '../../src/commands/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const action = parse(readFileSync(`${root}/action.yml`, 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };

test('action.yml declares exactly the outputs commands may set', () => {
  assert.deepEqual(Object.keys(action.outputs).sort(), [...ACTION_OUTPUTS].sort());
});

test('action.yml declares exactly the inputs the Action reads', async () => {
  const read = new Set<string>();
  await readSettings((name) => {
    read.add(name);
    return name === 'command' ? 'evaluate' : '';
  }, root, commandCatalog);
  assert.deepEqual(Object.keys(action.inputs).sort(), [...read].sort());
});

test('glidepath --version answers with the package version from the bundled CLI', () => {
  const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
  const out = execFileSync(process.execPath, [`${root}/bin/glidepath.js`, '--version'], { encoding: 'utf8' });
  assert.equal(out.trim(), `glidepath ${version}`);
});

test('the npm package holds what users run and none of the test suite', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as [{ files: { path: string }[] }];
  const paths = pack.files.map((f) => f.path);
  for (const needed of ['action.yml', 'bin/glidepath.js', 'dist/index.js', 'dist/cli.js', 'schemas/rollout-policy.schema.json', 'docs/reference.md', 'README.md']) {
    assert.ok(paths.includes(needed), `${needed} is missing from the package`);
  }
  assert.deepEqual(paths.filter((p) => /^(test|src|bench|scripts)\//.test(p)), []);
});
