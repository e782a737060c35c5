import { logGamma } from '../../src/core/stats/special/log-gamma.js';

/**
 * A seeded pseudo-random source for simulations and benchmarks (the core never calls
 * `Math.random`). xoshiro128** (Blackman & Vigna) seeded through splitmix32: fast, 2^128 − 1
 * period, and the same stream on every platform for a given seed.
 */
export interface Random {
  /** Uniform on [0, 1), 53 random bits. */
  uniform(): number;
  /** Uniform integer in [0, n). */
  integer(n: number): number;
  /** Standard normal (Marsaglia's polar method). */
  normal(): number;
  /** exp(mu + sigma·Z): log-normal, e.g. latencies. */
  lognormal(mu: number, sigma: number): number;
  /** Binomial(n, p): inversion when n·min(p, 1 − p) < 10, else Hörmann's BTRS transformed rejection (exact). */
  binomial(n: number, p: number): number;
  /** Poisson(lambda): multiplication method below 10, else Hörmann's PTRS transformed rejection (exact). */
  poisson(lambda: number): number;
}

/** Creates a {@link Random} stream from a 32-bit seed. */
export function createRandom(seed: number): Random {
  // The state lives in a typed array: in closure variables a 32-bit word above 2^30 (or a spare
  // normal) is boxed on every write, millions of allocations per simulated rollout.
  const st = new Uint32Array(4);
  let s = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    st[i] = (z ^ (z >>> 16)) >>> 0;
  }
  if ((st[0]! | st[1]! | st[2]! | st[3]!) === 0) st[0] = 1;

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
    if (!(n >= 0) || !Number.isInteger(n) || !(p >= 0 && p <= 1)) throw new RangeError(`binomial needs an integer n >= 0 and 0 <= p <= 1, got n=${n}, p=${p}`);
    if (p > 0.5) return n - binomial(n, 1 - p);
    if (n === 0 || p === 0) return 0;
    if (n * p < 10) return binomialInversion(uniform, n, p);
    return binomialBtrs(uniform, n, p);
  };

  const poisson = (lambda: number): number => {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`poisson needs a finite lambda >= 0, got ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda < 10) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let product = uniform();
      while (product > limit) {
        k++;
        product *= uniform();
      }
      return k;
    }
    return poissonPtrs(uniform, lambda);
  };

  return {
    uniform,
    integer: (n) => Math.floor(uniform() * n),
    normal,
    lognormal: (mu, sigma) => Math.exp(mu + sigma * normal()),
    binomial,
    poisson,
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function binomialInversion(uniform: () => number, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  for (;;) {
    let r = Math.pow(q, n);
    let u = uniform();
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      r *= a / x - s;
      if (x > n || r <= 0) break;
    }
    if (x <= n && u <= r) return x;
  }
}

/** W. Hörmann, "The generation of binomial random variates", J. Statist. Comput. Simul. 46 (1993): BTRS, for p ≤ ½ and n·p ≥ 10. */
function binomialBtrs(uniform: () => number, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logGamma(m + 1) + logGamma(n - m + 1);
  for (;;) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    const logV = Math.log((v * alpha) / (a / (us * us) + b));
    if (logV <= h - logGamma(k + 1) - logGamma(n - k + 1) + (k - m) * lpq) return k;
  }
}

/** W. Hörmann, "The transformed rejection method for generating Poisson random variables", Insurance: Math. Econ. 12 (1993): PTRS, for lambda ≥ 10. */
function poissonPtrs(uniform: () => number, lambda: number): number {
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) return k;
  }
}

/** Gamma(shape, 1) by Marsaglia and Tsang's method (shape < 1 through the boost U^(1/shape)). */
export function gammaDraw(random: Random, shape: number): number {
  if (shape < 1) return gammaDraw(random, shape + 1) * random.uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = random.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(random.uniform()) < 0.5 * z * z + d - d * v + Math.log(v)) return d * v;
  }
}
