import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration } from '../../../src/core/model/duration.js';
import { formatMargin, parseMargin } from '../../../src/core/model/margin.js';

test('durations parse in every unit and in combination', () => {
  const cases: [string, number][] = [
    ['250ms', 250], ['30s', 30_000], ['30m', 1_800_000], ['24h', 86_400_000], ['2d', 172_800_000],
    ['1h30m', 5_400_000], ['1.5h', 5_400_000], ['0s', 0], ['1d12h', 129_600_000], ['90m', 5_400_000],
  ];
  for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
});

test('text that is not a duration parses to undefined', () => {
  for (const text of ['', '5', 'h', '1 h', '1H', '-1h', '1w', '1h 30m', '1.h', `${'9'.repeat(30)}d`]) {
    assert.equal(parseDuration(text), undefined, text);
  }
});

test('durations format in whole units, largest first, and read back to the same value', () => {
  assert.equal(formatDuration(5_400_000), '1h30m');
  assert.equal(formatDuration(172_800_000), '2d');
  assert.equal(formatDuration(250), '250ms');
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(90_061_001), '1d1h1m1s1ms');
  for (const ms of [1, 999, 60_000, 3_723_000, 604_800_000]) assert.equal(parseDuration(formatDuration(ms)), ms);
});

test('margins parse as points, relative fractions or absolute numbers', () => {
  assert.deepEqual(parseMargin('0.5pp'), { kind: 'points', value: 0.005 });
  assert.deepEqual(parseMargin('10%'), { kind: 'relative', value: 0.1 });
  assert.deepEqual(parseMargin(3), { kind: 'absolute', value: 3 });
  assert.deepEqual(parseMargin(0), { kind: 'absolute', value: 0 });
  for (const bad of ['5', '-1%', '1 pp', 'pp', '10%%', -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.equal(parseMargin(bad as string | number), undefined, String(bad));
  }
});

test('margins format the way they are written', () => {
  assert.equal(formatMargin({ kind: 'points', value: 0.005 }), '0.5pp');
  assert.equal(formatMargin({ kind: 'relative', value: 0.1 }), '10%');
  assert.equal(formatMargin({ kind: 'absolute', value: 2500 }), '2500');
  assert.equal(formatMargin(parseMargin('0.07pp')!), '0.07pp');
});
