import type { PlannedStage } from './stage-plan.js';

function quoted(text: string): string {
  // Mermaid has no escape inside quoted labels; quotes and brackets would end them.
  return `"${text.replace(/["[\]]/g, "'").replace(/\s+/g, ' ')}"`;
}

/**
 * The traffic ramp as a Mermaid `xychart-beta`: one bar per stage (x: stage name, shadow stages
 * marked, y: percent of requests the challenger serves). GitHub renders it in comments and
 * summaries; elsewhere it stays readable text.
 */
export function renderRampChart(release: string, stages: readonly PlannedStage[]): string {
  return `xychart-beta\n    title ${quoted(`${release}: challenger share of requests by stage`)}\n${rampAxes(stages)}`;
}

/** The chart below its title, once per stage list: build-plan hands every release of a policy the same list. */
const axesByStages = new WeakMap<readonly PlannedStage[], string>();

function rampAxes(stages: readonly PlannedStage[]): string {
  let axes = axesByStages.get(stages);
  if (axes === undefined) {
    const labels = stages.map((s) => quoted(s.mode === 'shadow' && !s.name.includes('shadow') ? `${s.name} (shadow)` : s.name));
    const shares = stages.map((s) => String(Number(s.share.toPrecision(6))));
    axes = [
      `    x-axis [${labels.join(', ')}]`,
      '    y-axis "Challenger %" 0 --> 100',
      `    bar [${shares.join(', ')}]`,
      `    line [${shares.join(', ')}]`,
    ].join('\n');
    axesByStages.set(stages, axes);
  }
  return axes;
}
