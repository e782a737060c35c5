import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateLogRatio, estimateNetBenefit, estimateRatio, logRatioContrast, netBenefitContrast } from '../../../src/core/stats/index.js';
import { assertClose, cases, dataset, rVersion } from './r-reference.js';
import { unitSumsOf as sumsOf } from '../../support/unit-sums.js';


const arm = (data: string, i: '1' | '2') => sumsOf(dataset(data, `x${i}`), dataset(data, `y${i}`));

interface ArmCase { value: number; variance: number }
interface LogRatioCase { data: string; setup: string; call: string; margin: number; worse: 'higher' | 'lower'; estimate: number; threshold: number; standardError: number; control: ArmCase; canary: ArmCase }
interface NetBenefitCase { data: string; call: string; willingnessToPay: number; minNetBenefit: number; cost: 'x' | 'y'; estimate: number; threshold: number; standardError: number; control: ArmCase; canary: ArmCase }

for (const c of cases<LogRatioCase>('logRatioContrast')) {
  test(`the ratio gate's log-ratio contrast on ${c.data} at a ${c.margin * 100}% margin (${c.worse} is worse) agrees with R (${c.call}) in ${rVersion}`, () => {
    const control = estimateLogRatio(arm(c.data, '1'));
    const canary = estimateLogRatio(arm(c.data, '2'));
    assertClose(control.value, c.control.value, 1e-12, 'control log ratio');
    assertClose(control.variance, c.control.variance, 1e-9, 'control delta-method variance of the log ratio');
    assertClose(canary.value, c.canary.value, 1e-12, 'canary log ratio');
    assertClose(canary.variance, c.canary.variance, 1e-9, 'canary delta-method variance of the log ratio');
    const contrast = logRatioContrast(control, canary, c.margin, c.worse);
    assertClose(contrast.estimate, c.estimate, 1e-12, 'estimate', 1e-15);
    assertClose(contrast.threshold, c.threshold, 1e-12, 'threshold', 1e-300);
    assertClose(contrast.standardError, c.standardError, 1e-9, 'standard error');
    assert.equal(control.n, arm(c.data, '1').sumY, 'the information count is ΣY, as for the ratio metric');
  });
}

for (const c of cases<NetBenefitCase>('netBenefitContrast')) {
  test(`the net-benefit contrast on ${c.data} at willingness to pay ${c.willingnessToPay} and floor ${c.minNetBenefit} (cost in ${c.cost}) agrees with R (${c.call}) in ${rVersion}`, () => {
    const control = estimateNetBenefit(arm(c.data, '1'), c.willingnessToPay, c.cost);
    const canary = estimateNetBenefit(arm(c.data, '2'), c.willingnessToPay, c.cost);
    assertClose(control.value, c.control.value, 1e-12, 'control net benefit per user');
    assertClose(control.variance, c.control.variance, 1e-9, 'control variance, covariance of quality and cost included');
    assertClose(canary.value, c.canary.value, 1e-12, 'canary net benefit per user');
    assertClose(canary.variance, c.canary.variance, 1e-9, 'canary variance, covariance of quality and cost included');
    const contrast = netBenefitContrast(control, canary, c.minNetBenefit);
    assertClose(contrast.estimate, c.estimate, 1e-12, 'estimate (−ΔNB)');
    assertClose(contrast.threshold, c.threshold, 1e-12, 'threshold (−floor)', 1e-300);
    assertClose(contrast.standardError, c.standardError, 1e-9, 'standard error');
    assert.equal(control.n, arm(c.data, '1').units, 'the information count is the units');
  });
}

test('the log ratio\'s variance is the ratio\'s delta-method variance over its square', () => {
  const sums = arm('cost_resolved', '1');
  const ratio = estimateRatio(sums);
  assertClose(estimateLogRatio(sums).variance, ratio.variance / (ratio.value * ratio.value), 1e-12, 'Var(log R) = Var(R)/R²');
});

test('a net benefit without the covariance of quality and cost would be wrong: positively correlated totals lower the variance', () => {
  const sums = arm('cost_resolved', '1');
  const withCov = estimateNetBenefit(sums, 0.5, 'x');
  const uncorrelated = estimateNetBenefit({ ...sums, sumXY: (sums.sumX * sums.sumY) / sums.units }, 0.5, 'x');
  assert.ok(withCov.variance < uncorrelated.variance, `cost and resolutions move together per user, so λq − c varies less (${withCov.variance} vs ${uncorrelated.variance})`);
});

test('an arm with no numerator, no units or one unit has no log ratio or no variance to judge by', () => {
  assert.ok(Number.isNaN(estimateLogRatio({ units: 3, sumX: 0, sumY: 5, sumXX: 0, sumYY: 9, sumXY: 0 }).value));
  assert.ok(Number.isNaN(estimateLogRatio({ units: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }).value));
  assert.ok(Number.isNaN(estimateLogRatio({ units: 1, sumX: 2, sumY: 4, sumXX: 4, sumYY: 16, sumXY: 8 }).variance));
  assert.ok(Number.isNaN(estimateNetBenefit({ units: 1, sumX: 2, sumY: 4, sumXX: 4, sumYY: 16, sumXY: 8 }, 1, 'x').variance));
  assert.ok(Number.isNaN(estimateNetBenefit({ units: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }, 1, 'x').value));
});
