import { logGamma } from '../stats/special/log-gamma.js';

/**
 * P(X ≥ k) for X ~ Binomial(n, 1/2): the exact one-sided p-value of a sign test, and of McNemar's
 * test on the discordant pairs (R: `binom.test(k, n, 0.5, alternative = "greater")$p.value`).
 * n is a count of test cases (thousands at most): the terms are summed one by one, without an
 * incomplete beta.
 */
export function binomialHalfUpperTail(k: number, n: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0) throw new RangeError(`binomialHalfUpperTail: k and n must be whole and n ≥ 0; got k=${k}, n=${n}`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  // Up to 1,000 trials the binomial coefficients and 2^n are ordinary doubles: summed directly, 1/8 is 1/8.
  if (n <= 1000) {
    let choose = 1;
    let sum = 0;
    for (let i = 0; i <= n; i++) {
      if (i >= k) sum += choose;
      choose = (choose * (n - i)) / (i + 1);
    }
    return Math.min(1, sum / 2 ** n);
  }
  const logHalfN = -n * Math.LN2;
  const logChoose = (i: number) => logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1);
  // Largest term first (the one nearest n/2), so the sum scales without underflow.
  const terms: number[] = [];
  for (let i = k; i <= n; i++) terms.push(logChoose(i) + logHalfN);
  const top = Math.max(...terms);
  const sum = terms.reduce((acc, t) => acc + Math.exp(t - top), 0);
  return Math.min(1, Math.exp(top + Math.log(sum)));
}
