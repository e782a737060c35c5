import type { Plan } from '../plan/build-plan.js';
import { formatFinding } from '../plan/policy-diff.js';
import { cutAtLine, fitSections } from './fit-sections.js';
import { plain } from './markdown.js';
import { planConclusion, planHeadline } from './plan-headline.js';
import { renderPlanOverview, renderReleaseSection } from './plan-markdown.js';
import type { Annotation } from './annotation.js';

/** GitHub's limit on a check run's `output.summary` and `output.text`. */
export const CHECK_OUTPUT_MAX_CHARS = 65_535;

/** A check run's content; the command adds its name and head sha. */
export interface PlanCheckContent {
  readonly conclusion: 'success' | 'neutral' | 'failure';
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly annotations: readonly Annotation[];
}

/**
 * The plan as a check run: the overview as summary, the release sections as text, and a warning
 * annotation at every weakened line of a policy (once per line, naming the releases it affects).
 */
export function renderPlanCheck(plan: Plan): PlanCheckContent {
  const overview = renderPlanOverview(plan);
  const summary = overview.length <= CHECK_OUTPUT_MAX_CHARS ? overview
    : `${cutAtLine(overview, CHECK_OUTPUT_MAX_CHARS - 120)}\n\n> The overview is cut here; run \`glidepath plan\` locally for all of it.`;
  const releaseSections = plan.releases.map(renderReleaseSection);
  const text = releaseSections.length > 0
    ? fitSections(releaseSections, CHECK_OUTPUT_MAX_CHARS, (omitted) => `> ${omitted} more release section(s) left out (check runs hold 65,535 characters); the job summary has them all.`)
    : undefined;
  return {
    conclusion: planConclusion(plan),
    title: planHeadline(plan),
    summary,
    ...(text !== undefined ? { text } : {}),
    annotations: weakeningAnnotations(plan),
  };
}

function weakeningAnnotations(plan: Plan): Annotation[] {
  const byPlace = new Map<string, { annotation: Omit<Annotation, 'message'>; finding: string; releases: string[] }>();
  for (const release of plan.releases) {
    for (const finding of release.findings) {
      if (finding.severity !== 'weakening' || !finding.at) continue;
      const text = plain(formatFinding(finding));
      const key = `${finding.at.file}\u0000${finding.at.line}\u0000${text}`;
      const entry = byPlace.get(key);
      if (entry) {
        entry.releases.push(release.name);
        continue;
      }
      byPlace.set(key, {
        annotation: { path: finding.at.file, startLine: finding.at.line, endLine: finding.at.line, level: 'warning', title: 'Glidepath: rollout policy weakened' },
        finding: text,
        releases: [release.name],
      });
    }
  }
  return [...byPlace.values()].map(({ annotation, finding, releases }) => ({
    ...annotation,
    message: `${finding}. This weakens the rollout of ${releases.join(', ')}.`,
  }));
}
