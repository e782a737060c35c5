import { evaluateContinuedFraction } from './continued-fraction.js';
import type { Tails } from './tails.js';
import { logGamma } from './log-gamma.js';

const EPS = Number.EPSILON;
const MAX_ITERATIONS = 10_000_000;

/**
 * The regularized incomplete gamma function P(a, x) and its complement Q(a, x)
 * (R's `pgamma(x, a)` and `pgamma(x, a, lower.tail = FALSE)`): the power series below
 * x = a + 1, the Legendre continued fraction above (Numerical Recipes §6.2), so the small
 * tail is always computed directly.
 */
export function regularizedGamma(x: number, a: number): Tails {
  if (Number.isNaN(x) || !(a > 0)) return { lower: Number.NaN, upper: Number.NaN };
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n <= MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) {
        const lower = Math.exp(logFront + Math.log(sum));
        return { lower, upper: 1 - lower };
      }
    }
    throw new Error(`incomplete gamma series did not converge for x=${x}, a=${a}`);
  }
  const fraction = evaluateContinuedFraction(
    0,
    (m) => (m === 1 ? [1, x + 1 - a] : [-(m - 1) * (m - 1 - a), x + 2 * m - 1 - a]),
    MAX_ITERATIONS,
  );
  const upper = Math.exp(logFront + Math.log(fraction));
  return { lower: 1 - upper, upper };
}
