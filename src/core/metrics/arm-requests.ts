import { sampleSize, type Arm, type MetricsSnapshot } from './arm-data.js';

/**
 * Requests each arm served: the snapshot's `requests` when the source states them, else the
 * largest observation count among the arm's metrics (a rate's trials, a histogram's total).
 * The split check and `minSamples` count these.
 */
export function armRequests(snapshot: MetricsSnapshot): Record<Arm, number> {
  if (snapshot.requests) return { control: snapshot.requests.control, canary: snapshot.requests.canary };
  const largest = (arm: Arm) => Object.values(snapshot.arms[arm]).reduce((max, data) => Math.max(max, sampleSize(data)), 0);
  return { control: largest('control'), canary: largest('canary') };
}
