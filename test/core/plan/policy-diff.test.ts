import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RolloutPolicy } from '../../../src/core/model/index.js';
import { diffPolicies, formatFinding, type PolicyFinding } from '../../../src/core/plan/policy-diff.js';
import { applyOverrides, type Overrides } from '../../support/overrides.js';

type Spec = RolloutPolicy['spec'];

function policy(spec: Overrides<Spec> = {}): RolloutPolicy {
  return {
    apiVersion: 'glidepath.dev/v1',
    kind: 'RolloutPolicy',
    metadata: { name: 'model-upgrade' },
    spec: applyOverrides<Spec>({
      strategy: 'shadow-then-canary',
      stages: [
        { name: 'shadow', mode: 'shadow', minDuration: '1h', minSamples: 1000, gates: ['latency-p99'] },
        { name: 'canary-5', weight: 5, minDuration: '2h', minSamples: 2000, gates: ['errors', 'cost'] },
        { name: 'full', weight: 100, approval: 'required', watch: '2h' },
      ],
      gates: {
        errors: { metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp', critical: true },
        completion: { metric: 'task_completion', test: 'proportions', nonInferiority: '2pp' },
        'latency-p99': { metric: 'latency_ms', test: 'quantile', quantile: 0.99, max: 2500 },
        cost: { metric: 'cost_per_call', test: 'welch', maxIncrease: '10%' },
      },
      rollback: [
        { metric: 'error_rate', increase: '2pp' },
        { metric: 'latency_ms', quantile: 0.95, above: 2500 },
      ],
      window: { days: ['mon', 'tue', 'wed', 'thu'], hours: '09:00-16:00', timezone: 'Europe/Berlin' },
      analysis: { alpha: 0.05 },
      onNoData: 'hold',
      onFailure: 'rollback',
    }, spec),
  };
}

function withStage(index: number, change: Partial<Spec['stages'][number]> | null): Partial<Spec> {
  const stages = [...policy().spec.stages];
  if (change === null) stages.splice(index, 1);
  else stages[index] = { ...(stages[index] as Spec['stages'][number]), ...change };
  return { stages };
}

function withGate(name: string, change: Record<string, unknown>): Overrides<Spec> {
  const gates = { ...policy().spec.gates } as unknown as Record<string, Record<string, unknown>>;
  gates[name] = { ...gates[name], ...change };
  for (const [k, v] of Object.entries(gates[name] as Record<string, unknown>)) if (v === undefined) delete (gates[name] as Record<string, unknown>)[k];
  return { gates: gates as unknown as Spec['gates'] };
}

function weakenings(after: Overrides<Spec>): string[] {
  return diffPolicies(policy(), policy(after)).filter((f) => f.severity === 'weakening').map(formatFinding);
}

test('identical policies have no findings', () => {
  assert.deepEqual(diffPolicies(policy(), policy()), []);
});

const cases: { name: string; after: Overrides<Spec>; expected: string[] }[] = [
  { name: 'a larger maxIncrease loosens the gate', after: withGate('errors', { maxIncrease: '2pp' }), expected: ['gate `errors` maxIncrease loosened: 0.5pp → 2pp'] },
  { name: 'a raised upper bound loosens a lower-is-better gate', after: withGate('latency-p99', { max: 4000 }), expected: ['gate `latency-p99` max loosened: 2500 → 4000'] },
  { name: 'a lower quantile under an upper bound lets more of the tail through', after: withGate('latency-p99', { quantile: 0.95 }), expected: ['gate `latency-p99` quantile loosened: 0.99 → 0.95'] },
  { name: 'a gate that is no longer critical is weaker', after: withGate('errors', { critical: undefined }), expected: ['gate `errors` no longer critical: true → false'] },
  { name: 'a dropped margin is weaker', after: withGate('cost', { maxIncrease: undefined, versus: 'control' }), expected: ['gate `cost` drops maxIncrease: 10% → (none)'] },
  { name: 'a gate removed from a stage is weaker', after: withStage(1, { gates: ['errors'] }), expected: ['stage `canary-5` no longer checks gate `cost`: errors, cost → errors'] },
  { name: 'a removed stage is weaker', after: withStage(1, null), expected: ['stage `canary-5` removed: `canary-5` (5%) 2h gates errors, cost → (none)'] },
  { name: 'the shadow period removed is reported once', after: { strategy: 'canary', ...withStage(0, null) }, expected: ['shadow period removed: `shadow` (shadow) 1h gates latency-p99 → (none)'] },
  { name: 'a shorter bake time is weaker', after: withStage(1, { minDuration: '30m' }), expected: ['stage `canary-5` bakes for less time: 2h → 30m'] },
  { name: 'fewer samples are weaker', after: withStage(1, { minSamples: 200 }), expected: ['stage `canary-5` needs fewer samples: 2,000 → 200'] },
  { name: 'a dropped approval is weaker', after: withStage(2, { approval: 'none' }), expected: ['stage `full` approval dropped: required → none'] },
  { name: 'a shorter watch is weaker', after: withStage(2, { watch: '15m' }), expected: ['stage `full` watch shortened: 2h → 15m'] },
  { name: 'a higher first weight exposes more users', after: withStage(1, { weight: 20 }), expected: ['stage `canary-5` exposes more users: 5% → 20%'] },
  { name: 'a removed rollback criterion is weaker', after: { rollback: [{ metric: 'latency_ms', quantile: 0.95, above: 2500 }] }, expected: ['rollback criterion removed: error_rate rises more than 2pp over control → (none)'] },
  { name: 'a loosened rollback criterion is weaker', after: { rollback: [{ metric: 'error_rate', increase: '5pp' }, { metric: 'latency_ms', quantile: 0.95, above: 4000 }] }, expected: ['rollback on error_rate increase loosened: 2pp → 5pp', 'rollback on latency_ms p95 above loosened: 2500 → 4000'] },
  { name: 'pausing instead of rolling back is weaker', after: { onFailure: 'pause' }, expected: ['onFailure weaker: rollback → pause'] },
  { name: 'holding on missing data is the strongest, rolling back on it is not weaker', after: { onNoData: 'rollback' }, expected: [] },
  { name: 'a raised alpha is weaker', after: { analysis: { alpha: 0.1 } }, expected: ['analysis.alpha raised (more false passes): 0.05 → 0.1'] },
  { name: 'a removed deploy window is weaker', after: { window: undefined }, expected: ['deploy window removed: mon–thu 09:00–16:00 Europe/Berlin → any time'] },
  { name: 'a deploy window with more days is wider', after: { window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-16:00', timezone: 'Europe/Berlin' } }, expected: ['deploy window widened: mon–thu 09:00–16:00 Europe/Berlin → mon–fri 09:00–16:00 Europe/Berlin'] },
  { name: 'deploy hours that start earlier are wider', after: { window: { days: ['mon', 'tue', 'wed', 'thu'], hours: '07:00-16:00', timezone: 'Europe/Berlin' } }, expected: ['deploy window widened: mon–thu 09:00–16:00 Europe/Berlin → mon–thu 07:00–16:00 Europe/Berlin'] },
];

test('allowing authors to approve their own high-risk releases again is a weakening', () => {
  assert.deepEqual(diffPolicies(policy({ selfApproval: 'deny-high-risk' }), policy()).filter((f) => f.severity === 'weakening').map(formatFinding), ['selfApproval weaker: deny-high-risk → allow']);
  assert.deepEqual(weakenings({ selfApproval: 'deny' }), []);
});

for (const c of cases) {
  test(c.name, () => {
    assert.deepEqual(weakenings(c.after), c.expected);
  });
}

test('a larger non-inferiority margin loosens a gate a stage checks, and a gate no stage checks is ignored', () => {
  const using = (margin: string): RolloutPolicy => policy({ ...withStage(1, { gates: ['errors', 'completion'] }), ...withGate('completion', { nonInferiority: margin }), stages: withStage(1, { gates: ['errors', 'completion'] }).stages as Spec['stages'] });
  assert.deepEqual(diffPolicies(using('2pp'), using('5pp')).map(formatFinding), ['gate `completion` nonInferiority loosened: 2pp → 5pp']);
  assert.deepEqual(diffPolicies(policy(), policy(withGate('completion', { nonInferiority: '5pp' }))), []);
});

test('tightening a gate is reported as tighter, not as a weakening', () => {
  const findings = diffPolicies(policy(), policy(withGate('errors', { maxIncrease: '0.2pp' })));
  assert.deepEqual(findings.map((f) => [f.severity, formatFinding(f)]), [['tightening', 'gate `errors` maxIncrease tightened: 0.5pp → 0.2pp']]);
});

test('a margin whose unit changes cannot be ordered and is reported as a change', () => {
  const findings = diffPolicies(policy(), policy(withGate('errors', { maxIncrease: '10%' })));
  assert.deepEqual(findings.map((f) => f.severity), ['change']);
  assert.match(formatFinding(findings[0] as PolicyFinding), /changed units/);
});

test('a renamed stage with the same weight is matched, so only its changed fields are reported', () => {
  const findings = diffPolicies(policy(), policy(withStage(1, { name: 'canary-five', minDuration: '1h' })));
  assert.deepEqual(findings.map(formatFinding), ['stage `canary-5` renamed: canary-5 → canary-five', 'stage `canary-five` bakes for less time: 2h → 1h']);
});

test('a weakening points at the field in the head policy', () => {
  const [finding] = diffPolicies(policy(), policy(withStage(1, { minDuration: '30m' })));
  assert.deepEqual(finding?.path, ['spec', 'stages', 1, 'minDuration']);
});

test('narrowing the deploy window is tighter', () => {
  const findings = diffPolicies(policy(), policy({ window: { days: ['tue'], hours: '10:00-12:00', timezone: 'Europe/Berlin' } }));
  assert.deepEqual(findings.map((f) => f.severity), ['tightening']);
});

test('an overnight window that covers the old hours is not reported as wider', () => {
  const before = policy({ window: { hours: '22:00-06:00', timezone: 'UTC' } });
  const after = policy({ window: { hours: '23:00-05:00', timezone: 'UTC' } });
  assert.deepEqual(diffPolicies(before, after).map((f) => f.severity), ['tightening']);
  assert.deepEqual(diffPolicies(after, before).map((f) => f.severity), ['weakening']);
});
