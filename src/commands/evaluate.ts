import { resolve } from 'node:path';
import { loadWorkspaceFiles } from '../engine/load-workspace.js';
import { buildEvaluationReport, renderEvaluationText } from '../core/gates/evaluation-report.js';
import { GateConfigError } from '../core/gates/gate-config-error.js';
import { judgeStage } from '../core/gates/judge-stage.js';
import { decideFromJudgement } from '../core/gates/stage-decision.js';
import type { GlidepathRepository, LoadedDocument, Release, RolloutPolicy, Stage } from '../core/model/index.js';
import { requestsPerHourOf } from '../core/model/traffic.js';
import { plannedArmSamples } from '../core/power/stage-traffic.js';
import { didYouMean } from '../core/validate/did-you-mean.js';
import { evaluateLive } from './evaluate-live.js';
import { ALERT_DECISIONS } from '../engine/exit-code.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { UsageError } from '../engine/errors.js';

const FORMATS = ['text', 'json'] as const;
type EvaluateFormat = (typeof FORMATS)[number];

interface EvaluateOptions {
  readonly release: string | undefined;
  readonly metricsFile: string | undefined;
  readonly stage: string | undefined;
  readonly now: Date | undefined;
  readonly format: EvaluateFormat;
}

function readOptions(ctx: CommandContext): EvaluateOptions {
  const text = (name: string): string | undefined => {
    const value = ctx.options[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const format = String(ctx.options['format'] ?? 'text');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format is '${format}'; use one of: ${FORMATS.join(', ')}`);
  const nowText = text('now');
  let now: Date | undefined;
  if (nowText !== undefined) {
    now = new Date(nowText);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(nowText) || Number.isNaN(now.getTime())) throw new UsageError(`--now is '${nowText}'; give an ISO time such as 2026-11-20T11:00:00Z`);
  }
  return { release: text('release'), metricsFile: text('metrics-file'), stage: text('stage'), now, format: format as EvaluateFormat };
}

/**
 * `glidepath evaluate`: one tick. With --metrics-file it judges a metrics file offline for one
 * release and stage and prints the verdicts and the decision, changing nothing; without it, it
 * runs the live tick for every active rollout (or --release): read the provider, query the
 * metrics, judge, and advance, hold or roll back (--dry-run prints the actions instead).
 */
export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'One tick for every active rollout: judge the gates, then advance, hold or roll back (offline with --metrics-file)',
  usage: '[--release NAME] [--dry-run] [--root DIR]\n       glidepath evaluate --release NAME --metrics-file FILE [--stage NAME] [--now ISO-TIME] [--dry-run] [--format text|json]',
  options: {
    release: { type: 'string' },
    'metrics-file': { type: 'string' },
    stage: { type: 'string' },
    now: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const options = readOptions(ctx);
    if (options.metricsFile !== undefined) return evaluateOffline(ctx, options);
    if (options.now !== undefined) throw new UsageError('--now applies to an offline evaluation (with --metrics-file); a live tick runs at the current time');
    return evaluateLive(ctx, options.release !== undefined ? { release: options.release } : {});
  },
};

async function evaluateOffline(ctx: CommandContext, options: EvaluateOptions): Promise<CommandOutcome> {
  if (options.release === undefined) throw new UsageError('--release NAME is required with --metrics-file: which release the metrics are for');
  const { repository } = await loadWorkspaceFiles(ctx.root, ctx.runtime.readRepository);
  const release = findRelease(repository, options.release);
  const policy = findPolicy(repository, release);
  const stage = findStage(policy.value, options.stage);
  const metrics = repository.config?.value.spec.metrics.definitions ?? [];
  if (metrics.length === 0) {
    ctx.logger.warn('glidepath.yaml defines no metrics (or does not load: run glidepath validate), so every gate lacks a definition');
  }
  const metricsFile = options.metricsFile!;
  const result = await ctx.runtime.readMetricsFile(resolve(metricsFile), { display: metricsFile, stage: stage.name, metrics });
  const requestsPerHour = requestsPerHourOf(release.value, repository.config?.value);
  const tuneN = plannedArmSamples(stage, requestsPerHour);
  const at = (options.now ?? ctx.clock.now()).toISOString();
  if (result.ok && Date.parse(result.snapshot.window.end) > Date.parse(at)) {
    ctx.logger.warn(`the metrics window ends at ${result.snapshot.window.end}, after the evaluation time ${at}`);
  }

  let judgement;
  try {
    judgement = judgeStage({ release: release.value.metadata.name, policy: policy.value, stage, metrics, result, ...(tuneN === undefined ? {} : { tuneN }) });
  } catch (error) {
    if (!(error instanceof GateConfigError)) throw error;
    ctx.logger.warn(`${policy.file}: ${error.message} (run glidepath validate)`);
    return { exitCode: 1 };
  }
  const decision = decideFromJudgement(policy.value, judgement);
  const report = buildEvaluationReport({
    judgement,
    decision,
    policy: policy.value.metadata.name,
    at,
    window: result.ok ? result.snapshot.window : undefined,
    metricsFile,
  });
  ctx.print(options.format === 'json' ? JSON.stringify(report, null, 2) : renderEvaluationText(report, metrics));
  return {
    exitCode: ALERT_DECISIONS.has(decision.decision) ? 1 : 0,
    outputs: { decision: decision.decision, outcome: judgement.outcome, stage: stage.name },
  };
}

function findRelease(repository: GlidepathRepository, name: string): LoadedDocument<Release> {
  const release = repository.releases.get(name);
  if (release) return release;
  const names = [...repository.releases.keys()].sort();
  const hint = didYouMean(name, names);
  throw new UsageError(
    `no release named '${name}'${hint ? ` — ${hint}` : ''}. ${names.length > 0 ? `Releases: ${names.join(', ')}` : 'The repository has no loadable releases'} (a release whose file has schema errors is not loaded: run glidepath validate)`,
  );
}

function findPolicy(repository: GlidepathRepository, release: LoadedDocument<Release>): LoadedDocument<RolloutPolicy> {
  const name = release.value.spec.policy;
  const policy = repository.policies.get(name);
  if (policy) return policy;
  const position = release.locate(['spec', 'policy']);
  throw new UsageError(`${position.file}:${position.line}:${position.col}: release ${release.value.metadata.name} follows policy '${name}', which does not load (missing or invalid: run glidepath validate)`);
}

/** The named stage, else the first stage with gates (the first the metrics can decide), else the first stage. */
function findStage(policy: RolloutPolicy, name: string | undefined): Stage {
  const stages = policy.spec.stages;
  if (name === undefined) return stages.find((s) => (s.gates ?? []).length > 0) ?? stages[0]!;
  const stage = stages.find((s) => s.name === name);
  if (stage) return stage;
  const names = stages.map((s) => s.name);
  const hint = didYouMean(name, names);
  throw new UsageError(`policy ${policy.metadata.name} has no stage '${name}'${hint ? ` — ${hint}` : ''}. Stages: ${names.join(', ')}`);
}
