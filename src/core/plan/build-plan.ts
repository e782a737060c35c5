import type { ProviderCapabilities } from '../../ports/traffic-provider.js';
import type { GlidepathRepository, LoadedDocument, MetricDefinition, Release, RolloutPolicy, SourcePosition } from '../model/index.js';
import { expectedTraffic } from '../model/traffic.js';
import { judgeOfflineGate, type OfflineVerdict } from '../offline/judge-offline-gate.js';
import { computeBlastRadius, type BlastRadius } from './blast-radius.js';
import { diffBundles, type BundleDiff } from './bundle-diff.js';
import { createLineStatMemo, type LineStatMemo } from './line-diff.js';
import { findChangedPolicies, findChangedReleases, type ChangeKind, type ReleaseChange } from './changed-releases.js';
import { describeGate, describeRollback, describeWindow } from './describe-policy.js';
import { diffPolicies, sortFindings, type PolicyFinding } from './policy-diff.js';
import { renderRampChart } from './ramp-chart.js';
import { planStages, type PlannedStage, type StagePowerView } from './stage-plan.js';

/** A policy finding and where it sits in the head revision, for check-run annotations. */
export interface LocatedFinding extends PolicyFinding {
  readonly at?: SourcePosition;
}

/** What a plan says about a policy with `manualTrafficChanges: adopt`, in every rendering. */
export const MANUAL_ADOPT_WARNING = 'manual traffic changes that match a later stage are adopted without judging that stage\'s gates (manualTrafficChanges: adopt)';

/** How one changed release will roll out. */
export interface ReleasePlan {
  readonly name: string;
  readonly kind: ChangeKind;
  /** The release file (head; base for removed releases). */
  readonly file: string;
  readonly reasons: readonly string[];
  readonly description?: string;
  readonly owner?: string;
  readonly risk?: 'low' | 'medium' | 'high';
  readonly policy?: {
    readonly name: string;
    readonly file?: string;
    readonly strategy?: string;
    /** The policy the release followed at base, when it switches. */
    readonly previous?: string;
  };
  readonly target?: { readonly provider: string; readonly key: string; readonly providerType?: string; readonly capabilities?: ProviderCapabilities };
  readonly stages: readonly PlannedStage[];
  /** The gates its stages check, in first-use order. */
  readonly gates: readonly { readonly name: string; readonly description: string }[];
  readonly rollback: readonly string[];
  readonly window?: string;
  readonly freezes: readonly string[];
  readonly handling?: {
    readonly onFailure: string;
    readonly onNoData: string;
    readonly onInconclusive: string;
    /** `adopt` is shown as a warning: see MANUAL_ADOPT_WARNING. */
    readonly manualTrafficChanges: 'restore' | 'adopt';
    /** The unit the judge treats as the independent draw, as a phrase: what request-level data will be judged with (decision 0012). */
    readonly analysisUnit?: string;
  };
  readonly bundle?: BundleDiff;
  readonly blastRadius?: BlastRadius;
  /** Differences from the policy the release followed at base (weakenings first). */
  readonly findings: readonly LocatedFinding[];
  /** Mermaid source of the traffic ramp. */
  readonly chart?: string;
  /** The release's offline gate, judged on the results file at head: a failed one stops the challenger before any traffic. */
  readonly offlineGate?: OfflineVerdict;
}

/** A changed policy file. */
export interface PolicyPlan {
  readonly name: string;
  readonly kind: ChangeKind;
  readonly file: string;
  readonly usedBy: readonly string[];
  readonly findings: readonly LocatedFinding[];
}

/** Everything `glidepath plan` reports: plain data (JSON-serialisable), rendered by core/report. */
export interface Plan {
  readonly baseRef?: string;
  readonly headRef?: string;
  readonly releases: readonly ReleasePlan[];
  readonly policies: readonly PolicyPlan[];
}

/** Power per stage name for one release (core/power's estimate), or undefined when it cannot be estimated. */
export type PowerEstimator = (
  release: LoadedDocument<Release>,
  policy: LoadedDocument<RolloutPolicy>,
  repository: GlidepathRepository,
) => ReadonlyMap<string, StagePowerView> | undefined;

export interface PlanInput {
  readonly base: GlidepathRepository;
  readonly head: GlidepathRepository;
  /** Paths the pull request changes (merge-base semantics); omit to compare every file. */
  readonly changedPaths?: readonly string[];
  readonly baseRef?: string;
  readonly headRef?: string;
  readonly power?: PowerEstimator;
  /** The registry's provider capabilities by type, shown with each release's target. */
  readonly providerCapabilities?: Readonly<Record<string, ProviderCapabilities>>;
}

/** The plan of a pull request: which releases change and how each will roll out, from two parsed revisions. */
export function buildPlan(input: PlanInput): Plan {
  const shared: SharedFacts = {
    metrics: new Map<string, MetricDefinition>((input.head.config?.value.spec.metrics.definitions ?? []).map((d) => [d.name, d])),
    lineStat: createLineStatMemo(),
    policyFindings: new Map(),
    rollouts: new Map(),
  };
  const releases = findChangedReleases(input.base, input.head, input.changedPaths).map((change) => planRelease(change, input, shared));
  const policies = findChangedPolicies(input.base, input.head, input.changedPaths).map((change): PolicyPlan => {
    const doc = (change.head ?? change.base) as LoadedDocument<RolloutPolicy>;
    const findings = change.base && change.head ? sortFindings(locate(diffPolicies(change.base.value, change.head.value), change.head)) : [];
    return { name: change.name, kind: change.kind, file: doc.file, usedBy: change.usedBy, findings };
  });
  return {
    ...(input.baseRef !== undefined ? { baseRef: input.baseRef } : {}),
    ...(input.headRef !== undefined ? { headRef: input.headRef } : {}),
    releases,
    policies,
  };
}

/** Releases in the plan whose rollout is weaker than at base. */
export function weakeningReleases(plan: Plan): ReleasePlan[] {
  return plan.releases.filter((r) => r.findings.some((f) => f.severity === 'weakening'));
}

function locate(findings: readonly PolicyFinding[], doc: LoadedDocument<RolloutPolicy>): LocatedFinding[] {
  return findings.map((f) => ({ ...f, at: doc.locate(f.path) }));
}

/** What every release of one plan looks up alike, worked out once per plan. */
interface SharedFacts {
  readonly metrics: ReadonlyMap<string, MetricDefinition>;
  readonly lineStat: LineStatMemo;
  /** Located findings per (previous policy, head policy) pair: the releases that follow a policy share them. */
  readonly rollouts: Map<LoadedDocument<RolloutPolicy>, Map<ReadonlyMap<string, StagePowerView> | undefined, Map<string, Rollout>>>;
  readonly policyFindings: Map<LoadedDocument<RolloutPolicy>, Map<LoadedDocument<RolloutPolicy>, readonly LocatedFinding[]>>;
}

function planRelease(change: ReleaseChange, input: PlanInput, shared: SharedFacts): ReleasePlan {
  const { head, base } = input;
  if (change.kind === 'removed' || !change.head) {
    const doc = change.base as LoadedDocument<Release>;
    return { name: change.name, kind: change.kind, file: doc.file, reasons: change.reasons, stages: [], gates: [], rollback: [], freezes: [], findings: [] };
  }
  const release = change.head;
  const spec = release.value.spec;
  const policy = head.policies.get(spec.policy);
  const traffic = expectedTraffic(release.value, head.config?.value);
  const requestsPerHour = traffic?.requestsPerHour;
  const trafficSource = traffic?.source ?? 'none';
  const providerType = head.config?.value.spec.providers.find((p) => p.name === spec.target.provider)?.type;
  const capabilities = providerType !== undefined ? input.providerCapabilities?.[providerType] : undefined;
  const previous = change.base?.value.spec.policy;
  const common = {
    name: change.name,
    kind: change.kind,
    file: release.file,
    reasons: change.reasons,
    ...(release.value.metadata.description !== undefined ? { description: release.value.metadata.description } : {}),
    ...(spec.owner !== undefined ? { owner: spec.owner } : {}),
    ...(spec.risk !== undefined ? { risk: spec.risk } : {}),
    target: { provider: spec.target.provider, key: spec.target.key, ...(providerType !== undefined ? { providerType } : {}), ...(capabilities !== undefined ? { capabilities } : {}) },
    bundle: diffBundles(spec.champion, spec.challenger, head.files, shared.lineStat),
    ...(spec.offlineGate ? { offlineGate: judgeOfflineGate(spec.offlineGate, head.files) } : {}),
  };
  if (!policy) {
    return { ...common, policy: { name: spec.policy, ...(previous !== undefined && previous !== spec.policy ? { previous } : {}) }, stages: [], gates: [], rollback: [], freezes: [], findings: [] };
  }
  const p = policy.value.spec;
  const rollout = rolloutOf(policy, requestsPerHour, trafficSource, input.power?.(release, policy, head), shared);
  return {
    ...common,
    policy: { name: spec.policy, file: policy.file, strategy: p.strategy, ...(previous !== undefined && previous !== spec.policy ? { previous } : {}) },
    stages: rollout.stages,
    gates: rollout.gates,
    rollback: rollout.rollback,
    ...(rollout.window !== undefined ? { window: rollout.window } : {}),
    freezes: rollout.freezes,
    handling: rollout.handling,
    blastRadius: rollout.blastRadius,
    findings: releaseFindings(change, base, policy, release, shared),
    chart: renderRampChart(change.name, rollout.stages),
  };
}

/** The parts of a release's plan that its policy and traffic decide. */
interface Rollout {
  readonly stages: readonly PlannedStage[];
  readonly gates: ReleasePlan['gates'];
  readonly rollback: readonly string[];
  readonly window: string | undefined;
  readonly freezes: readonly string[];
  readonly handling: NonNullable<ReleasePlan['handling']>;
  readonly blastRadius: BlastRadius;
}

/** Worked out once per policy, traffic figure and power estimate: a policy often serves hundreds of releases. */
function rolloutOf(
  policy: LoadedDocument<RolloutPolicy>,
  requestsPerHour: number | undefined,
  trafficSource: BlastRadius['trafficSource'],
  power: ReadonlyMap<string, StagePowerView> | undefined,
  shared: SharedFacts,
): Rollout {
  let byPower = shared.rollouts.get(policy);
  if (!byPower) {
    byPower = new Map();
    shared.rollouts.set(policy, byPower);
  }
  let byTraffic = byPower.get(power);
  if (!byTraffic) {
    byTraffic = new Map();
    byPower.set(power, byTraffic);
  }
  const key = `${requestsPerHour}\u0000${trafficSource}`;
  const cached = byTraffic.get(key);
  if (cached) return cached;
  const p = policy.value.spec;
  const { metrics } = shared;
  const stages = planStages(policy.value, requestsPerHour, power);
  const gateNames = [...new Set(p.stages.flatMap((s) => s.gates ?? []))];
  const rollout: Rollout = {
    stages,
    gates: gateNames.map((name) => {
      const gate = p.gates?.[name];
      return { name, description: gate ? describeGate(gate, metrics.get(gate.metric)) : 'not defined in the policy' };
    }),
    rollback: p.rollback.map((c) => describeRollback(c, metrics.get(c.metric))),
    window: describeWindow(p.window),
    freezes: (p.freezes ?? []).map((f) => `${f.from} – ${f.until}${f.reason ? ` (${f.reason})` : ''}`),
    handling: { onFailure: p.onFailure ?? 'rollback', onNoData: p.onNoData ?? 'hold', onInconclusive: p.onInconclusive ?? 'hold', manualTrafficChanges: p.manualTrafficChanges ?? 'restore', analysisUnit: describeAnalysisUnit(p.analysis) },
    blastRadius: computeBlastRadius(stages, requestsPerHour, trafficSource),
  };
  byTraffic.set(key, rollout);
  return rollout;
}

function policyFindings(previous: LoadedDocument<RolloutPolicy>, policy: LoadedDocument<RolloutPolicy>, shared: SharedFacts): readonly LocatedFinding[] {
  let byHead = shared.policyFindings.get(previous);
  if (!byHead) {
    byHead = new Map();
    shared.policyFindings.set(previous, byHead);
  }
  let findings = byHead.get(policy);
  if (!findings) {
    findings = locate(diffPolicies(previous.value, policy.value), policy);
    byHead.set(policy, findings);
  }
  return findings;
}

const RISK_RANK: Readonly<Record<string, number>> = { low: 1, medium: 2, high: 3 };

/**
 * The release's policy at head against the one it followed at base: the same policy's old
 * version, or the policy it switched away from. A new release is compared with the base version
 * of its policy, since that policy's change is what the pull request makes to its rollout. A
 * lower risk class is a weakening of the release itself.
 */
function releaseFindings(change: ReleaseChange, base: GlidepathRepository, policy: LoadedDocument<RolloutPolicy>, release: LoadedDocument<Release>, shared: SharedFacts): LocatedFinding[] {
  const previousName = change.base?.value.spec.policy ?? policy.value.metadata.name;
  const previous = base.policies.get(previousName);
  const findings = previous ? [...policyFindings(previous, policy, shared)] : [];
  const riskBefore = change.base?.value.spec.risk;
  const riskAfter = release.value.spec.risk;
  if (change.base && (RISK_RANK[riskAfter ?? 'low'] ?? 0) < (RISK_RANK[riskBefore ?? 'low'] ?? 0)) {
    // A lower risk class drops the approval that `risk: high` demands before 100%.
    findings.push({ severity: 'weakening', subject: 'risk lowered', before: riskBefore ?? 'low', after: riskAfter ?? 'low', path: ['spec', 'risk'], at: release.locate(['spec', 'risk']) });
  }
  if (!previous) return sortFindings(findings);
  if (previousName !== policy.value.metadata.name) {
    findings.unshift({
      severity: 'change', subject: 'policy switched', before: previousName, after: policy.value.metadata.name,
      path: ['spec', 'policy'], at: release.locate(['spec', 'policy']),
    });
  }
  return sortFindings(findings);
}

/**
 * The analysis unit as the plan states it: under per-user assignment, request-level metrics
 * are judged with intervals too narrow by an unknown factor unless a design effect is
 * declared, and the plan says so before the rollout starts rather than after.
 */
export function describeAnalysisUnit(analysis: { readonly unit?: 'user' | 'request'; readonly designEffect?: number } | undefined): string {
  if ((analysis?.unit ?? 'user') === 'request') return 'request (assignment per request)';
  if (analysis?.designEffect !== undefined && analysis.designEffect !== 1) return `user (request-level variances × design effect ${analysis.designEffect})`;
  return 'user (request-level metrics: intervals too narrow by an unknown factor; send per-user ratios or set analysis.designEffect)';
}
