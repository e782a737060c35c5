import type { Stage } from '../model/index.js';
import type { TrafficSplit } from '../model/traffic-split.js';

/** Champion only: where every rollback goes. */
export const CHAMPION_ONLY: TrafficSplit = { mode: 'off', weight: 0 };

/** The split a stage asks the provider for: shadow serves nobody, traffic serves `weight` percent (plus the ring segment). */
export function splitForStage(stage: Stage): TrafficSplit {
  const base: TrafficSplit = stage.mode === 'shadow' ? { mode: 'shadow', weight: 0 } : { mode: 'traffic', weight: stage.weight ?? 0 };
  return stage.segment ? { ...base, segment: { attribute: stage.segment.attribute, values: [...stage.segment.values] } } : base;
}

/** The weight step assumed where no provider is at hand (a recorded state against a stage): a hundredth of a percent. */
export const DEFAULT_WEIGHT_STEP = 0.01;

/**
 * Same split as far as the challenger's exposure goes: mode, weight and segment values as a set.
 * Providers store weights in their own units (ProviderCapabilities.weightStep), so weights within
 * half a step are the same split.
 */
export function sameSplit(a: TrafficSplit, b: TrafficSplit, weightStep = DEFAULT_WEIGHT_STEP): boolean {
  if (a.mode !== b.mode) return false;
  if (a.mode === 'traffic' && Math.abs(a.weight - b.weight) > weightStep / 2) return false;
  if (a.segment === undefined || b.segment === undefined) return a.segment === b.segment;
  if (a.segment.attribute !== b.segment.attribute) return false;
  const left = new Set(a.segment.values);
  return left.size === new Set(b.segment.values).size && b.segment.values.every((value) => left.has(value));
}

/** `traffic 25%`, `shadow`, `off`, `traffic 5% + tenantId ∈ {a, b}`. */
export function describeSplit(split: TrafficSplit): string {
  const base = split.mode === 'traffic' ? `traffic ${split.weight}%` : split.mode;
  if (!split.segment) return base;
  const values = split.segment.values.length > 3 ? `${split.segment.values.slice(0, 3).join(', ')}, …` : split.segment.values.join(', ');
  return `${base} + ${split.segment.attribute} ∈ {${values}}`;
}

/** True when the challenger serves users under this split (shadow and off serve nobody). */
export function servesUsers(split: TrafficSplit): boolean {
  return split.mode === 'traffic' && (split.weight > 0 || (split.segment?.values.length ?? 0) > 0);
}
