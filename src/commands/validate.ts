import { loadWorkspaceFiles } from '../engine/load-workspace.js';
import { hasErrors } from '../core/problem.js';
import { problemsToAnnotations } from '../core/validate/annotations.js';
import { countProblems, summaryLine } from '../core/validate/problem-summary.js';
import { PROBLEM_FORMATS, problemRenderers, type ProblemFormat } from '../core/validate/render-problems.js';
import { renderValidationSummary } from '../core/validate/render-summary.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { UsageError } from '../engine/errors.js';

export const CHECK_NAME = 'Glidepath / validate';

function readFormat(ctx: CommandContext): ProblemFormat {
  const format = String(ctx.options['format'] ?? 'text');
  if (!(PROBLEM_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format is '${format}'; use one of: ${PROBLEM_FORMATS.join(', ')}`);
  }
  return format as ProblemFormat;
}

/** `glidepath validate`: schemas and rules on every Glidepath file, with each problem at its line and column. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check glidepath.yaml, policies/ and releases/ against the schemas and rules',
  usage: '[--root DIR] [--format text|json|github]',
  options: {},
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const format = readFormat(ctx);
    const { problems, documentCount } = await loadWorkspaceFiles(ctx.root, ctx.runtime.readRepository, { providerCapabilities: ctx.runtime.providerCapabilities });
    ctx.print(problemRenderers[format](problems, documentCount));
    const counts = countProblems(problems, documentCount);
    const failed = hasErrors(problems);
    const summary = renderValidationSummary(problems, documentCount);
    if (ctx.review && ctx.event) {
      try {
        await ctx.review.publishCheck({
          name: CHECK_NAME,
          headSha: ctx.event.headSha,
          conclusion: failed ? 'failure' : 'success',
          title: summaryLine(counts),
          summary,
          annotations: problemsToAnnotations(problems),
        });
      } catch (error) {
        // The findings are already printed and fail the job; a lost check run must not hide them.
        ctx.logger.warn(`could not publish the ${CHECK_NAME} check run: ${(error as Error).message}`);
      }
    }
    return {
      exitCode: failed ? 1 : 0,
      outputs: { problems: String(problems.length), errors: String(counts.errors), warnings: String(counts.warnings) },
      summary,
    };
  },
};
