// Ratio and net-benefit rollback criteria (decision 0021): "roll back if cost per resolved
// conversation rises more than 50 % over control", "if net benefit falls below −0.05 per user",
// judged with the estimators and always-valid tests of the ratio and net-benefit gates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeStage } from '../../../src/core/gates/judge-stage.js';
import type { ArmData } from '../../../src/core/metrics/arm-data.js';
import type { MetricDefinition, RollbackCriterion } from '../../../src/core/model/index.js';
import { createRandom, type Random } from '../../support/random.js';
import { METRICS, input, summary } from './fixtures.js';
import { unitSumsOf } from '../../support/unit-sums.js';

const COST_METRICS: MetricDefinition[] = [
  ...METRICS,
  { name: 'cost_per_resolved', source: 'warehouse', type: 'continuous', direction: 'lower-is-better', unit: 'USD' },
  { name: 'resolved_per_dollar', source: 'warehouse', type: 'continuous', direction: 'higher-is-better' },
];

const costRises: RollbackCriterion = { metric: 'cost_per_resolved', test: 'ratio', increase: '50%' };
const netBenefitFalls: RollbackCriterion = { metric: 'cost_per_resolved', test: 'net-benefit', willingnessToPay: 0.5, below: -0.05 };

interface Users { cost: number[]; resolved: number[] }

/** As in cost-gates.test.ts: 1 + Poisson(3) conversations a user, their own resolution probability and cost level. */
function users(random: Random, n: number, costFactor = 1, resolveShift = 0): Users {
  const cost: number[] = [];
  const resolved: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = 1 + random.poisson(3);
    const p = Math.min(0.99, Math.max(0.01, 0.4 + 0.55 * random.uniform() + resolveShift));
    resolved.push(random.binomial(k, p));
    cost.push(Math.round(k * random.lognormal(Math.log(0.05 * costFactor), 0.6) * 1e6) / 1e6);
  }
  return { cost, resolved };
}

function pair(u: Users, metric: string): ArmData {
  return { kind: 'ratio', ...(metric === 'cost_per_resolved' ? unitSumsOf(u.cost, u.resolved) : unitSumsOf(u.resolved, u.cost)) };
}

function judge(criterion: RollbackCriterion, control: Users, canary: Users, weight = 50) {
  const metric = criterion.metric;
  return judgeStage({
    ...input({ gates: {}, stage: { weight }, rollback: [criterion], control: { [metric]: pair(control, metric) }, canary: { [metric]: pair(canary, metric) }, tuneN: 1_000 }),
    metrics: COST_METRICS,
  });
}

test('a ratio criterion fires when cost per resolved conversation is shown more than 50 % above control, with users, ratios and interval in its evidence', () => {
  const random = createRandom(31);
  const j = judge(costRises, users(random, 800), users(random, 800, 2.2));
  const v = j.rollback[0]!;
  assert.equal(v.verdict, 'fail', v.reason);
  assert.equal(j.outcome, 'rollback');
  const e = v.evidence!;
  assert.equal(e.test, 'ratio');
  assert.equal(e.unit, 'user');
  assert.deepEqual(e.n, { control: 800, canary: 800 });
  assert.equal(e.threshold, 0.5, 'the bound is the relative margin');
  assert.ok(e.interval![0] > 0.5 && e.interval![0] < e.effect! && e.effect! < e.interval![1], `interval ${e.interval} around ${e.effect}`);
  assert.ok(e.estimates!.canary! > e.estimates!.control!);
  assert.match(v.reason, /^fired: cost_per_resolved \(ratio over users\) more than 50% above control is shown: canary .* USD: \+\d+(\.\d+)?% \(interval .*\) on 800 canary \/ 800 control users; p/);
});

test('a ratio criterion does not fire on a rise within its margin, nor on an equal challenger', () => {
  const random = createRandom(32);
  const within = judge(costRises, users(random, 800), users(random, 800, 1.2)).rollback[0]!;
  assert.equal(within.verdict, 'pass', within.reason);
  assert.match(within.reason, /^not fired: cost_per_resolved \(ratio over users\) more than 50% above control is not shown/);
  assert.equal(judge(costRises, users(random, 800), users(random, 800)).rollback[0]!.verdict, 'pass');
});

test('a ratio criterion with drop fires when a higher-is-better ratio (resolutions per dollar) falls by more than its margin', () => {
  const random = createRandom(33);
  const v = judge({ metric: 'resolved_per_dollar', test: 'ratio', drop: '20%' }, users(random, 800), users(random, 800, 2)).rollback[0]!;
  assert.equal(v.verdict, 'fail', v.reason);
  assert.equal(v.evidence!.threshold, -0.2);
  assert.ok(v.evidence!.effect! < -0.3);
});

test('a net-benefit criterion fires when the challenger is shown to lose more than 0.05 per user, and not when its extra quality pays for its cost', () => {
  const random = createRandom(34);
  // Same quality at twice the cost: ΔNB ≈ −0.2 USD per user at λ = 0.5.
  const loses = judge(netBenefitFalls, users(random, 800), users(random, 800, 2)).rollback[0]!;
  assert.equal(loses.verdict, 'fail', loses.reason);
  assert.equal(loses.evidence!.test, 'net-benefit');
  assert.equal(loses.evidence!.unit, 'user');
  assert.equal(loses.evidence!.threshold, -0.05);
  assert.ok(loses.evidence!.interval![1] < -0.05, `interval ${loses.evidence!.interval}`);
  assert.match(loses.reason, /^fired: cost_per_resolved net benefit per user \(at 0\.5 per unit of quality\) below −0\.05 is shown: Δquality [+−]0\.\d+, Δcost \+0\.\d+ per user: net benefit −0\.\d+ \(USD\)/);
  // +0.25 resolution probability is worth ≈ +0.5 USD a user, far more than +10 % cost.
  assert.equal(judge(netBenefitFalls, users(random, 800), users(random, 800, 1.1, 0.25)).rollback[0]!.verdict, 'pass');
});

test('ratio and net-benefit criteria are skipped at 100 % and refuse request-level data as no data', () => {
  const random = createRandom(35);
  for (const criterion of [costRises, netBenefitFalls]) {
    const full = judge(criterion, users(random, 50), users(random, 50), 100).rollback[0]!;
    assert.equal(full.verdict, 'no-data');
    assert.match(full.skipped ?? '', /not applicable at 100%/);
    const v = judgeStage({ ...input({ gates: {}, rollback: [criterion], control: { cost_per_resolved: summary(1_000, 0.2, 0.1) }, canary: { cost_per_resolved: summary(1_000, 0.2, 0.1) } }), metrics: COST_METRICS }).rollback[0]!;
    assert.equal(v.verdict, 'no-data');
    assert.match(v.reason, /needs per-user sums of its two totals/);
  }
});

/** Seeded A/A rollouts judged at 4 looks of 80 new users per arm, the bound at the truth (least favourable null). */
function falseFires(criterion: RollbackCriterion, seed: number, runs: number): number {
  const random = createRandom(seed);
  let fires = 0;
  for (let r = 0; r < runs; r++) {
    const control: Users = { cost: [], resolved: [] };
    const canary: Users = { cost: [], resolved: [] };
    for (let look = 0; look < 4; look++) {
      for (const [arm, fresh] of [[control, users(random, 80)], [canary, users(random, 80)]] as const) {
        arm.cost.push(...fresh.cost);
        arm.resolved.push(...fresh.resolved);
      }
      if (judge(criterion, control, canary).rollback[0]!.verdict === 'fail') {
        fires++;
        break;
      }
    }
  }
  return fires;
}

for (const [name, criterion] of [['ratio', { ...costRises, increase: '0%' }], ['net-benefit', { ...netBenefitFalls, below: 0 }]] as const) {
  test(`in 100 seeded A/A rollouts judged at 4 looks, a ${name} criterion at its bound fires in at most alpha 5 % of them`, () => {
    assert.equal(judge(criterion, users(createRandom(1), 80), users(createRandom(2), 80)).rollback[0]!.evidence?.test, name, 'judged by its own test');
    const fires = falseFires(criterion, name === 'ratio' ? 301 : 302, 100);
    assert.ok(fires <= 5, `${fires}/100 A/A rollouts rolled back`);
    console.log(`# ${name} criterion: ${fires}/100 A/A rollouts fired at the bound over 4 looks`);
  });
}
