// The judgement benchmark's policy (docs/judgement-benchmark.md) as plan tests size it: 5 → 25 %
// canaries of 24–48 h under sticky users, the error gate at 0.3pp non-inferiority.
import { estimatePlanPower } from '../../../src/core/plan/plan-power.js';
import type { Gate, GlidepathRepository, LoadedDocument, Release, RolloutPolicy } from '../../../src/core/model/index.js';
import { METRICS } from '../gates/fixtures.js';

/** The benchmark's error gate, with the per-user figures a test gives it. */
export function errorGate(unitBaseline?: Gate['unitBaseline']): Gate {
  return { metric: 'error_rate', test: 'proportions', maxIncrease: '0pp', nonInferiority: '0.3pp', critical: true, ...(unitBaseline ? { unitBaseline } : {}) };
}

/** The benchmark's stages, each canary judged by every gate given. */
export function benchLikePolicy(gates: Record<string, Gate>): RolloutPolicy {
  const names = Object.keys(gates);
  return {
    apiVersion: 'glidepath.dev/v1',
    kind: 'RolloutPolicy',
    metadata: { name: 'bench' },
    spec: {
      strategy: 'canary',
      analysis: { unit: 'user' },
      stages: [
        { name: 'canary-5', weight: 5, minDuration: '24h', maxDuration: '48h', gates: names },
        { name: 'canary-25', weight: 25, minDuration: '24h', maxDuration: '48h', gates: names },
        { name: 'full', weight: 100 },
      ],
      gates,
      rollback: [{ metric: 'error_rate', increase: '2pp' }],
    },
  };
}

/** The plan's power column for `policy` at the release's traffic (and glidepath.yaml's, when given). */
export function planPowerOf(policy: RolloutPolicy, traffic: Record<string, number>, configTraffic?: Record<string, number>) {
  const release = { value: { apiVersion: 'glidepath.dev/v1', kind: 'Release', metadata: { name: 'bench' }, spec: { policy: 'bench', traffic } } } as unknown as LoadedDocument<Release>;
  const repository = { config: { value: { spec: { metrics: { definitions: METRICS }, ...(configTraffic ? { traffic: configTraffic } : {}) } } } } as unknown as GlidepathRepository;
  return estimatePlanPower(release, { value: policy } as LoadedDocument<RolloutPolicy>, repository)!;
}
