import { estimateStagePower } from '../power/stage-power.js';
import type { PowerEstimator } from './build-plan.js';
import type { StagePowerView } from './stage-plan.js';
import type { MetricDefinition, RolloutPolicy } from '../model/index.js';
import { requestsPerHourOf } from '../model/traffic.js';

/**
 * The plan's power column from core/power: per stage, the most demanding gate's samples per arm
 * (canary and control) and the hours they take at the release's traffic, with the estimate's warnings (a stage too
 * short for its margins, one that only catches catastrophes).
 */
export const estimatePlanPower: PowerEstimator = (release, policy, repository) => {
  const requestsPerHour = requestsPerHourOf(release.value, repository.config?.value);
  const metrics = repository.config?.value.spec.metrics.definitions ?? NO_METRICS;
  // Releases that share a policy, metric definitions and a traffic figure share the estimate:
  // solving for sample sizes is the costliest part of a plan that touches hundreds of releases.
  // Base and head share parsed documents that did not change, so the metric definitions (from
  // glidepath.yaml, which may have changed) are part of the key, not only the policy.
  const byPolicy = cache.get(metrics) ?? new WeakMap<RolloutPolicy, Map<number | undefined, ReadonlyMap<string, StagePowerView>>>();
  cache.set(metrics, byPolicy);
  const byTraffic = byPolicy.get(policy.value) ?? new Map<number | undefined, ReadonlyMap<string, StagePowerView>>();
  byPolicy.set(policy.value, byTraffic);
  const cached = byTraffic.get(requestsPerHour);
  if (cached) return cached;
  const views = estimateViews(release.value.metadata.name, policy.value, metrics, requestsPerHour);
  byTraffic.set(requestsPerHour, views);
  return views;
};

const NO_METRICS: readonly MetricDefinition[] = [];
const cache = new WeakMap<readonly MetricDefinition[], WeakMap<RolloutPolicy, Map<number | undefined, ReadonlyMap<string, StagePowerView>>>>();

function estimateViews(release: string, policy: RolloutPolicy, metrics: readonly MetricDefinition[], requestsPerHour: number | undefined): ReadonlyMap<string, StagePowerView> {
  const estimate = estimateStagePower({
    release,
    policy,
    metrics,
    requestsPerHour,
  });
  const views = new Map<string, StagePowerView>();
  for (const stage of estimate.stages) {
    const sized = stage.gates.filter((g) => g.samplesPerArm !== undefined);
    // The binding gate: the one that takes longest, or (without traffic) needs the most canary samples.
    const binding = [...sized].sort((a, b) => (b.hours ?? 0) - (a.hours ?? 0) || (b.samplesPerArm?.canary ?? 0) - (a.samplesPerArm?.canary ?? 0))[0];
    if (!binding && stage.warnings.length === 0) continue;
    views.set(stage.stage, {
      ...(binding?.samplesPerArm ? { requiredSamples: binding.samplesPerArm } : {}),
      ...(binding?.hours !== undefined && Number.isFinite(binding.hours) ? { hoursNeeded: binding.hours } : {}),
      warnings: stage.warnings,
    });
  }
  return views;
}
