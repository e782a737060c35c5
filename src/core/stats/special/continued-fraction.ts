/** Values below this are replaced in Lentz's algorithm to avoid dividing by zero. */
const TINY = 1e-300;

/**
 * Evaluates b0 + a1/(b1 + a2/(b2 + …)) by the modified Lentz method (Numerical Recipes
 * §5.2), stopping when a step changes the value by less than `eps` relative.
 * `term(m)` returns [a_m, b_m] for m ≥ 1.
 */
export function evaluateContinuedFraction(
  b0: number,
  term: (m: number) => readonly [number, number],
  maxIterations: number,
  eps = Number.EPSILON,
): number {
  let f = b0 === 0 ? TINY : b0;
  let c = f;
  let d = 0;
  for (let m = 1; m <= maxIterations; m++) {
    const [a, b] = term(m);
    d = b + a * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + a / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) <= eps) return f;
  }
  throw new Error(`continued fraction did not converge in ${maxIterations} iterations`);
}
