// The judge's measurements are the statistics core's R-checked contrasts: the same cases as
// test/core/stats/contrast.test.ts, here through measureGate, the function that decides.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureCriterion } from '../../../src/core/gates/measure-criterion.js';
import { measureGate } from '../../../src/core/gates/measure-gate.js';
import type { Gate, MetricDefinition } from '../../../src/core/model/index.js';
import { assertClose, cases, dataset, rVersion } from '../stats/r-reference.js';
import type { MeanContrastCase, RateBoundContrastCase, RateContrastCase } from '../stats/contrast.test.js';

const ctx = { alpha: 0.05, tuneN: 10_000 };
const marginOf = (kind: 'absolute' | 'relative', margin: number) => (kind === 'relative' ? `${Number((margin * 100).toPrecision(12))}%` : margin);
const metricFor = (type: 'proportion' | 'continuous', worse: 'higher' | 'lower'): MetricDefinition => ({
  name: 'm',
  source: 'warehouse',
  type,
  direction: worse === 'higher' ? 'lower-is-better' : 'higher-is-better',
});

for (const c of cases<RateBoundContrastCase>('rateBoundContrast')) {
  const limit = c.beyond === 'above' ? { max: c.bound } : { min: c.bound };
  test(`a proportions gate with versus: absolute and ${c.beyond === 'above' ? 'max' : 'min'} ${c.bound}, and an ${c.beyond} rollback criterion, test ${c.counts.successes}/${c.counts.trials} with the score z of R's ${c.call} in ${rVersion}`, () => {
    const worse = c.beyond === 'above' ? 'higher' : 'lower';
    const z = c.estimate / c.standardError;
    const gate: Gate = { metric: 'm', test: 'proportions', versus: 'absolute', ...limit };
    const m = measureGate('g', gate, metricFor('proportion', worse), undefined, { kind: 'counts', ...c.counts }, ctx);
    assert.equal(m.status, 'measured');
    if (m.status !== 'measured') return;
    assertClose(m.statistic, z, 1e-11, `${c.call}: the gate's z, (x/n − p0) / √(p0(1 − p0)/n)`);
    assertClose(m.estimates.canary!, c.counts.successes / c.counts.trials, 1e-15, `${c.call}: the rate shown is x/n`, 1e-300);
    const r = measureCriterion({ metric: 'm', [c.beyond]: c.bound }, metricFor('proportion', worse), undefined, { kind: 'counts', ...c.counts }, false, ctx, 'spec.rollback[0]');
    assert.equal(r.status, 'measured');
    if (r.status !== 'measured') return;
    assertClose(r.statistic, z, 1e-11, `${c.call}: the criterion's z`);
  });
}

for (const c of cases<RateContrastCase>('rateContrast')) {
  test(`a proportions gate (maxIncrease ${marginOf(c.kind, c.margin)}, ${c.worse} is worse) measures R's ${c.call} in ${rVersion}`, () => {
    const gate: Gate = { metric: 'm', test: 'proportions', maxIncrease: marginOf(c.kind, c.margin) };
    const m = measureGate('g', gate, metricFor('proportion', c.worse), { kind: 'counts', ...c.control }, { kind: 'counts', ...c.canary }, ctx);
    assert.equal(m.status, 'measured');
    if (m.status !== 'measured') return;
    assertClose(m.effect, c.difference, 1e-12, `${c.call}: effect (the observed x2/n2 − x1/n1)`, 1e-17);
    assertClose(m.estimates.canary!, c.canary.successes / c.canary.trials, 1e-15, `${c.call}: the canary's rate shown is x2/n2`, 1e-300);
    assertClose(m.statistic, (c.estimate - c.threshold) / c.standardError, 1e-11, `${c.call}: (estimate − threshold) / se on Agresti–Caffo rates`);
    assertClose((m.interval[0] + m.interval[1]) / 2, c.centre, 1e-9, `${c.call}: the interval is centred on the Agresti–Caffo difference`, 1e-15);
  });
}

for (const c of cases<MeanContrastCase>('meanContrast')) {
  test(`a welch gate on samples (maxIncrease ${marginOf(c.kind, c.margin)}, ${c.worse} is worse) has the statistic of R's ${c.call} on data set ${c.data} in ${rVersion}`, () => {
    const gate: Gate = { metric: 'm', test: 'welch', maxIncrease: marginOf(c.kind, c.margin) };
    const m = measureGate('g', gate, metricFor('continuous', c.worse), { kind: 'samples', values: dataset(c.data, 'control') }, { kind: 'samples', values: dataset(c.data, 'canary') }, ctx);
    assert.equal(m.status, 'measured');
    if (m.status !== 'measured') return;
    assertClose(m.statistic, c.statistic, 1e-10, `${c.call}: statistic`);
  });
}

interface QuantileCase {
  data: string;
  call: string;
  q: number;
  estimate: number;
}

for (const c of cases<QuantileCase>('quantile')) {
  test(`a quantile gate shows R's ${c.call.split('; ').at(-1)} as the canary's p${c.q * 100} on data set ${c.data} in ${rVersion}`, () => {
    const gate: Gate = { metric: 'm', test: 'quantile', quantile: c.q, max: 1e9 };
    const m = measureGate('g', gate, metricFor('continuous', 'higher'), undefined, { kind: 'samples', values: dataset(c.data, 'x') }, ctx);
    assert.equal(m.status, 'measured');
    if (m.status !== 'measured') return;
    assertClose(m.estimates.canary!, c.estimate, 1e-12, `${c.call}: quantile(type = 7)`);
  });
}

for (const c of cases<RateContrastCase>('rateContrast').filter((r) => r.kind === 'absolute' || r.worse === 'higher')) {
  test(`a rollback criterion (${c.worse === 'higher' ? 'increase' : 'drop'} ${marginOf(c.kind, c.margin)}) on rates tests R's Agresti–Caffo contrast ${c.call} and shows the observed difference, in ${rVersion}`, () => {
    const criterion = c.worse === 'higher' ? { metric: 'm', increase: marginOf(c.kind, c.margin) } : { metric: 'm', drop: marginOf(c.kind, c.margin) };
    const m = measureCriterion(criterion, metricFor('proportion', c.worse), { kind: 'counts', ...c.control }, { kind: 'counts', ...c.canary }, true, ctx, 'spec.rollback[0]');
    assert.equal(m.status, 'measured');
    if (m.status !== 'measured') return;
    assertClose(m.effect, c.difference, 1e-12, `${c.call}: effect (the observed x2/n2 − x1/n1)`, 1e-17);
    assertClose(m.statistic, (c.estimate - c.threshold) / c.standardError, 1e-11, `${c.call}: (estimate − threshold) / se on Agresti–Caffo rates`);
  });
}
