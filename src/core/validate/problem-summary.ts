import type { Problem } from '../problem.js';
import { plural } from './rules/rule-context.js';

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  /** Glidepath files examined. */
  readonly files: number;
}

export function countProblems(problems: readonly Problem[], files: number): ProblemCounts {
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors += 1;
  return { errors, warnings: problems.length - errors, files };
}

/** `3 errors, 1 warning in 12 files`, or `✓ 12 files valid` (warnings do not make files invalid). */
export function summaryLine(counts: ProblemCounts): string {
  const files = plural(counts.files, 'file');
  if (counts.errors > 0) return `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} in ${files}`;
  if (counts.warnings > 0) return `✓ ${files} valid, ${plural(counts.warnings, 'warning')}`;
  return `✓ ${files} valid`;
}
