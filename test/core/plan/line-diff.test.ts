import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLineStatMemo, diffLineStat, splitLines } from '../../../src/core/plan/line-diff.js';

/** Reference: the longest common subsequence by dynamic programming; added = M − LCS, removed = N − LCS. */
function referenceStat(before: string, after: string): { added: number; removed: number } {
  const a = splitLines(before);
  const b = splitLines(after);
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const row = table[i] as number[];
      row[j] = a[i] === b[j] ? (table[i + 1] as number[])[j + 1] as number + 1 : Math.max((table[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const lcs = (table[0] as number[])[0] as number;
  return { added: b.length - lcs, removed: a.length - lcs };
}

test('an unchanged text has no added or removed lines', () => {
  assert.deepEqual(diffLineStat('a\nb\nc\n', 'a\nb\nc\n'), { added: 0, removed: 0 });
});

test('one line replaced and two inserted count as +3 −1', () => {
  assert.deepEqual(diffLineStat('a\nb\nc\n', 'a\nB\nx\ny\nc\n'), { added: 3, removed: 1 });
});

test('a missing final newline does not count as a changed line', () => {
  assert.deepEqual(diffLineStat('a\nb', 'a\nb\n'), { added: 0, removed: 0 });
});

test('texts against an empty text count every line', () => {
  assert.deepEqual(diffLineStat('', 'a\nb\n'), { added: 2, removed: 0 });
  assert.deepEqual(diffLineStat('a\nb\nc', ''), { added: 0, removed: 3 });
});

test('windows line endings compare equal to unix ones', () => {
  assert.deepEqual(diffLineStat('a\r\nb\r\n', 'a\nb\n'), { added: 0, removed: 0 });
});

test('the Myers distance matches a dynamic-programming LCS on generated edits', () => {
  let seed = 12345;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 300; round += 1) {
    const before = Array.from({ length: next(12) }, () => 'abcd'[next(4)] as string);
    const after = [...before];
    for (let e = next(6); e > 0; e -= 1) {
      const at = next(after.length + 1);
      if (next(2) === 0 && after.length > 0) after.splice(Math.min(at, after.length - 1), 1);
      else after.splice(at, 0, 'abcde'[next(5)] as string);
    }
    const x = before.join('\n');
    const y = after.join('\n');
    assert.deepEqual(diffLineStat(x, y), referenceStat(x, y), `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  }
});

test('two texts with no line in common differ in every line', () => {
  const before = 'one\ntwo\nthree\n';
  const after = 'four\nfive\n';
  assert.deepEqual(diffLineStat(`x\n${before}y\n`, `x\n${after}y\n`), { added: 2, removed: 3 });
  assert.deepEqual(diffLineStat(before, after), referenceStat(before, after));
});

test('a line-stat memo answers as diffLineStat does, and hands each caller its own object', () => {
  const memo = createLineStatMemo();
  const pairs: [string, string][] = [['a\nb\nc\n', 'a\nB\nx\ny\nc\n'], ['a\nb\nc\n', 'a\nb\nc\n'], ['p\nq\n', 'r\n']];
  for (const [before, after] of [...pairs, ...pairs]) assert.deepEqual(memo(before, after), diffLineStat(before, after));
  const first = memo('p\nq\n', 'r\n');
  const second = memo('p\nq\n', 'r\n');
  assert.notEqual(first, second);
  assert.deepEqual(first, second);
});
