import { describeCapabilities, stickinessWarning } from '../validate/rules/provider-capability-rules.js';
import { MANUAL_ADOPT_WARNING, type Plan, type ReleasePlan } from '../plan/build-plan.js';
import { formatLineStat } from '../plan/bundle-diff.js';
import { formatHours } from '../model/duration.js';
import { formatCount, formatPercent } from '../plan/format-values.js';
import { formatFinding } from '../plan/policy-diff.js';
import { plain, shortRef } from './markdown.js';
import { offlineGateText } from './offline-gate.js';
import { planHeadline } from './plan-headline.js';
import { CHANGE_LABELS, exposureText, powerText, rampText, stageWarningText, timeToFullText } from './plan-markdown.js';

function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, c.length); });
  return rows.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

function bundleLines(release: ReleasePlan): string[] {
  const b = release.bundle;
  if (!b) return [];
  const lines = [`model: ${b.model.changed ? `${b.model.champion} → ${b.model.challenger}` : `${b.model.challenger} (same)`}`];
  const p = b.prompt;
  if (p.champion !== undefined || p.challenger !== undefined) {
    const stat = p.stat ? ` (${formatLineStat(p.stat)})` : p.missing.length > 0 ? ` (not found: ${p.missing.join(', ')})` : '';
    lines.push(`prompt: ${p.champion ?? '—'} → ${p.challenger ?? '—'}${stat}`);
  }
  for (const c of b.parameters) {
    const show = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));
    lines.push(`${c.name}: ${show(c.champion)} → ${show(c.challenger)}`);
  }
  if (b.tools.added.length > 0) lines.push(`tools added: ${b.tools.added.join(', ')}`);
  if (b.tools.removed.length > 0) lines.push(`tools removed: ${b.tools.removed.join(', ')}`);
  return lines;
}

function releaseText(release: ReleasePlan): string[] {
  const policy = release.policy ? ` — policy ${release.policy.name}${release.policy.previous ? ` (was ${release.policy.previous})` : ''}${release.policy.strategy ? `, ${release.policy.strategy}` : ''}` : '';
  const lines = [`${release.name} (${CHANGE_LABELS[release.kind]})${policy}`, `  why: ${plain(release.reasons.join('; '))}`];
  if (release.kind === 'removed') return [...lines, `  ${release.file} is deleted: Glidepath no longer plans or watches this release.`];
  if (release.target) lines.push(`  target: ${release.target.provider} / ${release.target.key}${release.target.capabilities ? ` (${describeCapabilities(release.target.capabilities)})` : ''}`);
  const unsticky = release.target?.providerType ? stickinessWarning(release.target.providerType, release.target.capabilities) : undefined;
  if (unsticky) lines.push(`  ⚠ ${unsticky}`);
  lines.push(...bundleLines(release).map((l) => `  ${l}`));
  if (release.offlineGate) lines.push(...offlineGateText(release.offlineGate));
  if (release.stages.length > 0) {
    const withPower = release.stages.some((s) => s.power !== undefined);
    const rows = [['#', 'stage', 'serves', 'min', 'samples', 'gates', 'approval', 'watch', 'lasts ≥', 'challenger requests', ...(withPower ? ['power'] : [])]];
    for (const s of release.stages) {
      rows.push([
        String(s.index + 1), s.name,
        s.mode === 'shadow' ? 'mirror' : s.mode === 'ring' ? `${formatPercent(s.share)} + ring` : formatPercent(s.share),
        s.minDuration ?? '—', s.minSamples !== undefined ? formatCount(s.minSamples) : '—',
        s.gates.join(', ') || '—', s.approval ? 'required' : '—', s.watch ?? '—',
        s.minimumHours !== undefined ? formatHours(s.minimumHours) : '—',
        s.mirroredRequests !== undefined ? `${formatCount(s.mirroredRequests)} mirrored` : s.servedRequests !== undefined ? formatCount(s.servedRequests) : '—',
        ...(withPower ? [powerText(s)] : []),
      ]);
    }
    lines.push('  stages:', ...table(rows).map((l) => `    ${l}`));
    for (const s of release.stages) for (const w of s.power?.warnings ?? []) lines.push(`    ⚠ ${s.name}: ${stageWarningText(s.name, w)}`);
  }
  if (release.rollback.length > 0) lines.push('  rollback when:', ...release.rollback.map((r) => `    - ${r}`));
  if (release.handling) lines.push(`  window: ${release.window ?? 'any time'} · on failure ${release.handling.onFailure} · on no data ${release.handling.onNoData} · on inconclusive ${release.handling.onInconclusive}`);
  if (release.handling?.analysisUnit) lines.push(`  analysis unit: ${release.handling.analysisUnit}`);
  if (release.handling?.manualTrafficChanges === 'adopt') lines.push(`  ⚠ ${MANUAL_ADOPT_WARNING}`);
  if (release.blastRadius) {
    lines.push(`  blast radius: ≤ ${formatPercent(release.blastRadius.peakShareBeforeFull)} before 100% · challenger requests before 100% ${exposureText(release)} · time to 100% ${timeToFullText(release)}`);
    if (release.blastRadius.tenants.length > 0) lines.push(`  ring tenants: ${release.blastRadius.tenants.join(', ')}`);
  }
  const weakenings = release.findings.filter((f) => f.severity === 'weakening');
  if (weakenings.length > 0) {
    lines.push('  ⚠ weakens its policy:');
    for (const f of weakenings) lines.push(`    - ${plain(formatFinding(f))}${f.at ? `  (${f.at.file}:${f.at.line})` : ''}`);
  }
  const others = release.findings.filter((f) => f.severity !== 'weakening');
  if (others.length > 0) {
    lines.push('  other policy changes:');
    for (const f of others) lines.push(`    - ${f.severity === 'tightening' ? 'tighter' : 'changed'}: ${plain(formatFinding(f))}`);
  }
  return lines;
}

/** The plan for a terminal: the same content as the Markdown, as aligned plain text. */
export function renderPlanText(plan: Plan): string {
  const lines = [`Glidepath plan: ${planHeadline(plan)}`];
  if (plan.baseRef !== undefined || plan.headRef !== undefined) lines.push(`base ${shortRef(plan.baseRef ?? '?')} → head ${shortRef(plan.headRef ?? '?')}`);
  if (plan.releases.length > 0) {
    lines.push('', ...table([
      ['release', 'change', 'ramp', 'time to 100%'],
      ...plan.releases.map((r) => [r.name, CHANGE_LABELS[r.kind], rampText(r), timeToFullText(r)]),
    ]));
  }
  for (const release of plan.releases) lines.push('', ...releaseText(release));
  const orphans = plan.policies.filter((p) => p.usedBy.length === 0);
  if (orphans.length > 0) lines.push('', `policies changed that no release follows: ${orphans.map((p) => p.name).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
