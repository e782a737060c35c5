import { regularizedGamma } from '../special/incomplete-gamma.js';
import type { Tails } from '../special/tails.js';

/** Both tails of the chi-square distribution with `df` > 0 degrees of freedom (R's `pchisq`). */
export function chiSquareTails(x: number, df: number): Tails {
  return regularizedGamma(x / 2, df / 2);
}

/** P[X ≤ x] (R's `pchisq(x, df)`). */
export function chiSquareCdf(x: number, df: number): number {
  return chiSquareTails(x, df).lower;
}

/** P[X > x], accurate far into the tail (R's `pchisq(x, df, lower.tail = FALSE)`). */
export function chiSquareUpperTail(x: number, df: number): number {
  return chiSquareTails(x, df).upper;
}
