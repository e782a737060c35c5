import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditCommand } from '../../src/commands/audit.js';
import { rollbackCommand } from '../../src/commands/rollback.js';
import { startCommand } from '../../src/commands/start.js';
import { statusCommand } from '../../src/commands/status.js';
import { runCommand } from '../support/command-fixture.js';
import { QUICKSTART } from '../support/engine-fixture.js';
import { createTempGitRepo, type TempGitRepo } from '../support/temp-git-repo.js';

const RELEASE = 'ai/releases/summarizer-prompt.yaml';

let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

/** The quickstart under ai/ of a larger repository, then a merge that changes one of its releases. */
function subFolderRepo(): { readonly root: string; readonly before: string; readonly after: string } {
  repo = createTempGitRepo({ 'README.md': 'an application with its AI rollouts under ai/\n' }, 'glidepath-subfolder-');
  cpSync(QUICKSTART, join(repo.dir, 'ai'), { recursive: true });
  repo.commit({}, 'Glidepath under ai/');
  const before = readFileSync(join(repo.dir, RELEASE), 'utf8');
  const after = before.replace('risk: low', 'risk: medium');
  assert.notEqual(after, before);
  repo.commit({ [RELEASE]: after }, 'merge: summarizer risk');
  return { root: join(repo.dir, 'ai'), before, after };
}

test('start --root <repo>/ai starts the release a merge changed under ai/, and the other commands read its state', async () => {
  const { root } = subFolderRepo();
  const run = await runCommand(startCommand, root, {});
  assert.equal(run.outcome.exitCode, 0, run.out + run.log);
  assert.match(run.out, /^summarizer-prompt {2}canary-10 {2}traffic 10% {2}advance {2}started at canary-10/m);
  assert.doesNotMatch(run.out, /No release changed/);
  assert.equal(run.outcome.outputs?.['started'], 'summarizer-prompt');
  // The state branch is the repository's: its files sit at its top, not under ai/.
  assert.match(repo.git('show', 'glidepath/state:states/summarizer-prompt.json'), /"phase": "progressing"/);
  const status = await runCommand(statusCommand, root, {});
  assert.match(status.out, /^summarizer-prompt +progressing/m);
  const verify = await runCommand(auditCommand, root, { subcommand: 'verify' });
  assert.equal(verify.outcome.exitCode, 0, verify.out);
  assert.match(verify.out, /audit verify: 1 log intact/);
});

test('a rollback from a sub-folder root opens a revert that restores ai/releases/x.yaml as it was before the merge', async () => {
  const { root, before } = subFolderRepo();
  await runCommand(startCommand, root, {});
  const run = await runCommand(rollbackCommand, root, { release: 'summarizer-prompt', reason: 'errors up' });
  assert.equal(run.outcome.exitCode, 0, run.out + run.log);
  const branch = /revert: git branch (\S+) in /.exec(run.out)?.[1];
  assert.ok(branch, run.out);
  assert.equal(repo.git('show', `${branch}:${RELEASE}`), before.trimEnd());
  assert.deepEqual(repo.git('diff', '--name-only', 'main', branch).split('\n'), [RELEASE], 'the revert changes that one file, at its path in the repository');
});

test('a rollback from a sub-folder root falls back to the files of the commit the rollout started from when the release file no longer loads', async () => {
  const { root } = subFolderRepo();
  await runCommand(startCommand, root, {});
  repo.commit({ [RELEASE]: 'apiVersion: glidepath.dev/v1\nkind: Release\nmetadata: { name: summarizer-prompt }\nspec: [broken\n' }, 'a broken merge');
  const run = await runCommand(rollbackCommand, root, { release: 'summarizer-prompt', reason: 'the merge broke the release file' });
  assert.equal(run.outcome.exitCode, 0, run.out + run.log);
  assert.match(run.log, /using the Glidepath files of [0-9a-f]{12}, the commit the rollout started from/);
});
