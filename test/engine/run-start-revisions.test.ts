import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runStart } from '../../src/engine/run-start.js';
import type { RevisionReader } from '../../src/ports/scm.js';
import { createEngineFixture, type EngineFixture } from '../support/engine-fixture.js';
import { withRevisions } from '../support/scm-roles.js';

let fx: EngineFixture;
afterEach(() => fx?.cleanup());

/** A reader that records every call with its arguments, so a test can see what reached the port. */
function recording(real: RevisionReader, calls: string[][]): RevisionReader {
  const record = <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) => (...args: A): Promise<R> => {
    calls.push([name, ...args.map((a) => (Array.isArray(a) ? a.join(',') : String(a)))]);
    return call(...args);
  };
  return {
    resolve: record('resolve', real.resolve),
    parentOf: record('parentOf', real.parentOf),
    readFile: record('readFile', real.readFile),
    readFiles: record('readFiles', real.readFiles),
    listFiles: record('listFiles', real.listFiles),
    changedFiles: record('changedFiles', real.changedFiles),
  };
}

/** A merge of a branch that edits the summarizer's release while main moved on elsewhere. */
function mergeTouchingTheSummarizer(f: EngineFixture): { firstParent: string; merge: string } {
  const file = 'releases/summarizer-prompt.yaml';
  f.repo.git('checkout', '-q', '-b', 'feature');
  f.repo.commit({ [file]: `${readFileSync(join(f.repo.dir, file), 'utf8')}# edited on the feature branch\n` }, 'edit the summarizer');
  f.repo.git('checkout', '-q', 'main');
  const firstParent = f.repo.commit({ 'README.md': 'main moved on\n' }, 'main moves on');
  f.repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature');
  return { firstParent, merge: f.repo.git('rev-parse', 'HEAD') };
}

test('start with no --base reads the merge\'s first parent through parentOf, and no revision syntax reaches the port', async () => {
  fx = createEngineFixture();
  const { firstParent, merge } = mergeTouchingTheSummarizer(fx);
  const calls: string[][] = [];
  const real = fx.engine().scm;
  const report = await runStart(fx.engine({ scm: withRevisions(real, (revisions) => recording(revisions, calls)), dryRun: true }));
  assert.deepEqual(report.releases, ['summarizer-prompt'], 'the release the merge changed against its first parent');
  assert.deepEqual(calls.filter(([name]) => name === 'parentOf'), [['parentOf', merge]]);
  assert.deepEqual(calls.filter(([name]) => name === 'changedFiles'), [['changedFiles', firstParent, merge]]);
  for (const call of calls) assert.equal(call.slice(1).some((arg) => /[~^]/.test(arg)), false, `revision syntax reached the port: ${call.join(' ')}`);
});
