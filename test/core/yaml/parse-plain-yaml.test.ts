import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parsePlainYaml } from '../../../src/core/yaml/parse-plain-yaml.js';
import { findSourceNode } from '../../../src/core/yaml/source-map.js';

/** Every YAML file of the committed fixtures (and the examples, when they exist). */
function fixtureTexts(): { name: string; text: string }[] {
  const roots = ['test/fixtures/valid', 'test/fixtures/invalid', 'test/fixtures/hostile', 'examples', 'policies'];
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry)) out.push({ name: path, text: readFileSync(path, 'utf8') });
    }
  };
  for (const root of roots) walk(root);
  return out;
}

/** A deterministic generator (no Math.random in tests that must be reproducible). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SCALARS = [
  'plain', 'two words', 'Europe/Berlin', '09:00-16:00', 'a:b', '-5', '+3', '.5', '1.', '1e3', '010', '0', '12', '2.5',
  'true', 'False', 'null', '~', 'yes', 'no', 'on', 'NaN', '"quoted # not a comment"', "'it''s'", '""', "''", '"@acme/team"',
  '[a, b]', '[]', '{}', '{ a: 1, b: [x, y] }', '[1, 2.5, "three"]', 'x # trailing comment', 'openai/gpt-4o-2024-08-06',
  'a,b', 'with [brackets]', '0x1F', '0o17', '.inf', '1_000', '12:30', 'value  ', '"a\\nb"', "'a\\b'",
];
const KEYS = ['name', 'weight', 'a.b/c-d', '"quoted key"', "'single'", 'on', 'x_1'];

function generateDocument(random: () => number, depth: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const lines: string[] = [];
  const block = (indent: number, level: number, kind: 'map' | 'seq'): void => {
    const pad = ' '.repeat(indent);
    const used = new Set<string>();
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      const nested = level < depth && random() < 0.35;
      const roll = random();
      if (kind === 'map') {
        let key = pick(KEYS);
        while (used.has(key)) key = `${key}x`;
        used.add(key);
        if (nested) {
          lines.push(`${pad}${key}:`);
          const childKind = random() < 0.5 ? 'map' : 'seq';
          block(childKind === 'seq' && random() < 0.5 ? indent : indent + 2, level + 1, childKind);
        } else if (roll < 0.08) {
          lines.push(`${pad}${key}: |${pick(['', '-', '+'])}`, `${pad}  line one`, `${pad}  line two`, '', `${pad}  line three`);
        } else if (roll < 0.14) {
          lines.push(`${pad}${key}: >${pick(['', '-'])}`, `${pad}  folded one`, `${pad}  folded two`, '', `${pad}  next`);
        } else if (roll < 0.18) {
          lines.push(`${pad}${key}:`);
        } else {
          lines.push(`${pad}${key}: ${pick(SCALARS)}`);
        }
        if (random() < 0.1) lines.push(`${pad}# a comment line`);
      } else if (nested) {
        lines.push(`${pad}- ${pick(KEYS)}: ${pick(SCALARS)}`);
        block(indent + 2, level + 1, 'map');
      } else {
        lines.push(`${pad}- ${pick(SCALARS)}`);
      }
    }
  };
  if (random() < 0.2) lines.push('---');
  block(0, 0, 'map');
  return `${lines.join('\n')}\n`;
}

test('the fast path reads every committed fixture exactly as the yaml package does, or steps aside', () => {
  const fixtures = fixtureTexts();
  assert.ok(fixtures.length > 0);
  let read = 0;
  for (const { name, text } of fixtures) {
    const fast = parsePlainYaml(text, 64);
    if (!fast) continue;
    read += 1;
    assert.deepStrictEqual(fast.value, parse(text), name);
  }
  assert.ok(read >= 3, `the fast path should read the plain fixtures (read ${read})`);
});

test('the fast path agrees with the yaml package on a thousand generated documents and never accepts what yaml rejects', () => {
  const random = lcg(20251122);
  let accepted = 0;
  for (let i = 0; i < 1000; i++) {
    const text = generateDocument(random, 4);
    const fast = parsePlainYaml(text, 64);
    let expected: unknown;
    let rejected = false;
    try {
      expected = parse(text);
    } catch {
      rejected = true;
    }
    if (!fast) continue;
    accepted += 1;
    assert.equal(rejected, false, `fast path accepted a document yaml rejects:\n${text}`);
    assert.deepStrictEqual(fast.value, expected, text);
  }
  assert.ok(accepted > 200, `the generator should exercise the fast path (accepted ${accepted})`);
});

test('the fast path steps aside for constructs it leaves to the full parser', () => {
  const cases = [
    'a: 1\na: 2\n', // duplicate key
    'a:\n\tb: 1\n', // tab
    'a: &x 1\nb: *x\n', // anchor and alias
    'a: !foo 1\n', // tag
    'a: "x\\ny"\n', // escape
    'a: plain\n  continued\n', // multi-line plain scalar
    'a: 1\n---\nb: 2\n', // second document
    '- a\n- b\n', // top-level list
    'a: 0x1F\n', // hexadecimal
    'a: b: c\n', // compact nested mapping
    '%YAML 1.2\n---\na: 1\n', // directive
    'a: |\n  no trailing newline', // block scalar at end of input without newline
    '', // empty
  ];
  for (const text of cases) assert.equal(parsePlainYaml(text, 64), undefined, JSON.stringify(text));
});

test('the fast path steps aside beyond the nesting cap instead of recursing', () => {
  const deep = `${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')} 1\n`;
  assert.equal(parsePlainYaml(deep, 64), undefined);
  assert.notEqual(parsePlainYaml(deep, 100), undefined);
});

test('the fast path records the position of every key and value when asked', () => {
  const text = 'spec:\n  stages:\n    - name: a\n      weight: 5\n    - { name: b, weight: 100 }\n';
  const parsed = parsePlainYaml(text, 64, { positions: true });
  assert.ok(parsed?.root);
  const weight = findSourceNode(parsed.root, ['spec', 'stages', 0, 'weight']);
  assert.equal(weight.exact, true);
  assert.equal(weight.node.keyStart, text.indexOf('weight: 5'));
  assert.equal(weight.node.start, text.indexOf('5\n'));
  const flowWeight = findSourceNode(parsed.root, ['spec', 'stages', 1, 'weight']);
  assert.equal(flowWeight.node.start, text.indexOf('100'));
  const missing = findSourceNode(parsed.root, ['spec', 'stages', 1, 'nope']);
  assert.equal(missing.exact, false);
  assert.equal(missing.node.start, text.indexOf('{ name: b'));
});

test('without positions the fast path hands back only the scalars the filter keeps, with their paths', () => {
  const text = 'a: short\nb:\n  token: x\n  c: [one, two]\n';
  const parsed = parsePlainYaml(text, 64, { positions: false, keepScalar: (_t, key, isKey) => !isKey && key === 'token' });
  assert.equal(parsed?.root, undefined);
  assert.deepEqual(parsed?.scalars.map((s) => ({ text: s.text, path: s.path })), [{ text: 'x', path: ['b', 'token'] }]);
});

test('the fast path places keys and values where the full parser does', async () => {
  const { parseWithFullParser } = await import('../../../src/core/yaml/parse-yaml.js');
  const random = lcg(7);
  let compared = 0;
  for (let i = 0; i < 300; i++) {
    const text = generateDocument(random, 3);
    const fast = parsePlainYaml(text, 64, { positions: true });
    if (!fast?.root) continue;
    const full = parseWithFullParser(text);
    const fullRoot = full.sourceMap();
    for (const scalar of fast.scalars) {
      const a = findSourceNode(fast.root, scalar.path);
      const b = findSourceNode(fullRoot, scalar.path);
      assert.equal(b.exact, true, `${JSON.stringify(scalar.path)} in\n${text}`);
      if (scalar.isKey) assert.equal(a.node.keyStart, b.node.keyStart, `${JSON.stringify(scalar.path)} in\n${text}`);
      else assert.equal(a.node.start, b.node.start, `${JSON.stringify(scalar.path)} in\n${text}`);
      compared += 1;
    }
  }
  assert.ok(compared > 500);
});
