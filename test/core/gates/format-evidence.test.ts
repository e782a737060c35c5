import assert from 'node:assert/strict';
import { test } from 'node:test';

test('evidence counts are grouped by thousands as en-US writes them, without building an Intl formatter (its ICU data costs every plan tens of milliseconds)', async () => {
  const Original = Intl.NumberFormat;
  let built = 0;
  Intl.NumberFormat = new Proxy(Original, {
    construct(target, args: unknown[]) {
      built += 1;
      return Reflect.construct(target, args) as object;
    },
  });
  let formatCount: (n: number) => string;
  try {
    ({ formatCount } = await import('../../../src/core/gates/format-evidence.js'));
    formatCount(23_880);
  } finally {
    Intl.NumberFormat = Original;
  }
  assert.equal(built, 0);
  const en = new Intl.NumberFormat('en-US');
  for (const n of [0, 7, 999, 1000, 23_880, 23_880.5, 999_999.6, -1234, -1_234_567.2, 12_345_678_901]) {
    assert.equal(formatCount(n), en.format(Math.round(n)), String(n));
  }
  assert.equal(formatCount(Number.POSITIVE_INFINITY), 'Infinity');
});
