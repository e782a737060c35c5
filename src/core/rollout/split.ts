import type { Stage } from '../model/index.js';
import type { TrafficSplit } from '../model/traffic-split.js';

/** Champion only: where every rollback goes. */
export const CHAMPION_ONLY: TrafficSplit = { mode: 'off', weight: 0 };

/** The split a stage asks the provider for: shadow serves nobody, traffic serves `weight` percent (plus the ring segment). */
export function splitForStage(stage: Stage): TrafficSplit {
  const base: TrafficSplit = stage.mode === 'shadow' ? { mode: 'shadow', weight: 0 } : { mode: 'traffic', weight: stage.weight ?? 0 };
  return stage.segment ? { ...base, segment: { attribute: stage.segment.attribute, values: [...stage.segment.values] } } : base;
}

// Providers store weights in their own units (flagd: integer buckets); a hundredth of a percent is below any of them.
const WEIGHT_TOLERANCE = 0.005;

/** Same split as far as the challenger's exposure goes: mode, weight (within rounding) and segment values as a set. */
export function sameSplit(a: TrafficSplit, b: TrafficSplit): boolean {
  if (a.mode !== b.mode) return false;
  if (a.mode === 'traffic' && Math.abs(a.weight - b.weight) > WEIGHT_TOLERANCE) return false;
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
