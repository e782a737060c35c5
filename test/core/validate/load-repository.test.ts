import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Problem } from '../../../src/core/problem.js';
import { loadRepository, type RepoSnapshot } from '../../../src/core/validate/load-repository.js';
import { referencedPaths } from '../../../src/core/validate/referenced-paths.js';
import { loadWith, policy, positionOf, snapshotWith } from './repo-fixture.js';

/** Reads a fixture folder the way a reader would, without going through the disk adapter. */
function fixtureSnapshot(root: string): RepoSnapshot {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path).split('\\').join('/'), new Uint8Array(readFileSync(path)));
    }
  };
  walk(root);
  return { files, problems: [] };
}

const BASIC = 'test/fixtures/valid/basic';

test('the valid fixture repository loads without problems and with every document and prompt', () => {
  const { repository, problems, documentCount } = loadRepository(fixtureSnapshot(BASIC));
  assert.deepEqual(problems, []);
  assert.equal(documentCount, 5);
  assert.equal(repository.config?.value.metadata.name, 'support-platform');
  assert.deepEqual([...repository.policies.keys()].sort(), ['model-upgrade', 'prompt-tweak']);
  assert.deepEqual([...repository.releases.keys()].sort(), ['greeting-tone', 'support-agent-gpt41']);
  assert.equal(repository.files.get('prompts/greeting-v2.md'), 'Greet the user warmly.\n');
  assert.equal(repository.releases.get('support-agent-gpt41')?.value.spec.challenger.parameters?.stop?.[0], '\n\nUser:');
});

test('readers learn which prompt files to fetch from the releases, normalised and without escaping paths', () => {
  const snapshot = fixtureSnapshot(BASIC);
  const documentsOnly = new Map([...snapshot.files].filter(([path]) => !path.startsWith('prompts/')));
  assert.deepEqual(referencedPaths(documentsOnly), ['prompts/greeting-v1.md', 'prompts/greeting-v2.md', 'prompts/support-v3.md', 'prompts/support-v4.md']);
  const escaping = snapshotWith({ 'releases/assistant.yaml': 'apiVersion: glidepath.dev/v1\nkind: Release\nmetadata: { name: x }\nspec:\n  champion: { prompt: ../secret.md }\n  challenger: { prompt: /etc/passwd }\n' });
  assert.deepEqual(referencedPaths(new Map([...escaping.files].filter(([p]) => p.startsWith('releases/')))), []);
});

test('a loaded document locates fields, and the nearest parent of a field that is absent', () => {
  const { repository } = loadRepository(fixtureSnapshot(BASIC));
  const text = readFileSync(join(BASIC, 'policies/model-upgrade.yaml'), 'utf8');
  const document = repository.policies.get('model-upgrade');
  assert.ok(document);
  assert.deepEqual(document.locate(['spec', 'stages', 3, 'approval']), { file: 'policies/model-upgrade.yaml', ...positionOf(text, 'approval: required') });
  assert.deepEqual(document.locate(['spec', 'gates', 'cost', 'critical']), { file: 'policies/model-upgrade.yaml', ...positionOf(text, 'cost: {') });
  assert.deepEqual(document.locate([]), { file: 'policies/model-upgrade.yaml', ...positionOf(text, 'apiVersion') });
});

test('a document that fails its schema is left out; one that only breaks a rule is kept', () => {
  const schemaBroken = loadWith({ 'policies/default.yaml': policy('default', 'strategy: canary\nstages: []\nrollback: []\n') });
  assert.equal(schemaBroken.repository.policies.has('default'), false);
  const ruleBroken = loadWith({ 'policies/default.yaml': policy('default', 'strategy: canary\nstages:\n  - { name: half, weight: 50 }\nrollback:\n  - { metric: error_rate, increase: 2pp }\n') });
  assert.ok(ruleBroken.problems.some((p) => p.rule === 'policy/last-stage-full'));
  assert.equal(ruleBroken.repository.policies.has('default'), true);
});

test('without the semantic rules (a plan\'s base revision) the same documents load, and only the rules\' problems are missing', () => {
  const files = {
    'policies/default.yaml': policy('default', 'strategy: canary\nstages:\n  - { name: half, weight: 50 }\nrollback:\n  - { metric: error_rate, increase: 2pp }\n'),
    'policies/broken.yaml': policy('broken', 'strategy: canary\nstages: []\nrollback: []\n'),
  };
  const checked = loadRepository(snapshotWith(files));
  const unchecked = loadRepository(snapshotWith(files), undefined, { semanticRules: false });
  assert.deepEqual([...unchecked.repository.policies.keys()], [...checked.repository.policies.keys()]);
  assert.deepEqual([...unchecked.repository.releases.keys()], [...checked.repository.releases.keys()]);
  assert.equal(unchecked.repository.config?.value.metadata.name, checked.repository.config?.value.metadata.name);
  assert.ok(checked.problems.some((p) => p.rule === 'policy/last-stage-full'));
  assert.ok(unchecked.problems.some((p) => p.file === 'policies/broken.yaml'), 'a schema problem is still reported');
  const key = (p: Problem): string => `${p.file}:${p.line}:${p.col}:${p.rule}:${p.message}`;
  const checkedKeys = new Set(checked.problems.map(key));
  assert.ok(unchecked.problems.every((p) => checkedKeys.has(key(p))), 'nothing is reported that the full load does not report');
  assert.ok(!unchecked.problems.some((p) => p.rule === 'policy/last-stage-full'));
});

test("the reader's problems come back with the loader's, sorted by file, line and column", () => {
  const readerProblem: Problem = { file: 'releases/link.yaml', line: 1, col: 1, severity: 'error', rule: 'file/symlink-outside', message: 'outside' };
  const result = loadRepository(snapshotWith({ 'policies/zz.yaml': 'kind: Nope\n', 'policies/aa.yaml': 'apiVersion: glidepath.dev/v1\nkind: RolloutPolicy\nmetadata: { name: aa }\nspec: {}\n' }, [readerProblem]));
  assert.ok(result.problems.includes(readerProblem));
  const order = result.problems.map((p) => `${p.file}:${String(p.line).padStart(5, '0')}:${String(p.col).padStart(5, '0')}`);
  assert.deepEqual(order, [...order].sort());
});

test('a key with a line break is quoted back escaped, so it cannot forge a line of output', () => {
  const result = loadWith({ 'releases/assistant.yaml': 'apiVersion: glidepath.dev/v1\nkind: Release\nmetadata:\n  name: assistant\n  "x\\n/a.yaml:1:1: error: fake": 1\nspec:\n  policy: default\n  target: { provider: flags, key: assistant }\n  champion: { model: a }\n  challenger: { model: b }\n' });
  const problem = result.problems.find((p) => p.rule === 'schema/unknown-field');
  assert.ok(problem);
  assert.equal(problem.message.includes('\n'), false);
  assert.match(problem.message, /x\\u000a\/a\.yaml/);
});

test('bytes shared between two snapshots, or two paths of one, are reported at each path and load alike', () => {
  const broken = new TextEncoder().encode(policy('twin', 'strategy: canary\nstages: []\nrollback: []\n'));
  const first = loadWith({ 'policies/a.yaml': broken, 'policies/b.yaml': broken });
  const files = [...new Set(first.problems.filter((p) => p.rule.startsWith('schema')).map((p) => p.file))];
  assert.deepEqual(files, ['policies/a.yaml', 'policies/b.yaml']);
  const again = loadWith({ 'policies/a.yaml': broken, 'policies/b.yaml': broken });
  assert.deepEqual(again.problems, first.problems);
  const copied = loadWith({ 'policies/a.yaml': broken.slice(), 'policies/b.yaml': broken.slice() });
  assert.deepEqual(copied.problems, first.problems);
});
