import { parseDuration } from '../model/duration.js';
import { formatMargin, parseMargin } from '../model/margin.js';
import type { DeployWindow, Gate, RollbackCriterion, RolloutPolicy, Stage } from '../model/index.js';
import { describeRollback, describeWindow } from './describe-policy.js';
import { deepEqual } from './deep-equal.js';
import { formatCount } from './format-values.js';

/**
 * `weakening`: the head lets more through than the base did (a looser gate, a skipped stage).
 * `tightening`: the opposite. `change`: different, with no order between before and after.
 */
export type FindingSeverity = 'weakening' | 'tightening' | 'change';

/** One difference between two versions of a rollout policy. */
export interface PolicyFinding {
  readonly severity: FindingSeverity;
  /** What changed, in the policy's words: ``gate `errors` loosened``. */
  readonly subject: string;
  /** The value before and after, as the YAML would write them; `(none)` when absent. */
  readonly before: string;
  readonly after: string;
  /** Field path in the head policy (its nearest existing parent is located for annotations). */
  readonly path: readonly (string | number)[];
}

/** `gate \`errors\` loosened: maxIncrease 0.5pp → 2pp` */
export function formatFinding(finding: PolicyFinding): string {
  return `${finding.subject}: ${finding.before} → ${finding.after}`;
}

const NONE = '(none)';
const DEFAULT_ALPHA = 0.05;
const DEFAULT_SRM_ALPHA = 0.001;

const FAILURE_STRENGTH: Readonly<Record<string, number>> = { rollback: 3, freeze: 2, pause: 1 };
const NO_DATA_STRENGTH: Readonly<Record<string, number>> = { rollback: 2, hold: 1 };
const INCONCLUSIVE_STRENGTH: Readonly<Record<string, number>> = { rollback: 2, hold: 1, extend: 1 };
const SELF_APPROVAL_STRENGTH: Readonly<Record<string, number>> = { deny: 2, 'deny-high-risk': 1, allow: 0 };

type Spec = RolloutPolicy['spec'];

/**
 * Every difference between `before` and `after` that changes how safely a release rolls out,
 * with weakenings flagged: a gate loosened or dropped, a rollback criterion removed or loosened, a
 * stage or the shadow period skipped, a shorter bake time or fewer samples, an approval dropped,
 * weaker failure handling, hand edits adopted without judging, a wider or removed deploy window.
 * Stages are matched by name, then (renamed) by mode and weight; rollback criteria by metric,
 * quantile and kind of threshold.
 */
export function diffPolicies(before: RolloutPolicy, after: RolloutPolicy): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  // A file unchanged between the revisions is one parsed value in both: nothing to compare.
  if (before === after) return findings;
  const b = before.spec;
  const a = after.spec;
  diffStrategy(b, a, findings);
  diffStages(b, a, findings);
  diffGates(b, a, findings);
  diffRollback(b, a, findings);
  diffHandling(b, a, findings);
  diffAnalysis(b, a, findings);
  diffWindow(b.window, a.window, findings);
  diffFreezes(b, a, findings);
  diffApprovers(b, a, findings);
  return findings;
}

function push(findings: PolicyFinding[], severity: FindingSeverity, subject: string, before: string, after: string, path: readonly (string | number)[]): void {
  findings.push({ severity, subject, before, after, path });
}

const hasShadow = (spec: Spec): boolean => spec.stages.some((s) => s.mode === 'shadow');

function diffStrategy(b: Spec, a: Spec, findings: PolicyFinding[]): void {
  if (hasShadow(b) && !hasShadow(a)) {
    const shadow = b.stages.filter((s) => s.mode === 'shadow').map(describeStage).join(', ');
    push(findings, 'weakening', 'shadow period removed', shadow, NONE, ['spec', 'stages']);
  }
  // What a strategy change weakens shows in the stages it brings; the line itself only explains them.
  if (b.strategy !== a.strategy) push(findings, 'change', 'strategy changed', b.strategy, a.strategy, ['spec', 'strategy']);
}

function servedWeight(stage: Stage): number {
  return stage.mode === 'shadow' ? 0 : stage.weight ?? 0;
}

function describeStage(stage: Stage): string {
  const parts = [stage.mode === 'shadow' ? `\`${stage.name}\` (shadow)` : `\`${stage.name}\` (${stage.weight ?? 0}%)`];
  if (stage.minDuration) parts.push(stage.minDuration);
  if (stage.gates?.length) parts.push(`gates ${stage.gates.join(', ')}`);
  return parts.join(' ');
}

interface StageMatch {
  readonly pairs: (readonly [number, number])[];
  readonly removed: number[];
  readonly added: number[];
}

function matchStages(before: readonly Stage[], after: readonly Stage[]): StageMatch {
  const pairs: (readonly [number, number])[] = [];
  const usedAfter = new Set<number>();
  const unmatched: number[] = [];
  before.forEach((stage, i) => {
    const j = after.findIndex((s, k) => !usedAfter.has(k) && s.name === stage.name);
    if (j >= 0) {
      pairs.push([i, j]);
      usedAfter.add(j);
    } else unmatched.push(i);
  });
  const removed: number[] = [];
  for (const i of unmatched) {
    const stage = before[i] as Stage;
    const j = after.findIndex((s, k) => !usedAfter.has(k) && (s.mode ?? 'traffic') === (stage.mode ?? 'traffic') && servedWeight(s) === servedWeight(stage));
    if (j >= 0) {
      pairs.push([i, j]);
      usedAfter.add(j);
    } else removed.push(i);
  }
  const added = after.map((_, k) => k).filter((k) => !usedAfter.has(k));
  pairs.sort((x, y) => x[0] - y[0]);
  return { pairs, removed, added };
}

function diffStages(b: Spec, a: Spec, findings: PolicyFinding[]): void {
  const match = matchStages(b.stages, a.stages);
  const shadowGone = hasShadow(b) && !hasShadow(a);
  for (const i of match.removed) {
    const stage = b.stages[i] as Stage;
    if (shadowGone && stage.mode === 'shadow') continue;
    push(findings, 'weakening', `stage \`${stage.name}\` removed`, describeStage(stage), NONE, ['spec', 'stages']);
  }
  for (const j of match.added) {
    const stage = a.stages[j] as Stage;
    push(findings, 'tightening', `stage \`${stage.name}\` added`, NONE, describeStage(stage), ['spec', 'stages', j]);
  }
  for (const [i, j] of match.pairs) diffStage(b.stages[i] as Stage, a.stages[j] as Stage, j, a, b, findings);
}

function diffStage(before: Stage, after: Stage, index: number, a: Spec, b: Spec, findings: PolicyFinding[]): void {
  const at = (field: string): (string | number)[] => ['spec', 'stages', index, field];
  const name = `stage \`${after.name}\``;
  if (before.name !== after.name) push(findings, 'change', `stage \`${before.name}\` renamed`, before.name, after.name, at('name'));
  if (before.mode === 'shadow' && after.mode !== 'shadow') {
    push(findings, 'weakening', `${name} now serves users instead of mirroring`, 'shadow', `${after.weight ?? 0}%`, at('mode'));
  } else if (before.mode !== 'shadow' && after.mode === 'shadow') {
    push(findings, 'tightening', `${name} now mirrors instead of serving users`, `${before.weight ?? 0}%`, 'shadow', at('mode'));
  } else if (after.mode !== 'shadow') {
    const wb = before.weight ?? 0;
    const wa = after.weight ?? 0;
    // More users before the gates judge; reaching 100 is the ramp's end, not extra exposure.
    if (wa > wb && wa < 100) push(findings, 'weakening', `${name} exposes more users`, `${wb}%`, `${wa}%`, at('weight'));
    else if (wa !== wb) push(findings, wa < wb ? 'tightening' : 'change', `${name} weight changed`, `${wb}%`, `${wa}%`, at('weight'));
  }
  compareDurations(findings, `${name} bakes for less time`, `${name} bakes longer`, before.minDuration, after.minDuration, at('minDuration'));
  compareDurations(findings, `${name} watch shortened`, `${name} watch lengthened`, before.watch, after.watch, at('watch'));
  if (before.maxDuration !== after.maxDuration) push(findings, 'change', `${name} maxDuration changed`, before.maxDuration ?? NONE, after.maxDuration ?? NONE, at('maxDuration'));
  const sb = before.minSamples ?? 0;
  const sa = after.minSamples ?? 0;
  if (sa < sb) push(findings, 'weakening', `${name} needs fewer samples`, formatCount(sb), sa === 0 ? NONE : formatCount(sa), at('minSamples'));
  else if (sa > sb) push(findings, 'tightening', `${name} needs more samples`, sb === 0 ? NONE : formatCount(sb), formatCount(sa), at('minSamples'));
  const ab = before.approval === 'required';
  const aa = after.approval === 'required';
  if (ab && !aa) push(findings, 'weakening', `${name} approval dropped`, 'required', 'none', at('approval'));
  else if (!ab && aa) push(findings, 'tightening', `${name} approval added`, 'none', 'required', at('approval'));
  diffStageGates(before, after, index, a, b, findings);
  diffSegment(before, after, index, findings);
}

function compareDurations(findings: PolicyFinding[], shorter: string, longer: string, before: string | undefined, after: string | undefined, path: (string | number)[]): void {
  const mb = before === undefined ? 0 : parseDuration(before);
  const ma = after === undefined ? 0 : parseDuration(after);
  if (mb === undefined || ma === undefined || mb === ma) return;
  push(findings, ma < mb ? 'weakening' : 'tightening', ma < mb ? shorter : longer, before ?? NONE, after ?? NONE, path);
}

function diffStageGates(before: Stage, after: Stage, index: number, a: Spec, b: Spec, findings: PolicyFinding[]): void {
  const gb = before.gates ?? [];
  const ga = after.gates ?? [];
  const removed = gb.filter((g) => !ga.includes(g));
  const added = ga.filter((g) => !gb.includes(g));
  const path = ['spec', 'stages', index, 'gates'];
  for (const gate of removed) {
    const definition = b.gates?.[gate];
    const renamed = definition && added.find((g) => deepEqual(a.gates?.[g], definition));
    if (renamed) {
      added.splice(added.indexOf(renamed), 1);
      push(findings, 'change', `gate \`${gate}\` renamed in stage \`${after.name}\``, gate, renamed, path);
    } else {
      push(findings, 'weakening', `stage \`${after.name}\` no longer checks gate \`${gate}\``, gb.join(', '), ga.length ? ga.join(', ') : NONE, path);
    }
  }
  for (const gate of added) push(findings, 'tightening', `stage \`${after.name}\` also checks gate \`${gate}\``, gb.length ? gb.join(', ') : NONE, ga.join(', '), path);
}

function diffSegment(before: Stage, after: Stage, index: number, findings: PolicyFinding[]): void {
  if (deepEqual(before.segment, after.segment)) return;
  const show = (s: Stage['segment']): string => (s ? `${s.attribute} in ${s.values.join(', ')}` : NONE);
  const widened = after.segment !== undefined && (before.segment === undefined
    || before.segment.attribute !== after.segment.attribute
    || after.segment.values.some((v) => !before.segment?.values.includes(v)));
  push(findings, widened ? 'weakening' : 'change', widened ? `stage \`${after.name}\` ring reaches more` : `stage \`${after.name}\` ring changed`, show(before.segment), show(after.segment), ['spec', 'stages', index, 'segment']);
}

function gatesInUse(spec: Spec): Set<string> {
  return new Set(spec.stages.flatMap((s) => s.gates ?? []));
}

function diffGates(b: Spec, a: Spec, findings: PolicyFinding[]): void {
  const usedAfter = gatesInUse(a);
  for (const name of gatesInUse(b)) {
    const before = b.gates?.[name];
    const after = a.gates?.[name];
    if (!before || !after || !usedAfter.has(name) || deepEqual(before, after)) continue;
    diffGate(name, before, after, findings);
  }
}

function diffGate(name: string, before: Gate, after: Gate, findings: PolicyFinding[]): void {
  const at = (field: string): (string | number)[] => ['spec', 'gates', name, field];
  const gate = `gate \`${name}\``;
  if (before.metric !== after.metric) push(findings, 'change', `${gate} judges another metric`, before.metric, after.metric, at('metric'));
  if (before.test !== after.test) push(findings, 'change', `${gate} test changed`, before.test, after.test, at('test'));
  if ((before.versus ?? '') !== (after.versus ?? '')) push(findings, 'change', `${gate} comparison changed`, before.versus ?? 'default', after.versus ?? 'default', at('versus'));
  compareMargins(findings, gate, 'maxIncrease', before.maxIncrease, after.maxIncrease, at('maxIncrease'));
  compareMargins(findings, gate, 'nonInferiority', before.nonInferiority, after.nonInferiority, at('nonInferiority'));
  compareBound(findings, gate, 'max', before.max, after.max, (x, y) => y > x, at('max'));
  compareBound(findings, gate, 'min', before.min, after.min, (x, y) => y < x, at('min'));
  // A higher price on quality, or a lower floor, lets a dearer challenger through a net-benefit gate.
  compareBound(findings, gate, 'willingnessToPay', before.willingnessToPay, after.willingnessToPay, (x, y) => y > x, at('willingnessToPay'));
  if (before.test === 'net-benefit' && after.test === 'net-benefit') compareBound(findings, gate, 'minNetBenefit', before.minNetBenefit ?? 0, after.minNetBenefit ?? 0, (x, y) => y < x, at('minNetBenefit'));
  if (before.quantile !== after.quantile && before.quantile !== undefined && after.quantile !== undefined) {
    // A lower quantile under an upper bound (or a higher one over a lower bound) lets more of the tail through.
    const looser = after.max !== undefined ? after.quantile < before.quantile : after.min !== undefined ? after.quantile > before.quantile : false;
    push(findings, looser ? 'weakening' : 'change', looser ? `${gate} quantile loosened` : `${gate} quantile changed`, String(before.quantile), String(after.quantile), at('quantile'));
  }
  if (before.critical === true && after.critical !== true) push(findings, 'weakening', `${gate} no longer critical`, 'true', String(after.critical ?? false), at('critical'));
  else if (before.critical !== true && after.critical === true) push(findings, 'tightening', `${gate} now critical`, String(before.critical ?? false), 'true', at('critical'));
  if (before.segmentBy && before.segmentBy !== after.segmentBy) push(findings, after.segmentBy ? 'change' : 'weakening', after.segmentBy ? `${gate} segmentBy changed` : `${gate} no longer judges each segment`, before.segmentBy, after.segmentBy ?? NONE, at('segmentBy'));
}

function marginText(m: string | number): string {
  const parsed = parseMargin(m);
  return parsed ? formatMargin(parsed) : String(m);
}

function compareMargins(findings: PolicyFinding[], gate: string, field: string, before: string | number | undefined, after: string | number | undefined, path: (string | number)[]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    push(findings, 'tightening', `${gate} adds ${field}`, NONE, marginText(after as string | number), path);
    return;
  }
  if (after === undefined) {
    push(findings, 'weakening', `${gate} drops ${field}`, marginText(before), NONE, path);
    return;
  }
  const mb = parseMargin(before);
  const ma = parseMargin(after);
  if (!mb || !ma || (mb.kind === ma.kind && mb.value === ma.value)) return;
  if (mb.kind !== ma.kind) {
    push(findings, 'change', `${gate} ${field} changed units (cannot tell whether it is looser)`, formatMargin(mb), formatMargin(ma), path);
    return;
  }
  const looser = ma.value > mb.value;
  push(findings, looser ? 'weakening' : 'tightening', `${gate} ${field} ${looser ? 'loosened' : 'tightened'}`, formatMargin(mb), formatMargin(ma), path);
}

function compareBound(findings: PolicyFinding[], gate: string, field: string, before: number | undefined, after: number | undefined, looser: (b: number, a: number) => boolean, path: (string | number)[]): void {
  if (before === after) return;
  if (before === undefined) {
    push(findings, 'tightening', `${gate} adds bound ${field}`, NONE, String(after), path);
  } else if (after === undefined) {
    push(findings, 'weakening', `${gate} drops bound ${field}`, String(before), NONE, path);
  } else {
    const isLooser = looser(before, after);
    push(findings, isLooser ? 'weakening' : 'tightening', `${gate} ${field} ${isLooser ? 'loosened' : 'tightened'}`, String(before), String(after), path);
  }
}

type ThresholdKind = 'above' | 'below' | 'increase' | 'drop';
const THRESHOLD_KINDS: readonly ThresholdKind[] = ['above', 'below', 'increase', 'drop'];

function thresholdKind(c: RollbackCriterion): ThresholdKind | undefined {
  return THRESHOLD_KINDS.find((k) => c[k] !== undefined);
}

function rollbackKey(c: RollbackCriterion): string {
  return `${c.metric}\u0000${c.quantile ?? ''}\u0000${thresholdKind(c) ?? ''}\u0000${c.test ?? ''}`;
}

function diffRollback(b: Spec, a: Spec, findings: PolicyFinding[]): void {
  const unmatchedAfter = a.rollback.map((_, j) => j);
  b.rollback.forEach((criterion) => {
    const key = rollbackKey(criterion);
    const position = unmatchedAfter.findIndex((j) => rollbackKey(a.rollback[j] as RollbackCriterion) === key);
    if (position < 0) {
      push(findings, 'weakening', 'rollback criterion removed', describeRollback(criterion), NONE, ['spec', 'rollback']);
      return;
    }
    const j = unmatchedAfter[position] as number;
    unmatchedAfter.splice(position, 1);
    compareThreshold(criterion, a.rollback[j] as RollbackCriterion, j, findings);
  });
  for (const j of unmatchedAfter) push(findings, 'tightening', 'rollback criterion added', NONE, describeRollback(a.rollback[j] as RollbackCriterion), ['spec', 'rollback', j]);
}

function compareThreshold(before: RollbackCriterion, after: RollbackCriterion, index: number, findings: PolicyFinding[]): void {
  const kind = thresholdKind(before);
  if (!kind) return;
  const vb = before[kind] as string | number;
  const va = after[kind] as string | number;
  const subject = `rollback on ${before.metric}${before.quantile !== undefined ? ` p${Number((before.quantile * 100).toPrecision(6))}` : ''}${before.test === 'net-benefit' ? ' net benefit' : ''} ${kind}`;
  const path = ['spec', 'rollback', index, kind];
  // As for a net-benefit gate: a higher price of quality credits the challenger's gains more, so the criterion fires later.
  if (before.test === 'net-benefit' && before.willingnessToPay !== undefined && after.willingnessToPay !== undefined && before.willingnessToPay !== after.willingnessToPay) {
    const looser = after.willingnessToPay > before.willingnessToPay;
    push(findings, looser ? 'weakening' : 'tightening', `rollback on ${before.metric} net benefit willingnessToPay ${looser ? 'loosened' : 'tightened'}`, String(before.willingnessToPay), String(after.willingnessToPay), ['spec', 'rollback', index, 'willingnessToPay']);
  }
  if (kind === 'above' || kind === 'below') {
    const nb = vb as number;
    const na = va as number;
    if (nb === na) return;
    const looser = kind === 'above' ? na > nb : na < nb;
    push(findings, looser ? 'weakening' : 'tightening', `${subject} ${looser ? 'loosened' : 'tightened'}`, String(nb), String(na), path);
    return;
  }
  const mb = parseMargin(vb);
  const ma = parseMargin(va);
  if (!mb || !ma || (mb.kind === ma.kind && mb.value === ma.value)) return;
  if (mb.kind !== ma.kind) {
    push(findings, 'change', `${subject} changed units (cannot tell whether it is looser)`, formatMargin(mb), formatMargin(ma), path);
    return;
  }
  const looser = ma.value > mb.value;
  push(findings, looser ? 'weakening' : 'tightening', `${subject} ${looser ? 'loosened' : 'tightened'}`, formatMargin(mb), formatMargin(ma), path);
}

function compareStrength(findings: PolicyFinding[], field: 'onFailure' | 'onNoData' | 'onInconclusive' | 'selfApproval', strength: Readonly<Record<string, number>>, before: string, after: string): void {
  if (before === after) return;
  const sb = strength[before] ?? 0;
  const sa = strength[after] ?? 0;
  const severity: FindingSeverity = sa < sb ? 'weakening' : sa > sb ? 'tightening' : 'change';
  const verb = severity === 'weakening' ? 'weaker' : severity === 'tightening' ? 'stricter' : 'changed';
  push(findings, severity, `${field} ${verb}`, before, after, ['spec', field]);
}

function diffHandling(b: Spec, a: Spec, findings: PolicyFinding[]): void {
  compareStrength(findings, 'onFailure', FAILURE_STRENGTH, b.onFailure ?? 'rollback', a.onFailure ?? 'rollback');
  compareStrength(findings, 'onNoData', NO_DATA_STRENGTH, b.onNoData ?? 'hold', a.onNoData ?? 'hold');
  compareStrength(findings, 'onInconclusive', INCONCLUSIVE_STRENGTH, b.onInconclusive ?? 'hold', a.onInconclusive ?? 'hold');
  compareStrength(findings, 'selfApproval', SELF_APPROVAL_STRENGTH, b.selfApproval ?? 'allow', a.selfApproval ?? 'allow');
  const manualBefore = b.manualTrafficChanges ?? 'restore';
  const manualAfter = a.manualTrafficChanges ?? 'restore';
  if (manualBefore !== manualAfter) {
    const adopts = manualAfter === 'adopt';
    const subject = adopts ? 'manualTrafficChanges weaker (a hand edit to the next stage skips the current stage\'s gates and bake time)' : 'manualTrafficChanges stricter';
    push(findings, adopts ? 'weakening' : 'tightening', subject, manualBefore, manualAfter, ['spec', 'manualTrafficChanges']);
  }
}

function diffAnalysis(b: Spec, a: Spec, findings: PolicyFinding[]): void {
  const alphaB = b.analysis?.alpha ?? DEFAULT_ALPHA;
  const alphaA = a.analysis?.alpha ?? DEFAULT_ALPHA;
  if (alphaA !== alphaB) {
    push(findings, alphaA > alphaB ? 'weakening' : 'tightening', `analysis.alpha ${alphaA > alphaB ? 'raised (more false passes)' : 'lowered'}`, String(alphaB), String(alphaA), ['spec', 'analysis', 'alpha']);
  }
  const srmB = b.analysis?.srmAlpha ?? DEFAULT_SRM_ALPHA;
  const srmA = a.analysis?.srmAlpha ?? DEFAULT_SRM_ALPHA;
  if (srmA !== srmB) {
    push(findings, srmA < srmB ? 'weakening' : 'change', `analysis.srmAlpha ${srmA < srmB ? 'lowered (a broken split is caught later)' : 'raised'}`, String(srmB), String(srmA), ['spec', 'analysis', 'srmAlpha']);
  }
  const powerB = b.analysis?.power;
  const powerA = a.analysis?.power;
  if (powerA !== powerB) push(findings, 'change', 'analysis.power changed (duration estimates)', String(powerB ?? 'default'), String(powerA ?? 'default'), ['spec', 'analysis', 'power']);
}

/** Minutes of the day a window's hours cover, as [start, end) intervals. */
function windowMinutes(hours: string | undefined): [number, number][] {
  const match = hours ? /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(hours) : null;
  if (!match) return [[0, 1440]];
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  if (start === end) return [[0, 1440]];
  return start < end ? [[start, end]] : [[start, 1440], [0, end]];
}

function covers(outer: [number, number][], inner: [number, number][]): boolean {
  return inner.every(([s, e]) => outer.some(([os, oe]) => os <= s && e <= oe));
}

function diffWindow(before: DeployWindow | undefined, after: DeployWindow | undefined, findings: PolicyFinding[]): void {
  if (deepEqual(before, after)) return;
  const path = ['spec', 'window'];
  if (!before) {
    push(findings, 'tightening', 'deploy window added', describeWindow(before), describeWindow(after), path);
    return;
  }
  if (!after) {
    push(findings, 'weakening', 'deploy window removed', describeWindow(before), describeWindow(after), path);
    return;
  }
  const allDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const daysB = before.days ?? allDays;
  const daysA = after.days ?? allDays;
  const minutesB = windowMinutes(before.hours);
  const minutesA = windowMinutes(after.hours);
  const widened = daysA.some((d) => !daysB.includes(d)) || !covers(minutesB, minutesA);
  const narrowed = daysB.some((d) => !daysA.includes(d)) || !covers(minutesA, minutesB);
  if (widened) push(findings, 'weakening', 'deploy window widened', describeWindow(before), describeWindow(after), path);
  else if (narrowed) push(findings, 'tightening', 'deploy window narrowed', describeWindow(before), describeWindow(after), path);
  if (before.timezone !== after.timezone && !widened) push(findings, 'change', 'deploy window time zone changed', before.timezone, after.timezone, [...path, 'timezone']);
}

function diffFreezes(b: Spec, a: Spec, findings: PolicyFinding[]): void {
  const key = (f: { from: string; until: string }): string => `${f.from}–${f.until}`;
  const after = new Set((a.freezes ?? []).map(key));
  const before = new Set((b.freezes ?? []).map(key));
  for (const freeze of b.freezes ?? []) {
    if (!after.has(key(freeze))) push(findings, 'weakening', 'freeze removed', `${key(freeze)}${freeze.reason ? ` (${freeze.reason})` : ''}`, NONE, ['spec', 'freezes']);
  }
  (a.freezes ?? []).forEach((freeze, j) => {
    if (!before.has(key(freeze))) push(findings, 'tightening', 'freeze added', NONE, key(freeze), ['spec', 'freezes', j]);
  });
}

function diffApprovers(b: Spec, a: Spec, findings: PolicyFinding[]): void {
  if (deepEqual(b.approvers, a.approvers)) return;
  const show = (list: readonly string[] | undefined): string => (list ? list.join(', ') : 'config approvers');
  push(findings, 'change', 'approvers changed', show(b.approvers), show(a.approvers), ['spec', 'approvers']);
}

/** Weakenings first, then tightenings, then other changes; policy order within each. */
export function sortFindings<T extends PolicyFinding>(findings: readonly T[]): T[] {
  const rank: Record<FindingSeverity, number> = { weakening: 0, tightening: 1, change: 2 };
  return findings.map((f, i) => ({ f, i })).sort((x, y) => rank[x.f.severity] - rank[y.f.severity] || x.i - y.i).map((x) => x.f);
}
