// Seeded null simulations of the judge's fail test looked at again and again (decision 0003's
// peek-safety table). Both arms have the same true value; a "false alarm" is a sequence in which
// some look declares a difference. The judge's column runs the functions the judge runs
// (agrestiCaffoRate / estimateMean → differenceContrast → beyondPValue / withinPValue); the
// comparison columns run the same contrast through a repeated fixed-horizon z-test.
import {
  agrestiCaffoRate,
  beyondPValue,
  differenceContrast,
  estimateMean,
  estimateRate,
  normalQuantile,
  withinPValue,
  type ArmEstimate,
} from '../../src/core/stats/index.js';
import { createRandom, type Random } from './random.js';

export interface PeekSimulationOptions {
  readonly sequences: number;
  /** Looks per sequence: 288 is one every five minutes for a day. */
  readonly looks: number;
  readonly alpha: number;
  readonly seed: number;
}

/** Share of null sequences in which some look declared each claim. */
export interface FalseAlarmRates {
  /** The judge's fail: always-valid p that the canary is worse (margin 0) ≤ alpha. */
  readonly judgeFail: number;
  /** The judge's pass at margin 0: always-valid p that the canary is no worse ≤ alpha (true effect on the null's edge). */
  readonly judgePass: number;
  /** Either of the two: any wrong claim. */
  readonly judgeAny: number;
  /** One-sided z > z(1 − alpha) on the same contrast at every look. */
  readonly repeatedZFail: number;
  /** Two-sided |z| > z(1 − alpha/2) at every look. */
  readonly repeatedZAny: number;
  /** Rates only: the judge's tests on Wald estimates, x/n with p(1 − p)/n (what decision 0003 first shipped). */
  readonly wald?: ClaimRates;
  /** Rates only: the judge's tests on x/n with the variance at (x + ½)/(n + 1) (what the judge used before Agresti–Caffo). */
  readonly halfShrunk?: ClaimRates;
}

export interface ClaimRates {
  readonly fail: number;
  readonly pass: number;
  readonly any: number;
}

const NO_MARGIN = { kind: 'absolute', value: 0 } as const;

interface Tally {
  judgeFail: number;
  judgePass: number;
  judgeAny: number;
  zFail: number;
  zAny: number;
  /** Per alternative rate estimator: sequences with a false fail, a false pass, any false claim. */
  alternatives: [number, number, number][];
}

type Look = (control: ArmEstimate, canary: ArmEstimate, alternatives?: readonly (readonly [ArmEstimate, ArmEstimate])[]) => void;

function runSequences(opts: PeekSimulationOptions, tuneN: number, sequence: (random: Random, look: Look) => void): Tally {
  const random = createRandom(opts.seed);
  const zOne = normalQuantile(1 - opts.alpha);
  const zTwo = normalQuantile(1 - opts.alpha / 2);
  const tally: Tally = { judgeFail: 0, judgePass: 0, judgeAny: 0, zFail: 0, zAny: 0, alternatives: [] };
  for (let s = 0; s < opts.sequences; s++) {
    let judgeFail = false;
    let judgePass = false;
    let judgeAny = false;
    let zFail = false;
    let zAny = false;
    const alternatives: [boolean, boolean][] = [];
    sequence(random, (control, canary, others) => {
      const n = Math.min(control.n, canary.n);
      const fail = differenceContrast(control, canary, NO_MARGIN, 'higher');
      const failed = beyondPValue(fail, n, tuneN) <= opts.alpha;
      const passed = withinPValue(fail, n, tuneN) <= opts.alpha;
      judgeFail ||= failed;
      judgePass ||= passed;
      judgeAny ||= failed || passed;
      const z = fail.standardError > 0 ? (fail.estimate - fail.threshold) / fail.standardError : 0;
      zFail ||= z > zOne;
      zAny ||= Math.abs(z) > zTwo;
      others?.forEach(([c, k], i) => {
        const contrast = differenceContrast(c, k, NO_MARGIN, 'higher');
        const failedHere = beyondPValue(contrast, n, tuneN) <= opts.alpha;
        const seen = alternatives[i] ?? [false, false];
        alternatives[i] = [seen[0] || failedHere, seen[1] || withinPValue(contrast, n, tuneN) <= opts.alpha];
      });
    });
    tally.judgeFail += Number(judgeFail);
    tally.judgePass += Number(judgePass);
    tally.judgeAny += Number(judgeAny);
    tally.zFail += Number(zFail);
    tally.zAny += Number(zAny);
    alternatives.forEach(([f, p], i) => {
      const t = tally.alternatives[i] ?? [0, 0, 0];
      tally.alternatives[i] = [t[0] + Number(f), t[1] + Number(p), t[2] + Number(f || p)];
    });
  }
  return tally;
}

/**
 * Gaussian data: each look adds `perLook` N(0, 1) observations to each arm; the judge sees n,
 * mean and sample sd (a summary), tuned at the stage's total per arm.
 */
export function gaussianFalseAlarms(opts: PeekSimulationOptions, perLook = 50): FalseAlarmRates {
  const tuneN = opts.looks * perLook;
  const tally = runSequences(opts, tuneN, (random, look) => {
    const arms = [
      { n: 0, sum: 0, squares: 0 },
      { n: 0, sum: 0, squares: 0 },
    ];
    for (let l = 0; l < opts.looks; l++) {
      for (const arm of arms) {
        for (let i = 0; i < perLook; i++) {
          const x = random.normal();
          arm.sum += x;
          arm.squares += x * x;
        }
        arm.n += perLook;
      }
      const [control, canary] = arms.map((a) => {
        const mean = a.sum / a.n;
        return estimateMean({ n: a.n, mean, sd: Math.sqrt(Math.max(0, (a.squares - a.n * mean * mean) / (a.n - 1))) });
      });
      look(control!, canary!);
    }
  });
  return rates(tally, opts.sequences, false);
}

/**
 * Rare events: `requestsPerLook` requests a look, split canaryShare / rest at random, each an
 * error with probability `rate`; the judge sees the counts, tuned at the canary's expected total.
 */
export function rateFalseAlarms(opts: PeekSimulationOptions, rate = 0.01, canaryShare = 0.05, requestsPerLook = 1000): FalseAlarmRates {
  const tuneN = opts.looks * requestsPerLook * canaryShare;
  const wald = (x: number, n: number): ArmEstimate => (n === 0 ? { value: Number.NaN, variance: Number.NaN, n } : { value: x / n, variance: ((x / n) * (1 - x / n)) / n, n });
  const tally = runSequences(opts, tuneN, (random, look) => {
    const control = { successes: 0, trials: 0 };
    const canary = { successes: 0, trials: 0 };
    for (let l = 0; l < opts.looks; l++) {
      const canaryRequests = random.binomial(requestsPerLook, canaryShare);
      canary.trials += canaryRequests;
      control.trials += requestsPerLook - canaryRequests;
      canary.successes += random.binomial(canaryRequests, rate);
      control.successes += random.binomial(requestsPerLook - canaryRequests, rate);
      look(agrestiCaffoRate(control), agrestiCaffoRate(canary), [
        [wald(control.successes, control.trials), wald(canary.successes, canary.trials)],
        [estimateRate(control), estimateRate(canary)],
      ]);
    }
  });
  return rates(tally, opts.sequences, true);
}

function rates(t: Tally, sequences: number, withAlternatives: boolean): FalseAlarmRates {
  return {
    judgeFail: t.judgeFail / sequences,
    judgePass: t.judgePass / sequences,
    judgeAny: t.judgeAny / sequences,
    repeatedZFail: t.zFail / sequences,
    repeatedZAny: t.zAny / sequences,
    ...(withAlternatives
      ? {
          wald: claimRates(t.alternatives[0]!, sequences),
          halfShrunk: claimRates(t.alternatives[1]!, sequences),
        }
      : {}),
  };
}

function claimRates([fail, pass, any]: readonly [number, number, number], sequences: number): ClaimRates {
  return { fail: fail / sequences, pass: pass / sequences, any: any / sequences };
}
