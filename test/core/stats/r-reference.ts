// Loads test/fixtures/r/reference.json (written by scripts/r/reference.R) and compares numbers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export const fixturePath = new URL('../../fixtures/r/reference.json', import.meta.url);

const nonFinite: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: Number.NaN, NA: Number.NaN };

/** Parses the fixture format: JSON with non-finite numbers written as the strings R would print. */
export function parseReference(text: string): Reference {
  return JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' && value in nonFinite ? nonFinite[value] : value)) as Reference;
}

export interface Reference {
  readonly r: string;
  readonly generatedBy: string;
  readonly datasets: Record<string, { setup: string; values: Record<string, number[]> }>;
  readonly [section: string]: unknown;
}

/** The fields an R `htest` result has, as the fixture records them for a two-sample test. */
export interface HTestCase {
  call: string;
  alternative: 'two.sided' | 'greater' | 'less';
  statistic: number;
  parameter: number;
  pValue: number;
  interval: [number, number];
}

export const reference = parseReference(readFileSync(fixturePath, 'utf8'));

/** Where a case comes from, for test names and failure messages. */
export const rVersion = reference.r;

/** The cases of one section, typed by the caller. */
export function cases<T>(section: string): T[] {
  const list = reference[section];
  assert.ok(Array.isArray(list) && list.length > 0, `the R fixture has no "${section}" cases`);
  return list as T[];
}

/** A named data set's vector, as R generated it. */
export function dataset(name: string, variable: string): number[] {
  const values = reference.datasets[name]?.values[variable];
  assert.ok(values, `the R fixture has no data set ${name}.${variable}`);
  return Array.isArray(values) ? values : [values];
}

/**
 * Asserts `actual` is within `relative` of R's `expected` (equal when both are NaN or the same
 * infinity), or within `absolute` of it (default 1e-300, where R and we both underflow).
 */
export function assertClose(actual: number, expected: number, relative: number, what: string, absolute = 1e-300): void {
  if (Number.isNaN(expected)) {
    assert.ok(Number.isNaN(actual), `${what}: R gives NaN, we give ${actual}`);
    return;
  }
  if (!Number.isFinite(expected)) {
    assert.equal(actual, expected, `${what}: R gives ${expected}, we give ${actual}`);
    return;
  }
  const error = Math.abs(actual - expected);
  const scale = Math.max(Math.abs(expected), Math.abs(actual));
  assert.ok(
    error <= relative * scale || error <= absolute,
    `${what}: R (${rVersion}) gives ${expected}, we give ${actual} (relative error ${(error / scale).toExponential(2)} > ${relative})`,
  );
}
