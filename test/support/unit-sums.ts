import type { UnitSums } from '../../src/core/stats/index.js';

/** The sufficient statistics a warehouse's GROUP BY user would send, from per-unit totals x and y. */
export function unitSumsOf(x: readonly number[], y: readonly number[]): UnitSums {
  let sumX = 0, sumY = 0, sumXX = 0, sumYY = 0, sumXY = 0;
  x.forEach((xi, i) => {
    const yi = y[i]!;
    sumX += xi;
    sumY += yi;
    sumXX += xi * xi;
    sumYY += yi * yi;
    sumXY += xi * yi;
  });
  return { units: x.length, sumX, sumY, sumXX, sumYY, sumXY };
}
