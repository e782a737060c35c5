// The ratio and cost-effectiveness gates (decision 0019): cost per resolved conversation judged
// as a ratio of ratios on the log scale, and net benefit λ·Δquality − Δcost, both on per-user
// sums with the covariance within users, under the judge's confidence sequences and Holm.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeStage } from '../../../src/core/gates/judge-stage.js';
import { buildEvaluationReport, renderEvaluationText } from '../../../src/core/gates/evaluation-report.js';
import type { ArmData } from '../../../src/core/metrics/arm-data.js';
import type { Gate, MetricDefinition } from '../../../src/core/model/index.js';
import { createRandom, type Random } from '../../support/random.js';
import { METRICS, input, summary } from './fixtures.js';
import { unitSumsOf } from '../../support/unit-sums.js';

const COST_METRICS: MetricDefinition[] = [
  ...METRICS,
  // Per user: x = cost (USD), y = resolved conversations, so ΣX/ΣY is the cost per resolved conversation.
  { name: 'cost_per_resolved', source: 'warehouse', type: 'continuous', direction: 'lower-is-better', unit: 'USD' },
  // Per user: x = resolved conversations, y = cost, so ΣX/ΣY is resolutions per dollar.
  { name: 'resolved_per_dollar', source: 'warehouse', type: 'continuous', direction: 'higher-is-better' },
];

const ratioGate: Gate = { metric: 'cost_per_resolved', test: 'ratio', maxIncrease: '10%' };
const netBenefitGate: Gate = { metric: 'cost_per_resolved', test: 'net-benefit', willingnessToPay: 0.5 };

interface Users { units: number; cost: number[]; resolved: number[] }

/**
 * Users of one arm: each has 1 + Poisson(3) conversations, their own resolution probability
 * (uniform 0.4–0.95) and their own cost level (log-normal, sd 0.6 on the log scale), so a
 * user's conversations are correlated and cost and resolutions move together per user.
 */
function users(random: Random, n: number, costFactor = 1, resolveShift = 0): Users {
  const cost: number[] = [];
  const resolved: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = 1 + random.poisson(3);
    const p = Math.min(0.99, 0.4 + 0.55 * random.uniform() + resolveShift);
    resolved.push(random.binomial(k, p));
    cost.push(Math.round(k * random.lognormal(Math.log(0.05 * costFactor), 0.6) * 1e6) / 1e6);
  }
  return { units: n, cost, resolved };
}

function sums(x: readonly number[], y: readonly number[]): ArmData {
  return { kind: 'ratio', ...unitSumsOf(x, y) };
}

function judge(gate: Gate, control: Users, canary: Users, metric = 'cost_per_resolved', tuneN = 1_000) {
  const pair = (u: Users) => (metric === 'cost_per_resolved' ? sums(u.cost, u.resolved) : sums(u.resolved, u.cost));
  return judgeStage({
    ...input({ gates: { g: gate }, stage: { weight: 50 }, rollback: [], control: { [metric]: pair(control) }, canary: { [metric]: pair(canary) }, tuneN }),
    metrics: COST_METRICS,
  }).gates[0]!;
}

/** Wilson score interval for k of n at 95 %. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [centre - half, centre + half];
}

/**
 * A/A rollouts judged at 8 looks (60 new users per arm each), with the gate's bound exactly at
 * the truth (margin 0, floor 0): the least favourable null, where a false fail is likeliest.
 */
function nullFailRate(gate: Gate, seed: number, runs: number): { fails: number; runs: number } {
  const random = createRandom(seed);
  let fails = 0;
  for (let r = 0; r < runs; r++) {
    const control: Users = { units: 0, cost: [], resolved: [] };
    const canary: Users = { units: 0, cost: [], resolved: [] };
    for (let look = 0; look < 8; look++) {
      for (const [arm, fresh] of [[control, users(random, 60)], [canary, users(random, 60)]] as const) {
        arm.cost.push(...fresh.cost);
        arm.resolved.push(...fresh.resolved);
        arm.units += fresh.units;
      }
      if (judge(gate, control, canary).verdict === 'fail') {
        fails++;
        break;
      }
    }
  }
  return { fails, runs };
}

test('a ratio gate fails a challenger whose cost per resolved conversation is 40% higher, and its evidence names the users, the ratios and the interval', () => {
  const random = createRandom(11);
  const v = judge(ratioGate, users(random, 600), users(random, 600, 1.4));
  assert.equal(v.verdict, 'fail', v.reason);
  const e = v.evidence!;
  assert.equal(e.test, 'ratio');
  assert.equal(e.unit, 'user');
  assert.deepEqual(e.n, { control: 600, canary: 600 });
  assert.equal(e.threshold, 0.1, 'the bound is the relative margin');
  assert.ok(e.effect! > 0.2 && e.effect! < 0.6, `effect Rk/Rc − 1 = ${e.effect}`);
  assert.ok(e.interval![0] > 0.1 && e.interval![0] < e.effect! && e.effect! < e.interval![1], `interval ${e.interval}`);
  assert.ok(e.estimates!.canary! > e.estimates!.control!, 'each arm shows its own cost per resolved conversation');
  assert.match(v.reason, /cost_per_resolved \(ratio over users\) is above control \+10%: canary .* USD: \+\d+(\.\d+)?% \(interval .*\) on 600 canary \/ 600 control users/);
});

test('a ratio gate passes an equal challenger within its margin and holds while unsure', () => {
  const random = createRandom(12);
  assert.equal(judge(ratioGate, users(random, 4_000), users(random, 4_000)).verdict, 'pass');
  assert.equal(judge(ratioGate, users(random, 40), users(random, 40)).verdict, 'inconclusive');
});

test('a ratio gate on a higher-is-better ratio (resolutions per dollar) fails a challenger that buys fewer of them', () => {
  const random = createRandom(13);
  const v = judge({ metric: 'resolved_per_dollar', test: 'ratio', nonInferiority: '5%' }, users(random, 600), users(random, 600, 1.4), 'resolved_per_dollar');
  assert.equal(v.verdict, 'fail', v.reason);
  assert.equal(v.evidence!.threshold, -0.05);
  assert.ok(v.evidence!.effect! < -0.2);
});

test('a net-benefit gate passes a challenger whose extra resolutions are worth more than their extra cost, and fails one whose are not', () => {
  const random = createRandom(14);
  // +0.25 resolution probability on ~4 conversations ≈ +1 resolved per user, worth 0.5 USD at λ = 0.5; +10 % cost ≈ +0.02 USD.
  const worth = judge(netBenefitGate, users(random, 800), users(random, 800, 1.1, 0.25));
  assert.equal(worth.verdict, 'pass', worth.reason);
  assert.equal(worth.evidence!.test, 'net-benefit');
  assert.equal(worth.evidence!.unit, 'user');
  assert.ok(worth.evidence!.effect! > 0.3, `net benefit per user ${worth.evidence!.effect}`);
  assert.match(worth.reason, /worth its marginal cost \(net benefit above 0\): Δquality \+0\.\d+, Δcost \+0\.\d+ per user: net benefit \+0\.\d+ \(USD\) \(interval/);
  // Same quality, twice the cost: at λ = 0.5 nothing pays for it.
  const notWorth = judge(netBenefitGate, users(random, 800), users(random, 800, 2));
  assert.equal(notWorth.verdict, 'fail', notWorth.reason);
  assert.ok(notWorth.evidence!.interval![1] < 0);
});

test('a net-benefit gate with a negative floor passes a cheaper, slightly worse challenger', () => {
  const random = createRandom(15);
  const v = judge({ ...netBenefitGate, minNetBenefit: -0.05 }, users(random, 3_000), users(random, 3_000, 0.7, -0.02));
  assert.equal(v.verdict, 'pass', v.reason);
  assert.equal(v.evidence!.threshold, -0.05);
});

test('the ratio and net-benefit gates refuse request-level data as no data, saying which per-user sums to send', () => {
  for (const gate of [ratioGate, netBenefitGate]) {
    const v = judgeStage({ ...input({ gates: { g: gate }, rollback: [], control: { cost_per_resolved: summary(1_000, 0.2, 0.1) }, canary: { cost_per_resolved: summary(1_000, 0.2, 0.1) } }), metrics: COST_METRICS }).gates[0]!;
    assert.equal(v.verdict, 'no-data');
    assert.match(v.reason, /request-level summary data for the control, but a (ratio|net-benefit) gate needs per-user sums of its two totals \(units, sumX, sumY, sumXX, sumYY, sumXY/);
  }
});

test('the evaluation report shows a ratio gate\'s effect as a percentage and a net benefit as a signed amount', () => {
  const random = createRandom(16);
  const control = users(random, 600);
  const canary = users(random, 600, 1.4);
  const j = judgeStage({
    ...input({ gates: { cost: ratioGate, worth: netBenefitGate }, stage: { weight: 50 }, rollback: [], control: { cost_per_resolved: sums(control.cost, control.resolved) }, canary: { cost_per_resolved: sums(canary.cost, canary.resolved) }, tuneN: 1_000 }),
    metrics: COST_METRICS,
  });
  assert.equal(j.gates.length, 2, 'both gates are in the stage\'s Holm family');
  const report = buildEvaluationReport({ judgement: j, decision: { decision: 'hold', reason: 'test' }, policy: 'test-policy', at: '2026-11-16T12:00:00.000Z', window: { start: '2026-11-16T10:00:00Z', end: '2026-11-16T12:00:00Z' }, metricsFile: 'metrics.json' });
  const text = renderEvaluationText(report, COST_METRICS);
  assert.match(text, /cost\s+cost_per_resolved\s+ratio\s+fail\s+\+\d+(\.\d+)?%\s+\+\d+(\.\d+)?% to \+\d+(\.\d+)?%\s+\+10%/);
  assert.match(text, /worth\s+cost_per_resolved\s+net-benefit\s+inconclusive\s+−0\.\d+\s+−0\.\d+ to \+0\.\d+\s+\+0\s/);
});

for (const [name, gate] of [['ratio', { ...ratioGate, maxIncrease: '0%' }], ['net-benefit', netBenefitGate]] as const) {
  test(`in 300 seeded A/A rollouts judged at 8 looks, the ${name} gate's false-fail rate at its bound stays at or below alpha 5%`, () => {
    const { fails, runs } = nullFailRate(gate, name === 'ratio' ? 101 : 202, 300);
    const [low, high] = wilson(fails, runs);
    // The confidence sequence is valid at every look, so the rate is below alpha; it must not be far below for nothing (power).
    assert.ok(low <= 0.05, `false fails ${fails}/${runs} (Wilson ${low.toFixed(3)}–${high.toFixed(3)}) exceed alpha 0.05`);
    console.log(`# ${name}: ${fails}/${runs} false fails at the bound over 8 looks (Wilson 95% ${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}%)`);
  });
}

test('the cost-effectiveness example\'s metrics pass both gates of its policy: cost per resolved conversation within 10%, and worth its marginal cost', async () => {
  const { readFileSync } = await import('node:fs');
  const { parse } = await import('yaml');
  const root = new URL('../../../examples/cost-effectiveness/', import.meta.url);
  const policy = parse(readFileSync(new URL('policies/cost-aware-upgrade.yaml', root), 'utf8'));
  const config = parse(readFileSync(new URL('glidepath.yaml', root), 'utf8'));
  const metrics = JSON.parse(readFileSync(new URL('metrics/support-assistant.json', root), 'utf8'));
  const arm = (a: 'control' | 'canary'): ArmData => ({ kind: 'ratio', ...metrics.arms[a].cost_per_resolved });
  const j = judgeStage({
    release: 'support-assistant',
    policy,
    stage: policy.spec.stages[0],
    metrics: config.spec.metrics.definitions,
    result: { ok: true, snapshot: { window: metrics.window, requests: metrics.requests, units: metrics.units, arms: { control: { cost_per_resolved: arm('control') }, canary: { cost_per_resolved: arm('canary') } } } },
  });
  assert.deepEqual(j.gates.map((g) => [g.gate, g.verdict, g.evidence?.unit]), [['cost-per-resolved', 'pass', 'user'], ['worth-its-cost', 'pass', 'user']]);
  assert.equal(j.outcome, 'pass');
});
