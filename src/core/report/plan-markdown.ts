import { describeCapabilities, stickinessWarning } from '../validate/rules/provider-capability-rules.js';
import type { BundleDiff } from '../plan/bundle-diff.js';
import { formatLineStat } from '../plan/bundle-diff.js';
import type { LocatedFinding, Plan, ReleasePlan } from '../plan/build-plan.js';
import { MANUAL_ADOPT_WARNING, weakeningReleases } from '../plan/build-plan.js';
import { aboutHours, formatHours } from '../model/duration.js';
import { formatCount, formatPercent } from '../plan/format-values.js';
import { formatFinding } from '../plan/policy-diff.js';
import type { PlannedStage } from '../plan/stage-plan.js';
import { fitSections } from './fit-sections.js';
import { offlineGateMarkdown } from './offline-gate.js';
import { cell, code, codeCell, prose, shortRef } from './markdown.js';
import { planHeadline } from './plan-headline.js';

/** GitHub's limit on an issue comment's body. */
export const COMMENT_MAX_CHARS = 65_536;
/** GitHub's limit on a job summary (1 MiB), with room for the runner's own framing. */
export const JOB_SUMMARY_MAX_CHARS = 1_000_000;

export const CHANGE_LABELS: Readonly<Record<ReleasePlan['kind'], string>> = { added: 'new', modified: 'modified', removed: 'removed' };

export interface CommentOptions {
  /** The hidden marker that makes the comment sticky (`<!-- glidepath:plan -->`). */
  readonly marker: string;
  /** The check run with the full plan, linked when the comment has to be cut. */
  readonly checkRunUrl?: string;
  readonly checkName?: string;
  readonly maxChars?: number;
}

/** One stage as the ramp shows it: `shadow`, `5%`, `ring 3 tenants + 5%`. */
export function rampStep(stage: PlannedStage): string {
  if (stage.mode === 'shadow') return 'shadow';
  if (stage.mode === 'ring') return `ring ${stage.segment?.values.length ?? 0} + ${formatPercent(stage.share)}`;
  return formatPercent(stage.share);
}

export function rampText(release: ReleasePlan): string {
  return release.stages.length > 0 ? release.stages.map(rampStep).join(' → ') : '—';
}

export function exposureText(release: ReleasePlan): string {
  const radius = release.blastRadius;
  if (!radius) return '—';
  if (radius.exposedBeforeFull === undefined) return 'unknown (no traffic figure)';
  return `≥ ${formatCount(radius.exposedBeforeFull)}${radius.exposureComplete ? '' : ' (some stages unbounded)'}`;
}

export function timeToFullText(release: ReleasePlan): string {
  const radius = release.blastRadius;
  if (!radius) return '—';
  if (radius.hoursToFull === undefined) return release.stages.some((s) => s.share >= 100) ? 'unknown' : 'never reaches 100%';
  const watch = radius.watchHours !== undefined ? ` + ${formatHours(radius.watchHours)} watch` : '';
  return `≥ ${formatHours(radius.hoursToFull)}${watch}`;
}

function weakens(release: ReleasePlan): boolean {
  return release.findings.some((f) => f.severity === 'weakening');
}

function where(finding: LocatedFinding): string {
  return finding.at ? ` (${finding.at.file}:${finding.at.line})` : '';
}

/** The top of every Markdown rendering: headline, overview table, weakenings. */
export function renderPlanOverview(plan: Plan): string {
  const lines = ['### Glidepath plan', '', `**${planHeadline(plan)}**`];
  if (plan.baseRef !== undefined || plan.headRef !== undefined) {
    lines.push('', `Base ${code(shortRef(plan.baseRef ?? '?'))} → head ${code(shortRef(plan.headRef ?? '?'))}.`);
  }
  if (plan.releases.length > 0) {
    lines.push(
      '',
      '| Release | Change | Policy | Ramp | Peak before 100% | Challenger requests before 100% | Time to 100% |',
      '|---|---|---|---|---|---|---|',
    );
    for (const r of plan.releases) {
      const policy = r.policy ? `${codeCell(r.policy.name)}${weakens(r) ? ' ⚠' : ''}` : '—';
      const peak = r.blastRadius ? formatPercent(r.blastRadius.peakShareBeforeFull) : '—';
      lines.push(`| ${codeCell(r.name)} | ${CHANGE_LABELS[r.kind]} | ${policy} | ${cell(rampText(r))} | ${peak} | ${cell(exposureText(r))} | ${cell(timeToFullText(r))} |`);
    }
  }
  const weakening = weakeningReleases(plan);
  if (weakening.length > 0) {
    lines.push('', '#### ⚠ Weakenings', '');
    for (const r of weakening) {
      lines.push(`- ${code(r.name)} (policy ${code(r.policy?.name ?? '?')}):`);
      for (const f of r.findings.filter((x) => x.severity === 'weakening')) lines.push(`  - ${prose(formatFinding(f))}${where(f)}`);
    }
  }
  const orphans = plan.policies.filter((p) => p.usedBy.length === 0);
  if (orphans.length > 0) {
    lines.push('', `Policies changed that no release follows: ${orphans.map((p) => `${code(p.name)} (${CHANGE_LABELS[p.kind]})`).join(', ')}.`);
  }
  return lines.join('\n');
}

function bundleRows(bundle: BundleDiff): string[] {
  const rows = ['| | Champion | Challenger |', '|---|---|---|'];
  const same = (changed: boolean): string => (changed ? '' : ' (same)');
  rows.push(`| Model | ${codeCell(bundle.model.champion)} | ${codeCell(bundle.model.challenger)}${same(bundle.model.changed)} |`);
  const p = bundle.prompt;
  if (p.champion !== undefined || p.challenger !== undefined) {
    const stat = p.stat ? ` (${formatLineStat(p.stat)})` : p.missing.length > 0 ? ` (not found: ${p.missing.map(codeCell).join(', ')})` : '';
    rows.push(`| Prompt | ${p.champion !== undefined ? codeCell(p.champion) : '—'} | ${p.challenger !== undefined ? codeCell(p.challenger) : '—'}${cell(stat)} |`);
  }
  for (const change of bundle.parameters) {
    const show = (v: unknown): string => (v === undefined ? '—' : codeCell(JSON.stringify(v)));
    rows.push(`| ${cell(change.name)} | ${show(change.champion)} | ${show(change.challenger)} |`);
  }
  if (bundle.tools.added.length > 0 || bundle.tools.removed.length > 0) {
    const removed = bundle.tools.removed.map((t) => `−${codeCell(t)}`);
    const added = bundle.tools.added.map((t) => `+${codeCell(t)}`);
    rows.push(`| Tools | ${removed.join(' ') || '—'} | ${added.join(' ') || '—'} |`);
  }
  return rows;
}

function stageRows(release: ReleasePlan): string[] {
  const withPower = release.stages.some((s) => s.power !== undefined);
  const header = ['#', 'Stage', 'Challenger serves', 'Min duration', 'Min samples', 'Gates', 'Approval', 'Watch', 'Lasts at least', 'Challenger requests'];
  if (withPower) header.push('Power');
  const rows = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const s of release.stages) {
    const serves = s.mode === 'shadow' ? 'mirror only' : s.mode === 'ring' ? `${formatPercent(s.share)} + ${s.segment?.attribute ?? 'segment'} ${s.segment?.values.join(', ') ?? ''}` : formatPercent(s.share);
    const requests = s.mirroredRequests !== undefined ? `${formatCount(s.mirroredRequests)} mirrored` : s.servedRequests !== undefined ? formatCount(s.servedRequests) : '—';
    const cells = [
      String(s.index + 1),
      codeCell(s.name),
      cell(serves),
      s.minDuration ?? '—',
      s.minSamples !== undefined ? formatCount(s.minSamples) : '—',
      s.gates.length > 0 ? s.gates.map(codeCell).join(', ') : '—',
      s.approval ? '**required**' : '—',
      s.watch ?? '—',
      s.minimumHours !== undefined ? formatHours(s.minimumHours) : '—',
      requests,
    ];
    if (withPower) cells.push(cell(powerText(s)));
    rows.push(`| ${cells.join(' | ')} |`);
  }
  return rows;
}

/**
 * A stage's power warning after its stage name: the estimate names the stage in its own
 * warnings (they are read on their own too), and the plan already shows the name before them.
 */
export function stageWarningText(stage: string, warning: string): string {
  return warning.startsWith(`${stage}: `) ? warning.slice(stage.length + 2) : warning;
}

/** `590 canary + 11,210 control · ≈ 15m`, `⚠` when the estimate warns. */
export function powerText(stage: PlannedStage): string {
  const power = stage.power;
  if (!power) return '—';
  const parts: string[] = [];
  if (power.requiredSamples !== undefined) parts.push(`${formatCount(power.requiredSamples.canary)} canary + ${formatCount(power.requiredSamples.control)} control`);
  if (power.hoursNeeded !== undefined) parts.push(aboutHours(power.hoursNeeded, '≈ '));
  if (power.warnings.length > 0) parts.push('⚠');
  return parts.join(' · ') || '—';
}

function trafficText(release: ReleasePlan): string {
  const radius = release.blastRadius;
  if (!radius || radius.requestsPerHour === undefined) return 'no traffic figure (set `spec.traffic.requestsPerHour`)';
  return `${formatCount(radius.requestsPerHour)} req/h${radius.trafficSource === 'config' ? ' (config default)' : ''}`;
}

/** The detailed section of one release. */
export function renderReleaseSection(release: ReleasePlan): string {
  const lines = [`#### ${code(release.name)} — ${CHANGE_LABELS[release.kind]}`, ''];
  if (release.description) lines.push(prose(release.description), '');
  lines.push(`Why it is in this plan: ${release.reasons.map(prose).join('; ')}.`);
  if (release.kind === 'removed') {
    lines.push('', `${code(release.file)} is deleted: Glidepath no longer plans or watches this release.`);
    return lines.join('\n');
  }
  const facts: string[] = [];
  if (release.owner) facts.push(`owner ${code(release.owner)}`);
  if (release.risk) facts.push(`risk **${release.risk}**`);
  if (release.target) {
    const can = release.target.capabilities ? `; ${describeCapabilities(release.target.capabilities)}` : '';
    facts.push(`target ${code(release.target.provider)}${release.target.providerType ? ` (${release.target.providerType}${can})` : ''} key ${code(release.target.key)}`);
  }
  facts.push(`traffic ${trafficText(release)}`);
  lines.push('', `${facts.join(' · ')}.`);
  const unsticky = release.target?.providerType ? stickinessWarning(release.target.providerType, release.target.capabilities) : undefined;
  if (unsticky) lines.push('', `> ⚠ ${unsticky}`);
  if (release.bundle) lines.push('', '**Champion → challenger**', '', ...bundleRows(release.bundle));
  if (release.offlineGate) lines.push(...offlineGateMarkdown(release.offlineGate));
  if (!release.policy?.file) {
    lines.push('', `⚠ Policy ${code(release.policy?.name ?? '?')} is not defined at head; run \`glidepath validate\`.`);
    return lines.join('\n');
  }
  const switched = release.policy.previous ? ` (was ${code(release.policy.previous)})` : '';
  lines.push('', `**Stages** — policy ${code(release.policy.name)}${switched}, ${release.policy.strategy ?? ''}`, '', ...stageRows(release));
  const powerWarnings = release.stages.flatMap((s) => (s.power?.warnings ?? []).map((w) => `${code(s.name)}: ${prose(stageWarningText(s.name, w))}`));
  if (powerWarnings.length > 0) lines.push('', ...powerWarnings.map((w) => `- ⚠ ${w}`));
  if (release.gates.length > 0) lines.push('', '**Gates**', '', ...release.gates.map((g) => `- ${code(g.name)}: ${prose(g.description)}`));
  lines.push('', '**Rollback** — any one restores the champion at once:', '', ...release.rollback.map((r) => `- ${prose(r)}`));
  const handling = release.handling;
  const rules = [`deploy window: ${prose(release.window ?? 'any time')}`];
  if (handling) rules.push(`on failure: ${handling.onFailure}`, `on no data: ${handling.onNoData}`, `on inconclusive: ${handling.onInconclusive}`);
  if (handling?.analysisUnit) rules.push(`analysis unit: ${prose(handling.analysisUnit)}`);
  lines.push('', `${rules.join(' · ')}.`);
  if (handling?.manualTrafficChanges === 'adopt') lines.push('', `⚠ ${MANUAL_ADOPT_WARNING}.`);
  if (release.freezes.length > 0) lines.push('', `Freezes: ${release.freezes.map(prose).join('; ')}.`);
  lines.push('', `**Blast radius**: ${blastRadiusText(release)}.`);
  if (release.chart) lines.push('', '<details><summary>Traffic ramp</summary>', '', '```mermaid', release.chart, '```', '', '</details>');
  const others = release.findings.filter((f) => f.severity !== 'weakening');
  if (others.length > 0) {
    lines.push('', `<details><summary>Other policy changes (${others.length})</summary>`, '');
    for (const f of others) lines.push(`- ${f.severity === 'tightening' ? 'tighter' : 'changed'}: ${prose(formatFinding(f))}${where(f)}`);
    lines.push('', '</details>');
  }
  return lines.join('\n');
}

function blastRadiusText(release: ReleasePlan): string {
  const r = release.blastRadius;
  if (!r) return 'unknown';
  const parts = [`at most ${formatPercent(r.peakShareBeforeFull)} of requests before 100%`];
  if (r.exposedBeforeFull !== undefined) parts.push(`${exposureText(release)} challenger requests before 100%`);
  parts.push(`time to 100% ${timeToFullText(release)}`);
  if (r.tenants.length > 0) parts.push(`${r.tenants.length} tenant${r.tenants.length === 1 ? '' : 's'} in rings (${r.tenants.map(code).join(', ')})`);
  return parts.join(' · ');
}

function sections(plan: Plan): string[] {
  return [renderPlanOverview(plan), ...plan.releases.map(renderReleaseSection)];
}

/**
 * The sticky pull-request comment: marker, overview, then one section per release. Longer than
 * GitHub allows, it is cut after the last release section that fits, and points to the check
 * run that carries the rest.
 */
export function renderPlanComment(plan: Plan, options: CommentOptions): string {
  const max = (options.maxChars ?? COMMENT_MAX_CHARS) - options.marker.length - 2;
  const where = options.checkRunUrl ? `[${options.checkName ?? 'the check run'}](${options.checkRunUrl})` : `the ${code(options.checkName ?? 'Glidepath / plan')} check run`;
  const body = fitSections(sections(plan), max, (omitted) =>
    `> The plan is too long for a comment${omitted > 0 ? `: ${omitted} more section${omitted === 1 ? ' is' : 's are'} in ` : '; the rest is in '}${where}.`);
  return `${options.marker}\n${body}\n`;
}

/** The job summary: the whole plan (GitHub allows 1 MiB). */
export function renderPlanJobSummary(plan: Plan): string {
  return `${fitSections(sections(plan), JOB_SUMMARY_MAX_CHARS, (omitted) => `> ${omitted} more section(s) left out: the job summary is limited to 1 MiB.`)}\n`;
}
