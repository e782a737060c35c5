// Non-i.i.d. traffic for the judgement benchmark (issue #12): sticky users, each on one arm for
// the whole stage and each with their own error rate, latency level and cost level, arriving in
// sessions of several requests; optionally diurnal swings shared by both arms, heavy tails and
// timeouts, or errors concentrated in a few users. One stage is simulated tick by tick and kept
// as a record: per 5-minute tick and arm, the window's request-level sums (what a dashboard, a
// threshold judge or Kayenta sees) and the cumulative per-user sums over units (the `ratio`
// kind Glidepath is sent, decision 0012).
import type { ArmData, MetricsSnapshot } from '../../src/core/metrics/arm-data.js';
import { createRandom, gammaDraw as gamma, type Random } from '../../test/support/random.js';
import { BASE_ERROR_RATE, COST_MEAN, COST_SD, LATENCY_MEDIAN_MS, LATENCY_SIGMA, REQUESTS_PER_HOUR, TICKS_PER_HOUR, type Truth } from './simulate.js';

/** Users seen over a day at 50,000 requests/h: about 24 requests each (2 % of users ten times more active). */
export const USERS = 50_000;
const HEAVY_SHARE = 0.02;
const HEAVY_ACTIVITY = 10;
/**
 * A session (a conversation) is a geometric number of requests, mean 24, sent within one
 * 5-minute tick: a user holds about one a day (heavy users ten), which keeps the simulation at
 * ~100,000 sessions per rollout.
 */
export const SESSION_MEAN = 24;
export const TIMEOUT_MS = 30_000;
/** The i.i.d. scenario's cost spread (sd/mean ½) as a log-normal per request. */
const COST_SIGMA = Math.sqrt(Math.log(1 + (COST_SD / COST_MEAN) ** 2));

export interface UserScenario {
  readonly key: string;
  readonly label: string;
  /** Intra-user correlation of errors: each user's error rate is Beta with mean 1 % and a + b = 1/rho − 1 (0: everyone at 1 %). */
  readonly rho: number;
  /** SD of a user's log-latency level and of their log-cost level. */
  readonly tau: number;
  /** SD of log-latency within a user (0.5 as in the i.i.d. scenario; 1 for heavy tails: p99/median ≈ 10). */
  readonly latencySigma: number;
  /** SD of log-cost within a user. */
  readonly costSigma: number;
  /** Share of requests that time out: 30 s, and counted as errors (on top of the 1 % errors). */
  readonly timeoutRate: number;
  /** Amplitudes of a 24-hour sine on the request volume and on every error rate, shared by both arms. */
  readonly diurnal?: { readonly volume: number; readonly errors: number };
  /** Errors concentrated in a few users: `share` of users fail at `rate`; the rest share what is left of the 1 %. */
  readonly concentrated?: { readonly share: number; readonly rate: number };
}

export const USER_SCENARIOS: readonly UserScenario[] = [
  { key: 'users-0', label: 'sticky users, no heterogeneity (ρ 0, τ 0)', rho: 0, tau: 0, latencySigma: LATENCY_SIGMA, costSigma: COST_SIGMA, timeoutRate: 0 },
  { key: 'users-0.02', label: 'sticky users, ρ 0.02, τ 0.3', rho: 0.02, tau: 0.3, latencySigma: LATENCY_SIGMA, costSigma: COST_SIGMA, timeoutRate: 0 },
  { key: 'users-0.1', label: 'sticky users, ρ 0.1, τ 0.5', rho: 0.1, tau: 0.5, latencySigma: LATENCY_SIGMA, costSigma: COST_SIGMA, timeoutRate: 0 },
  { key: 'diurnal', label: 'diurnal: volume ±60 %, error rate ±50 % (ρ 0.02, τ 0.3)', rho: 0.02, tau: 0.3, latencySigma: LATENCY_SIGMA, costSigma: COST_SIGMA, timeoutRate: 0, diurnal: { volume: 0.6, errors: 0.5 } },
  { key: 'heavy-tails', label: 'heavy tails (log-σ 1 for latency and cost) + 0.3 % timeouts at 30 s (ρ 0.02, τ 0.3)', rho: 0.02, tau: 0.3, latencySigma: 1, costSigma: 1, timeoutRate: 0.003 },
  { key: 'concentrated', label: 'rare errors concentrated: 1 % of users fail half their requests, the rest 0.5 % (τ 0.3)', rho: 0, tau: 0.3, latencySigma: LATENCY_SIGMA, costSigma: COST_SIGMA, timeoutRate: 0, concentrated: { share: 0.01, rate: 0.5 } },
];

/** Per tick and arm: window sums (6), then cumulative sums over units (12). */
const WINDOW = 6;
const CUMULATIVE = 12;
export const RECORD_WIDTH = 2 * (WINDOW + CUMULATIVE);
// Window fields.
const W_REQUESTS = 0, W_ERRORS = 1, W_LATENCY = 2, W_LATENCY_SQ = 3, W_COST = 4, W_COST_SQ = 5;
// Cumulative fields (after the window fields).
const C_UNITS = 0, C_Y = 1, C_YY = 2, C_E = 3, C_EE = 4, C_EY = 5, C_L = 6, C_LL = 7, C_LY = 8, C_C = 9, C_CC = 10, C_CY = 11;

/**
 * One stage of sticky-user traffic: `record[(t * 2 + arm) * (WINDOW + CUMULATIVE) + field]`, arm
 * 0 control, 1 canary. Ticks are simulated on demand (`ensure`): a good rollout that advances
 * at 24 h never pays for the 24 h after.
 */
export interface UserStage {
  readonly ticks: number;
  readonly record: Float64Array;
  /** Simulates up to tick t (0-based) if not yet done. */
  ensure(t: number): void;
}


/**
 * Simulates one stage. A session's latency and cost totals are drawn from the Fenton–Wilkinson
 * log-normal with the sum's mean and variance (one draw per session instead of one per
 * request: ~300,000 sessions per rollout instead of 2.4 million requests); the request-level
 * sums of squares a naive judge reads are their expectations given the user's level.
 */
export function simulateUserStage(random: Random, weight: number, truth: Truth, scenario: UserScenario, ticks: number): UserStage {
  const canary = new Uint8Array(USERS);
  const errorRate = new Float64Array(USERS);
  const latencyMu = new Float64Array(USERS);
  const costMean = new Float64Array(USERS);
  const effect = (metric: Truth['metric']) => (truth.metric === metric ? 1 + truth.effect : 1);
  const betaTable = scenario.rho > 0 ? betaDraws(scenario.rho) : undefined;
  const conc = scenario.concentrated;
  const rest = conc ? (BASE_ERROR_RATE - conc.share * conc.rate) / (1 - conc.share) : BASE_ERROR_RATE;
  for (let u = 0; u < USERS; u++) {
    const isCanary = random.uniform() < weight / 100;
    canary[u] = isCanary ? 1 : 0;
    let rate: number;
    if (conc) rate = random.uniform() < conc.share ? conc.rate : rest;
    else if (betaTable) rate = betaTable[random.integer(betaTable.length)]!;
    else rate = BASE_ERROR_RATE;
    errorRate[u] = rate * (isCanary ? effect('error_rate') : 1);
    latencyMu[u] = Math.log(LATENCY_MEDIAN_MS * (isCanary ? effect('latency_ms') : 1)) + scenario.tau * random.normal();
    costMean[u] = COST_MEAN * (isCanary ? effect('cost_per_call') : 1) * Math.exp(scenario.tau * random.normal() - (scenario.tau * scenario.tau) / 2);
  }
  const timeoutRate = scenario.timeoutRate * effect('error_rate');
  const heavyUsers = Math.round(USERS * HEAVY_SHARE);
  const heavyRequestShare = (HEAVY_SHARE * HEAVY_ACTIVITY) / (HEAVY_SHARE * HEAVY_ACTIVITY + 1 - HEAVY_SHARE);
  const latencyVar = Math.exp(scenario.latencySigma ** 2) - 1;
  const costVar = Math.exp(scenario.costSigma ** 2) - 1;
  const latencyMeanFactor = Math.exp(scenario.latencySigma ** 2 / 2);
  // Per-user running totals this stage: requests, errors, latency, cost.
  const perUser = new Float64Array(4 * USERS);
  const sums = [new Float64Array(CUMULATIVE), new Float64Array(CUMULATIVE)];
  const record = new Float64Array(ticks * RECORD_WIDTH);
  const startHour = random.uniform() * 24;
  const sessionsPerTick = REQUESTS_PER_HOUR / TICKS_PER_HOUR / SESSION_MEAN;
  const logStay = Math.log(1 - 1 / SESSION_MEAN);
  let simulated = 0;
  const simulateTick = (t: number) => {
    const phase = Math.sin((2 * Math.PI * (startHour + t / TICKS_PER_HOUR)) / 24);
    const volume = scenario.diurnal ? 1 + scenario.diurnal.volume * phase : 1;
    const errorSwing = scenario.diurnal ? 1 + scenario.diurnal.errors * phase : 1;
    const base = t * RECORD_WIDTH;
    const sessions = random.poisson(sessionsPerTick * volume);
    for (let s = 0; s < sessions; s++) {
      const u = random.uniform() < heavyRequestShare ? random.integer(heavyUsers) : heavyUsers + random.integer(USERS - heavyUsers);
      const k = 1 + Math.floor(Math.log(1 - random.uniform()) / logStay);
      const timeouts = timeoutRate > 0 ? random.binomial(k, timeoutRate) : 0;
      const served = k - timeouts;
      const errors = timeouts + (served > 0 ? random.binomial(served, Math.min(1, errorRate[u]! * errorSwing)) : 0);
      const mu = latencyMu[u]!;
      let latency = timeouts * TIMEOUT_MS;
      let latencySquares = timeouts * TIMEOUT_MS * TIMEOUT_MS;
      if (served > 0) {
        const m = Math.exp(mu) * latencyMeanFactor;
        latency += fentonWilkinson(random, served * m, latencyVar / served);
        latencySquares += served * m * m * (1 + latencyVar);
      }
      const c = costMean[u]!;
      const cost = fentonWilkinson(random, k * c, costVar / k);
      const costSquares = k * c * c * (1 + costVar);
      const arm = canary[u]!;
      const w = base + arm * (WINDOW + CUMULATIVE);
      record[w + W_REQUESTS]! += k;
      record[w + W_ERRORS]! += errors;
      record[w + W_LATENCY]! += latency;
      record[w + W_LATENCY_SQ]! += latencySquares;
      record[w + W_COST]! += cost;
      record[w + W_COST_SQ]! += costSquares;
      const sum = sums[arm]!;
      const p = 4 * u;
      const y0 = perUser[p]!, e0 = perUser[p + 1]!, l0 = perUser[p + 2]!, c0 = perUser[p + 3]!;
      const y1 = y0 + k, e1 = e0 + errors, l1 = l0 + latency, c1 = c0 + cost;
      if (y0 === 0) sum[C_UNITS]!++;
      sum[C_Y]! += k;
      sum[C_YY]! += y1 * y1 - y0 * y0;
      sum[C_E]! += errors;
      sum[C_EE]! += e1 * e1 - e0 * e0;
      sum[C_EY]! += e1 * y1 - e0 * y0;
      sum[C_L]! += latency;
      sum[C_LL]! += l1 * l1 - l0 * l0;
      sum[C_LY]! += l1 * y1 - l0 * y0;
      sum[C_C]! += cost;
      sum[C_CC]! += c1 * c1 - c0 * c0;
      sum[C_CY]! += c1 * y1 - c0 * y0;
      perUser[p] = y1;
      perUser[p + 1] = e1;
      perUser[p + 2] = l1;
      perUser[p + 3] = c1;
    }
    for (let arm = 0; arm < 2; arm++) record.set(sums[arm]!, base + arm * (WINDOW + CUMULATIVE) + WINDOW);
  };
  return {
    ticks,
    record,
    ensure(t: number) {
      while (simulated <= t && simulated < ticks) simulateTick(simulated++);
    },
  };
}

const BETA_TABLES = new Map<number, Float64Array>();

/**
 * 16,384 draws of the users' error rates, Beta with mean 1 % and intra-user correlation rho,
 * made once per worker: a user's rate is one of them picked at random (two gamma draws per
 * user and stage were a third of the simulation).
 */
function betaDraws(rho: number): Float64Array {
  let table = BETA_TABLES.get(rho);
  if (!table) {
    const random = createRandom(Math.round(rho * 1e6));
    const ab = 1 / rho - 1;
    table = new Float64Array(16_384).map(() => {
      const g = gamma(random, BASE_ERROR_RATE * ab);
      return g / (g + gamma(random, (1 - BASE_ERROR_RATE) * ab));
    });
    BETA_TABLES.set(rho, table);
  }
  return table;
}

/** A log-normal with this mean and squared coefficient of variation. */
function fentonWilkinson(random: Random, mean: number, cv2: number): number {
  const s2 = Math.log(1 + cv2);
  return mean * Math.exp(Math.sqrt(s2) * random.normal() - s2 / 2);
}

/** The window sums of one arm at tick t (0-based). */
export function windowOf(stage: UserStage, t: number, arm: 0 | 1): { requests: number; errors: number; latency: number; latencySquares: number; cost: number; costSquares: number } {
  stage.ensure(t);
  const w = t * RECORD_WIDTH + arm * (WINDOW + CUMULATIVE);
  const r = stage.record;
  return { requests: r[w + W_REQUESTS]!, errors: r[w + W_ERRORS]!, latency: r[w + W_LATENCY]!, latencySquares: r[w + W_LATENCY_SQ]!, cost: r[w + W_COST]!, costSquares: r[w + W_COST_SQ]! };
}

/** The snapshot Glidepath is sent after tick t (0-based): per-user ratio sums of each metric and users per arm. */
export function userSnapshot(stage: UserStage, t: number, hours: number): MetricsSnapshot {
  stage.ensure(t);
  const r = stage.record;
  const at = (arm: 0 | 1) => t * RECORD_WIDTH + arm * (WINDOW + CUMULATIVE) + WINDOW;
  const ratio = (c: number, x: number, xx: number, xy: number): ArmData => ({ kind: 'ratio', units: r[c + C_UNITS]!, sumX: r[c + x]!, sumY: r[c + C_Y]!, sumXX: r[c + xx]!, sumYY: r[c + C_YY]!, sumXY: r[c + xy]! });
  const arm = (a: 0 | 1) => {
    const c = at(a);
    return { error_rate: ratio(c, C_E, C_EE, C_EY), latency_ms: ratio(c, C_L, C_LL, C_LY), cost_per_call: ratio(c, C_C, C_CC, C_CY) };
  };
  return {
    window: { start: '2026-01-05T00:00:00Z', end: new Date(Date.UTC(2026, 0, 5) + hours * 3_600_000).toISOString() },
    arms: { control: arm(0), canary: arm(1) },
    requests: { control: r[at(0) + C_Y]!, canary: r[at(1) + C_Y]! },
    units: { control: r[at(0) + C_UNITS]!, canary: r[at(1) + C_UNITS]! },
  };
}

/** Per-unit means, sds and correlation of a metric's total (x) and requests (y) over one arm's users. */
export interface PerUnitFigures {
  readonly units: number;
  readonly meanX: number;
  readonly sdX: number;
  readonly meanY: number;
  readonly sdY: number;
  readonly correlation: number;
}

/** One arm's per-user figures of every metric after tick t (0-based), from the stage's cumulative sums. */
export function unitSumsOf(stage: UserStage, t: number, arm: 0 | 1): Record<'error_rate' | 'latency_ms' | 'cost_per_call', PerUnitFigures> {
  stage.ensure(t);
  const r = stage.record;
  const c = t * RECORD_WIDTH + arm * (WINDOW + CUMULATIVE) + WINDOW;
  const n = r[c + C_UNITS]!;
  const meanY = r[c + C_Y]! / n;
  const varY = Math.max(0, (r[c + C_YY]! - n * meanY * meanY) / (n - 1));
  const figures = (x: number, xx: number, xy: number): PerUnitFigures => {
    const meanX = r[c + x]! / n;
    const varX = Math.max(0, (r[c + xx]! - n * meanX * meanX) / (n - 1));
    const cov = (r[c + xy]! - n * meanX * meanY) / (n - 1);
    const correlation = varX > 0 && varY > 0 ? Math.max(-1, Math.min(1, cov / Math.sqrt(varX * varY))) : 0;
    return { units: n, meanX, sdX: Math.sqrt(varX), meanY, sdY: Math.sqrt(varY), correlation };
  };
  return { error_rate: figures(C_E, C_EE, C_EY), latency_ms: figures(C_L, C_LL, C_LY), cost_per_call: figures(C_C, C_CC, C_CY) };
}
