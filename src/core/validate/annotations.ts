import type { Problem } from '../problem.js';
import type { Annotation } from '../report/annotation.js';

/** Check-run annotations at each problem's line and column (warnings stay warnings). */
export function problemsToAnnotations(problems: readonly Problem[]): Annotation[] {
  return problems.map((p) => ({
    path: p.file,
    startLine: p.line,
    endLine: p.line,
    startColumn: p.col,
    endColumn: p.col,
    level: p.severity === 'error' ? 'failure' : 'warning',
    message: p.hint ? `${p.message} (${p.hint})` : p.message,
    title: `Glidepath ${p.rule}`,
  }));
}
