import { checkSnapshot } from '../../core/metrics/check-snapshot.js';
import type { MetricsResult, MetricsSource } from '../../ports/metrics-source.js';

/** Violations listed in one failed measurement: the first few say what is wrong with an export. */
const MAX_LISTED = 5;

/**
 * The source, with every snapshot it answers held to the count rules of `checkSnapshot`: one that
 * breaks them is a failed measurement naming the source, the field path and the rule, so no
 * source, present or future, can drive a decision with counts that cannot be true.
 */
export function withCountChecks(name: string, source: MetricsSource): MetricsSource {
  return {
    type: source.type,
    async query(query): Promise<MetricsResult> {
      const result = await source.query(query);
      if (!result.ok) return result;
      const violations = checkSnapshot(result.snapshot);
      if (violations.length === 0) return result;
      const listed = violations.slice(0, MAX_LISTED).map((v) => `metrics source ${name}: ${v.path}: ${v.rule}`);
      const more = violations.length > MAX_LISTED ? `\n(and ${violations.length - MAX_LISTED} more)` : '';
      return { ok: false, error: listed.join('\n') + more };
    },
  };
}
