import type { Problem } from '../problem.js';
import { cell } from '../report/markdown.js';
import { countProblems, summaryLine } from './problem-summary.js';

const MAX_ROWS = 200;

/** The Markdown job summary (and check-run summary) of a validation. */
export function renderValidationSummary(problems: readonly Problem[], files: number): string {
  const counts = countProblems(problems, files);
  const lines = ['### Glidepath / validate', '', counts.errors > 0 ? `**${summaryLine(counts)}**` : summaryLine(counts)];
  if (problems.length > 0) {
    lines.push('', '| Where | Severity | Problem | Rule |', '|---|---|---|---|');
    for (const p of problems.slice(0, MAX_ROWS)) {
      const message = p.hint ? `${p.message} (${p.hint})` : p.message;
      lines.push(`| \`${cell(`${p.file}:${p.line}:${p.col}`)}\` | ${p.severity} | ${cell(message)} | \`${cell(p.rule)}\` |`);
    }
    if (problems.length > MAX_ROWS) lines.push('', `…and ${problems.length - MAX_ROWS} more; run \`glidepath validate\` locally for the full list.`);
  }
  return `${lines.join('\n')}\n`;
}
