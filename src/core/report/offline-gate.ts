import type { Plan } from '../plan/build-plan.js';
import type { OfflineVerdict } from '../offline/judge-offline-gate.js';
import { code, prose } from './markdown.js';

/** Releases in the plan whose offline gate failed: their challenger will not see traffic. */
export function failedOfflineGates(plan: Plan): number {
  return plan.releases.filter((r) => r.offlineGate?.status === 'failed').length;
}

function armLine(verdict: OfflineVerdict): string | undefined {
  const { champion, challenger } = verdict.evidence;
  if (!champion || !challenger) return undefined;
  const show = (a: typeof champion) => `${a.label} ${a.passed}/${a.cases} passed${a.errors > 0 ? ` (${a.errors} errors)` : ''}, mean score ${Number(a.meanScore.toPrecision(3))}${a.cost !== undefined ? `, cost ${Number(a.cost.toPrecision(3))}` : ''}${a.meanLatencyMs !== undefined ? `, ${Math.round(a.meanLatencyMs)} ms` : ''}`;
  return `${show(champion)} · ${show(challenger)}`;
}

/** The offline gate's lines in a release's Markdown section. */
export function offlineGateMarkdown(verdict: OfflineVerdict): string[] {
  const head = verdict.status === 'passed' ? '✅ passed' : '⛔ failed — the challenger will not see traffic';
  const lines = ['', `**Offline gate** (${verdict.evidence.source}, ${code(verdict.evidence.results)}): ${head}`, ''];
  const arms = armLine(verdict);
  if (arms) lines.push(`${prose(arms)}.`, '');
  if (verdict.evidence.checks.length === 0) lines.push(`- ⛔ ${prose(verdict.summary)}`);
  for (const c of verdict.evidence.checks) lines.push(`- ${c.passed ? '✅' : '⛔'} ${prose(c.name)}: ${prose(c.detail)}`);
  const regressed = verdict.evidence.paired?.regressedCases ?? [];
  if (regressed.length > 0) lines.push('', `Regressed test cases (testIdx): ${regressed.join(', ')}.`);
  return lines;
}

/** The offline gate's lines in a release's text section. */
export function offlineGateText(verdict: OfflineVerdict): string[] {
  const lines = [`  offline gate (${verdict.evidence.source}, ${verdict.evidence.results}): ${verdict.status === 'passed' ? 'passed' : 'FAILED — the challenger will not see traffic'}`];
  const arms = armLine(verdict);
  if (arms) lines.push(`    ${arms}`);
  if (verdict.evidence.checks.length === 0) lines.push(`    ${verdict.summary}`);
  for (const c of verdict.evidence.checks) lines.push(`    ${c.passed ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  return lines;
}
