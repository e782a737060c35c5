import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { classify, highStatistic, mannWhitneyInterval, zOf } from '../../bench/judges/kayenta.js';

// Twelve 5-minute p99 latencies (ms) per arm, with a tie in the canary's; the canary is slower.
const canary = [812, 845, 790, 901, 876, 833, 860, 845, 918, 799, 884, 870];
const control = [801, 790, 815, 772, 830, 808, 795, 826, 788, 812, 804, 819];

/**
 * R's normal-approximation interval at each confidence level, as Kayenta's MannWhitney.scala
 * ports it: `wilcox.test(canary, control, conf.int = TRUE, conf.level, exact = FALSE, correct = TRUE)`.
 * One Rscript run for every level the tests need.
 */
function rIntervals(levels: readonly number[]): Map<number, { lower: number; upper: number; estimate: number }> {
  const script = [
    `canary <- c(${canary.join(', ')}); control <- c(${control.join(', ')})`,
    `for (level in c(${levels.join(', ')})) { r <- wilcox.test(canary, control, conf.int = TRUE, conf.level = level, exact = FALSE, correct = TRUE); cat(sprintf("%.12f", c(r$conf.int, r$estimate)), "\\n") }`,
  ].join('; ');
  let output: string;
  try {
    output = execFileSync('Rscript', ['-e', script], { encoding: 'utf8' });
  } catch (error) {
    assert.fail(`could not run Rscript (npm test installs r-base-core; or: sudo apt-get install -y r-base-core): ${(error as Error).message}`);
  }
  const rows = output.trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  return new Map(levels.map((level, i) => [level, { lower: rows[i]![0], upper: rows[i]![1], estimate: rows[i]![2] }]));
}

const LEVELS = [0.98, 0.9];
let cached: ReturnType<typeof rIntervals> | undefined;
const fromR = (level: number) => (cached ??= rIntervals(LEVELS)).get(level)!;

test('the Kayenta-style comparator\'s Mann–Whitney interval and shift estimate match R\'s wilcox.test at Kayenta\'s confidence level 0.98', () => {
  const mine = mannWhitneyInterval(canary, control, 0.98);
  const r = fromR(0.98);
  // R finds each bound with uniroot(tol = 1e-4) on a step function; the bisection here goes to the step itself.
  for (const key of ['lower', 'upper', 'estimate'] as const) assert.ok(Math.abs(mine[key] - r[key]) < 1e-3, `${key}: ${mine[key]} here, ${r[key]} from R`);
  assert.deepEqual([mine.lower, mine.upper, mine.estimate].map((v) => Math.round(v)), [11, 82, 50]);
});

test('a metric is High exactly when the interval\'s lower bound clears a quarter of the shift estimate, read from R\'s interval or from the statistic the benchmark calibrates', () => {
  for (const confLevel of LEVELS) {
    const r = fromR(confLevel);
    const expected = r.lower > 0.25 * Math.abs(r.estimate) ? 'High' : 'Pass';
    assert.equal(classify(canary, control, confLevel), expected, `at confidence level ${confLevel}`);
  }
  // At Kayenta's 0.98 the lower bound (11 ms) is short of a quarter of the 50 ms shift; at 0.9 (25 ms) it clears it.
  assert.equal(classify(canary, control, 0.98), 'Pass');
  assert.equal(classify(canary, control, 0.9), 'High');
  assert.ok(highStatistic(canary, control) < zOf(0.98) && highStatistic(canary, control) > zOf(0.9));
});

test('a canary whose mean is below the control\'s is never High, whatever the ranks say (Kayenta\'s mean-ratio effect size ≥ 1)', () => {
  const cheaperOnAverage = [...control.map((v) => v + 40), 100];
  assert.ok(cheaperOnAverage.reduce((a, b) => a + b) / cheaperOnAverage.length < control.reduce((a, b) => a + b) / control.length);
  assert.equal(highStatistic(cheaperOnAverage, control), -Infinity);
});
