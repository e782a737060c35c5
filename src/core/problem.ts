/** One thing wrong with the user's files, reported as `path:line:col: severity: message [rule]`. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Stable id of the rule that found it, such as `schema/additional-property` or `policy/weights-increase`. */
  readonly rule: string;
  /** A fix the user can apply ("did you mean `minDuration`?"). */
  readonly hint?: string;
  /** JSON path of the offending field, such as `spec.stages[2].weight`. */
  readonly field?: string;
}

export function formatProblem(p: Problem): string {
  const hint = p.hint ? ` (${p.hint})` : '';
  return `${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.message}${hint} [${p.rule}]`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
