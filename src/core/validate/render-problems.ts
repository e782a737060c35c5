import { formatProblem, type Problem } from '../problem.js';
import { countProblems, summaryLine } from './problem-summary.js';

/** How `validate` prints its findings. */
export type ProblemFormat = 'text' | 'json' | 'github';

export const PROBLEM_FORMATS: readonly ProblemFormat[] = ['text', 'json', 'github'];

/** One problem a line (`path:line:col: error: message (hint) [rule]`), then the summary line. */
export function renderText(problems: readonly Problem[], files: number): string {
  return [...problems.map(formatProblem), summaryLine(countProblems(problems, files))].join('\n');
}

/** `{ problems: [...], summary: { errors, warnings, files } }`, for tools. */
export function renderJson(problems: readonly Problem[], files: number): string {
  const body = {
    problems: problems.map((p) => ({
      file: p.file, line: p.line, col: p.col, severity: p.severity, message: p.message, rule: p.rule,
      hint: p.hint ?? null, field: p.field ?? null,
    })),
    summary: countProblems(problems, files),
  };
  return JSON.stringify(body, null, 2);
}

/** Workflow-command data: `%`, CR and LF are escaped (GitHub's toolkit `escapeData`). */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values additionally escape `:` and `,` (toolkit `escapeProperty`). */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…,title=…::message` lines that GitHub Actions turns into annotations. */
export function renderGithub(problems: readonly Problem[], files: number): string {
  const lines = problems.map((p) => {
    const properties = [
      `file=${escapeCommandProperty(p.file)}`,
      `line=${p.line}`,
      `col=${p.col}`,
      `title=${escapeCommandProperty(`Glidepath ${p.rule}`)}`,
    ].join(',');
    const message = p.hint ? `${p.message} (${p.hint})` : p.message;
    return `::${p.severity} ${properties}::${escapeCommandData(message)}`;
  });
  return [...lines, summaryLine(countProblems(problems, files))].join('\n');
}

export const problemRenderers: Readonly<Record<ProblemFormat, (problems: readonly Problem[], files: number) => string>> = {
  text: renderText,
  json: renderJson,
  github: renderGithub,
};
