import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildEvaluationReport, renderEvaluationText } from '../../../src/core/gates/evaluation-report.js';
import { judgeStage } from '../../../src/core/gates/judge-stage.js';
import { decideFromJudgement } from '../../../src/core/gates/stage-decision.js';
import { METRICS, counts, input, lognormalSamples, policyWith } from './fixtures.js';

function report(canaryErrors: number) {
  const opts = {
    gates: { errors: { metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' } as const, p99: { metric: 'latency_ms', test: 'quantile', quantile: 0.99, max: 2_500 } as const },
    rollback: [{ metric: 'error_rate', increase: '2pp' }],
    control: { error_rate: counts(950, 95_000) },
    canary: { error_rate: counts(canaryErrors, 5_000), latency_ms: lognormalSamples(7, 200, 650) },
    tuneN: 5_000,
  };
  const judgement = judgeStage(input(opts));
  const decision = decideFromJudgement(policyWith(opts).policy, judgement);
  return buildEvaluationReport({ judgement, decision, policy: 'test-policy', at: '2026-11-16T12:00:00.000Z', window: { start: '2026-11-16T10:00:00Z', end: '2026-11-16T12:00:00Z' }, metricsFile: 'metrics/x.json' });
}

test('the JSON report carries every documented field, with null for infinite bounds', () => {
  const r = report(62);
  assert.deepEqual(Object.keys(r), ['release', 'policy', 'stage', 'at', 'window', 'metricsFile', 'dryRun', 'decision', 'outcome', 'reason', 'srm', 'samples', 'gates', 'rollback', 'analysis', 'sourceError']);
  assert.equal(r.decision, 'hold');
  const gate = r.gates[0]!;
  for (const key of ['gate', 'metric', 'test', 'statistic', 'pValue', 'interval', 'effect', 'n', 'verdict', 'reason']) assert.ok(key in gate, key);
  const p99 = r.gates[1]!;
  assert.equal(p99.interval![1], null, 'the p99 of 200 observations has no finite upper bound');
  assert.equal(r.rollback[0]!.fired, false);
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(r)));
});

test('the text report opens with the decision, the stage and why', () => {
  const text = renderEvaluationText(report(62), METRICS);
  const [headline] = text.split('\n');
  assert.match(headline!, /^HOLD canary-5: errors, p99 inconclusive \(n = 5,000 canary \/ 95,000 control\)/);
  assert.match(text, /gate\s+metric\s+test\s+verdict\s+effect\s+interval\s+bound\s+p worse\s+p within/);
  assert.match(text, /rollback\[0\]\s+error_rate\s+proportions\s+not fired/);
});

test('a rollback reads as such in the headline and the criterion as fired', () => {
  const text = renderEvaluationText(report(700), METRICS);
  assert.match(text.split('\n')[0]!, /^ROLLBACK canary-5: rollback criterion rollback\[0\] fired/);
  assert.match(text, /rollback\[0\]\s+error_rate\s+proportions\s+FIRED/);
});
