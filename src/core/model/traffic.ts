import type { GlidepathConfig, Release } from './index.js';

/**
 * A product's finite set of users (glidepath.yaml's or the release's `spec.traffic`). With
 * sticky assignment an arm holding a share s of the users can reach at most s·N distinct users,
 * however long it runs: waiting longer brings more requests from the same users, not new ones.
 */
export interface Population {
  /** N: distinct users who may send requests while the rollout runs. */
  readonly activeUsers: number;
  /** Distinct users seen in a typical day (fewer than N), which sets how fast they arrive. */
  readonly usersPerDay?: number;
}

/** The traffic figure a release's estimates use, and whose it is. */
export interface ExpectedTraffic {
  readonly requestsPerHour: number;
  readonly source: 'release' | 'config';
}

/**
 * Requests per hour across all arms: the release's `spec.traffic`, else the config's default.
 * The one rule every estimate follows (plan power, impact of a rollback, offline evaluate).
 */
export function expectedTraffic(release: Release, config: GlidepathConfig | undefined): ExpectedTraffic | undefined {
  const own = release.spec.traffic?.requestsPerHour;
  if (own !== undefined) return { requestsPerHour: own, source: 'release' };
  const fallback = config?.spec.traffic?.requestsPerHour;
  return fallback !== undefined ? { requestsPerHour: fallback, source: 'config' } : undefined;
}

/** Requests per hour for estimates, or undefined when neither the release nor the config says. */
export function requestsPerHourOf(release: Release, config: GlidepathConfig | undefined): number | undefined {
  return expectedTraffic(release, config)?.requestsPerHour;
}

/**
 * The product's population (`spec.traffic.activeUsers`, with `usersPerDay`), the release's own
 * when it states one, else the config's; undefined when neither does.
 */
export function populationOf(release: Release, config: GlidepathConfig | undefined): Population | undefined {
  const traffic = release.spec.traffic?.activeUsers !== undefined ? release.spec.traffic : config?.spec.traffic;
  const activeUsers = traffic?.activeUsers;
  if (activeUsers === undefined) return undefined;
  return { activeUsers, ...(traffic?.usersPerDay === undefined ? {} : { usersPerDay: traffic.usersPerDay }) };
}
