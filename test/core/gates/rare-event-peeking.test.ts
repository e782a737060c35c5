// The open problem of decision 0003, checked on the function that decides: a proportions gate
// looked at every five minutes for a day on a canary exactly as good as control (1 % errors,
// 5/95 split) must not claim a pass in more than alpha of the days. Same data as the
// 1 % row of `npm run bench:false-alarms` (seed 7), but through measureGate itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureGate } from '../../../src/core/gates/measure-gate.js';
import type { Gate, MetricDefinition } from '../../../src/core/model/index.js';
import { createRandom } from '../../support/random.js';

const ALPHA = 0.05;
const LOOKS = 288;
const SEQUENCES = 2000;
const REQUESTS_PER_LOOK = 1000;
const CANARY_SHARE = 0.05;
const RATE = 0.01;

const metric: MetricDefinition = { name: 'error_rate', source: 'warehouse', type: 'proportion', direction: 'lower-is-better' };
// Margin 0 puts the true effect on the edge of the null, so a pass here is a false pass.
const gate: Gate = { metric: 'error_rate', test: 'proportions', maxIncrease: 0 };

test('a proportions gate looked at 288 times on null 1 % error rates in a 5/95 split falsely passes the canary in at most alpha of 2,000 days, and falsely fails it in at most 1 %', () => {
  const random = createRandom(7);
  const ctx = { alpha: ALPHA, tuneN: LOOKS * REQUESTS_PER_LOOK * CANARY_SHARE };
  let falsePasses = 0;
  let falseFails = 0;
  for (let s = 0; s < SEQUENCES; s++) {
    const control = { kind: 'counts' as const, successes: 0, trials: 0 };
    const canary = { kind: 'counts' as const, successes: 0, trials: 0 };
    let passed = false;
    let failed = false;
    for (let l = 0; l < LOOKS; l++) {
      const canaryRequests = random.binomial(REQUESTS_PER_LOOK, CANARY_SHARE);
      canary.trials += canaryRequests;
      control.trials += REQUESTS_PER_LOOK - canaryRequests;
      canary.successes += random.binomial(canaryRequests, RATE);
      control.successes += random.binomial(REQUESTS_PER_LOOK - canaryRequests, RATE);
      if (passed && failed) continue;
      const m = measureGate('errors', gate, metric, control, canary, ctx);
      assert.equal(m.status, 'measured');
      if (m.status !== 'measured') return;
      passed ||= m.passP <= ALPHA;
      failed ||= m.failP <= ALPHA;
    }
    falsePasses += Number(passed);
    falseFails += Number(failed);
  }
  // Before the Agresti–Caffo contrast: 7.0 % false passes (140 of 2,000), 0.6 % false fails.
  assert.ok(falsePasses / SEQUENCES <= ALPHA, `false passes in ${falsePasses} of ${SEQUENCES} days`);
  assert.ok(falseFails / SEQUENCES <= 0.01, `false fails in ${falseFails} of ${SEQUENCES} days`);
});
