import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseWithFullParser } from '../../../src/core/yaml/parse-yaml.js';
import { readSourceMap, readValue } from '../../../src/core/yaml/read-value.js';
import type { SourceNode } from '../../../src/core/yaml/source-map.js';

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
  '2024-01-01', '2024-01-01T10:00:00Z', 'On', 'Y', '-.inf', '.NaN', '1e400', '12345678901234567890', '-0', '+.5', '"\\u00e9"',
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

/** What the `yaml` package makes of `text` (the contract), or undefined where it finds an error. */
function yamlValue(text: string): { value: unknown } | undefined {
  try {
    return { value: parse(text, { uniqueKeys: true, strict: true }) };
  } catch {
    return undefined;
  }
}

test('js-yaml reads every committed fixture exactly as the yaml package does, or declines it', () => {
  const fixtures = fixtureTexts();
  assert.ok(fixtures.length > 0);
  let read = 0;
  for (const { name, text } of fixtures) {
    const fast = readValue(text, 64);
    if (!fast.ok) continue;
    read += 1;
    assert.deepStrictEqual(fast.value, yamlValue(text)?.value, name);
  }
  assert.ok(read >= 3, `js-yaml should read the plain fixtures (read ${read})`);
});

test('js-yaml agrees with the yaml package on a thousand generated documents and never accepts what yaml rejects', () => {
  const random = lcg(20251122);
  let accepted = 0;
  for (let i = 0; i < 1000; i++) {
    const text = generateDocument(random, 4);
    const fast = readValue(text, 64);
    if (!fast.ok) continue;
    accepted += 1;
    const expected = yamlValue(text);
    assert.ok(expected, `js-yaml accepted a document yaml rejects:\n${text}`);
    assert.deepStrictEqual(fast.value, expected.value, text);
  }
  assert.ok(accepted > 500, `the generator should exercise js-yaml (accepted ${accepted})`);
});

test('scalars read as YAML 1.2 core types, as the yaml package reads them: yes, on and dates stay text', () => {
  const text = [
    'yes: yes', 'on: On', 'date: 2024-01-01', 'time: 2024-01-01T10:00:00Z', 'octal: 0o17', 'hex: 0x1F', 'old: 010',
    'inf: -.inf', 'nan: .NaN', 'huge: 1e400', 'big: 12345678901234567890', 'nothing: ~', 'empty:', 'flag: FALSE', 'under: 1_000',
  ].join('\n');
  const fast = readValue(text, 64);
  assert.ok(fast.ok);
  assert.deepStrictEqual(fast.value, yamlValue(text)?.value);
  assert.equal(fast.value['yes'], 'yes');
  assert.equal(fast.value['date'], '2024-01-01');
  assert.equal(fast.value['huge'], Number.POSITIVE_INFINITY);
});

test('files the full parser must judge, or might read differently, are declined', () => {
  const cases = {
    'duplicate key': 'a: 1\na: 2\n',
    'anchor': 'a: &x 1\n',
    'alias': 'a: 1\nb: *x\n',
    'tag': 'a: !!str 1\n',
    'directive': '%YAML 1.2\n---\na: 1\n',
    'second document': 'a: 1\n---\nb: 2\n',
    'empty file': '',
    'only a comment': '# nothing\n',
    'top-level list': '- a\n- b\n',
    'top-level scalar': 'just text\n',
    'number key': '1: a\n',
    'null key': '~: a\n',
    'collection key': '[a]: b\n',
    'indentation indicator': 'a: |2\n   x\n',
    'escaped line break': 'a: "x\\\n\n  y"\n',
    'syntax error': 'a: [1, 2\n',
    'tab': 'a:\n\tb: 1\n',
  };
  for (const [name, text] of Object.entries(cases)) assert.equal(readValue(text, 64).ok, false, name);
});

test('js-yaml declines beyond the nesting cap instead of recursing', () => {
  const deep = `${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')} 1\n`;
  assert.equal(readValue(deep, 64).ok, false);
  assert.equal(readValue(deep, 100).ok, true);
});

test('a __proto__ key is an own property, never the prototype', () => {
  const fast = readValue('__proto__:\n  polluted: true\n', 64);
  assert.ok(fast.ok);
  assert.equal(Object.getPrototypeOf(fast.value), Object.prototype);
  assert.deepEqual(Object.keys(fast.value), ['__proto__']);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

/** Every key and value of `expected` (the yaml package's map) sits at the same offset in `actual`. */
function assertSamePlaces(actual: SourceNode, expected: SourceNode, where: string): number {
  assert.deepEqual({ start: actual.start, keyStart: actual.keyStart }, { start: expected.start, keyStart: expected.keyStart }, where);
  let compared = 1;
  for (const [segment, child] of expected.children ?? []) {
    const mine = actual.children?.get(segment);
    assert.ok(mine, `${where} / ${String(segment)} is missing`);
    compared += assertSamePlaces(mine, child, `${where} / ${String(segment)}`);
  }
  return compared;
}

test('js-yaml places every key and value where the yaml package does, on every fixture and generated document it reads', () => {
  const random = lcg(7);
  const texts = [...fixtureTexts().map((f) => f.text), ...Array.from({ length: 300 }, () => generateDocument(random, 3))];
  texts.push('a:\nb: [1, "2", {c: 3, d: }]\nl:\n  -\n  -   \n  - k: v\n    m: |\n      x\ne: >- # folded\n  f\n"q": \'r\'\n');
  let compared = 0;
  for (const text of texts) {
    if (!readValue(text, 64).ok) continue;
    compared += assertSamePlaces(readSourceMap(text, 64), parseWithFullParser(text).sourceMap(), text);
  }
  assert.ok(compared > 2000, `compared ${compared}`);
});
