import { parseDuration } from '../model/duration.js';
import type { RolloutPolicy, Stage } from '../model/index.js';

/** What a power estimate says about one stage (helper: `core/power`); the plan only shows it. */
export interface StagePowerView {
  /** Samples each arm needs for the stage's most demanding gate to detect its margin. */
  readonly requiredSamples?: { readonly control: number; readonly canary: number };
  /** Hours the stage needs at the release's traffic to collect them. */
  readonly hoursNeeded?: number;
  /**
   * Under a declared population (`spec.traffic.activeUsers`), for the binding gate sized in users:
   * the users each arm needs and can reach at the stage's weight, whether they can, and else the
   * smallest weight at which they could.
   */
  readonly users?: {
    readonly needed: { readonly control: number; readonly canary: number };
    readonly reachable: { readonly control: number; readonly canary: number };
    readonly activeUsers: number;
    readonly enough: boolean;
    readonly minWeight?: number;
  };
  readonly warnings: readonly string[];
}

/** One row of the plan's stage table. */
export interface PlannedStage {
  readonly index: number;
  readonly name: string;
  /** `ring`: a traffic stage that also serves every request of a segment (tenants). */
  readonly mode: 'shadow' | 'traffic' | 'ring';
  /** Percent of requests the challenger serves (0 in shadow, where it only sees mirrored copies). */
  readonly share: number;
  readonly segment?: { readonly attribute: string; readonly values: readonly string[] };
  readonly minDuration?: string;
  readonly maxDuration?: string;
  readonly minSamples?: number;
  readonly gates: readonly string[];
  readonly approval: boolean;
  readonly watch?: string;
  /** Hours the stage lasts at least: its bake time, or longer when minSamples needs more traffic. */
  readonly minimumHours?: number;
  /** Challenger-served requests during `minimumHours` at the traffic figure (ring stages: besides the ring's own). */
  readonly servedRequests?: number;
  /** Mirrored requests the challenger answers unseen (shadow stages). */
  readonly mirroredRequests?: number;
  readonly power?: StagePowerView;
}

const HOUR_MS = 3_600_000;

/**
 * The policy's stages as the release will walk them, with how long each lasts at least and how
 * many requests the challenger serves meanwhile at `requestsPerHour` (omitted when unknown).
 * A stage lasts until both its bake time has passed and each arm has `minSamples`; the smaller
 * arm decides, which is the control once the challenger serves more than half.
 */
export function planStages(policy: RolloutPolicy, requestsPerHour: number | undefined, power?: ReadonlyMap<string, StagePowerView>): PlannedStage[] {
  return policy.spec.stages.map((stage, index) => planStage(stage, index, requestsPerHour, power?.get(stage.name)));
}

function planStage(stage: Stage, index: number, rph: number | undefined, power: StagePowerView | undefined): PlannedStage {
  const shadow = stage.mode === 'shadow';
  const share = shadow ? 0 : stage.weight ?? 0;
  const minMs = stage.minDuration !== undefined ? parseDuration(stage.minDuration) : undefined;
  const bakeHours = minMs !== undefined ? minMs / HOUR_MS : 0;
  let minimumHours: number | undefined;
  let servedRequests: number | undefined;
  let mirroredRequests: number | undefined;
  if (rph !== undefined && rph > 0) {
    const armShare = shadow ? 100 : share >= 100 ? 100 : Math.min(share, 100 - share);
    const sampleHours = stage.minSamples !== undefined && armShare > 0 ? stage.minSamples / (rph * armShare / 100) : 0;
    const hours = Math.max(bakeHours, sampleHours);
    if (hours > 0) {
      minimumHours = hours;
      if (shadow) mirroredRequests = Math.round(rph * hours);
      else servedRequests = Math.round(rph * hours * share / 100);
    }
  } else if (bakeHours > 0) {
    minimumHours = bakeHours;
  }
  return {
    index,
    name: stage.name,
    mode: shadow ? 'shadow' : stage.segment ? 'ring' : 'traffic',
    share,
    ...(stage.segment ? { segment: { attribute: stage.segment.attribute, values: [...stage.segment.values] } } : {}),
    ...(stage.minDuration !== undefined ? { minDuration: stage.minDuration } : {}),
    ...(stage.maxDuration !== undefined ? { maxDuration: stage.maxDuration } : {}),
    ...(stage.minSamples !== undefined ? { minSamples: stage.minSamples } : {}),
    gates: [...(stage.gates ?? [])],
    approval: stage.approval === 'required',
    ...(stage.watch !== undefined ? { watch: stage.watch } : {}),
    ...(minimumHours !== undefined ? { minimumHours } : {}),
    ...(servedRequests !== undefined ? { servedRequests } : {}),
    ...(mirroredRequests !== undefined ? { mirroredRequests } : {}),
    ...(power ? { power } : {}),
  };
}
