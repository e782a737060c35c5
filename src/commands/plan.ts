import { readRepositoryAt } from '../engine/read-repository-at.js';
import { scopeRevisions } from '../engine/scoped-scm.js';
import { commentMarker } from '../core/report/comment-marker.js';
import { buildPlan, weakeningReleases, type Plan, type PowerEstimator } from '../core/plan/build-plan.js';
import { estimatePlanPower } from '../core/plan/plan-power.js';
import { formatProblem, type Problem } from '../core/problem.js';
import { renderPlanCheck } from '../core/report/plan-check.js';
import { renderPlanJson } from '../core/report/plan-json.js';
import { renderPlanComment, renderPlanJobSummary } from '../core/report/plan-markdown.js';
import { renderPlanText } from '../core/report/plan-text.js';
import { problemsToAnnotations } from '../core/validate/annotations.js';
import { loadRepository } from '../core/validate/load-repository.js';
import { YAML_LIMITS } from '../core/yaml/limits.js';
import { renderJson } from '../core/validate/render-problems.js';
import { renderValidationSummary } from '../core/validate/render-summary.js';
import type { RevisionReader } from '../ports/scm.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { UsageError } from '../engine/errors.js';

export const PLAN_CHECK_NAME = 'Glidepath / plan';
/** Hidden marker of the sticky plan comment: one per pull request, updated on every push. */
export const PLAN_MARKER = commentMarker('plan');

const FORMATS = ['text', 'markdown', 'json', 'github'] as const;
type PlanFormat = (typeof FORMATS)[number];

/** What `runPlan` needs besides the context; tests inject a reader, the Action and CLI take the defaults. */
export interface PlanDeps {
  /** Reads the two revisions, scoped to the root; default: the git CLI on the repository that holds `ctx.root`. */
  readonly revisions?: RevisionReader;
  /** Power per stage, shown in the stage table; default: core/power's estimate at the release's traffic. */
  readonly power?: PowerEstimator;
}

function readFormat(ctx: CommandContext): PlanFormat {
  const format = String(ctx.options['format'] ?? 'text');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format is '${format}'; use one of: ${FORMATS.join(', ')}`);
  return format as PlanFormat;
}

function option(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.options[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The revisions to compare: --base/--head, else the pull request of the event. */
function readRefs(ctx: CommandContext): { base: string; head: string } {
  const base = option(ctx, 'base') ?? ctx.event?.pullRequest?.baseSha;
  const head = option(ctx, 'head') ?? ctx.event?.pullRequest?.headSha ?? (base !== undefined ? 'HEAD' : undefined);
  if (base === undefined || head === undefined) {
    throw new UsageError('plan compares two revisions: pass --base REF (and --head REF, default HEAD), or run it on a pull_request event');
  }
  return { base, head };
}

async function localRevisions(ctx: CommandContext): Promise<RevisionReader> {
  const clone = await ctx.runtime.openClone(ctx.root);
  if (!clone) throw new UsageError(`${ctx.root} is not inside a git repository; plan reads the base and head revisions from git`);
  return scopeRevisions(clone.scm.revisions, clone.prefix);
}

async function resolve(revisions: RevisionReader, ref: string, role: 'base' | 'head'): Promise<string> {
  const sha = await revisions.resolve(ref);
  if (sha) return sha;
  throw new UsageError(`the ${role} revision '${ref}' is not in this repository. In GitHub Actions, check out the full history (actions/checkout with \`fetch-depth: 0\`) so that both sides of the pull request are present.`);
}

async function changedPaths(revisions: RevisionReader, base: string, head: string, ctx: CommandContext): Promise<string[] | undefined> {
  try {
    return await revisions.changedFiles(base, head);
  } catch (error) {
    // A shallow clone has no merge base; comparing whole revisions still gives a plan.
    ctx.logger.warn(`could not list the files the change touches (${(error as Error).message}); comparing the whole revisions instead`);
    return undefined;
  }
}

async function reportInvalidHead(ctx: CommandContext, format: PlanFormat, problems: readonly Problem[], documents: number, headRef: string): Promise<CommandOutcome> {
  ctx.print(format === 'json' ? renderJson(problems, documents) : `The head revision has problems; no plan until they are fixed:\n${problems.map(formatProblem).join('\n')}`);
  const summary = renderValidationSummary(problems, documents);
  if (ctx.review && ctx.event) {
    try {
      await ctx.review.publishCheck({
        name: PLAN_CHECK_NAME, headSha: ctx.event.headSha, conclusion: 'failure',
        title: `No plan: ${problems.filter((p) => p.severity === 'error').length} problem(s) in ${headRef.slice(0, 12)}`,
        summary, annotations: problemsToAnnotations(problems),
      });
    } catch (error) {
      ctx.logger.warn(`could not publish the ${PLAN_CHECK_NAME} check run: ${(error as Error).message}`);
    }
  }
  return { exitCode: 1, outputs: { releases: '0', weakenings: '0', problems: String(problems.length) }, summary };
}

/** Posts the plan where reviewers look: the check run on the head commit, then the sticky comment linking it. */
async function publish(ctx: CommandContext, plan: Plan): Promise<Record<string, string>> {
  const outputs: Record<string, string> = {};
  if (!ctx.review || !ctx.event) return outputs;
  let url: string | undefined;
  try {
    const check = renderPlanCheck(plan);
    ({ url } = await ctx.review.publishCheck({ name: PLAN_CHECK_NAME, headSha: ctx.event.headSha, ...check }));
    if (url) outputs['check-url'] = url;
  } catch (error) {
    // Reporting is a courtesy to reviewers: a read-only token (pull requests from forks) must not fail the plan.
    ctx.logger.warn(`could not publish the ${PLAN_CHECK_NAME} check run: ${(error as Error).message}`);
  }
  const pr = ctx.event.pullRequest;
  if (!pr) return outputs;
  try {
    const body = renderPlanComment(plan, { marker: PLAN_MARKER, checkName: PLAN_CHECK_NAME, ...(url ? { checkRunUrl: url } : {}) });
    outputs['comment'] = await ctx.review.upsertComment(pr.number, PLAN_MARKER, body);
  } catch (error) {
    ctx.logger.warn(`could not write the plan comment on pull request #${pr.number}: ${(error as Error).message}`);
  }
  return outputs;
}

/**
 * `glidepath plan`: reads base and head through the RevisionReader, validates head (its problems stop the
 * plan: exit 1), and prints which releases change and how they will roll out. Inside Actions it
 * also publishes the check run and the sticky pull-request comment, and returns the job summary.
 */
export async function runPlan(ctx: CommandContext, deps: PlanDeps = {}): Promise<CommandOutcome> {
  const format = readFormat(ctx);
  const refs = readRefs(ctx);
  const revisions = deps.revisions ?? (await localRevisions(ctx));
  const [baseSha, headSha] = await Promise.all([resolve(revisions, refs.base, 'base'), resolve(revisions, refs.head, 'head')]);
  const [paths, baseSnapshot, headSnapshot] = await Promise.all([
    changedPaths(revisions, baseSha, headSha, ctx),
    readRepositoryAt(revisions, baseSha),
    readRepositoryAt(revisions, headSha),
  ]);
  const capabilities = { providerCapabilities: ctx.runtime.providerCapabilities };
  const head = loadRepository(headSnapshot, YAML_LIMITS, capabilities);
  const headErrors = head.problems.filter((p) => p.severity === 'error');
  if (headErrors.length > 0) return reportInvalidHead(ctx, format, head.problems, head.documentCount, headSha);
  const base = loadRepository(baseSnapshot, YAML_LIMITS, { ...capabilities, semanticRules: false });
  if (base.problems.some((p) => p.severity === 'error')) {
    ctx.logger.debug(`the base revision has ${base.problems.length} problem(s); documents that failed to load count as absent there`);
  }
  const plan = buildPlan({
    base: base.repository, head: head.repository, baseRef: baseSha, headRef: headSha,
    ...(paths ? { changedPaths: paths } : {}),
    power: deps.power ?? estimatePlanPower,
    providerCapabilities: capabilities.providerCapabilities,
  });
  const markdown = format === 'markdown' ? renderPlanJobSummary(plan) : undefined;
  ctx.print(markdown ?? (format === 'json' ? renderPlanJson(plan) : renderPlanText(plan)));
  const published = await publish(ctx, plan);
  let summary: string | undefined;
  return {
    exitCode: 0,
    outputs: { releases: String(plan.releases.length), weakenings: String(weakeningReleases(plan).length), ...published },
    // Rendered on first read: only the Action writes a job summary, and a plan of a thousand releases takes a while to render.
    get summary(): string {
      summary ??= markdown ?? renderPlanJobSummary(plan);
      return summary;
    },
  };
}

export const planCommand: Command = {
  name: 'plan',
  summary: 'Show which releases a change touches and how each will roll out (stages, gates, blast radius, weakened policies)',
  usage: '--base REF [--head REF] [--root DIR] [--format text|markdown|json]',
  options: {
    base: { type: 'string' },
    head: { type: 'string' },
  },
  run: (ctx) => runPlan(ctx),
};
