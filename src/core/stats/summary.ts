/** Sufficient statistics of a continuous metric; `sd` is the sample standard deviation (n − 1). */
export interface Summary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
}

/**
 * n, mean and sample standard deviation of the finite values (R's `length`, `mean`, `sd`
 * after dropping non-finite values). Two passes, with the mean corrected by the mean
 * residual as R's `mean` does, so large offsets do not cost digits.
 */
export function summarize(values: ArrayLike<number>): Summary {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      n++;
      sum += v;
    }
  }
  if (n === 0) return { n: 0, mean: Number.NaN, sd: Number.NaN };
  let mean = sum / n;
  let residual = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) residual += v - mean;
  }
  mean += residual / n;
  if (n === 1) return { n, mean, sd: Number.NaN };
  let squares = 0;
  let drift = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      const d = v - mean;
      squares += d * d;
      drift += d;
    }
  }
  // Corrected two-pass variance (Chan, Golub & LeVeque): removes the rounding left in `mean`.
  const variance = (squares - (drift * drift) / n) / (n - 1);
  return { n, mean, sd: Math.sqrt(Math.max(variance, 0)) };
}
