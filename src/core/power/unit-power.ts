import type { Gate, RolloutPolicy } from '../model/index.js';
import type { Population } from '../model/traffic.js';

export type { Population };

/**
 * How a rate or mean gate (`proportions`, `welch`) is sized when the provider keeps each user on
 * one arm. Requests of one user are correlated, so counting requests as independent draws
 * understates the samples a stage needs; the plan sizes such a gate in users from what the
 * policy declares, and says when it could not (decision 0012).
 * - `independent`: `analysis.unit: request`, requests really are independent draws.
 * - `design-effect`: request-level sizes × Kish's 1 + (m − 1)ρ (from the gate's
 *   `unitBaseline.requestsPerUnit` and `intraUnitCorrelation`) or the policy's declared
 *   `analysis.designEffect`; users = requests / m when m is known.
 * - `delta`: the delta-method variance of one user's contribution to the ratio of per-user sums
 *   (errors / requests, latency / requests) from the gate's declared per-unit figures; users
 *   sized as a mean with that variance, the very quantity the judge's ratio data kind tests.
 * - `unknown`: per-user assignment with nothing declared: request-level sizes, optimistic by an
 *   unknown factor, and the plan says so.
 */
export type UnitSizing =
  | { readonly kind: 'independent' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'design-effect'; readonly designEffect: number; readonly requestsPerUnit?: number; readonly from: 'intraUnitCorrelation' | 'analysis.designEffect' }
  | { readonly kind: 'delta'; readonly unitSd: number; readonly requestsPerUnit: number; readonly ratio: number };

/**
 * Kish's design effect for m requests per user at intra-user correlation ρ: 1 + (m − 1)ρ. Users
 * who send unequal numbers of requests weigh by their requests, so m is then the request-weighted
 * mean E[m²] / E[m] = m̄ + s² / m̄ (s the sd of requests per user): a few heavy users raise the
 * design effect far above what the plain mean gives.
 */
export function designEffectOf(requestsPerUnit: number, intraUnitCorrelation: number, requestsPerUnitSd = 0): number {
  const weighted = requestsPerUnit + (requestsPerUnitSd * requestsPerUnitSd) / requestsPerUnit;
  return 1 + Math.max(0, weighted - 1) * intraUnitCorrelation;
}

/** Per-unit sums of a ratio metric: x (errors, latency, cost) and y (requests) per user. */
export interface UnitSums {
  readonly meanX: number;
  readonly sdX: number;
  readonly meanY: number;
  readonly sdY: number;
  readonly correlation: number;
}

/**
 * The variance one unit contributes to the ratio estimate R̂ = Σx / Σy (Deng et al. 2018, the
 * delta method): (σx² − 2R·ρσxσy + R²σy²) / μy², with R = μx / μy, so Var(R̂) ≈ this / n units.
 */
export function unitRatioVariance(s: UnitSums): number {
  const r = s.meanX / s.meanY;
  return Math.max(0, (s.sdX * s.sdX - 2 * r * s.correlation * s.sdX * s.sdY + r * r * s.sdY * s.sdY) / (s.meanY * s.meanY));
}

/** How the policy lets the plan size a `proportions` or `welch` gate; see {@link UnitSizing}. */
export function resolveUnitSizing(gate: Gate, analysis: RolloutPolicy['spec']['analysis']): UnitSizing {
  const declaredEffect = analysis?.designEffect;
  if ((analysis?.unit ?? 'user') === 'request') {
    // Honoured as the judge honours it: a declared design effect widens request-level variances whatever the unit.
    return declaredEffect !== undefined && declaredEffect !== 1 ? { kind: 'design-effect', designEffect: declaredEffect, from: 'analysis.designEffect' } : { kind: 'independent' };
  }
  const declared = gate.unitBaseline ?? {};
  const { meanX, sdX, meanY, sdY, correlation } = declared;
  if (meanX !== undefined && sdX !== undefined && meanY !== undefined && sdY !== undefined && correlation !== undefined && meanY > 0) {
    const sums = { meanX, sdX, meanY, sdY, correlation };
    return { kind: 'delta', unitSd: Math.sqrt(unitRatioVariance(sums)), requestsPerUnit: declared.requestsPerUnit ?? meanY, ratio: meanX / meanY };
  }
  const m = declared.requestsPerUnit;
  if (m !== undefined && declared.intraUnitCorrelation !== undefined) {
    return { kind: 'design-effect', designEffect: designEffectOf(m, declared.intraUnitCorrelation, declared.sdY ?? 0), requestsPerUnit: m, from: 'intraUnitCorrelation' };
  }
  if (declaredEffect !== undefined && declaredEffect !== 1) {
    return { kind: 'design-effect', designEffect: declaredEffect, ...(m === undefined ? {} : { requestsPerUnit: m }), from: 'analysis.designEffect' };
  }
  return { kind: 'unknown' };
}

/**
 * The rate r (users an hour, across the service) at which users first arrive, under the model
 * of {@link distinctUsersSeen}: from the declared users per day D, N(1 − e^(−24r/N)) = D, so
 * r = −(N/24)·ln(1 − D/N); without it, the rate the plan assumed before a population was known,
 * requests per hour / requests per user (every user new), so that both agree while few of the N
 * have been seen. Undefined when D ≥ N (no such rate) or the figures are missing.
 */
export function newUsersPerHour(population: Population, requestsPerHour: number | undefined, requestsPerUnit: number): number | undefined {
  const { activeUsers: n, usersPerDay: d } = population;
  if (d !== undefined) return d > 0 && d < n ? (-n / 24) * Math.log1p(-d / n) : undefined;
  return requestsPerHour !== undefined && requestsPerHour > 0 && requestsPerUnit > 0 ? requestsPerHour / requestsPerUnit : undefined;
}

/**
 * Distinct users an arm holding `share` (0–1) of the population has seen after `hours`, each of
 * the N users first arriving after an exponential time of mean N/r (arrivals at r an hour that
 * thin out as the population is used up): s·N·(1 − e^(−t·r/N)). It is r·s·t while t ≪ N/r, the
 * plan's former linear conversion, and saturates at s·N.
 */
export function distinctUsersSeen(hours: number, share: number, population: Population, usersPerHour: number): number {
  const n = population.activeUsers;
  return share * n * -Math.expm1((-hours * usersPerHour) / n);
}

/** The inverse of {@link distinctUsersSeen}: hours until the arm has seen `users`; Infinity when s·N is not more than that. */
export function hoursToReach(users: number, share: number, population: Population, usersPerHour: number): number {
  const reachable = share * population.activeUsers;
  if (users <= 0) return 0;
  if (!(users < reachable)) return Number.POSITIVE_INFINITY;
  return (-population.activeUsers / usersPerHour) * Math.log1p(-users / reachable);
}
