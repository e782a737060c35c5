import assert from 'node:assert/strict';
import { test } from 'node:test';
import { srmTest, summarize } from '../../../src/core/stats/index.js';
import { binomialTails } from '../../support/oracles/index.js';
import { createRandom } from '../../support/random.js';

test('the same seed gives the same stream and another seed another one', () => {
  const a = createRandom(42);
  const b = createRandom(42);
  const c = createRandom(43);
  const first = Array.from({ length: 5 }, () => a.uniform());
  assert.deepEqual(first, Array.from({ length: 5 }, () => b.uniform()));
  assert.notDeepEqual(first, Array.from({ length: 5 }, () => c.uniform()));
});

test('uniform draws lie in [0, 1) with mean ½ and variance 1/12', () => {
  const random = createRandom(1);
  const values = Array.from({ length: 200_000 }, () => random.uniform());
  assert.ok(values.every((v) => v >= 0 && v < 1));
  const s = summarize(values);
  assert.ok(Math.abs(s.mean - 0.5) < 0.003, `mean ${s.mean}`);
  assert.ok(Math.abs(s.sd * s.sd - 1 / 12) < 0.001, `variance ${s.sd * s.sd}`);
});

test('normal and log-normal draws have the moments they promise', () => {
  const random = createRandom(2);
  const normals = summarize(Array.from({ length: 200_000 }, () => random.normal()));
  assert.ok(Math.abs(normals.mean) < 0.01 && Math.abs(normals.sd - 1) < 0.01, JSON.stringify(normals));
  const logs = summarize(Array.from({ length: 200_000 }, () => Math.log(random.lognormal(6.5, 0.4))));
  assert.ok(Math.abs(logs.mean - 6.5) < 0.005 && Math.abs(logs.sd - 0.4) < 0.005, JSON.stringify(logs));
});

// Chi-square goodness of fit of draws against the probabilities of each count, tails pooled.
function fitsDistribution(draw: () => number, probability: (k: number) => number, support: number, draws: number): number {
  const counts = new Array<number>(support + 1).fill(0);
  for (let i = 0; i < draws; i++) counts[Math.min(draw(), support)]!++;
  const probabilities = counts.map((_, k) => probability(k));
  probabilities[support] = 1 - probabilities.slice(0, support).reduce((a, b) => a + b, 0);
  const pooledCounts: number[] = [];
  const pooledWeights: number[] = [];
  let count = 0;
  let weight = 0;
  counts.forEach((c, k) => {
    count += c;
    weight += probabilities[k]!;
    if (weight * draws >= 20) {
      pooledCounts.push(count);
      pooledWeights.push(weight);
      count = 0;
      weight = 0;
    }
  });
  pooledCounts[pooledCounts.length - 1]! += count;
  pooledWeights[pooledWeights.length - 1]! += weight;
  return srmTest(pooledCounts, pooledWeights).pValue;
}

const binomialProbability = (n: number, p: number) => (k: number) => binomialTails(k, n, p).lower - binomialTails(k - 1, n, p).lower;

test('binomial draws follow the binomial distribution, by inversion and by BTRS', () => {
  const random = createRandom(3);
  for (const [n, p] of [[20, 0.3], [50, 0.01], [1000, 0.3], [1000, 0.97], [1_000_000, 0.01]] as const) {
    const mean = n * p;
    const support = Math.ceil(mean + 8 * Math.sqrt(mean * (1 - p)) + 10);
    const offset = Math.max(0, Math.floor(mean - 8 * Math.sqrt(mean * (1 - p)) - 10));
    const pValue = fitsDistribution(() => random.binomial(n, p) - offset, (k) => binomialProbability(n, p)(k + offset), Math.min(support - offset, n - offset), 50_000);
    assert.ok(pValue > 1e-3, `Binomial(${n}, ${p}) goodness of fit p = ${pValue}`);
  }
});

test('Poisson draws follow the Poisson distribution, by multiplication and by PTRS', () => {
  const random = createRandom(4);
  for (const lambda of [0.5, 3, 25, 400]) {
    const offset = Math.max(0, Math.floor(lambda - 8 * Math.sqrt(lambda) - 5));
    const support = Math.ceil(lambda + 8 * Math.sqrt(lambda) + 10) - offset;
    let logPmf = (k: number) => -lambda + k * Math.log(lambda) - logFactorial(k);
    const pValue = fitsDistribution(() => random.poisson(lambda) - offset, (k) => Math.exp(logPmf(k + offset)), support, 50_000);
    logPmf = () => 0;
    assert.ok(pValue > 1e-3, `Poisson(${lambda}) goodness of fit p = ${pValue}`);
  }
});

function logFactorial(k: number): number {
  let sum = 0;
  for (let i = 2; i <= k; i++) sum += Math.log(i);
  return sum;
}

test('binomial and Poisson reject impossible parameters', () => {
  const random = createRandom(5);
  assert.throws(() => random.binomial(10.5, 0.2), /integer n/);
  assert.throws(() => random.poisson(-1), /lambda >= 0/);
  assert.equal(random.binomial(0, 0.5), 0);
  assert.equal(random.binomial(7, 1), 7);
});
