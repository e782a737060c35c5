import { parseDuration } from '../model/duration.js';
import type { PlannedStage } from './stage-plan.js';

/** How much of the world the challenger touches before it is judged good enough for everyone. */
export interface BlastRadius {
  readonly requestsPerHour?: number;
  /** Where the traffic figure comes from: the release's `spec.traffic`, the config's default, or nowhere. */
  readonly trafficSource: 'release' | 'config' | 'none';
  /** Highest share the challenger serves in any stage. */
  readonly peakShare: number;
  /** Highest share before the first stage at 100% (the exposure a failed rollout can have). */
  readonly peakShareBeforeFull: number;
  /** Challenger-served requests before the first 100% stage, at each stage's minimum length. */
  readonly exposedBeforeFull?: number;
  /** False when a stage before 100% has no bake time or sample floor, so its length (and the total) is unknown. */
  readonly exposureComplete: boolean;
  /** Minimum hours from the first stage until traffic reaches 100%. */
  readonly hoursToFull?: number;
  /** Hours the final stage's watch adds at 100%. */
  readonly watchHours?: number;
  /** Tenants (segment values) that ring stages serve entirely, in stage order. */
  readonly tenants: readonly string[];
  readonly ringAttributes: readonly string[];
}

export function computeBlastRadius(stages: readonly PlannedStage[], requestsPerHour: number | undefined, trafficSource: BlastRadius['trafficSource']): BlastRadius {
  const fullIndex = stages.findIndex((s) => s.share >= 100);
  const beforeFull = fullIndex < 0 ? stages : stages.slice(0, fullIndex);
  let exposed = 0;
  let complete = requestsPerHour !== undefined;
  let hours = 0;
  let hoursKnown = true;
  for (const stage of beforeFull) {
    if (stage.minimumHours === undefined) hoursKnown = false;
    else hours += stage.minimumHours;
    if (stage.mode === 'shadow') continue;
    if (stage.servedRequests === undefined || stage.mode === 'ring') complete = false;
    exposed += stage.servedRequests ?? 0;
  }
  const tenants: string[] = [];
  const attributes: string[] = [];
  for (const stage of stages) {
    if (!stage.segment) continue;
    if (!attributes.includes(stage.segment.attribute)) attributes.push(stage.segment.attribute);
    for (const value of stage.segment.values) if (!tenants.includes(value)) tenants.push(value);
  }
  const last = fullIndex >= 0 ? stages[fullIndex] : undefined;
  const watchMs = last?.watch !== undefined ? parseDuration(last.watch) : undefined;
  return {
    ...(requestsPerHour !== undefined ? { requestsPerHour } : {}),
    trafficSource,
    peakShare: Math.max(0, ...stages.map((s) => s.share)),
    peakShareBeforeFull: Math.max(0, ...beforeFull.map((s) => s.share)),
    ...(requestsPerHour !== undefined ? { exposedBeforeFull: exposed } : {}),
    exposureComplete: complete,
    ...(fullIndex >= 0 && hoursKnown ? { hoursToFull: hours } : {}),
    ...(watchMs !== undefined ? { watchHours: watchMs / 3_600_000 } : {}),
    tenants,
    ringAttributes: attributes,
  };
}
