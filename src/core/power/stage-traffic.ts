import type { Stage } from '../model/index.js';
import { parseDuration } from '../model/duration.js';

/**
 * Requests per hour each arm sees in a stage: a shadow stage mirrors every request to the
 * challenger, so both arms see all of it; a traffic stage splits it by weight (a ring stage's
 * segments add to the canary, so its weight is a lower bound). Undefined without traffic or a
 * weight, and at 0 % or 100 %, where one arm is empty.
 */
export function stageArmRates(stage: Stage, requestsPerHour: number | undefined): { control: number; canary: number } | undefined {
  if (requestsPerHour === undefined || !(requestsPerHour > 0)) return undefined;
  if (stage.mode === 'shadow') return { control: requestsPerHour, canary: requestsPerHour };
  const w = stage.weight;
  if (w === undefined || !(w > 0 && w < 100)) return undefined;
  return { control: (requestsPerHour * (100 - w)) / 100, canary: (requestsPerHour * w) / 100 };
}

/** The stage's minimum duration in hours, or undefined when it has none (or it does not parse). */
export function minDurationHours(stage: Stage): number | undefined {
  const ms = stage.minDuration === undefined ? undefined : parseDuration(stage.minDuration);
  return ms === undefined ? undefined : ms / 3_600_000;
}

/**
 * The smaller arm's requests over the stage's minimum duration: where a stage expects to
 * decide, so where its confidence sequences should be tightest (the judge's `tuneN`).
 * Undefined without traffic, weight or minDuration.
 */
export function plannedArmSamples(stage: Stage, requestsPerHour: number | undefined): number | undefined {
  const rates = stageArmRates(stage, requestsPerHour);
  const hours = minDurationHours(stage);
  if (!rates || hours === undefined || hours <= 0) return undefined;
  return Math.max(1, Math.round(Math.min(rates.control, rates.canary) * hours));
}
