import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alwaysValidPValue,
  boundaryMultiplier,
  confidenceSequence,
  createRandom,
  normalQuantile,
  proportionsMarginTest,
  requiredSamplesPerArm,
} from '../../../src/core/stats/index.js';

const LOOKS = 288; // one look every five minutes for a day
const SEQUENCES = 2000;
const ALPHA = 0.05;
const tolerance = (rate: number, runs: number) => 3 * Math.sqrt((rate * (1 - rate)) / runs);

test('under no difference, 288 looks at Gaussian data: the confidence sequence stays under alpha, repeated z-tests do not', () => {
  const random = createRandom(20240601);
  const perLook = 50;
  const tuneN = LOOKS * perLook;
  let sequenceAlarms = 0;
  let naiveAlarms = 0;
  for (let run = 0; run < SEQUENCES; run++) {
    let control = 0;
    let canary = 0;
    let sequenceFired = false;
    let naiveFired = false;
    for (let look = 1; look <= LOOKS; look++) {
      control += Math.sqrt(perLook) * random.normal();
      canary += Math.sqrt(perLook) * random.normal();
      const n = look * perLook;
      const estimate = (canary - control) / n;
      const se = Math.sqrt(2 / n);
      const cs = confidenceSequence(estimate, se, n, { alpha: ALPHA, tuneN });
      if (cs.lower > 0 || cs.upper < 0) sequenceFired = true;
      if (Math.abs(estimate / se) > normalQuantile(1 - ALPHA / 2)) naiveFired = true;
    }
    if (sequenceFired) sequenceAlarms++;
    if (naiveFired) naiveAlarms++;
  }
  const sequenceRate = sequenceAlarms / SEQUENCES;
  const naiveRate = naiveAlarms / SEQUENCES;
  assert.ok(sequenceRate <= ALPHA + tolerance(ALPHA, SEQUENCES), `confidence sequence false-alarm rate ${sequenceRate}`);
  assert.ok(naiveRate > 0.15, `repeated fixed-horizon z-tests false-alarm rate ${naiveRate}`);
});

test('under no difference, error rates of 1 % in a 5/95 split: the sequence on Agresti–Caffo differences stays under alpha', () => {
  const random = createRandom(7);
  const requestsPerLook = 1000;
  const tuneN = LOOKS * requestsPerLook * 0.05;
  let sequenceAlarms = 0;
  let naiveAlarms = 0;
  for (let run = 0; run < SEQUENCES; run++) {
    const control = { successes: 0, trials: 0 };
    const canary = { successes: 0, trials: 0 };
    let sequenceFired = false;
    let naiveFired = false;
    for (let look = 1; look <= LOOKS; look++) {
      const canaryRequests = random.binomial(requestsPerLook, 0.05);
      canary.trials += canaryRequests;
      control.trials += requestsPerLook - canaryRequests;
      canary.successes += random.binomial(canaryRequests, 0.01);
      control.successes += random.binomial(requestsPerLook - canaryRequests, 0.01);
      const difference = proportionsMarginTest(control, canary, { margin: 0, kind: 'absolute', worse: 'higher' });
      const cs = confidenceSequence(difference.estimate, difference.standardError, canary.trials, { alpha: ALPHA, tuneN });
      if (cs.lower > 0 || cs.upper < 0) sequenceFired = true;
      const wald = proportionsMarginTest(control, canary, { margin: 0, kind: 'absolute', worse: 'higher', variance: 'wald' });
      if (!wald.degenerate && Math.abs(wald.statistic) > normalQuantile(1 - ALPHA / 2)) naiveFired = true;
    }
    if (sequenceFired) sequenceAlarms++;
    if (naiveFired) naiveAlarms++;
  }
  const sequenceRate = sequenceAlarms / SEQUENCES;
  assert.ok(sequenceRate <= ALPHA + tolerance(ALPHA, SEQUENCES), `confidence sequence false-alarm rate ${sequenceRate}`);
  assert.ok(naiveAlarms / SEQUENCES > 0.15, `repeated Wald tests false-alarm rate ${naiveAlarms / SEQUENCES}`);
});

test('a true difference of the margin is detected by the sequential sample size with the stated power', () => {
  const random = createRandom(99);
  const margin = 0.1;
  const { control: n } = requiredSamplesPerArm({ kind: 'mean', baseline: 0, sd: 1, margin, alpha: ALPHA, power: 0.8, sides: 1, sequential: true });
  const runs = 1000;
  const looks = 100;
  let detected = 0;
  for (let run = 0; run < runs; run++) {
    let difference = 0;
    for (let look = 1; look <= looks; look++) {
      const added = n / looks;
      difference += margin * added + Math.sqrt(2 * added) * random.normal();
      const seen = look * added;
      const cs = confidenceSequence(difference / seen, Math.sqrt(2 / seen), seen, { alpha: ALPHA, tuneN: n, sides: 1 });
      if (cs.lower > 0) {
        detected++;
        break;
      }
    }
  }
  const power = detected / runs;
  assert.ok(power >= 0.8 - tolerance(0.8, runs) && power < 0.95, `detected in ${power} of runs by n = ${n}`);
});

test('the always-valid p-value is the alpha at which the confidence sequence touches the threshold', () => {
  for (const alpha of [0.2, 0.05, 0.001]) {
    for (const sides of [1, 2] as const) {
      const cs = confidenceSequence(0.3, 0.1, 5000, { alpha, sides, tuneN: 8000 });
      const alternative = sides === 1 ? 'greater' : 'two.sided';
      const p = alwaysValidPValue(0.3, 0.1, 5000, cs.lower, { alternative, tuneN: 8000 });
      assert.ok(Math.abs(p - alpha) < 1e-12 * Math.max(1, 1 / alpha) , `${sides}-sided, alpha ${alpha}: p ${p}`);
    }
  }
  const pLess = alwaysValidPValue(-0.3, 0.1, 5000, confidenceSequence(-0.3, 0.1, 5000, { alpha: 0.01, sides: 1 }).upper, { alternative: 'less' });
  assert.ok(Math.abs(pLess - 0.01) < 1e-12);
});

test('the always-valid p-value is 1 when the estimate sits on the null side and never exceeds 1', () => {
  assert.equal(alwaysValidPValue(-0.1, 0.05, 1000, 0, { alternative: 'greater' }), 1);
  assert.equal(alwaysValidPValue(0.001, 0.05, 1000, 0, { alternative: 'two.sided' }), 1);
  assert.equal(alwaysValidPValue(0.5, 0.05, 0, 0, { alternative: 'greater' }), 1, 'no observations, no evidence');
  assert.ok(alwaysValidPValue(1, 0.05, 1000, 0, { alternative: 'greater' }) < 1e-30);
});

test('the sequence is always wider than the fixed-horizon interval, and narrowest near its tuning point', () => {
  const tuneN = 10_000;
  for (const n of [10, 1000, 10_000, 1e6]) {
    assert.ok(boundaryMultiplier(n, { alpha: 0.05, tuneN }) > normalQuantile(0.975));
  }
  const atTune = boundaryMultiplier(tuneN, { alpha: 0.05, tuneN });
  assert.ok(atTune < boundaryMultiplier(tuneN / 3, { alpha: 0.05, tuneN }));
  assert.ok(atTune < boundaryMultiplier(tuneN * 3, { alpha: 0.05, tuneN }));
  assert.ok(atTune < 1.6 * normalQuantile(0.975), `about 1.5 times the fixed interval at the tuning point, got ${atTune}`);
});

test('one tuning constant keeps the width at tuneN within 1 % of the best possible for alpha from 0.001 to 0.2', () => {
  for (const alpha of [0.001, 0.01, 0.05, 0.1, 0.2]) {
    const ours = boundaryMultiplier(1, { alpha, tuneN: 1 });
    let best = Infinity;
    for (let scale = 0.05; scale < 20; scale *= 1.01) best = Math.min(best, boundaryMultiplier(1, { alpha, tuneN: scale }));
    assert.ok(ours <= best * 1.01, `alpha ${alpha}: ${ours} vs optimum ${best}`);
  }
});

test('a one-sided bound is tighter than the same end of the two-sided sequence', () => {
  const one = boundaryMultiplier(5000, { alpha: 0.05, sides: 1 });
  const two = boundaryMultiplier(5000, { alpha: 0.05, sides: 2 });
  assert.ok(one < two);
  assert.ok(one > boundaryMultiplier(5000, { alpha: 0.1, sides: 2 }) - 1e-12, 'but no tighter than the two-sided sequence at 2α');
});

test('degenerate inputs: no observations give an unbounded interval, zero standard error a point', () => {
  const empty = confidenceSequence(0.2, 0.1, 0, { alpha: 0.05 });
  assert.equal(empty.lower, -Infinity);
  assert.equal(empty.upper, Infinity);
  const exact = confidenceSequence(0.2, 0, 100, { alpha: 0.05 });
  assert.deepEqual([exact.lower, exact.upper], [0.2, 0.2]);
  assert.throws(() => confidenceSequence(0, 1, 10, { alpha: 1.5 }), /alpha must be between 0 and 1/);
  assert.throws(() => confidenceSequence(0, 1, 10, { alpha: 0.05, tuneN: 0 }), /tuneN must be a positive number/);
});
