// Judging by the unit that is randomised (decision 0012): ratio metrics over users, the split
// check on users, and what the judge says about request-level data under per-user assignment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeStage } from '../../../src/core/gates/judge-stage.js';
import { checkSplit } from '../../../src/core/gates/check-split.js';
import type { ArmData } from '../../../src/core/metrics/arm-data.js';
import type { RolloutPolicy } from '../../../src/core/model/index.js';
import { createRandom, gammaDraw, type Random } from '../../support/random.js';
import { counts, input } from './fixtures.js';

const errorsGate = { metric: 'error_rate', test: 'proportions', maxIncrease: '0pp', nonInferiority: '0.3pp' } as const;
const CAVEAT = /request-level data under per-user assignment: intervals too narrow by an unknown factor/;

function ratio(units: number, sumX: number, sumY: number, sumXX: number, sumYY: number, sumXY: number): ArmData {
  return { kind: 'ratio', units, sumX, sumY, sumXX, sumYY, sumXY };
}

/** Beta(a, b) by two gammas (Marsaglia–Tsang needs shape ≥ 1; boost smaller shapes with u^(1/a)). */
function beta(random: Random, a: number, b: number): number {
  const x = gammaDraw(random, a);
  return x / (x + gammaDraw(random, b));
}

/**
 * One arm of sticky users in an A/A rollout: each user sends 1 + Poisson(19) requests (a few
 * send 10× more), with their own error rate drawn from Beta(0.2, 19.8) — mean 1 %, intra-user
 * correlation 1/21 — so requests of one user are correlated as real users' are.
 */
function stickyArm(random: Random, users: number): { requestLevel: ArmData; unitLevel: ArmData; requests: number } {
  let sumX = 0, sumY = 0, sumXX = 0, sumYY = 0, sumXY = 0;
  for (let u = 0; u < users; u++) {
    const heavy = random.uniform() < 0.02 ? 10 : 1;
    const y = heavy * (1 + random.poisson(19));
    const x = random.binomial(y, beta(random, 0.2, 19.8));
    sumX += x;
    sumY += y;
    sumXX += x * x;
    sumYY += y * y;
    sumXY += x * y;
  }
  return { requestLevel: counts(sumX, sumY), unitLevel: ratio(users, sumX, sumY, sumXX, sumYY, sumXY), requests: sumY };
}

test('a ratio metric A/A with clustered units keeps the nominal rate, where the same data judged per request does not', () => {
  const random = createRandom(20261205);
  const rollouts = 300;
  const z = { unit: [] as number[], request: [] as number[] };
  const fails = { unit: 0, request: 0 };
  for (let r = 0; r < rollouts; r++) {
    const control = stickyArm(random, 800);
    const canary = stickyArm(random, 800);
    for (const level of ['unit', 'request'] as const) {
      const data = (arm: typeof control) => (level === 'unit' ? arm.unitLevel : arm.requestLevel);
      const j = judgeStage(input({ gates: { errors: errorsGate }, stage: { weight: 50 }, rollback: [], control: { error_rate: data(control) }, canary: { error_rate: data(canary) }, tuneN: 16_000 }));
      const v = j.gates[0]!;
      z[level].push(v.evidence!.statistic!);
      if (v.verdict === 'fail') fails[level]++;
    }
  }
  const rms = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + x * x, 0) / xs.length);
  assert.ok(rms(z.unit) > 0.85 && rms(z.unit) < 1.15, `effect/SE on users has rms ${rms(z.unit).toFixed(2)}, nominally 1`);
  assert.ok(rms(z.request) > 1.3, `effect/SE on requests has rms ${rms(z.request).toFixed(2)}: its intervals are too narrow`);
  // 300 A/A rollouts at alpha 0.05: the upper 99.9 % binomial bound at the nominal rate is 27.
  assert.ok(fails.unit <= 27, `${fails.unit} of ${rollouts} A/A rollouts failed on users`);
  assert.ok(fails.request > fails.unit, `requests (${fails.request} false fails) fail more often than users (${fails.unit})`);
});

test('the split check on units ignores heavy users, which break the check on requests', () => {
  const stage = { name: 'canary-50', weight: 50 };
  // 10,000 users each way; 40 heavy users on the canary sent 1,500 requests each.
  const requests = { control: 200_000, canary: 260_000 };
  const onRequests = checkSplit({ stage, canaryWeight: 50, requests, assignment: 'user', srmAlpha: 0.001, tuneN: 100_000 });
  assert.equal(onRequests.verdict, 'mismatch');
  assert.equal(onRequests.unit, 'request');
  assert.match(onRequests.reason!, /counted in requests under per-user assignment: a few heavy users move the request share/);
  const onUnits = checkSplit({ stage, canaryWeight: 50, requests, units: { control: 10_000, canary: 10_040 }, assignment: 'user', srmAlpha: 0.001, tuneN: 100_000 });
  assert.equal(onUnits.verdict, 'ok');
  assert.equal(onUnits.unit, 'user');
  assert.deepEqual(onUnits.observed, { control: 10_000, canary: 10_040 });
  assert.match(onUnits.reason!, /the canary received 50.1% of users \(10,040 of 20,040\)/);
  const brokenUnits = checkSplit({ stage, canaryWeight: 50, requests, units: { control: 10_000, canary: 11_000 }, srmAlpha: 0.001, tuneN: 100_000 });
  assert.equal(brokenUnits.verdict, 'mismatch', 'a real imbalance in users is still caught');
});

test('the judge checks the split on the snapshot\'s units when the source gives them', () => {
  const j = judgeStage(input({
    gates: { errors: errorsGate }, stage: { weight: 50 }, rollback: [],
    control: { error_rate: ratio(10_000, 2_000, 200_000, 2_400, 4_400_000, 44_000) },
    canary: { error_rate: ratio(10_040, 2_600, 260_000, 3_100, 9_000_000, 80_000) },
    extra: { requests: { control: 200_000, canary: 260_000 }, units: { control: 10_000, canary: 10_040 } },
  }));
  assert.equal(j.srm.verdict, 'ok');
  assert.equal(j.srm.unit, 'user');
});

interface CaveatCase {
  readonly name: string;
  readonly data: (arm: 'control' | 'canary') => ArmData;
  readonly analysis?: RolloutPolicy['spec']['analysis'];
  readonly warned: boolean;
  readonly unit: 'user' | 'request';
}

const caveatCases: CaveatCase[] = [
  { name: 'request-level counts under the default per-user assignment', data: (a) => (a === 'control' ? counts(950, 95_000) : counts(45, 5_000)), warned: true, unit: 'request' },
  { name: 'request-level counts when the policy says assignment is per request', data: (a) => (a === 'control' ? counts(950, 95_000) : counts(45, 5_000)), analysis: { unit: 'request' }, warned: false, unit: 'request' },
  { name: 'per-user ratios under per-user assignment', data: (a) => (a === 'control' ? ratio(4_750, 950, 95_000, 1_400, 2_100_000, 21_000) : ratio(250, 45, 5_000, 70, 110_000, 1_000)), warned: false, unit: 'user' },
];

for (const c of caveatCases) {
  test(`${c.name}: the verdicts ${c.warned ? 'carry' : 'do not carry'} the request-level warning, and the evidence says the unit was ${c.unit}`, () => {
    const j = judgeStage(input({
      gates: { errors: errorsGate }, rollback: [{ metric: 'error_rate', increase: '2pp' }],
      ...(c.analysis ? { spec: { analysis: c.analysis } } : {}),
      control: { error_rate: c.data('control') }, canary: { error_rate: c.data('canary') }, tuneN: 5_000,
    }));
    for (const v of [...j.gates, ...j.rollback]) {
      if (c.warned) assert.match(v.reason, CAVEAT, `${v.gate}: ${v.reason}`);
      else assert.doesNotMatch(v.reason, /request-level data/, `${v.gate}: ${v.reason}`);
      assert.equal(v.evidence!.unit, c.unit, v.gate);
    }
  });
}

test('a design effect widens the interval by its square root and is named in the verdict', () => {
  const judge = (designEffect?: number) =>
    judgeStage(input({
      gates: { errors: errorsGate }, rollback: [],
      ...(designEffect ? { spec: { analysis: { designEffect } } } : {}),
      control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(60, 5_000) }, tuneN: 5_000,
    })).gates[0]!;
  const plain = judge();
  const widened = judge(4);
  const half = (v: typeof plain) => (v.evidence!.interval![1] - v.evidence!.interval![0]) / 2;
  const centre = (v: typeof plain) => (v.evidence!.interval![1] + v.evidence!.interval![0]) / 2;
  assert.ok(Math.abs(half(widened) / half(plain) - 2) < 1e-12, `half-width ratio ${half(widened) / half(plain)}, √4 = 2`);
  assert.ok(Math.abs(centre(widened) - centre(plain)) < 1e-15, 'the centre does not move');
  assert.ok(Math.abs(widened.evidence!.statistic! * 2 - plain.evidence!.statistic!) < 1e-12, 'the z is halved');
  assert.equal(widened.evidence!.designEffect, 4);
  assert.match(widened.reason, /request-level data under per-user assignment: variances widened by the declared design effect 4/);
  assert.doesNotMatch(widened.reason, CAVEAT);
});

test('a design effect leaves per-user ratios alone: they carry their own variance', () => {
  const data = { control: ratio(4_750, 950, 95_000, 1_400, 2_100_000, 21_000), canary: ratio(250, 60, 5_000, 95, 110_000, 1_300) };
  const judge = (designEffect?: number) =>
    judgeStage(input({ gates: { errors: errorsGate }, rollback: [], ...(designEffect ? { spec: { analysis: { designEffect } } } : {}), control: { error_rate: data.control }, canary: { error_rate: data.canary }, tuneN: 5_000 })).gates[0]!;
  assert.deepEqual(judge(4).evidence!.interval, judge().evidence!.interval);
});

test('a proportions gate refuses a ratio whose errors exceed its requests, as no data with the reason', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate }, rollback: [], control: { error_rate: ratio(10, 30, 20, 100, 50, 70) }, canary: { error_rate: ratio(10, 1, 200, 1, 4_100, 20) } }));
  assert.equal(j.gates[0]!.verdict, 'no-data');
  assert.match(j.gates[0]!.reason, /sumX \(30\) above sumY \(20\): for a rate x counts events among the unit's y requests/);
});
