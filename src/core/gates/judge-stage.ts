import { DEFAULT_TUNE_N, holm } from '../stats/index.js';
import type { MetricDefinition, RolloutPolicy, Stage } from '../model/index.js';
import type { ArmMetrics } from '../metrics/arm-data.js';
import { armRequests } from '../metrics/arm-requests.js';
import type { MetricsResult } from '../metrics/metrics-result.js';
import { checkSplit } from './check-split.js';
import { formatCount, pPhrase } from './format-evidence.js';
import { GateConfigError } from './gate-config-error.js';
import { measureCriterion, type CriterionMeasurement } from './measure-criterion.js';
import { measureGate, type GateMeasurement, type MeasureContext } from './measure-gate.js';
import type { JudgementOutcome, SrmResult, StageJudgement } from './judgement.js';
import type { Verdict } from './verdict.js';

export interface JudgeStageInput {
  readonly release: string;
  readonly policy: RolloutPolicy;
  readonly stage: Stage;
  /** The config's metric definitions (gates and criteria name their metric). */
  readonly metrics: readonly MetricDefinition[];
  /** What the metrics source answered; a failed query is judged as no data. */
  readonly result: MetricsResult;
  /**
   * Metrics a source could not measure this window (its outage, or a reading it could not give),
   * each with why, naming the source: judged as no data with that reason, while the others are judged.
   */
  readonly unavailable?: Readonly<Record<string, string>>;
  /** Set when some sources failed as a whole while others answered: kept as the judgement's sourceError. */
  readonly sourceError?: string;
  /** The canary's configured share in percent, for the split check. Default: the stage's weight. */
  readonly canaryWeight?: number;
  /**
   * Where the confidence sequences are tightest, in the smaller arm's observations: the stage's
   * planned canary count (see plannedArmSamples). Default: the stage's minSamples, else 10,000.
   */
  readonly tuneN?: number;
}

const DEFAULT_ALPHA = 0.05;
const DEFAULT_SRM_ALPHA = 0.001;

/**
 * Judges one stage's metrics: the split check, every gate, every rollback criterion, and the
 * outcome they add up to. Pure: the same input always gives the same judgement, so an audit
 * record's inputs replay to its verdicts.
 *
 * How the statistics combine:
 * - Every test is a one-sided question answered with an always-valid p-value (a confidence
 *   sequence's dual), so a stage may be judged every few minutes without inflating false alarms.
 * - Fails: the stage fails when any gate fails, so the gates' fail p-values (with every segment
 *   hypothesis of gates with `segmentBy`) form one family, Holm-adjusted; a gate fails when its
 *   adjusted p-value is ≤ alpha. Always-valid p-values are valid p-values at every look, so
 *   Holm's step-down applies to them unchanged and the family-wise false-failure rate stays ≤
 *   alpha over all looks together.
 * - Passes: the stage passes only when every gate passes — an intersection–union test, whose
 *   level is alpha without correction — so each gate passes when its own always-valid pass
 *   p-value is ≤ alpha. Segments can fail a gate but are not required to pass (a small tenant
 *   would otherwise hold every rollout).
 * - Rollback criteria are their own family, Holm-adjusted the same way.
 */
export function judgeStage(input: JudgeStageInput): StageJudgement {
  const { policy, stage, result } = input;
  const alpha = policy.spec.analysis?.alpha ?? DEFAULT_ALPHA;
  const srmAlpha = policy.spec.analysis?.srmAlpha ?? DEFAULT_SRM_ALPHA;
  const minSamples = stage.minSamples ?? 0;
  const tuneN = input.tuneN ?? (minSamples > 0 ? minSamples : DEFAULT_TUNE_N);
  const unit = policy.spec.analysis?.unit ?? 'user';
  const designEffect = policy.spec.analysis?.designEffect ?? 1;
  const ctx: MeasureContext = { alpha, tuneN, ...(designEffect !== 1 ? { designEffect } : {}), assignment: unit };
  const analysis = { alpha, srmAlpha, tuneN, minSamples, unit, ...(designEffect !== 1 ? { designEffect } : {}) };
  const gates = resolveGates(input);
  const criteria = resolveCriteria(input);
  const canaryWeight = input.canaryWeight ?? stage.weight;
  const base = { release: input.release, stage: stage.name, analysis };

  if (!result.ok) {
    const reason = `the metrics source failed: ${result.error}`;
    const noData = (v: { name: string; metric: string; critical?: boolean }): Verdict => ({ gate: v.name, metric: v.metric, verdict: 'no-data', reason, ...(v.critical ? { critical: true } : {}) });
    return {
      ...base,
      outcome: 'no-data',
      reason: `${reason} — Glidepath never advances on missing data`,
      srm: { verdict: 'not-applicable', reason: 'no data' },
      gates: gates.map((g) => noData({ name: g.name, metric: g.gate.metric, critical: g.gate.critical === true })),
      rollback: criteria.map((c) => noData({ name: c.name, metric: c.criterion.metric })),
      samples: { control: 0, canary: 0 },
      sourceError: result.error,
    };
  }

  const snapshot = result.snapshot;
  const samples = armRequests(snapshot);
  const srm = checkSplit({ stage, canaryWeight, requests: samples, ...(snapshot.units ? { units: snapshot.units } : {}), assignment: unit, srmAlpha, tuneN });
  const hasControl = stage.mode === 'shadow' || canaryWeight === undefined || canaryWeight < 100;

  const unavailable = input.unavailable ?? {};
  const gateVerdicts = judgeGates(gates, snapshot.arms, snapshot.segments, ctx).map((v) => silenced(v, unavailable));
  const rollbackVerdicts = judgeCriteria(criteria, snapshot.arms, hasControl, ctx).map((v) => silenced(v, unavailable));
  const { outcome, reason } = outcomeOf(gateVerdicts, rollbackVerdicts, srm, samples, minSamples, gates.length);
  return { ...base, outcome, reason, srm, gates: gateVerdicts, rollback: rollbackVerdicts, samples, ...(input.sourceError !== undefined ? { sourceError: input.sourceError } : {}) };
}

/** A no-data verdict on a metric its source could not measure says so, instead of only "no data". */
function silenced(verdict: Verdict, unavailable: Readonly<Record<string, string>>): Verdict {
  const why = unavailable[verdict.metric];
  if (why === undefined || verdict.verdict !== 'no-data' || verdict.skipped !== undefined) return verdict;
  return { ...verdict, reason: why, ...(verdict.segments ? { segments: verdict.segments.map((s) => silenced(s, unavailable)) } : {}) };
}

interface ResolvedGate {
  readonly name: string;
  readonly gate: NonNullable<RolloutPolicy['spec']['gates']>[string];
  readonly metric: MetricDefinition;
}

function resolveGates(input: JudgeStageInput): ResolvedGate[] {
  const { policy, stage } = input;
  const definitions = new Map(input.metrics.map((m) => [m.name, m]));
  return (stage.gates ?? []).map((name) => {
    const gate = policy.spec.gates?.[name];
    if (!gate) {
      const known = Object.keys(policy.spec.gates ?? {});
      throw new GateConfigError(`policy ${policy.metadata.name}: stage ${stage.name} lists gate ${name}, which spec.gates does not define${known.length ? ` (gates: ${known.join(', ')})` : ''}`);
    }
    const metric = definitions.get(gate.metric);
    if (!metric) throw new GateConfigError(`policy ${policy.metadata.name}: spec.gates.${name}.metric: no metric named ${gate.metric} in glidepath.yaml's spec.metrics.definitions`);
    return { name, gate, metric };
  });
}

function resolveCriteria(input: JudgeStageInput) {
  const definitions = new Map(input.metrics.map((m) => [m.name, m]));
  return input.policy.spec.rollback.map((criterion, i) => {
    const metric = definitions.get(criterion.metric);
    if (!metric) throw new GateConfigError(`policy ${input.policy.metadata.name}: spec.rollback[${i}].metric: no metric named ${criterion.metric} in glidepath.yaml's spec.metrics.definitions`);
    return { name: `rollback[${i}]`, criterion, metric, where: `policy ${input.policy.metadata.name}: spec.rollback[${i}]` };
  });
}

interface Hypothesis {
  readonly gate: ResolvedGate;
  readonly measurement: Extract<GateMeasurement, { status: 'measured' }>;
  readonly segment?: { readonly attribute: string; readonly value: string };
  adjusted: number;
}

function judgeGates(gates: readonly ResolvedGate[], arms: Readonly<Record<'control' | 'canary', ArmMetrics>>, segments: StageSegments, ctx: MeasureContext): Verdict[] {
  const family: Hypothesis[] = [];
  const perGate = gates.map((g) => {
    const aggregate = measureGate(g.name, g.gate, g.metric, arms.control[g.gate.metric], arms.canary[g.gate.metric], ctx);
    const aggregateHypothesis = aggregate.status === 'measured' ? push(family, { gate: g, measurement: aggregate, adjusted: 1 }) : undefined;
    const segmentResults: { value: string; attribute: string; measurement: GateMeasurement; hypothesis?: Hypothesis }[] = [];
    const attribute = g.gate.segmentBy;
    const bySegment = attribute === undefined ? undefined : segments?.[attribute];
    if (attribute !== undefined && bySegment) {
      for (const [value, segmentArms] of Object.entries(bySegment)) {
        const m = measureGate(g.name, g.gate, g.metric, segmentArms.control?.[g.gate.metric], segmentArms.canary?.[g.gate.metric], ctx);
        const segment = { attribute, value };
        segmentResults.push({ ...segment, measurement: m, ...(m.status === 'measured' ? { hypothesis: push(family, { gate: g, measurement: m, segment, adjusted: 1 }) } : {}) });
      }
    }
    return { g, aggregate, aggregateHypothesis, segmentResults };
  });

  const adjusted = family.length > 0 ? holm(family.map((h) => h.measurement.failP)) : [];
  family.forEach((h, i) => (h.adjusted = adjusted[i]!));

  return perGate.map(({ g, aggregate, aggregateHypothesis, segmentResults }) => {
    const own = toVerdict(g, aggregate, aggregateHypothesis, ctx);
    if (segmentResults.length === 0) return own;
    const segmentVerdicts = segmentResults.map((s) => toVerdict(g, s.measurement, s.hypothesis, ctx, { attribute: s.attribute, value: s.value }));
    const failing = segmentVerdicts.filter((v) => v.verdict === 'fail').sort((a, b) => (a.evidence?.pValue ?? 1) - (b.evidence?.pValue ?? 1));
    const worst = failing[0];
    if (!worst) return { ...own, segments: segmentVerdicts };
    return { ...worst, reason: `fails in ${worst.segment!.attribute}=${worst.segment!.value} (aggregate: ${own.verdict}): ${worst.reason}`, segments: segmentVerdicts };
  });
}

type StageSegments = Readonly<Record<string, Readonly<Record<string, Readonly<Partial<Record<'control' | 'canary', ArmMetrics>>>>>>> | undefined;

function push(family: Hypothesis[], h: Hypothesis): Hypothesis {
  family.push(h);
  return h;
}

function toVerdict(g: ResolvedGate, m: GateMeasurement, h: Hypothesis | undefined, ctx: MeasureContext, segment?: { attribute: string; value: string }): Verdict {
  const head = { gate: g.name, metric: g.metric.name, ...(g.gate.critical ? { critical: true } : {}), ...(segment ? { segment } : {}) };
  const where = segment ? `in ${segment.attribute}=${segment.value}, ` : '';
  if (m.status === 'no-data' || !h) {
    const reason = m.status === 'no-data' ? m.reason : 'no data';
    return { ...head, verdict: 'no-data', reason: `${where}${reason}`, evidence: { test: m.test, n: m.n } };
  }
  const evidence = {
    test: m.test,
    statistic: m.statistic,
    pValue: h.adjusted,
    rawPValue: m.failP,
    passPValue: m.passP,
    effect: m.effect,
    interval: m.interval,
    n: m.n,
    ...(m.threshold === undefined ? {} : { threshold: m.threshold }),
    ...(m.passThreshold === undefined ? {} : { passThreshold: m.passThreshold }),
    estimates: m.estimates,
    ...unitEvidence(m.unit, ctx),
  };
  const n = `n = ${formatCount(m.n.canary)} canary / ${formatCount(m.n.control)} control`;
  const caveat = unitCaveat(m.unit, ctx);
  if (m.degenerate) return { ...head, verdict: 'inconclusive', reason: `${where}${m.subject} cannot be judged yet: ${m.degenerate} (${n})${caveat}`, evidence };
  if (h.adjusted <= ctx.alpha) {
    return { ...head, verdict: 'fail', reason: `${where}${m.subject} is ${m.failClaim}: ${m.summary}; ${pPhrase(h.adjusted)} (always-valid, Holm-adjusted) ≤ ${ctx.alpha}${caveat}`, evidence };
  }
  if (m.passP <= ctx.alpha) {
    return { ...head, verdict: 'pass', reason: `${where}${m.subject} is ${m.passClaim}: ${m.summary}; ${pPhrase(m.passP)} (always-valid) ≤ ${ctx.alpha}${caveat}`, evidence };
  }
  return { ...head, verdict: 'inconclusive', reason: `${where}${m.subject} is not yet shown ${m.passClaim}, nor ${m.failClaim}: ${m.summary}${caveat}`, evidence };
}

/**
 * The unit a verdict was judged on, for its evidence: `user` for ratios over units; for
 * request-level data, the design effect its variances were widened by, when one was declared.
 */
function unitEvidence(unit: 'user' | 'request', ctx: MeasureContext): { unit: 'user' | 'request'; designEffect?: number } {
  return unit === 'request' && ctx.designEffect !== undefined ? { unit, designEffect: ctx.designEffect } : { unit };
}

/**
 * What a verdict must say when it was judged on request-level data although the provider
 * assigns users: its intervals treat correlated requests as independent, so they are too
 * narrow by a factor nobody measured — unless the policy declares one. Nothing pretends
 * independence silently (decision 0012).
 */
export function unitCaveat(unit: 'user' | 'request', ctx: MeasureContext): string {
  if (unit === 'user' || ctx.assignment === 'request') return '';
  if (ctx.designEffect !== undefined) return ` (request-level data under per-user assignment: variances widened by the declared design effect ${ctx.designEffect})`;
  return `; ${REQUEST_LEVEL_CAVEAT}`;
}

/** The warning on request-level data under per-user assignment, as verdicts and the plan say it. */
export const REQUEST_LEVEL_CAVEAT = 'request-level data under per-user assignment: intervals too narrow by an unknown factor (send per-user ratio statistics, or declare analysis.designEffect)';

function judgeCriteria(criteria: ReturnType<typeof resolveCriteria>, arms: Readonly<Record<'control' | 'canary', ArmMetrics>>, hasControl: boolean, ctx: MeasureContext): Verdict[] {
  const measurements: CriterionMeasurement[] = criteria.map((c) => measureCriterion(c.criterion, c.metric, arms.control[c.criterion.metric], arms.canary[c.criterion.metric], hasControl, ctx, c.where));
  const measuredIndexes = measurements.flatMap((m, i) => (m.status === 'measured' ? [i] : []));
  const adjusted = holm(measuredIndexes.map((i) => (measurements[i] as Extract<CriterionMeasurement, { status: 'measured' }>).fireP));
  return criteria.map((c, i) => {
    const m = measurements[i]!;
    const head = { gate: c.name, metric: c.metric.name };
    if (m.status !== 'measured') return { ...head, verdict: 'no-data', reason: m.reason, ...(m.status === 'skipped' ? { skipped: m.reason } : {}), evidence: { test: m.test, n: m.n } };
    const p = adjusted[measuredIndexes.indexOf(i)]!;
    const evidence = { test: m.test, statistic: m.statistic, pValue: p, rawPValue: m.fireP, effect: m.effect, interval: m.interval, n: m.n, threshold: m.threshold, estimates: m.estimates, ...unitEvidence(m.unit, ctx) };
    const caveat = unitCaveat(m.unit, ctx);
    if (p <= ctx.alpha) return { ...head, verdict: 'fail', reason: `fired: ${m.condition} is shown: ${m.summary}; ${pPhrase(p)} (always-valid, Holm-adjusted) ≤ ${ctx.alpha}${caveat}`, evidence };
    return { ...head, verdict: 'pass', reason: `not fired: ${m.condition} is not shown: ${m.summary}; ${pPhrase(p)}${caveat}`, evidence };
  });
}

/**
 * Outcome precedence: a fired rollback criterion first — it is the safe direction (it restores
 * the known-good champion), and a broken split does not excuse an outage; absolute criteria do
 * not even depend on the split — then a broken split (no comparison counts), critical gate
 * failures, failures, missing data (never advance on it), too few samples, inconclusive gates,
 * and pass.
 */
function outcomeOf(gates: readonly Verdict[], rollback: readonly Verdict[], srm: SrmResult, samples: { control: number; canary: number }, minSamples: number, gateCount: number): { outcome: JudgementOutcome; reason: string } {
  const n = `n = ${formatCount(samples.canary)} canary / ${formatCount(samples.control)} control`;
  const names = (vs: readonly Verdict[]) => vs.map((v) => v.gate).join(', ');
  const fired = rollback.filter((v) => v.verdict === 'fail');
  if (fired.length > 0) {
    const split = srm.verdict === 'mismatch' ? ` (the traffic split is also broken: ${srm.reason})` : '';
    return { outcome: 'rollback', reason: `rollback criterion ${names(fired)} fired (${fired[0]!.metric}): ${fired[0]!.reason}${split}` };
  }
  if (srm.verdict === 'mismatch') return { outcome: 'srm', reason: srm.reason ?? 'the traffic split is broken' };
  const critical = gates.filter((v) => v.verdict === 'fail' && v.critical);
  if (critical.length > 0) return { outcome: 'critical-fail', reason: `critical gate ${names(critical)} failed: ${critical[0]!.reason}` };
  const failed = gates.filter((v) => v.verdict === 'fail');
  if (failed.length > 0) return { outcome: 'fail', reason: `gate ${names(failed)} failed: ${failed[0]!.reason}` };
  const missing = [...gates, ...rollback.filter((v) => !v.skipped)].filter((v) => v.verdict === 'no-data');
  if (missing.length > 0) return { outcome: 'no-data', reason: `no data for ${names(missing)}: ${missing[0]!.reason} — Glidepath never advances on missing data` };
  if (Math.min(samples.control, samples.canary) < minSamples) {
    return { outcome: 'insufficient-samples', reason: `too few requests yet: ${n}, below minSamples ${formatCount(minSamples)} per arm` };
  }
  const open = gates.filter((v) => v.verdict === 'inconclusive');
  if (open.length > 0) return { outcome: 'inconclusive', reason: `${names(open)} inconclusive (${n}): ${open[0]!.reason}` };
  if (gateCount === 0) return { outcome: 'pass', reason: `no gates in this stage and no rollback criterion fired (${n})` };
  return { outcome: 'pass', reason: `${gateCount === 1 ? 'the gate' : `all ${gateCount} gates`} passed and no rollback criterion fired (${n})` };
}
