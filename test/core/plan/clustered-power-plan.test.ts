// `plan` on a policy like the judgement benchmark's (docs/judgement-benchmark.md): under sticky
// users the error gate's 0.3pp non-inferiority at 5 % needs more users than 48 h bring, and the
// plan says so before the rollout holds and rolls back a good challenger (decision 0012).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimatePlanPower } from '../../../src/core/plan/plan-power.js';
import type { Gate, GlidepathRepository, LoadedDocument, Release, RolloutPolicy } from '../../../src/core/model/index.js';
import { METRICS } from '../gates/fixtures.js';

function benchPolicy(errorsUnitBaseline?: Gate['unitBaseline']): RolloutPolicy {
  const gates = ['errors', 'latency', 'cost'];
  return {
    apiVersion: 'glidepath.dev/v1',
    kind: 'RolloutPolicy',
    metadata: { name: 'bench' },
    spec: {
      strategy: 'canary',
      analysis: { unit: 'user' },
      stages: [
        { name: 'canary-5', weight: 5, minDuration: '24h', maxDuration: '48h', gates },
        { name: 'canary-25', weight: 25, minDuration: '24h', maxDuration: '48h', gates },
        { name: 'full', weight: 100 },
      ],
      gates: {
        errors: { metric: 'error_rate', test: 'proportions', maxIncrease: '0pp', nonInferiority: '0.3pp', critical: true, ...(errorsUnitBaseline ? { unitBaseline: errorsUnitBaseline } : {}) },
        latency: { metric: 'latency_ms', test: 'welch', maxIncrease: '5%', unitBaseline: { requestsPerUnit: 48, sdY: 70, intraUnitCorrelation: 0.02 } },
        cost: { metric: 'cost_per_call', test: 'welch', maxIncrease: '5%', unitBaseline: { requestsPerUnit: 48, sdY: 70, intraUnitCorrelation: 0.02 } },
      },
      rollback: [{ metric: 'error_rate', increase: '2pp' }],
    },
  };
}

function planPower(policy: RolloutPolicy) {
  const release = { value: { apiVersion: 'glidepath.dev/v1', kind: 'Release', metadata: { name: 'bench' }, spec: { policy: 'bench', traffic: { requestsPerHour: 50_000 } } } } as unknown as LoadedDocument<Release>;
  const repository = { config: { value: { spec: { metrics: { definitions: METRICS } } } } } as unknown as GlidepathRepository;
  return estimatePlanPower(release, { value: policy } as LoadedDocument<RolloutPolicy>, repository)!;
}

test('the benchmark\'s policy at ρ 0.1 (48 requests per user in a stage, sd 70) is told its 5 % stage needs more users than 48 h bring and will roll back a good challenger', () => {
  // Independent requests: 20,060 canary requests (0.3pp over 1 %, alpha 0.05/3, 80 % power, sequential);
  // m_w = 48 + 70²/48 = 150.08, design effect 1 + 149.08·0.1 = 15.908: 319,115 requests, /48 ≈ 6,649
  // canary users, ≈ 127.6 h at 2,500 canary requests an hour.
  const canary5 = planPower(benchPolicy({ requestsPerUnit: 48, sdY: 70, intraUnitCorrelation: 0.1 })).get('canary-5')!;
  assert.ok(Math.abs(canary5.hoursNeeded! / 127.6 - 1) < 0.005, `${canary5.hoursNeeded}`);
  assert.ok(canary5.warnings.some((w) => /^canary-5: gate errors needs ~6,6\d\d canary users to show error_rate within 0\.3pp ≈ 5d 8h at 5 %, more than the stage's maxDuration 48h: this stage will hold and roll back a good challenger — raise the weight, lengthen the stage or loosen the bound$/.test(w)), canary5.warnings.join('\n'));
  assert.ok(!canary5.warnings.some((w) => /optimistic/.test(w)), 'every gate is sized in users');
});

test('the benchmark\'s policy without per-user figures for its error gate is told its estimate is optimistic by an unknown factor', () => {
  const canary5 = planPower(benchPolicy()).get('canary-5')!;
  assert.ok(canary5.warnings.some((w) => /^canary-5: gate errors is sized as if requests were independent, .* optimistic by an unknown factor/.test(w)), canary5.warnings.join('\n'));
  assert.ok(!canary5.warnings.some((w) => /maxDuration 48h/.test(w)), 'request-level sizes fit in 48 h: only the caveat says otherwise');
});
