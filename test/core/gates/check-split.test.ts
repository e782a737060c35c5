import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSplit } from '../../../src/core/gates/check-split.js';
import { alwaysValidPValue, chiSquareTails } from '../../../src/core/stats/index.js';
import { createRandom } from '../../support/random.js';

const base = { srmAlpha: 0.001, tuneN: 5_000 };

test('a split close to the configured weight is ok, with its chi-square and always-valid p-value', () => {
  const r = checkSplit({ ...base, stage: { name: 'c', weight: 5 }, canaryWeight: 5, requests: { control: 95_100, canary: 4_900 } });
  assert.equal(r.verdict, 'ok');
  // (4900 − 5000)²/5000 + (95100 − 95000)²/95000 = 2 + 0.105 = 2.105 = z², z = −0.01/√(0.05·0.95/100000)
  assert.ok(Math.abs(r.statistic! - 2.1052631578947367) < 1e-9);
  const se = Math.sqrt((0.05 * 0.95) / 100_000);
  assert.equal(r.pValue, alwaysValidPValue(0.049, se, 100_000, 0.05, { alternative: 'two.sided', tuneN: 5_000 / 0.05 }));
  assert.ok(r.pValue! >= chiSquareTails(r.statistic!, 1).upper, 'never smaller than the one-look p-value');
});

test('a split far from the configured weight is a mismatch that tells what to check', () => {
  const r = checkSplit({ ...base, stage: { name: 'c', weight: 25 }, canaryWeight: 25, requests: { control: 80_000, canary: 20_000 } });
  assert.equal(r.verdict, 'mismatch');
  assert.match(r.reason!, /the canary received 20% of requests \(20,000 of 100,000\), expected 25%/);
  assert.match(r.reason!, /bucketing key is sticky/);
});

test('a healthy split checked at every tick rarely looks broken, where the one-look chi-square often does', () => {
  const random = createRandom(5);
  let alwaysValid = 0;
  let oneLook = 0;
  const rollouts = 300;
  for (let r = 0; r < rollouts; r++) {
    let control = 0;
    let canary = 0;
    let flagged = false;
    let flaggedOneLook = false;
    for (let tick = 0; tick < 288; tick++) {
      const k = random.binomial(4_000, 0.05);
      canary += k;
      control += 4_000 - k;
      const result = checkSplit({ srmAlpha: 0.01, tuneN: 57_600, stage: { name: 'c', weight: 5 }, canaryWeight: 5, requests: { control, canary } });
      if (result.verdict === 'mismatch') flagged = true;
      if (chiSquareTails(result.statistic!, 1).upper < 0.01) flaggedOneLook = true;
    }
    if (flagged) alwaysValid++;
    if (flaggedOneLook) oneLook++;
  }
  assert.ok(alwaysValid / rollouts <= 0.01, `${alwaysValid} of ${rollouts} healthy splits flagged`);
  assert.ok(oneLook > 2 * alwaysValid + 3, `the one-look chi-square flagged ${oneLook}`);
});

test('rings, 100% and no requests have no split to check', () => {
  assert.match(checkSplit({ ...base, stage: { name: 'ring', weight: 5, segment: { attribute: 'tenant', values: ['acme'] } }, canaryWeight: 5, requests: { control: 1, canary: 1 } }).reason!, /ring stage/);
  assert.equal(checkSplit({ ...base, stage: { name: 'full', weight: 100 }, canaryWeight: 100, requests: { control: 0, canary: 10 } }).verdict, 'not-applicable');
  assert.match(checkSplit({ ...base, stage: { name: 'c', weight: 5 }, canaryWeight: 5, requests: { control: 0, canary: 0 } }).reason!, /no requests yet/);
  assert.match(checkSplit({ ...base, stage: { name: 'c' }, canaryWeight: undefined, requests: { control: 5, canary: 5 } }).reason!, /no configured weight/);
});
