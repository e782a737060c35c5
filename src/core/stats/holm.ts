/**
 * Holm's step-down adjustment for several gates judged at once: controls the family-wise
 * error rate under any dependence. Matches R's `p.adjust(p, method = "holm")`, in the
 * input's order.
 */
export function holm(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`pValues[${i}] must be a probability, got ${p}`);
  });
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]! || a - b);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, (m - rank) * pValues[index]!);
    adjusted[index] = Math.min(1, running);
  });
  return adjusted;
}
