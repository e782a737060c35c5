import type { MetricDefinition } from '../model/index.js';
import type { Arm, ArmData, ArmMetrics, MetricsSnapshot } from './arm-data.js';

/**
 * The snapshot keyed by metric name: each definition reads its `query` key from the file
 * (default: its own name). Keys no definition asks for are dropped; a metric the file lacks
 * stays absent, which its gates report as no data.
 */
export function selectMetrics(snapshot: MetricsSnapshot, definitions: readonly MetricDefinition[]): MetricsSnapshot {
  const pick = (metrics: ArmMetrics): ArmMetrics => {
    const out: Record<string, ArmData> = {};
    for (const definition of definitions) {
      const data = metrics[fileKey(definition)];
      if (data) out[definition.name] = data;
    }
    return out;
  };
  const arms = (byArm: Readonly<Record<Arm, ArmMetrics>>) => ({ control: pick(byArm.control), canary: pick(byArm.canary) });
  let segments: Record<string, Record<string, Record<Arm, ArmMetrics>>> | undefined;
  if (snapshot.segments) {
    segments = {};
    for (const [attribute, values] of Object.entries(snapshot.segments)) {
      const byValue: Record<string, Record<Arm, ArmMetrics>> = {};
      for (const [value, byArm] of Object.entries(values)) byValue[value] = arms(byArm);
      segments[attribute] = byValue;
    }
  }
  return {
    window: snapshot.window,
    arms: arms(snapshot.arms),
    ...(snapshot.requests ? { requests: snapshot.requests } : {}),
    ...(snapshot.units ? { units: snapshot.units } : {}),
    ...(segments ? { segments } : {}),
  };
}

/** The key a metric has in a metrics file. */
export function fileKey(definition: MetricDefinition): string {
  // Other sources take query objects; for a file, only a string names a key.
  const query = typeof definition.query === 'string' ? definition.query.trim() : '';
  return query ? query : definition.name;
}
