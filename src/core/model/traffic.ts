import type { GlidepathConfig, Release } from './index.js';

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
