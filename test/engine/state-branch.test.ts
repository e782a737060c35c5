import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRepository } from '../../src/core/validate/load-repository.js';
import { resolveStateBranch } from '../../src/engine/state-branch.js';
import type { Workspace } from '../../src/engine/workspace.js';
import { QUICKSTART } from '../support/engine-fixture.js';

const CONFIG = readFileSync(join(QUICKSTART, 'glidepath.yaml'), 'utf8');

function workspaceOf(files: Record<string, string>): Workspace {
  const loaded = loadRepository({ files: new Map(Object.entries(files).map(([path, text]) => [path, new TextEncoder().encode(text)])), problems: [] });
  return { repository: loaded.repository, problems: loaded.problems };
}

test('the state branch is the one glidepath.yaml names, else glidepath/state', () => {
  assert.deepEqual(resolveStateBranch(workspaceOf({ 'glidepath.yaml': CONFIG.replace('glidepath/state', 'rollouts/state') })), { branch: 'rollouts/state' });
  assert.deepEqual(resolveStateBranch(workspaceOf({ 'glidepath.yaml': CONFIG.replace(/^ {2}stateBranch: .*\n/m, '') })), { branch: 'glidepath/state' });
});

test('a glidepath.yaml that does not load gives an error listing its problems by line and column, never the default branch', () => {
  const resolved = resolveStateBranch(workspaceOf({ 'glidepath.yaml': CONFIG.replace('stateBranch: glidepath/state', 'stateBranch: rollouts/state\n  retryLimit: 3') }));
  assert.ok('error' in resolved);
  assert.match(resolved.error, /glidepath\.yaml:10:3: error: unknown field `retryLimit` in spec/);
  assert.match(resolved.error, /glidepath validate/);
});

test('a missing glidepath.yaml, or one spelled glidepath.yml, gives an error too', () => {
  const missing = resolveStateBranch(workspaceOf({}));
  assert.ok('error' in missing);
  assert.match(missing.error, /glidepath\.yaml:1:1: error: glidepath\.yaml is missing/);
  const misnamed = resolveStateBranch(workspaceOf({ 'glidepath.yml': CONFIG }));
  assert.ok('error' in misnamed);
  assert.match(misnamed.error, /glidepath\.yml:1:1: error: Glidepath reads its configuration from glidepath\.yaml/);
});
