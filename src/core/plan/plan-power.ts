import { estimateStagePower } from '../power/stage-power.js';
import type { PowerEstimator } from './build-plan.js';
import type { StagePowerView } from './stage-plan.js';
import type { MetricDefinition, RolloutPolicy } from '../model/index.js';
import { populationOf, requestsPerHourOf, type Population } from '../model/traffic.js';

/**
 * The plan's power column from core/power: per stage, the most demanding gate's samples per arm
 * (canary and control) and the hours they take at the release's traffic, with the estimate's warnings (a stage too
 * short for its margins, one that only catches catastrophes).
 */
export const estimatePlanPower: PowerEstimator = (release, policy, repository) => {
  const requestsPerHour = requestsPerHourOf(release.value, repository.config?.value);
  const population = populationOf(release.value, repository.config?.value);
  const metrics = repository.config?.value.spec.metrics.definitions ?? NO_METRICS;
  // Releases whose policies say the same thing, under the same metric definitions and traffic,
  // share the estimate: solving for sample sizes is the costliest part of a plan that touches
  // hundreds of releases, and repositories copy one policy under many names. The key is the
  // policy's spec as text (the estimate reads nothing else of it); the metric definitions (from
  // glidepath.yaml, which may have changed) are part of the key too, by the parsed object that
  // base and head share when the file did not change.
  const bySpec = cache.get(metrics) ?? new Map<string, Map<string, ReadonlyMap<string, StagePowerView>>>();
  cache.set(metrics, bySpec);
  const key = specKey(policy.value);
  const byTraffic = bySpec.get(key) ?? new Map<string, ReadonlyMap<string, StagePowerView>>();
  bySpec.set(key, byTraffic);
  const trafficKey = `${requestsPerHour}/${population?.activeUsers}/${population?.usersPerDay}`;
  const cached = byTraffic.get(trafficKey);
  if (cached) return cached;
  const views = estimateViews(release.value.metadata.name, policy.value, metrics, requestsPerHour, population);
  byTraffic.set(trafficKey, views);
  return views;
};

const NO_METRICS: readonly MetricDefinition[] = [];
const cache = new WeakMap<readonly MetricDefinition[], Map<string, Map<string, ReadonlyMap<string, StagePowerView>>>>();
const specKeys = new WeakMap<RolloutPolicy, string>();

function specKey(policy: RolloutPolicy): string {
  let key = specKeys.get(policy);
  if (key === undefined) {
    key = JSON.stringify(policy.spec);
    specKeys.set(policy, key);
  }
  return key;
}

function estimateViews(release: string, policy: RolloutPolicy, metrics: readonly MetricDefinition[], requestsPerHour: number | undefined, population: Population | undefined): ReadonlyMap<string, StagePowerView> {
  const estimate = estimateStagePower({
    release,
    policy,
    metrics,
    requestsPerHour,
    ...(population ? { population } : {}),
  });
  const views = new Map<string, StagePowerView>();
  for (const stage of estimate.stages) {
    const sized = stage.gates.filter((g) => g.samplesPerArm !== undefined);
    // The binding gate: one the population cannot satisfy, else the one that takes longest, or (without traffic) needs the most canary samples.
    const hoursOf = (g: (typeof sized)[number]) => (g.population?.unreachable ? Number.POSITIVE_INFINITY : g.hours ?? 0);
    const binding = [...sized].sort((a, b) => hoursOf(b) - hoursOf(a) || (b.samplesPerArm?.canary ?? 0) - (a.samplesPerArm?.canary ?? 0))[0];
    if (!binding && stage.warnings.length === 0) continue;
    views.set(stage.stage, {
      ...(binding?.samplesPerArm ? { requiredSamples: binding.samplesPerArm } : {}),
      ...(binding?.hours !== undefined && Number.isFinite(binding.hours) && !binding.population?.unreachable ? { hoursNeeded: binding.hours } : {}),
      ...(binding?.population && binding.unitsPerArm ? { users: { needed: binding.unitsPerArm, reachable: binding.population.reachable, activeUsers: binding.population.activeUsers, enough: !binding.population.unreachable, ...(binding.population.minWeight === undefined ? {} : { minWeight: binding.population.minWeight }) } } : {}),
      warnings: stage.warnings,
    });
  }
  return views;
}
