import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText } from '../../../src/core/yaml/decode-text.js';
import { LineIndex } from '../../../src/core/yaml/line-index.js';
import { parseYaml } from '../../../src/core/yaml/parse-yaml.js';
import { findSourceNode } from '../../../src/core/yaml/source-map.js';

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function firstProblem(text: string): { rule: string; line: number; col: number } {
  const parsed = parseYaml(text);
  const problem = parsed.problems[0];
  assert.ok(problem, `expected a problem for ${JSON.stringify(text.slice(0, 40))}`);
  return { rule: problem.rule, ...new LineIndex(text).position(problem.offset) };
}

test('every deeply nested form is refused at the level that crosses the cap, before the composer recurses', () => {
  const depth = 10_000;
  const forms: Record<string, string> = {
    'flow sequences': '['.repeat(depth) + ']'.repeat(depth),
    'flow mappings': '{a: '.repeat(depth) + '1' + '}'.repeat(depth),
    'compact sequences': `${'- '.repeat(depth)}x\n`,
    'explicit keys': `${'? '.repeat(depth)}x\n`,
    'indented mappings': Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
  };
  for (const [name, text] of Object.entries(forms)) {
    const parsed = parseYaml(text);
    assert.equal(parsed.value, undefined, name);
    assert.equal(parsed.problems.length, 1, name);
    assert.equal(parsed.problems[0]?.rule, 'yaml/too-deep', name);
    assert.match(parsed.problems[0]?.message ?? '', /more than 64 levels/, name);
  }
});

test('a nesting depth just under the cap is still read', () => {
  const text = `a: ${'['.repeat(60)}1${']'.repeat(60)}\n`;
  const parsed = parseYaml(text);
  assert.deepEqual(parsed.problems, []);
  assert.ok(parsed.value);
});

test('anchors, aliases, tags and directives are refused where they first appear', () => {
  assert.deepEqual(firstProblem('a: 1\nb: &x [1]\nc: *x\n'), { rule: 'yaml/anchor', line: 2, col: 4 });
  assert.deepEqual(firstProblem('a: 1\nc: *x\n'), { rule: 'yaml/alias', line: 2, col: 4 });
  assert.deepEqual(firstProblem('a:\n  b: !!js/function "function () {}"\n'), { rule: 'yaml/tag', line: 2, col: 6 });
  assert.deepEqual(firstProblem('%YAML 1.1\n---\na: 1\n'), { rule: 'yaml/directive', line: 1, col: 1 });
});

test('duplicate keys, tabs, a second document and an empty file each have their own rule', () => {
  assert.deepEqual(firstProblem('a: 1\nb: 2\na: 3\n'), { rule: 'yaml/duplicate-key', line: 3, col: 1 });
  assert.deepEqual(firstProblem('a:\n\tb: 1\n'), { rule: 'yaml/tab-indent', line: 2, col: 1 });
  assert.deepEqual(firstProblem('a: 1\n---\nb: 2\n'), { rule: 'yaml/multiple-documents', line: 2, col: 1 });
  assert.deepEqual(firstProblem(''), { rule: 'yaml/empty', line: 1, col: 1 });
  assert.deepEqual(firstProblem('# only a comment\n'), { rule: 'yaml/empty', line: 1, col: 1 });
});

test('the duplicate-key message names the key', () => {
  const parsed = parseYaml('spec:\n  weight: 1\n  weight: 2\n');
  assert.match(parsed.problems[0]?.message ?? '', /duplicate key `weight`/);
});

test('syntax errors are reported in our words, never with the offending text quoted', () => {
  const secret = 'hunter2-very-private';
  const parsed = parseYaml(`a: "unterminated ${secret}\nb: [1, 2\n`);
  assert.ok(parsed.problems.length > 0);
  for (const problem of parsed.problems) {
    assert.equal(problem.rule.startsWith('yaml/'), true);
    assert.equal(problem.message.includes(secret), false);
  }
});

test('arbitrary bytes never make the parser throw or hang', () => {
  const random = lcg(42);
  const alphabet = 'ab: -?[]{},#&*!|>\'"%@`\n\t 0123\\';
  for (let i = 0; i < 2000; i++) {
    const length = Math.floor(random() * 80);
    let text = '';
    for (let k = 0; k < length; k++) text += alphabet[Math.floor(random() * alphabet.length)];
    const parsed = parseYaml(text);
    assert.ok(Array.isArray(parsed.problems));
    if (parsed.problems.some((p) => p.severity === 'error')) assert.equal(parsed.value, undefined);
  }
});

test('strict decoding finds the line and column of a NUL byte and of invalid UTF-8', () => {
  const nul = decodeText(new Uint8Array([0x61, 0x3a, 0x20, 0x31, 0x0a, 0x62, 0x3a, 0x00]));
  assert.deepEqual(nul, { ok: false, reason: 'nul', line: 2, col: 3 });
  const latin1 = decodeText(new Uint8Array([0x61, 0x0a, 0xc3, 0xa9, 0x20, 0xe9, 0x0a]));
  assert.deepEqual(latin1, { ok: false, reason: 'utf8', line: 2, col: 3 });
  const truncated = decodeText(new Uint8Array([0x61, 0xe2, 0x82]));
  assert.deepEqual(truncated, { ok: false, reason: 'utf8', line: 1, col: 2 });
  const bom = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]));
  assert.deepEqual(bom, { ok: true, text: 'a' });
});

test('line positions count from 1 and handle the first and last line', () => {
  const index = new LineIndex('ab\ncd\n\nef');
  assert.deepEqual(index.position(0), { line: 1, col: 1 });
  assert.deepEqual(index.position(3), { line: 2, col: 1 });
  assert.deepEqual(index.position(6), { line: 3, col: 1 });
  assert.deepEqual(index.position(8), { line: 4, col: 2 });
  assert.deepEqual(index.position(999), { line: 4, col: 3 });
});

test('a file with more tokens than the cap is refused even when every value in it is plain', () => {
  const parsed = parseYaml(`y: [${Array(100_000).fill('a').join(',')}]\n`);
  assert.equal(parsed.value, undefined);
  assert.equal(parsed.problems[0]?.rule, 'yaml/too-complex');
});

test('the literals, comments and positions of a valid file are worked out when asked for, where the yaml package places them', () => {
  const text = 'spec:\n  stages:\n    - name: a\n      weight: 5\n    - { name: b, weight: 100 }\n# a comment\n';
  const parsed = parseYaml(text);
  assert.deepEqual(parsed.value, { spec: { stages: [{ name: 'a', weight: 5 }, { name: 'b', weight: 100 }] } });
  const weight = parsed.scalars().find((s) => !s.isKey && s.text === '5');
  assert.deepEqual(weight?.path, ['spec', 'stages', 0, 'weight']);
  assert.equal(weight?.start, text.indexOf('5\n'));
  assert.deepEqual(parsed.comments().map((c) => c.start), [text.indexOf('# a comment')]);
  const flowWeight = findSourceNode(parsed.sourceMap(), ['spec', 'stages', 1, 'weight']);
  assert.equal(flowWeight.exact, true);
  assert.equal(flowWeight.node.keyStart, text.indexOf('weight: 100'));
  assert.equal(flowWeight.node.start, text.indexOf('100'));
});
