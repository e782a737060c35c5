// `npm run bench:analysis-unit [-- --rollouts N --seed S]`: issue #12's A/A benchmark (decision
// 0012). Sticky users — each on one arm for the whole stage, ~24 requests each (2 % of them 10×
// heavier), each with their own error rate (Beta, intra-user correlation rho) and latency level
// (log-normal, tau) — are judged by judgeStage + decideFromJudgement every 15 minutes over a
// 24-hour canary stage at 25 %, with the data sent three ways:
//   requests        request-level counts and summaries, policy unit: request (today's judge);
//   requests + d    the same data, policy unit: user with a declared design effect d;
//   users           per-user ratio sums and users per arm (the ratio kind and `units`).
// Reports, per way: the split check's false mismatch rate, the false rollback rate (any look),
// the share of rollouts held at the end, and the spread (rms) of effect / SE at the last look for
// the error rate, the latency mean and the split's share. Markdown to stdout.
import { parseArgs } from 'node:util';
import { judgeStage } from '../src/core/gates/judge-stage.js';
import { decideFromJudgement } from '../src/core/gates/stage-decision.js';
import type { ArmMetrics, MetricsSnapshot } from '../src/core/metrics/arm-data.js';
import type { MetricDefinition, RolloutPolicy } from '../src/core/model/index.js';
import { agrestiCaffoRate, agrestiCaffoRatio, estimateMean, estimateRatio, withDesignEffect, type ArmEstimate } from '../src/core/stats/index.js';
import { createRandom, gammaDraw as gamma, type Random } from '../test/support/random.js';

const WEIGHT = 25;
const HOURS = 24;
const LOOKS_PER_HOUR = 4;
const LOOKS = HOURS * LOOKS_PER_HOUR;
const USERS = 12_000;
const BASE_ERROR_RATE = 0.01;
const LATENCY_MEDIAN_MS = 800;
const LATENCY_SIGMA = 0.5;

const METRICS: readonly MetricDefinition[] = [
  { name: 'error_rate', source: 'bench', type: 'proportion', direction: 'lower-is-better' },
  { name: 'latency_ms', source: 'bench', type: 'continuous', direction: 'lower-is-better', unit: 'ms' },
];

function policy(analysis: NonNullable<RolloutPolicy['spec']['analysis']>): RolloutPolicy {
  return {
    apiVersion: 'glidepath.dev/v1',
    kind: 'RolloutPolicy',
    metadata: { name: 'bench-analysis-unit' },
    spec: {
      strategy: 'canary',
      stages: [{ name: 'canary-25', weight: WEIGHT, minDuration: '24h', minSamples: 2000, gates: ['errors', 'latency'] }, { name: 'full', weight: 100 }],
      gates: {
        errors: { metric: 'error_rate', test: 'proportions', maxIncrease: '0pp', nonInferiority: '0.3pp', critical: true },
        latency: { metric: 'latency_ms', test: 'welch', maxIncrease: '5%' },
      },
      rollback: [{ metric: 'error_rate', increase: '2pp' }],
      analysis: { alpha: 0.025, srmAlpha: 0.001, ...analysis },
      onInconclusive: 'hold',
      onNoData: 'hold',
      onFailure: 'rollback',
    },
  };
}

interface Scenario {
  readonly name: string;
  /** Intra-user correlation of errors: Beta(a, b) rates with a + b = 1/rho − 1. */
  readonly rho: number;
  /** SD of a user's log-latency level. */
  readonly tau: number;
  /** The design effect the "requests + d" way declares: Kish's 1 + (m − 1)·rho at the mean requests per user. */
  readonly designEffect: number;
}

const MEAN_REQUESTS = 0.98 * 20 + 0.02 * 200;
const SCENARIOS: Scenario[] = [0.02, 0.05].map((rho) => ({ name: `rho ${rho}, tau 0.3`, rho, tau: 0.3, designEffect: Number((1 + (MEAN_REQUESTS - 1) * rho).toFixed(2)) }));

type Way = 'requests' | 'requests + d' | 'users';
const WAYS: Way[] = ['requests', 'requests + d', 'users'];

interface WayResult {
  srmMismatch: boolean;
  rolledBack: boolean;
  heldAtEnd: boolean;
  zErrors: number;
  zLatency: number;
  zSplit: number;
}

/** Per-arm running totals, request-level and per-user. */
class Arm {
  requests = 0;
  errors = 0;
  latencySum = 0;
  latencySquares = 0;
  units = 0;
  // Per-user sums for the error ratio (x = errors, y = requests) and the latency ratio (x = latency total).
  sumE = 0; sumY = 0; sumEE = 0; sumYY = 0; sumEY = 0;
  sumL = 0; sumLL = 0; sumLY = 0;

  add(userState: Float64Array, user: number, error: number, latency: number): void {
    const e = userState[3 * user]!;
    const y = userState[3 * user + 1]!;
    const l = userState[3 * user + 2]!;
    if (y === 0) this.units++;
    const e2 = e + error;
    const y2 = y + 1;
    const l2 = l + latency;
    this.sumE += error;
    this.sumY += 1;
    this.sumEE += e2 * e2 - e * e;
    this.sumYY += y2 * y2 - y * y;
    this.sumEY += e2 * y2 - e * y;
    this.sumL += latency;
    this.sumLL += l2 * l2 - l * l;
    this.sumLY += l2 * y2 - l * y;
    userState[3 * user] = e2;
    userState[3 * user + 1] = y2;
    userState[3 * user + 2] = l2;
    this.requests++;
    this.errors += error;
    this.latencySum += latency;
    this.latencySquares += latency * latency;
  }

  requestLevel(): ArmMetrics {
    const n = this.requests;
    const mean = n > 0 ? this.latencySum / n : 0;
    const sd = n > 1 ? Math.sqrt(Math.max(0, (this.latencySquares - n * mean * mean) / (n - 1))) : 0;
    return { error_rate: { kind: 'counts', successes: this.errors, trials: n }, latency_ms: { kind: 'summary', n, mean, sd } };
  }

  unitLevel(): ArmMetrics {
    return {
      error_rate: { kind: 'ratio', units: this.units, sumX: this.sumE, sumY: this.sumY, sumXX: this.sumEE, sumYY: this.sumYY, sumXY: this.sumEY },
      latency_ms: { kind: 'ratio', units: this.units, sumX: this.sumL, sumY: this.sumY, sumXX: this.sumLL, sumYY: this.sumYY, sumXY: this.sumLY },
    };
  }

  errorEstimate(way: Way, d: number): ArmEstimate {
    if (way === 'users') return agrestiCaffoRatio({ units: this.units, sumX: this.sumE, sumY: this.sumY, sumXX: this.sumEE, sumYY: this.sumYY, sumXY: this.sumEY });
    return withDesignEffect(agrestiCaffoRate({ successes: this.errors, trials: this.requests }), way === 'requests' ? 1 : d);
  }

  latencyEstimate(way: Way, d: number): ArmEstimate {
    if (way === 'users') return estimateRatio({ units: this.units, sumX: this.sumL, sumY: this.sumY, sumXX: this.sumLL, sumYY: this.sumYY, sumXY: this.sumLY });
    const s = this.requestLevel().latency_ms as { n: number; mean: number; sd: number };
    return withDesignEffect(estimateMean(s), way === 'requests' ? 1 : d);
  }
}

/** One A/A rollout (or one with the canary's error rate × errorScale), judged the three ways at every look. */
function runRollout(random: Random, scenario: Scenario, errorScale: number): Record<Way, WayResult> {
  // Users, their arm, rate and level; then their requests, each at a uniformly random look.
  const ab = 1 / scenario.rho - 1;
  const events: { look: Uint16Array; user: Uint32Array; error: Uint8Array; latency: Float64Array } = { look: new Uint16Array(0), user: new Uint32Array(0), error: new Uint8Array(0), latency: new Float64Array(0) };
  const canary = new Uint8Array(USERS);
  const perUser: number[] = [];
  let total = 0;
  for (let u = 0; u < USERS; u++) {
    canary[u] = random.uniform() < WEIGHT / 100 ? 1 : 0;
    const n = (random.uniform() < 0.02 ? 10 : 1) * (1 + random.poisson(19));
    perUser.push(n);
    total += n;
  }
  events.look = new Uint16Array(total);
  events.user = new Uint32Array(total);
  events.error = new Uint8Array(total);
  events.latency = new Float64Array(total);
  let i = 0;
  for (let u = 0; u < USERS; u++) {
    const a = BASE_ERROR_RATE * ab;
    const g = gamma(random, a);
    const rate = Math.min(1, (g / (g + gamma(random, ab - a))) * (canary[u] ? errorScale : 1));
    const level = Math.log(LATENCY_MEDIAN_MS) + scenario.tau * random.normal();
    for (let k = 0; k < perUser[u]!; k++, i++) {
      events.look[i] = random.integer(LOOKS);
      events.user[i] = u;
      events.error[i] = random.uniform() < rate ? 1 : 0;
      events.latency[i] = random.lognormal(level, LATENCY_SIGMA);
    }
  }
  // Counting sort by look.
  const starts = new Uint32Array(LOOKS + 1);
  for (let e = 0; e < total; e++) starts[events.look[e]! + 1]!++;
  for (let t = 0; t < LOOKS; t++) starts[t + 1]! += starts[t]!;
  const order = new Uint32Array(total);
  const fill = starts.slice(0, LOOKS);
  for (let e = 0; e < total; e++) order[fill[events.look[e]!]!++] = e;

  const arms = { control: new Arm(), canary: new Arm() };
  const state = new Float64Array(3 * USERS);
  const policies: Record<Way, RolloutPolicy> = {
    requests: policy({ unit: 'request' }),
    'requests + d': policy({ unit: 'user', designEffect: scenario.designEffect }),
    users: policy({ unit: 'user' }),
  };
  const results = Object.fromEntries(WAYS.map((w) => [w, { srmMismatch: false, rolledBack: false, heldAtEnd: false, zErrors: 0, zLatency: 0, zSplit: 0 }])) as Record<Way, WayResult>;
  const stage = policies.users.spec.stages[0]!;
  const tuneN = 25_000;
  for (let t = 0; t < LOOKS; t++) {
    for (let k = starts[t]!; k < starts[t + 1]!; k++) {
      const e = order[k]!;
      const u = events.user[e]!;
      (canary[u] ? arms.canary : arms.control).add(state, u, events.error[e]!, events.latency[e]!);
    }
    for (const way of WAYS) {
      const r = results[way];
      if (r.rolledBack) continue;
      const unitLevel = way === 'users';
      const snapshot: MetricsSnapshot = {
        window: { start: '2026-12-01T00:00:00Z', end: '2026-12-02T00:00:00Z' },
        arms: unitLevel ? { control: arms.control.unitLevel(), canary: arms.canary.unitLevel() } : { control: arms.control.requestLevel(), canary: arms.canary.requestLevel() },
        requests: { control: arms.control.requests, canary: arms.canary.requests },
        ...(unitLevel ? { units: { control: arms.control.units, canary: arms.canary.units } } : {}),
      };
      const judgement = judgeStage({ release: 'bench', policy: policies[way], stage, metrics: METRICS, result: { ok: true, snapshot }, tuneN });
      if (judgement.srm.verdict === 'mismatch') r.srmMismatch = true;
      const { decision } = decideFromJudgement(policies[way], judgement);
      if (decision === 'rollback') r.rolledBack = true;
      if (t === LOOKS - 1) r.heldAtEnd = decision !== 'advance';
    }
  }
  for (const way of WAYS) {
    const d = scenario.designEffect;
    const z = (c: ArmEstimate, k: ArmEstimate) => (k.value - c.value) / Math.sqrt(c.variance + k.variance);
    results[way].zErrors = z(arms.control.errorEstimate(way, d), arms.canary.errorEstimate(way, d));
    results[way].zLatency = z(arms.control.latencyEstimate(way, d), arms.canary.latencyEstimate(way, d));
    const [c, k] = way === 'users' ? [arms.control.units, arms.canary.units] : [arms.control.requests, arms.canary.requests];
    const share = k / (c + k);
    results[way].zSplit = (share - WEIGHT / 100) / Math.sqrt(((WEIGHT / 100) * (1 - WEIGHT / 100)) / (c + k));
  }
  return results;
}

function wilson(count: number, n: number): string {
  const z = 1.959964;
  const p = count / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  const pct = (x: number) => `${(100 * x).toFixed(1)}`;
  return `${pct(p)} % (${pct(Math.max(0, centre - half))}–${pct(Math.min(1, centre + half))})`;
}

function main(): void {
  const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, rollouts: { type: 'string', default: '200' }, bad: { type: 'string', default: '0' } } });
  const seed = Number(values.seed);
  const rollouts = Number(values.rollouts);
  const errorScale = 1 + Number(values.bad);
  const started = performance.now();
  console.log(`${rollouts} ${errorScale === 1 ? 'A/A' : `canary-errors-×${errorScale}`} rollouts per scenario (seed ${seed}): ${USERS.toLocaleString('en-US')} sticky users over ${HOURS} h at ${WEIGHT} % (≈${MEAN_REQUESTS.toFixed(1)} requests each, 2 % of users 10× heavier), judged every ${60 / LOOKS_PER_HOUR} min; alpha 0.025, srmAlpha 0.001. Rates with Wilson 95 % intervals; rms of effect/SE at the last look (nominal 1).`);
  console.log('');
  console.log('| scenario | data judged | split false mismatch | rollback (any look) | held at 24 h | rms z errors | rms z latency | rms z split share |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [s, scenario] of SCENARIOS.entries()) {
    const random = createRandom(seed * 1000 + s);
    const all = Object.fromEntries(WAYS.map((w) => [w, [] as WayResult[]])) as Record<Way, WayResult[]>;
    for (let r = 0; r < rollouts; r++) {
      const result = runRollout(random, scenario, errorScale);
      for (const way of WAYS) all[way].push(result[way]);
    }
    for (const way of WAYS) {
      const rs = all[way];
      const rms = (f: (r: WayResult) => number) => Math.sqrt(rs.reduce((a, r) => a + f(r) ** 2, 0) / rs.length).toFixed(2);
      const label = way === 'requests + d' ? `requests, declared design effect ${scenario.designEffect}` : way === 'users' ? 'per-user ratios + users per arm' : 'requests (unit: request, as before)';
      console.log(`| ${scenario.name} | ${label} | ${wilson(rs.filter((r) => r.srmMismatch).length, rs.length)} | ${wilson(rs.filter((r) => r.rolledBack).length, rs.length)} | ${wilson(rs.filter((r) => r.heldAtEnd).length, rs.length)} | ${rms((r) => r.zErrors)} | ${rms((r) => r.zLatency)} | ${rms((r) => r.zSplit)} |`);
    }
    process.stderr.write(`  ${scenario.name}: ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
}

main();
