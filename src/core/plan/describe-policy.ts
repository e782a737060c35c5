import type { DeployWindow, Gate, MetricDefinition, RollbackCriterion } from '../model/index.js';

const DAY_ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function quantileLabel(q: number | undefined): string {
  if (q === undefined) return '';
  return ` p${Number((q * 100).toPrecision(6))}`;
}

function withUnit(value: number, metric: MetricDefinition | undefined): string {
  return metric?.unit ? `${value} ${metric.unit}` : String(value);
}

/** What a gate demands, in one line: `error_rate may rise at most 0.5pp vs control (proportions, critical)`. */
export function describeGate(gate: Gate, metric?: MetricDefinition): string {
  const subject = `${gate.metric}${quantileLabel(gate.quantile)}`;
  const parts: string[] = [];
  if (gate.maxIncrease !== undefined) parts.push(`may worsen by at most ${gate.maxIncrease} vs control`);
  if (gate.nonInferiority !== undefined) parts.push(`must be shown no worse than control by more than ${gate.nonInferiority}`);
  if (gate.max !== undefined) parts.push(`at most ${withUnit(gate.max, metric)}`);
  if (gate.min !== undefined) parts.push(`at least ${withUnit(gate.min, metric)}`);
  if (gate.test === 'net-benefit') parts.push(`must be shown worth its extra cost at ${withUnit(gate.willingnessToPay ?? Number.NaN, metric)} per unit of quality (net benefit per user above ${gate.minNetBenefit ?? 0})`);
  if (parts.length === 0) parts.push(`compared with ${gate.versus ?? 'control'}`);
  const notes: string[] = [gate.test];
  if (gate.critical) notes.push('critical');
  if (gate.segmentBy) notes.push(`per ${gate.segmentBy}`);
  return `${subject} ${parts.join('; ')} (${notes.join(', ')})`;
}

/**
 * When a rollback criterion fires: `latency_ms p95 above 2500 ms`; a ratio criterion
 * `cost_per_resolved (ratio over users) rises more than 50% over control`; a net-benefit one
 * `cost_per_resolved net benefit per user (at 0.5 USD per unit of quality) below -0.05 vs control`.
 */
export function describeRollback(criterion: RollbackCriterion, metric?: MetricDefinition): string {
  if (criterion.test === 'net-benefit') {
    return `${criterion.metric} net benefit per user (at ${withUnit(criterion.willingnessToPay ?? Number.NaN, metric)} per unit of quality) below ${criterion.below ?? 0} vs control (net-benefit)`;
  }
  if (criterion.test === 'ratio') {
    const change = criterion.increase !== undefined ? `rises more than ${criterion.increase} over control` : `drops more than ${criterion.drop} below control`;
    return `${criterion.metric} (ratio over users) ${change}`;
  }
  const subject = `${criterion.metric}${quantileLabel(criterion.quantile)}`;
  const parts: string[] = [];
  if (criterion.above !== undefined) parts.push(`above ${withUnit(criterion.above, metric)}`);
  if (criterion.below !== undefined) parts.push(`below ${withUnit(criterion.below, metric)}`);
  if (criterion.increase !== undefined) parts.push(`rises more than ${criterion.increase} over control`);
  if (criterion.drop !== undefined) parts.push(`drops more than ${criterion.drop} below control`);
  return `${subject} ${parts.join(' or ')}`;
}

/** `mon–thu 09:00–16:00 Europe/Berlin`; consecutive days are written as a range. */
export function describeWindow(window: DeployWindow | undefined): string {
  if (!window) return 'any time';
  const days = window.days ? describeDays(window.days) : 'every day';
  const hours = window.hours ? window.hours.replace('-', '–') : 'all day';
  return `${days} ${hours} ${window.timezone}`;
}

function describeDays(days: readonly string[]): string {
  const indices = [...new Set(days)].map((d) => DAY_ORDER.indexOf(d as (typeof DAY_ORDER)[number])).filter((i) => i >= 0).sort((a, b) => a - b);
  if (indices.length === 7) return 'every day';
  const runs: string[] = [];
  let i = 0;
  while (i < indices.length) {
    let j = i;
    while (j + 1 < indices.length && (indices[j + 1] as number) === (indices[j] as number) + 1) j += 1;
    const first = DAY_ORDER[indices[i] as number] as string;
    const last = DAY_ORDER[indices[j] as number] as string;
    runs.push(j - i >= 2 ? `${first}–${last}` : j === i ? first : `${first}, ${last}`);
    i = j + 1;
  }
  return runs.join(', ');
}
