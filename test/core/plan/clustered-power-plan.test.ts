// `plan` on a policy like the judgement benchmark's (docs/judgement-benchmark.md): under sticky
// users the error gate's 0.3pp non-inferiority at 5 % needs more users than 48 h bring, and the
// plan says so before the rollout holds and rolls back a good challenger (decision 0012).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Gate } from '../../../src/core/model/index.js';
import { benchLikePolicy, errorGate, planPowerOf } from './bench-like-plan.js';

const PER_USER = { requestsPerUnit: 48, sdY: 70, intraUnitCorrelation: 0.02 };

function planPower(errorsUnitBaseline?: Gate['unitBaseline']) {
  const policy = benchLikePolicy({
    errors: errorGate(errorsUnitBaseline),
    latency: { metric: 'latency_ms', test: 'welch', maxIncrease: '5%', unitBaseline: PER_USER },
    cost: { metric: 'cost_per_call', test: 'welch', maxIncrease: '5%', unitBaseline: PER_USER },
  });
  return planPowerOf(policy, { requestsPerHour: 50_000 });
}

test('the benchmark\'s policy at ρ 0.1 (48 requests per user in a stage, sd 70) is told its 5 % stage needs more users than 48 h bring and will roll back a good challenger', () => {
  // Independent requests: 20,060 canary requests (0.3pp over 1 %, alpha 0.05/3, 80 % power, sequential);
  // m_w = 48 + 70²/48 = 150.08, design effect 1 + 149.08·0.1 = 15.908: 319,115 requests, /48 ≈ 6,649
  // canary users, ≈ 127.6 h at 2,500 canary requests an hour.
  const canary5 = planPower({ requestsPerUnit: 48, sdY: 70, intraUnitCorrelation: 0.1 }).get('canary-5')!;
  assert.ok(Math.abs(canary5.hoursNeeded! / 127.6 - 1) < 0.005, `${canary5.hoursNeeded}`);
  assert.ok(canary5.warnings.some((w) => /^canary-5: gate errors needs ~6,6\d\d canary users to show error_rate within 0\.3pp ≈ 5d 8h at 5 %, more than the stage's maxDuration 48h: this stage will hold and roll back a good challenger — raise the weight, lengthen the stage or loosen the bound$/.test(w)), canary5.warnings.join('\n'));
  assert.ok(!canary5.warnings.some((w) => /optimistic/.test(w)), 'every gate is sized in users');
});

test('the benchmark\'s policy without per-user figures for its error gate is told its estimate is optimistic by an unknown factor', () => {
  const canary5 = planPower().get('canary-5')!;
  assert.ok(canary5.warnings.some((w) => /^canary-5: gate errors is sized as if requests were independent, .* optimistic by an unknown factor/.test(w)), canary5.warnings.join('\n'));
  assert.ok(!canary5.warnings.some((w) => /maxDuration 48h/.test(w)), 'request-level sizes fit in 48 h: only the caveat says otherwise');
});
