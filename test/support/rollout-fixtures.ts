import type { JudgementOutcome, StageJudgement } from '../../src/core/gates/judgement.js';
import type { Verdict } from '../../src/core/gates/verdict.js';
import type { GlidepathConfig, Release, RolloutPolicy } from '../../src/core/model/index.js';
import { planTick, type TickInput } from '../../src/core/rollout/planner.js';
import { splitForStage } from '../../src/core/rollout/split.js';
import type { Action, RolloutState } from '../../src/core/rollout/types.js';
import type { CallResult } from '../../src/ports/call.js';
import type { TrafficSplit } from '../../src/core/model/traffic-split.js';
import type { Decision } from '../../src/core/rollout/decision.js';

/** Monday 2 March 2026, 10:00 UTC: every test's clock starts here. */
export const T0 = Date.parse('2026-03-02T10:00:00.000Z');
export const HOUR = 3_600_000;

export function at(hours: number): Date {
  return new Date(T0 + hours * HOUR);
}

export function iso(hours: number): string {
  return at(hours).toISOString();
}

type Spec = RolloutPolicy['spec'];

/** shadow (1h) → canary-5 (2h, max 6h) → canary-25 (2h) → full (approval, watch 2h). */
export function makePolicy(spec: Partial<Spec> = {}): RolloutPolicy {
  return {
    apiVersion: 'glidepath.dev/v1',
    kind: 'RolloutPolicy',
    metadata: { name: 'model-upgrade' },
    spec: {
      strategy: 'shadow-then-canary',
      stages: [
        { name: 'shadow', mode: 'shadow', minDuration: '1h', minSamples: 1000, gates: ['latency-p99'] },
        { name: 'canary-5', weight: 5, minDuration: '2h', maxDuration: '6h', minSamples: 2000, gates: ['errors'] },
        { name: 'canary-25', weight: 25, minDuration: '2h', gates: ['errors'] },
        { name: 'full', weight: 100, approval: 'required', watch: '2h' },
      ],
      gates: {
        errors: { metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' },
        'latency-p99': { metric: 'latency_ms', test: 'quantile', quantile: 0.99, max: 2500 },
      },
      rollback: [{ metric: 'error_rate', increase: '2pp' }],
      ...spec,
    },
  };
}

export function makeRelease(risk: 'low' | 'medium' | 'high' = 'medium', requestsPerHour?: number): Release {
  return {
    apiVersion: 'glidepath.dev/v1',
    kind: 'Release',
    metadata: { name: 'support-assistant' },
    spec: {
      policy: 'model-upgrade',
      risk,
      target: { provider: 'flags', key: 'support-assistant-model' },
      ...(requestsPerHour !== undefined ? { traffic: { requestsPerHour } } : {}),
      champion: { model: 'openai/gpt-4o-2024-08-06' },
      challenger: { model: 'openai/gpt-4.1-2025-04-14' },
    },
  };
}

export const CONFIG: GlidepathConfig = {
  apiVersion: 'glidepath.dev/v1',
  kind: 'Config',
  metadata: { name: 'test' },
  spec: {
    providers: [{ name: 'flags', type: 'flagd', path: 'flags.json' }],
    metrics: { sources: [{ name: 'warehouse', type: 'file', path: 'metrics.json' }], definitions: [{ name: 'error_rate', source: 'warehouse', type: 'proportion', direction: 'lower-is-better' }] },
    approvers: ['octocat', '@acme/ml-platform'],
  },
} as GlidepathConfig;

export const BUNDLE = 'b'.repeat(64);

/** A rollout in `stageIndex` since `sinceHours` (hours after T0). */
export function makeState(policy: RolloutPolicy, stageIndex: number, sinceHours = 0, extra: Partial<RolloutState> = {}): RolloutState {
  const stage = policy.spec.stages[stageIndex];
  if (!stage) throw new Error(`no stage ${stageIndex}`);
  const split = splitForStage(stage);
  return {
    release: 'support-assistant',
    phase: 'progressing',
    stageIndex,
    stage: stage.name,
    startedAt: iso(0),
    stageStartedAt: iso(sinceHours),
    updatedAt: iso(sinceHours),
    split,
    bundleHash: BUNDLE,
    approvals: [],
    revision: 3,
    policy: policy.metadata.name,
    history: [{ stage: stage.name, index: stageIndex, split, from: iso(sinceHours) }],
    ...extra,
  };
}

export function verdict(gate: string, kind: Verdict['verdict'], extra: Partial<Verdict> = {}): Verdict {
  return {
    gate,
    metric: gate === 'latency-p99' ? 'latency_ms' : 'error_rate',
    verdict: kind,
    reason: `${gate} ${kind}`,
    evidence: { test: 'proportions', effect: 0.001, interval: [-0.002, 0.004], pValue: 0.2, n: { control: 9000, canary: 3000 }, threshold: 0.005 },
    ...extra,
  };
}

export function makeJudgement(stage: string, outcome: JudgementOutcome, extra: Partial<StageJudgement> = {}): StageJudgement {
  const gateKind: Verdict['verdict'] = outcome === 'pass' ? 'pass' : outcome === 'fail' || outcome === 'critical-fail' ? 'fail' : outcome === 'no-data' ? 'no-data' : 'inconclusive';
  return {
    release: 'support-assistant',
    stage,
    outcome,
    reason: `judged ${outcome}`,
    srm: { verdict: 'ok', pValue: 0.4, expectedCanaryShare: 0.05, observed: { control: 9000, canary: 3000 } },
    gates: [verdict('errors', gateKind, outcome === 'critical-fail' ? { critical: true } : {})],
    rollback: [verdict('rollback[0]', outcome === 'rollback' ? 'fail' : 'pass')],
    samples: { control: 9000, canary: 3000 },
    ...extra,
  };
}

export function ok(split: TrafficSplit): CallResult<TrafficSplit> {
  return { ok: true, value: split };
}

/** One tick with sensible defaults: the provider reads back the recorded split. */
export function tick(input: Partial<TickInput> & { state: RolloutState; now: Date }): ReturnType<typeof planTick> {
  const policy = input.policy ?? makePolicy();
  return planTick({
    release: input.release ?? makeRelease(),
    policy,
    config: input.config ?? CONFIG,
    observed: input.observed ?? ok(input.state.split),
    judgement: input.judgement,
    actor: input.actor ?? 'glidepath[bot]',
    ...input,
  });
}

export function types(actions: readonly Action[]): Action['type'][] {
  return actions.map((action) => action.type);
}

export function auditOf(actions: readonly Action[]): Extract<Action, { type: 'append-audit' }>['record'] | undefined {
  const action = actions.find((candidate) => candidate.type === 'append-audit');
  return action?.type === 'append-audit' ? action.record : undefined;
}

export function trafficOf(actions: readonly Action[]): TrafficSplit | undefined {
  const action = actions.find((candidate) => candidate.type === 'set-traffic');
  return action?.type === 'set-traffic' ? action.split : undefined;
}

export type { Decision };
