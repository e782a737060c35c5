import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeStage } from '../../../src/core/gates/judge-stage.js';
import { decideFromJudgement } from '../../../src/core/gates/stage-decision.js';
import { GateConfigError } from '../../../src/core/gates/gate-config-error.js';
import type { Verdict } from '../../../src/core/gates/verdict.js';
import { holm, summarize } from '../../../src/core/stats/index.js';
import { createRandom } from '../../support/random.js';
import { METRICS, SPLIT_5, counts, input, lognormalSamples, policyWith, snapshot, summary, toHistogram } from './fixtures.js';

const errorsGate = { metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' } as const;
const byGate = (verdicts: readonly Verdict[], name: string) => verdicts.find((v) => v.gate === name)!;

test('a canary within every margin passes every gate and advances', () => {
  const j = judgeStage(input({
    gates: { errors: errorsGate, cost: { metric: 'cost_per_call', test: 'welch', maxIncrease: '10%' }, latency: { metric: 'latency_ms', test: 'mann-whitney', maxIncrease: '10%' } },
    control: { error_rate: counts(950, 95_000), cost_per_call: summary(95_000, 0.012, 0.006), latency_ms: lognormalSamples(1, 20_000, 650) },
    canary: { error_rate: counts(45, 5_000), cost_per_call: summary(5_000, 0.0115, 0.0058), latency_ms: lognormalSamples(2, 5_000, 640) },
    tuneN: 5_000,
  }));
  assert.equal(j.outcome, 'pass');
  assert.deepEqual(j.gates.map((g) => g.verdict), ['pass', 'pass', 'pass']);
  assert.equal(decideFromJudgement(policyWith().policy, j).decision, 'advance');
  const errors = byGate(j.gates, 'errors');
  assert.ok(Math.abs(errors.evidence!.effect! - (45 / 5000 - 950 / 95_000)) < 1e-12, 'effect is canary minus control');
  assert.equal(errors.evidence!.threshold, 0.005);
  assert.ok(errors.evidence!.passPValue! <= 0.05);
  assert.match(errors.reason, /within 0\.5pp of control/);
});

test('a critical gate shown worse than its margin rolls back whatever onFailure says', () => {
  const opts = {
    gates: { errors: { ...errorsGate, critical: true } },
    spec: { onFailure: 'pause' as const },
    control: { error_rate: counts(950, 95_000) },
    canary: { error_rate: counts(120, 5_000) },
    tuneN: 5_000,
  };
  const j = judgeStage(input(opts));
  assert.equal(j.outcome, 'critical-fail');
  assert.equal(j.gates[0]!.verdict, 'fail');
  assert.ok(j.gates[0]!.evidence!.pValue! <= 0.05);
  assert.match(j.reason, /critical gate errors failed: error_rate is worse than control by more than 0\.5pp/);
  assert.equal(decideFromJudgement(policyWith(opts).policy, j).decision, 'rollback');
});

test('a failed gate that is not critical applies onFailure', () => {
  const opts = { gates: { errors: errorsGate }, spec: { onFailure: 'pause' as const }, control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(120, 5_000) }, tuneN: 5_000 };
  const j = judgeStage(input(opts));
  assert.equal(j.outcome, 'fail');
  const decision = decideFromJudgement(policyWith(opts).policy, j);
  assert.equal(decision.decision, 'pause');
  assert.match(decision.reason, /onFailure: pause/);
});

test('a canary that can be shown neither within nor beyond the margin is inconclusive and holds, or extends when the policy says so', () => {
  const opts = { gates: { errors: errorsGate }, control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(62, 5_000) }, tuneN: 5_000 };
  const j = judgeStage(input(opts));
  assert.equal(j.outcome, 'inconclusive');
  assert.equal(j.gates[0]!.verdict, 'inconclusive');
  assert.match(j.reason, /errors inconclusive \(n = 5,000 canary \/ 95,000 control\)/);
  assert.equal(decideFromJudgement(policyWith(opts).policy, j).decision, 'hold');
  assert.equal(decideFromJudgement(policyWith({ spec: { onInconclusive: 'extend' } }).policy, j).decision, 'extend');
});

test('fewer requests than minSamples hold even when every gate passes', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate }, stage: { minSamples: 10_000 }, control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(20, 5_000) }, tuneN: 5_000 }));
  assert.equal(j.gates[0]!.verdict, 'pass');
  assert.equal(j.outcome, 'insufficient-samples');
  assert.match(j.reason, /below minSamples 10,000 per arm/);
  assert.equal(decideFromJudgement(policyWith().policy, j).decision, 'hold');
});

test('a failure is reported even below minSamples: too few samples never pass, but a shown regression is shown', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate }, stage: { minSamples: 10_000 }, control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(150, 5_000) }, tuneN: 5_000 }));
  assert.equal(j.outcome, 'fail');
});

test('a metric the source did not return is no data, and no data never advances under any policy', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate, cost: { metric: 'cost_per_call', test: 'welch', maxIncrease: '10%' } }, control: { error_rate: counts(950, 95_000), cost_per_call: summary(95_000, 0.012, 0.006) }, canary: { error_rate: counts(45, 5_000) }, tuneN: 5_000 }));
  assert.equal(j.outcome, 'no-data');
  assert.equal(byGate(j.gates, 'cost').verdict, 'no-data');
  assert.match(byGate(j.gates, 'cost').reason, /no canary data for cost_per_call/);
  for (const onNoData of ['hold', 'rollback'] as const) {
    for (const onInconclusive of ['hold', 'extend', 'rollback'] as const) {
      const decision = decideFromJudgement(policyWith({ spec: { onNoData, onInconclusive } }).policy, j).decision;
      assert.equal(decision, onNoData);
    }
  }
});

test('a failed query is a measurement: every verdict is no data and the error is kept', () => {
  const { policy, stage } = policyWith({ gates: { errors: errorsGate } });
  const j = judgeStage({ release: 'r', policy, stage, metrics: METRICS, result: { ok: false, error: 'metrics/r.json does not exist' } });
  assert.equal(j.outcome, 'no-data');
  assert.equal(j.sourceError, 'metrics/r.json does not exist');
  assert.ok([...j.gates, ...j.rollback].every((v) => v.verdict === 'no-data'));
  assert.match(j.reason, /never advances on missing data/);
});

test('data of the wrong kind for the test is no data with a sentence saying what the gate needs', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate }, control: { error_rate: summary(95_000, 0.01, 0.1) }, canary: { error_rate: counts(45, 5_000) } }));
  assert.equal(j.gates[0]!.verdict, 'no-data');
  assert.match(j.gates[0]!.reason, /a proportions gate needs counts/);
});

test('an arm with no observations yet is inconclusive, not missing data', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate }, control: { error_rate: counts(0, 0) }, canary: { error_rate: counts(0, 0) } }));
  assert.equal(j.gates[0]!.verdict, 'inconclusive');
  assert.match(j.gates[0]!.reason, /no observations yet/);
  assert.equal(j.srm.verdict, 'not-applicable');
  assert.equal(j.outcome, 'inconclusive');
});

test('a broken split blocks every gate verdict and holds, and says what share was expected', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate }, control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(45, 6_000) }, tuneN: 5_000 }));
  assert.equal(j.srm.verdict, 'mismatch');
  assert.ok(j.srm.pValue! < 0.001);
  assert.equal(j.srm.expectedCanaryShare, 0.05);
  assert.deepEqual(j.srm.observed, { control: 95_000, canary: 6_000 });
  assert.equal(j.outcome, 'srm');
  assert.match(j.reason, /the canary received 5\.94% of requests \(6,000 of 101,000\), expected 5%/);
  assert.match(j.reason, /no gate verdict counts/);
  assert.equal(decideFromJudgement(policyWith().policy, j).decision, 'hold');
});

test('the split check uses the explicit requests when the snapshot has them', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate }, control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(45, 5_000) }, extra: { requests: { control: 90_000, canary: 10_000 } } }));
  assert.equal(j.srm.verdict, 'mismatch');
  assert.deepEqual(j.samples, { control: 90_000, canary: 10_000 });
});

test('the split check is not applicable to shadow stages, where both arms see every request', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate }, stage: { mode: 'shadow', weight: undefined }, control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(900, 95_000) } }));
  assert.equal(j.srm.verdict, 'not-applicable');
  assert.match(j.srm.reason!, /shadow stage: both arms see every request/);
});

test('the split check takes the configured weight over the stage weight when the caller gives one', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate }, control: { error_rate: counts(900, 90_000) }, canary: { error_rate: counts(100, 10_000) }, canaryWeight: 10 }));
  assert.equal(j.srm.verdict, 'ok');
  assert.equal(j.srm.expectedCanaryShare, 0.1);
});

test('a fired rollback criterion outranks a broken split: a broken split does not excuse an outage', () => {
  const j = judgeStage(input({
    gates: { errors: errorsGate },
    rollback: [{ metric: 'error_rate', above: 0.02 }],
    control: { error_rate: counts(950, 95_000) },
    canary: { error_rate: counts(400, 8_000) },
  }));
  assert.equal(j.srm.verdict, 'mismatch');
  assert.equal(j.rollback[0]!.verdict, 'fail');
  assert.equal(j.outcome, 'rollback');
  assert.match(j.reason, /rollback criterion rollback\[0\] fired/);
  assert.match(j.reason, /the traffic split is also broken/);
  assert.equal(decideFromJudgement(policyWith({ spec: { onFailure: 'pause' } }).policy, j).decision, 'rollback');
});

test('a rollback criterion fires only when its bound is shown, not on a noisy excess', () => {
  const criterion = [{ metric: 'cost_per_call', above: 0.012 }];
  const noisy = judgeStage(input({ rollback: criterion, control: { cost_per_call: summary(9_500, 0.012, 0.006) }, canary: { cost_per_call: summary(50, 0.013, 0.006) } }));
  assert.equal(noisy.rollback[0]!.verdict, 'pass');
  assert.match(noisy.rollback[0]!.reason, /^not fired: cost_per_call above 0\.012 USD is not shown/);
  const shown = judgeStage(input({ rollback: criterion, control: { cost_per_call: summary(95_000, 0.012, 0.006) }, canary: { cost_per_call: summary(5_000, 0.013, 0.006) } }));
  assert.equal(shown.rollback[0]!.verdict, 'fail');
  assert.equal(shown.outcome, 'rollback');
});

test('rollback criteria judge quantiles, drops and increases against control', () => {
  const control = { latency_ms: lognormalSamples(3, 20_000, 650), eval_score: summary(2_000, 0.8, 0.1), error_rate: counts(950, 95_000) };
  const canary = { latency_ms: lognormalSamples(4, 5_000, 1_400), eval_score: summary(2_000, 0.7, 0.1), error_rate: counts(200, 5_000) };
  const j = judgeStage(input({
    rollback: [
      { metric: 'latency_ms', quantile: 0.95, above: 2_500 },
      { metric: 'eval_score', drop: '3pp' },
      { metric: 'error_rate', increase: '2pp' },
      { metric: 'latency_ms', quantile: 0.5, increase: '50%' },
      { metric: 'latency_ms', quantile: 0.5, increase: '200%' },
    ],
    control,
    canary,
  }));
  assert.deepEqual(j.rollback.map((v) => v.verdict), ['fail', 'fail', 'fail', 'fail', 'pass']);
  assert.match(j.rollback[1]!.reason, /eval_score more than 3pp below control is shown/);
  assert.equal(j.rollback[2]!.evidence!.threshold, 0.02);
});

test('relative rollback criteria are skipped at 100%, where there is no control, and absolute ones still count', () => {
  const j = judgeStage(input({
    stage: { name: 'full', weight: 100, gates: [] },
    rollback: [{ metric: 'error_rate', increase: '2pp' }, { metric: 'error_rate', above: 0.05 }],
    control: {},
    canary: { error_rate: counts(100, 10_000) },
  }));
  assert.equal(j.rollback[0]!.verdict, 'no-data');
  assert.match(j.rollback[0]!.skipped!, /not applicable at 100%/);
  assert.equal(j.rollback[1]!.verdict, 'pass');
  assert.equal(j.srm.verdict, 'not-applicable');
  assert.equal(j.outcome, 'pass');
});

test('a rollback criterion without data holds the stage as no data', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate }, rollback: [{ metric: 'cost_per_call', above: 0.02 }], control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(45, 5_000) }, tuneN: 5_000 }));
  assert.equal(j.gates[0]!.verdict, 'pass');
  assert.equal(j.rollback[0]!.verdict, 'no-data');
  assert.equal(j.outcome, 'no-data');
});

test('a higher-is-better rate fails when shown lower than control by more than its non-inferiority margin, and passes when shown within it', () => {
  const gates = { completion: { metric: 'task_completion', test: 'proportions', nonInferiority: '2pp' } as const };
  const worse = judgeStage(input({ gates, control: { task_completion: counts(7_200, 10_000) }, canary: { task_completion: counts(3_000, 5_000) }, tuneN: 5_000 }));
  assert.equal(worse.gates[0]!.verdict, 'fail');
  assert.equal(worse.gates[0]!.evidence!.threshold, -0.02, 'the bound on canary − control is below zero for a higher-is-better metric');
  const better = judgeStage(input({ gates, control: { task_completion: counts(7_200, 10_000) }, canary: { task_completion: counts(3_700, 5_000) }, tuneN: 5_000 }));
  assert.equal(better.gates[0]!.verdict, 'pass');
});

test('relative margins are relative to the control estimate, in both directions', () => {
  const gates = { cost: { metric: 'cost_per_call', test: 'welch', maxIncrease: '10%' } as const };
  const control = { cost_per_call: summary(95_000, 0.012, 0.006) };
  const within = judgeStage(input({ gates, control, canary: { cost_per_call: summary(5_000, 0.0126, 0.0063) }, tuneN: 5_000 }));
  assert.equal(within.gates[0]!.verdict, 'pass');
  assert.ok(Math.abs(within.gates[0]!.evidence!.threshold! - 0.0012) < 1e-12, '10% of the control mean 0.012');
  const beyond = judgeStage(input({ gates, control, canary: { cost_per_call: summary(5_000, 0.0138, 0.0069) }, tuneN: 5_000 }));
  assert.equal(beyond.gates[0]!.verdict, 'fail');
  const gatesDown = { score: { metric: 'eval_score', test: 'welch', nonInferiority: '5%' } as const };
  const dropped = judgeStage(input({ gates: gatesDown, control: { eval_score: summary(10_000, 0.8, 0.1) }, canary: { eval_score: summary(5_000, 0.72, 0.1) }, tuneN: 5_000 }));
  assert.equal(dropped.gates[0]!.verdict, 'fail', 'a 10% drop is beyond a 5% margin on a higher-is-better metric');
  assert.ok(Math.abs(dropped.gates[0]!.evidence!.threshold! + 0.04) < 1e-12);
});

test('a gate with both margins fails beyond maxIncrease and needs only nonInferiority to pass', () => {
  const gates = { errors: { metric: 'error_rate', test: 'proportions', maxIncrease: '0pp', nonInferiority: '0.5pp' } as const };
  const equal = judgeStage(input({ gates, control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(50, 5_000) }, tuneN: 5_000 }));
  assert.equal(equal.gates[0]!.verdict, 'pass');
  assert.equal(equal.gates[0]!.evidence!.threshold, 0);
  assert.equal(equal.gates[0]!.evidence!.passThreshold, 0.005);
  const slightlyWorse = judgeStage(input({ gates, control: { error_rate: counts(9_500, 950_000) }, canary: { error_rate: counts(700, 50_000) }, tuneN: 50_000 }));
  assert.equal(slightlyWorse.gates[0]!.verdict, 'fail', 'a 0.4pp rise is within 0.5pp but shown above 0');
});

test('welch on raw samples reaches the verdict it reaches on their summary', () => {
  const random = createRandom(11);
  const draw = (n: number, mean: number) => Array.from({ length: n }, () => mean + 0.006 * random.normal());
  const controlValues = draw(20_000, 0.012);
  const canaryValues = draw(4_000, 0.0121);
  const gates = { cost: { metric: 'cost_per_call', test: 'welch', maxIncrease: '10%' } as const };
  const fromSamples = judgeStage(input({ gates, control: { cost_per_call: { kind: 'samples', values: controlValues } }, canary: { cost_per_call: { kind: 'samples', values: canaryValues } }, tuneN: 4_000 }));
  const s = (v: number[]) => summarize(v);
  const fromSummary = judgeStage(input({ gates, control: { cost_per_call: { kind: 'summary', ...s(controlValues) } }, canary: { cost_per_call: { kind: 'summary', ...s(canaryValues) } }, tuneN: 4_000 }));
  assert.equal(fromSamples.gates[0]!.verdict, fromSummary.gates[0]!.verdict);
  assert.ok(Math.abs(fromSamples.gates[0]!.evidence!.effect! - fromSummary.gates[0]!.evidence!.effect!) < 1e-12);
});

test('mann-whitney with a relative margin passes a scale shift inside it and fails one beyond it, on samples and on histograms alike', () => {
  const gates = { latency: { metric: 'latency_ms', test: 'mann-whitney', maxIncrease: '10%' } as const };
  const control = lognormalSamples(21, 20_000, 650);
  const bounds = Array.from({ length: 80 }, (_, k) => 100 * 1.03 ** k);
  for (const [factor, expected] of [[1.02, 'pass'], [1.25, 'fail']] as const) {
    const canary = lognormalSamples(22, 5_000, 650 * factor);
    const onSamples = judgeStage(input({ gates, control: { latency_ms: control }, canary: { latency_ms: canary }, tuneN: 5_000 }));
    const onBuckets = judgeStage(input({ gates, control: { latency_ms: toHistogram(control, bounds) }, canary: { latency_ms: toHistogram(canary, bounds) }, tuneN: 5_000 }));
    assert.equal(onSamples.gates[0]!.verdict, expected, `×${factor} on samples`);
    assert.equal(onBuckets.gates[0]!.verdict, expected, `×${factor} on buckets`);
    assert.ok(Math.abs(onSamples.gates[0]!.evidence!.effect! - onBuckets.gates[0]!.evidence!.effect!) < 0.01, 'grouped ranks agree with exact ranks');
  }
});

test('mann-whitney without raw values or buckets is no data', () => {
  const j = judgeStage(input({ gates: { latency: { metric: 'latency_ms', test: 'mann-whitney' } }, control: { latency_ms: summary(100, 650, 300) }, canary: { latency_ms: summary(100, 650, 300) } }));
  assert.equal(j.gates[0]!.verdict, 'no-data');
  assert.match(j.gates[0]!.reason, /needs samples or histogram buckets/);
});

test('quantile gates judge the canary against max and min bounds', () => {
  const p99 = { metric: 'latency_ms', test: 'quantile', quantile: 0.99, max: 2_500 } as const;
  const fast = judgeStage(input({ gates: { p99 }, control: {}, canary: { latency_ms: lognormalSamples(31, 5_000, 650) }, tuneN: 5_000 }));
  assert.equal(fast.gates[0]!.verdict, 'pass');
  assert.ok(fast.gates[0]!.evidence!.effect! < 2_500 && fast.gates[0]!.evidence!.effect! > 1_500, 'the effect is the canary p99');
  const slow = judgeStage(input({ gates: { p99 }, control: {}, canary: { latency_ms: lognormalSamples(32, 5_000, 1_000) }, tuneN: 5_000 }));
  assert.equal(slow.gates[0]!.verdict, 'fail');
  assert.match(slow.gates[0]!.reason, /latency_ms p99 is above 2,500 ms/);
  const p10 = (min: number) => ({ metric: 'eval_score', test: 'quantile', quantile: 0.1, min }) as const;
  const scores = lognormalSamples(33, 4_000, 0.8, 0.2);
  assert.equal(judgeStage(input({ gates: { p10: p10(0.5) }, control: {}, canary: { eval_score: scores } })).gates[0]!.verdict, 'pass');
  assert.equal(judgeStage(input({ gates: { p10: p10(0.7) }, control: {}, canary: { eval_score: scores } })).gates[0]!.verdict, 'fail');
});

test('an absolute welch gate compares the canary mean with max', () => {
  const gate = { metric: 'cost_per_call', test: 'welch', versus: 'absolute', max: 0.015 } as const;
  const j = judgeStage(input({ gates: { cost: gate }, control: {}, canary: { cost_per_call: summary(5_000, 0.012, 0.006) }, tuneN: 5_000 }));
  assert.equal(j.gates[0]!.verdict, 'pass');
  assert.equal(j.gates[0]!.evidence!.threshold, 0.015);
});

test('a segment that fails fails its gate, though the aggregate passes', () => {
  const gates = { errors: { ...errorsGate, segmentBy: 'tenant' } };
  const segments = {
    tenant: {
      acme: { control: { error_rate: counts(100, 10_000) }, canary: { error_rate: counts(150, 2_000) } },
      globex: { control: { error_rate: counts(850, 85_000) }, canary: { error_rate: counts(10, 3_000) } },
    },
  };
  const j = judgeStage(input({ gates, control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(160, 5_000) }, extra: { segments, requests: SPLIT_5 }, tuneN: 5_000 }));
  const gate = j.gates[0]!;
  assert.equal(gate.verdict, 'fail');
  assert.deepEqual(gate.segment, { attribute: 'tenant', value: 'acme' });
  assert.match(gate.reason, /^fails in tenant=acme \(aggregate: /);
  assert.deepEqual(gate.segments!.map((s) => [s.segment!.value, s.verdict]), [['acme', 'fail'], ['globex', 'pass']]);
  assert.equal(j.outcome, 'fail');
  const ignored = judgeStage(input({ gates: { errors: errorsGate }, control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(45, 5_000) }, extra: { segments }, tuneN: 5_000 }));
  assert.equal(ignored.gates[0]!.verdict, 'pass', 'a gate without segmentBy does not look at segments');
  assert.equal(ignored.gates[0]!.segments, undefined);
});

test("the gates' p-values are Holm-adjusted across the stage and the raw ones are kept", () => {
  const j = judgeStage(input({
    gates: { errors: errorsGate, cost: { metric: 'cost_per_call', test: 'welch', maxIncrease: '10%' }, completion: { metric: 'task_completion', test: 'proportions', nonInferiority: '2pp' } },
    control: { error_rate: counts(950, 95_000), cost_per_call: summary(95_000, 0.012, 0.006), task_completion: counts(7_200, 10_000) },
    canary: { error_rate: counts(90, 5_000), cost_per_call: summary(5_000, 0.0134, 0.0065), task_completion: counts(3_450, 5_000) },
    tuneN: 5_000,
  }));
  const raw = j.gates.map((g) => g.evidence!.rawPValue!);
  assert.deepEqual(j.gates.map((g) => g.evidence!.pValue), holm(raw));
  assert.ok(raw.some((p, i) => p !== j.gates[i]!.evidence!.pValue), 'at least one p-value moved');
});

test('repeated looks at an unchanged challenger rarely fail: the always-valid tests hold alpha over every look', () => {
  const random = createRandom(2026);
  const { policy, stage } = policyWith({ gates: { errors: { metric: 'error_rate', test: 'proportions', maxIncrease: '0pp', nonInferiority: '1pp' } } });
  let failed = 0;
  let naive = 0;
  const rollouts = 200;
  for (let r = 0; r < rollouts; r++) {
    let control = { successes: 0, trials: 0 };
    let canary = { successes: 0, trials: 0 };
    let failedHere = false;
    let naiveHere = false;
    for (let look = 0; look < 48; look++) {
      control = { successes: control.successes + random.binomial(3_800, 0.02), trials: control.trials + 3_800 };
      canary = { successes: canary.successes + random.binomial(200, 0.02), trials: canary.trials + 200 };
      const j = judgeStage({ release: 'r', policy, stage, metrics: METRICS, tuneN: 9_600, result: { ok: true, snapshot: snapshot({ error_rate: { kind: 'counts', ...control } }, { error_rate: { kind: 'counts', ...canary } }) } });
      if (j.gates[0]!.verdict === 'fail') failedHere = true;
      if (j.gates[0]!.evidence!.statistic! > 1.645) naiveHere = true;
    }
    if (failedHere) failed++;
    if (naiveHere) naive++;
  }
  assert.ok(failed / rollouts <= 0.05, `always-valid: ${failed} of ${rollouts} null rollouts failed at some look`);
  assert.ok(naive > failed, `a plain one-sided z > 1.645 at every look fails more often (${naive})`);
});

test('the confidence sequences are tuned at minSamples when the caller gives no tuneN', () => {
  const j = judgeStage(input({ gates: { errors: errorsGate }, stage: { minSamples: 3_000 }, control: { error_rate: counts(950, 95_000) }, canary: { error_rate: counts(45, 5_000) } }));
  assert.deepEqual(j.analysis, { alpha: 0.05, srmAlpha: 0.001, tuneN: 3_000, minSamples: 3_000, unit: 'user' });
});

test('a policy the judge cannot apply is a configuration error, not a verdict', () => {
  const { policy } = policyWith({ gates: { errors: errorsGate } });
  const base = { release: 'r', policy, metrics: METRICS, result: { ok: true as const, snapshot: snapshot({}, {}) } };
  assert.throws(() => judgeStage({ ...base, stage: { name: 's', weight: 5, gates: ['missing'] } }), (e: Error) => e instanceof GateConfigError && /lists gate missing, which spec.gates does not define \(gates: errors\)/.test(e.message));
  const unknownMetric = policyWith({ gates: { x: { metric: 'nope', test: 'welch' } } });
  assert.throws(() => judgeStage({ ...base, policy: unknownMetric.policy, stage: unknownMetric.stage }), /spec.gates.x.metric: no metric named nope/);
  const noBound = policyWith({ gates: { p99: { metric: 'latency_ms', test: 'quantile', quantile: 0.99 } } });
  assert.throws(() => judgeStage({ ...base, policy: noBound.policy, stage: noBound.stage, result: { ok: true, snapshot: snapshot({}, { latency_ms: lognormalSamples(1, 10, 600) }) } }), /needs max or min/);
});
