import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Problem } from '../../../src/core/problem.js';
import { loadRepository } from '../../../src/core/validate/load-repository.js';
import { renderGithub, renderJson, renderText } from '../../../src/core/validate/render-problems.js';
import { snapshotWith } from './repo-fixture.js';

const STACK_TRACE = /\n\s+at .+:\d+:\d+|\bat (?:Object|Module|async|new) |TypeError|RangeError|ReferenceError|Maximum call stack/;

interface HostileCase {
  /** File name under test/fixtures/hostile/, or a name for a generated case. */
  readonly name: string;
  readonly content?: string | Uint8Array;
  readonly rule: string;
  readonly line: number;
  readonly col: number;
  readonly message?: RegExp;
}

const fromFixtures: readonly HostileCase[] = [
  { name: 'syntax-error.yaml', rule: 'yaml/syntax', line: 7, col: 46 },
  { name: 'duplicate-key.yaml', rule: 'yaml/duplicate-key', line: 7, col: 3, message: /duplicate key `policy`/ },
  { name: 'alias-bomb.yaml', rule: 'yaml/anchor', line: 5, col: 4, message: /anchors .* not allowed/ },
  { name: 'tab-indent.yaml', rule: 'yaml/tab-indent', line: 4, col: 1 },
  { name: 'multi-document.yaml', rule: 'yaml/multiple-documents', line: 5, col: 1, message: /exactly one document per file/ },
  { name: 'js-function-tag.yaml', rule: 'yaml/tag', line: 5, col: 16, message: /`!!js\/function`/ },
  { name: 'custom-tag.yaml', rule: 'yaml/tag', line: 4, col: 9, message: /`!foo`/ },
  { name: 'empty.yaml', rule: 'yaml/empty', line: 1, col: 1 },
  { name: 'wrong-kind.yaml', rule: 'document/kind', line: 2, col: 7, message: /a RolloutPolicy belongs in policies\// },
  { name: 'unknown-kind.yaml', rule: 'document/kind', line: 2, col: 7, message: /Config \(glidepath\.yaml\), RolloutPolicy \(policies\/\), Release \(releases\/\)/ },
  { name: 'wrong-api-version.yaml', rule: 'document/api-version', line: 1, col: 13, message: /`glidepath\.dev\/v1`/ },
  { name: 'unknown-field.yaml', rule: 'schema/unknown-field', line: 9, col: 27, message: /unknown field `temprature` in spec\.challenger/ },
  { name: 'prompt-path-escape.yaml', rule: 'path/outside-repository', line: 8, col: 33 },
  { name: 'not-a-mapping.yaml', rule: 'document/not-a-mapping', line: 1, col: 1 },
];

const encoder = new TextEncoder();

const generated: readonly HostileCase[] = [
  { name: 'oversized.yaml', content: new Uint8Array(10 * 1024 * 1024).fill(0x61), rule: 'file/too-large', line: 1, col: 1, message: /10 MiB.*at most 1 MiB/ },
  { name: 'deep-flow.yaml', content: `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, rule: 'yaml/too-deep', line: 1, col: 66 },
  { name: 'deep-block.yaml', content: `a:\n${'- '.repeat(10_000)}x\n`, rule: 'yaml/too-deep', line: 2, col: 127 },
  { name: 'nul-byte.yaml', content: encoder.encode('apiVersion: glidepath.dev/v1\nkind: Rel\u0000ease\n'), rule: 'file/binary', line: 2, col: 10 },
  { name: 'latin1.yaml', content: new Uint8Array([...encoder.encode('metadata:\n  name: caf'), 0xe9, 0x0a]), rule: 'file/encoding', line: 2, col: 12 },
  {
    // The full parser (forced by an escape) with a duplicate at the end of 5,000 keys.
    name: 'wide-mapping.yaml',
    content: `x: "a\\n"\n${Array.from({ length: 5_000 }, (_, i) => `k${i}: v`).join('\n')}\nk7: again\n`,
    rule: 'yaml/duplicate-key', line: 5_002, col: 1, message: /duplicate key `k7`/,
  },
  {
    name: 'too-many-tokens.yaml',
    content: `x: "a\\n"\ny: [${Array(100_000).fill('a').join(',')}]\n`,
    rule: 'yaml/too-complex', line: 2, col: 33_330, message: /more than 50,000 YAML tokens/,
  },
  { name: 'many-documents.yaml', content: `a: 1\n${'---\na: 1\n'.repeat(999)}`, rule: 'yaml/multiple-documents', line: 2, col: 1, message: /holds 1000 YAML documents/ },
  { name: 'endless-documents.yaml', content: `a: 1\n${'---\na: 1\n'.repeat(99_999)}`, rule: 'yaml/multiple-documents', line: 2, col: 1, message: /holds at least \d+ YAML documents/ },
  {
    name: 'huge-alias-bomb.yaml',
    content: `a: &a [${Array(50).fill('"lol"').join(',')}]\n${Array.from({ length: 40 }, (_, i) => `l${i}: &l${i} [${Array(50).fill(i === 0 ? '*a' : `*l${i - 1}`).join(',')}]`).join('\n')}\n`,
    rule: 'yaml/anchor', line: 1, col: 4,
  },
];

function problemsFor(name: string, content: string | Uint8Array): { problems: Problem[]; files: number } {
  const result = loadRepository(snapshotWith({ [`releases/${name}`]: content }));
  return { problems: result.problems.filter((p) => p.file === `releases/${name}`), files: result.documentCount };
}

for (const hostile of [...fromFixtures, ...generated]) {
  test(`hostile input ${hostile.name} is reported as ${hostile.rule} at its line and column, without a stack trace`, () => {
    const content = hostile.content ?? readFileSync(new URL(`../../fixtures/hostile/${hostile.name}`, import.meta.url));
    const { problems, files } = problemsFor(hostile.name, content);
    const first = problems[0];
    assert.ok(first, `no problem reported for ${hostile.name}`);
    assert.deepEqual({ rule: first.rule, line: first.line, col: first.col, severity: first.severity }, { rule: hostile.rule, line: hostile.line, col: hostile.col, severity: 'error' });
    if (hostile.message) assert.match(first.message, hostile.message);
    for (const output of [renderText(problems, files), renderJson(problems, files), renderGithub(problems, files)]) {
      assert.doesNotMatch(output, STACK_TRACE);
    }
  });
}

test('an alias bomb is rejected without ever being expanded', () => {
  const bomb = generated.find((c) => c.name === 'huge-alias-bomb.yaml')?.content as string;
  const before = process.memoryUsage().heapUsed;
  const { problems } = problemsFor('bomb.yaml', bomb);
  assert.ok(problems.some((p) => p.rule === 'yaml/alias'));
  // 50^40 strings if expanded; a few megabytes of parsing at most when refused.
  assert.ok(process.memoryUsage().heapUsed - before < 200 * 1024 * 1024);
});

test('more Glidepath files than the cap are refused past the cap, with one problem', () => {
  const changes: Record<string, string> = {};
  for (let i = 0; i < 2001; i++) changes[`releases/r${String(i).padStart(4, '0')}.yaml`] = 'x: 1\n';
  const result = loadRepository(snapshotWith(changes));
  const problem = result.problems.find((p) => p.rule === 'file/too-many');
  assert.ok(problem);
  assert.equal(result.documentCount, 2000);
  assert.match(problem.message, /at most 2000 are read/);
});

test('files that add up to more than the repository cap are refused past the cap', () => {
  const changes: Record<string, Uint8Array> = {};
  for (let i = 0; i < 20; i++) changes[`releases/r${String(i).padStart(2, '0')}.yaml`] = new Uint8Array(1024 * 1024 - 1).fill(0x20);
  const result = loadRepository(snapshotWith(changes));
  const problem = result.problems.find((p) => p.rule === 'repository/too-large');
  assert.ok(problem);
  assert.equal(problem.file, 'releases/r15.yaml');
  assert.match(problem.message, /more than 16 MiB/);
});

test('an oversized prompt file is refused rather than read', () => {
  const result = loadRepository(snapshotWith({ 'prompts/b.md': new Uint8Array(2 * 1024 * 1024) }));
  const problems = result.problems.filter((p) => p.file === 'prompts/b.md');
  assert.deepEqual(problems.map((p) => p.rule), ['file/too-large']);
  assert.equal(result.repository.files.has('prompts/b.md'), false);
});

test('a glidepath.yml is pointed at its right name', () => {
  const config = new TextDecoder().decode(snapshotWith().files.get('glidepath.yaml'));
  const result = loadRepository(snapshotWith({ 'glidepath.yaml': null, 'glidepath.yml': config }));
  assert.ok(result.problems.some((p) => p.file === 'glidepath.yml' && p.rule === 'document/location' && p.severity === 'error'));
});

test('CRLF line endings are read and positions still count lines', () => {
  const text = 'apiVersion: glidepath.dev/v1\r\nkind: Release\r\nmetadata:\r\n  name: crlf\r\nspec:\r\n  policy: default\r\n  target: { provider: flags, key: assistant }\r\n  champion: { model: a }\r\n  challenger: { model: b, colour: red }\r\n';
  const { problems } = problemsFor('crlf.yaml', text);
  assert.deepEqual(problems.map((p) => [p.rule, p.line, p.col]), [['schema/unknown-field', 9, 27]]);
});
