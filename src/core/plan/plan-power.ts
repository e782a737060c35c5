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
  // Releases whose policies say the same thing, under the same metric definitions and traffic,
  // share the estimate: solving for sample sizes is the costliest part of a plan that touches
  // hundreds of releases, and repositories copy one policy under many names. The key is the
  // policy's spec as text (the estimate reads nothing else of it); the metric definitions (from
  // glidepath.yaml, which may have changed) are part of the key too, by the parsed object that
  // base and head share when the file did not change.
  const bySpec = cache.get(metrics) ?? new Map<string, Map<number | undefined, ReadonlyMap<string, StagePowerView>>>();
  cache.set(metrics, bySpec);
  const key = specKey(policy.value);
  const byTraffic = bySpec.get(key) ?? new Map<number | undefined, ReadonlyMap<string, StagePowerView>>();
  bySpec.set(key, byTraffic);
  const cached = byTraffic.get(requestsPerHour);
  if (cached) return cached;
  const views = estimateViews(release.value.metadata.name, policy.value, metrics, requestsPerHour);
  byTraffic.set(requestsPerHour, views);
  return views;
};

const NO_METRICS: readonly MetricDefinition[] = [];
const cache = new WeakMap<readonly MetricDefinition[], Map<string, Map<number | undefined, ReadonlyMap<string, StagePowerView>>>>();
const specKeys = new WeakMap<RolloutPolicy, string>();

function specKey(policy: RolloutPolicy): string {
  let key = specKeys.get(policy);
  if (key === undefined) {
    key = JSON.stringify(policy.spec);
    specKeys.set(policy, key);
  }
  return key;
}

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
