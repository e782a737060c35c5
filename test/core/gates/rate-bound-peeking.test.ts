// The open item of decision 0003, checked on the functions that decide: one canary arm tested
// against a fixed rate bound (`versus: absolute` proportions gates with `max`, `above` rollback
// criteria), looked at every five minutes for a day, with the true rate exactly at the bound.
// At 50 canary requests per look the x/n contrast with the (x + ½)/(n + 1) variance passed 6.9 %
// of such days here (9.4 % in decision 0003's first check); the score form, with the bound's own variance p₀(1 − p₀)/n, must stay within alpha.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureCriterion } from '../../../src/core/gates/measure-criterion.js';
import { measureGate } from '../../../src/core/gates/measure-gate.js';
import type { Gate, MetricDefinition } from '../../../src/core/model/index.js';
import { createRandom } from '../../support/random.js';

const ALPHA = 0.05;
const LOOKS = 288;
const DAYS = 2000;
const REQUESTS_PER_LOOK = 50;
const BOUND = 0.01;

const metric: MetricDefinition = { name: 'error_rate', source: 'warehouse', type: 'proportion', direction: 'lower-is-better' };
const gate: Gate = { metric: 'error_rate', test: 'proportions', versus: 'absolute', max: BOUND };

test('a canary error rate exactly at a 1 % max, looked at 288 times with 50 requests per look, is falsely passed by the gate and falsely rolled back by an above criterion in at most alpha of 2,000 days', () => {
  const random = createRandom(11);
  const ctx = { alpha: ALPHA, tuneN: LOOKS * REQUESTS_PER_LOOK };
  let falsePasses = 0;
  let falseFails = 0;
  let falseRollbacks = 0;
  for (let d = 0; d < DAYS; d++) {
    const canary = { kind: 'counts' as const, successes: 0, trials: 0 };
    let passed = false;
    let failed = false;
    let rolledBack = false;
    for (let l = 0; l < LOOKS; l++) {
      canary.trials += REQUESTS_PER_LOOK;
      canary.successes += random.binomial(REQUESTS_PER_LOOK, BOUND);
      if (passed && failed && rolledBack) continue;
      const m = measureGate('errors', gate, metric, undefined, canary, ctx);
      assert.equal(m.status, 'measured');
      if (m.status !== 'measured') return;
      passed ||= m.passP <= ALPHA;
      failed ||= m.failP <= ALPHA;
      const r = measureCriterion({ metric: 'error_rate', above: BOUND }, metric, undefined, canary, false, ctx, 'spec.rollback[0]');
      assert.equal(r.status, 'measured');
      if (r.status !== 'measured') return;
      rolledBack ||= r.fireP <= ALPHA;
    }
    falsePasses += Number(passed);
    falseFails += Number(failed);
    falseRollbacks += Number(rolledBack);
  }
  // Seed 11: 137 false passes and 17 false fails (= rollbacks) before; 20 and 49 under the bound's variance.
  assert.ok(falsePasses / DAYS <= ALPHA, `false passes in ${falsePasses} of ${DAYS} days`);
  assert.ok(falseFails / DAYS <= ALPHA, `false fails in ${falseFails} of ${DAYS} days`);
  assert.ok(falseRollbacks / DAYS <= ALPHA, `false rollbacks in ${falseRollbacks} of ${DAYS} days`);
});
