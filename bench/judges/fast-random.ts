// The benchmark's random streams: test/support/random.ts's xoshiro128** stream, bit for bit,
// with its state in typed arrays. That file keeps the state in closure variables, and a
// 32-bit word above 2^30 or a spare normal stored there is boxed on every write: millions of
// allocations per simulated rollout. Binomial and Poisson draws use its algorithms unchanged.
import { binomialBtrs, binomialInversion, poissonPtrs, type Random } from '../../test/support/random.js';

export function fastRandom(seed: number): Random {
  const words = new Uint32Array(4);
  let s = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    words[i] = (z ^ (z >>> 16)) >>> 0;
  }
  if ((words[0]! | words[1]! | words[2]! | words[3]!) === 0) words[0] = 1;
  const st = words;
  const next32 = (): number => {
    const s1 = st[1]!;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    st[2]! ^= st[0]!;
    st[3]! ^= s1;
    st[1]! ^= st[2]!;
    st[0]! ^= st[3]!;
    st[2]! ^= t;
    st[3] = rotl(st[3]!, 11);
    return result;
  };
  const uniform = (): number => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
  const spare = new Float64Array(1).fill(Number.NaN);
  const normal = (): number => {
    const held = spare[0]!;
    if (!Number.isNaN(held)) {
      spare[0] = Number.NaN;
      return held;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s2 = u * u + v * v;
      if (s2 > 0 && s2 < 1) {
        const factor = Math.sqrt((-2 * Math.log(s2)) / s2);
        spare[0] = v * factor;
        return u * factor;
      }
    }
  };
  const binomial = (n: number, p: number): number => {
    if (p > 0.5) return n - binomial(n, 1 - p);
    if (n === 0 || p === 0) return 0;
    return n * p < 10 ? binomialInversion(uniform, n, p) : binomialBtrs(uniform, n, p);
  };
  const poisson = (lambda: number): number => {
    if (lambda === 0) return 0;
    if (lambda >= 10) return poissonPtrs(uniform, lambda);
    const limit = Math.exp(-lambda);
    let k = 0;
    let product = uniform();
    while (product > limit) {
      k++;
      product *= uniform();
    }
    return k;
  };
  return { uniform, integer: (n) => Math.floor(uniform() * n), normal, lognormal: (mu, sigma) => Math.exp(mu + sigma * normal()), binomial, poisson };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A rollout stage's own stream, independent of how many rollouts run before it. */
export function stageRandom(seed: number, index: number): Random {
  return fastRandom((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
}
