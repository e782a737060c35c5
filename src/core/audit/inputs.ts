import type { ArmData, ArmMetrics, MetricsSnapshot } from '../metrics/arm-data.js';

/** Raw samples up to this many per arm are recorded as they are; longer lists are summarised. */
export const MAX_RECORDED_SAMPLES = 1000;

function summarise(data: ArmData): ArmData {
  if (data.kind !== 'samples' || data.values.length <= MAX_RECORDED_SAMPLES) return data;
  const n = data.values.length;
  const mean = data.values.reduce((sum, value) => sum + value, 0) / n;
  const squares = data.values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { kind: 'summary', n, mean, sd: Math.sqrt(squares / (n - 1)) };
}

function summariseArm(metrics: ArmMetrics): ArmMetrics {
  return Object.fromEntries(Object.entries(metrics).map(([name, data]) => [name, summarise(data)]));
}

/**
 * The metrics snapshot as an audit record keeps it: counts, summaries and histograms unchanged
 * (they are already sufficient statistics), raw sample lists longer than MAX_RECORDED_SAMPLES
 * reduced to n, mean and sd, so that one tick cannot grow the log by megabytes. A gate on such a
 * list (quantile, rank test) replays from its recorded verdict, not from these inputs.
 */
export function summariseInputs(snapshot: MetricsSnapshot): MetricsSnapshot {
  const arms = { control: summariseArm(snapshot.arms.control), canary: summariseArm(snapshot.arms.canary) };
  // The queries say where each number came from, which a reviewer needs to re-run them.
  const queries = snapshot.queries && Object.keys(snapshot.queries).length > 0 ? { queries: snapshot.queries } : {};
  if (!snapshot.segments) return { window: snapshot.window, arms, ...queries };
  const segments = Object.fromEntries(
    Object.entries(snapshot.segments).map(([attribute, values]) => [
      attribute,
      Object.fromEntries(Object.entries(values).map(([value, byArm]) => [value, { control: summariseArm(byArm.control), canary: summariseArm(byArm.canary) }])),
    ]),
  );
  return { window: snapshot.window, arms, segments, ...queries };
}
