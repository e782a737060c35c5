import type { MetricDefinition } from '../model/index.js';
import type { JudgementOutcome, StageJudgement } from './judgement.js';
import type { Verdict, VerdictKind } from './verdict.js';
import { formatCount, formatDifference, formatP, formatValue } from './format-evidence.js';
import type { Decision } from '../rollout/decision.js';

/** One gate or rollback criterion in `glidepath evaluate` output (docs/evaluate-output.md). Non-finite numbers are null. */
export interface VerdictReport {
  readonly gate: string;
  readonly metric: string;
  readonly test: string | null;
  readonly verdict: VerdictKind;
  readonly reason: string;
  readonly critical?: boolean;
  /** Rollback criteria only: true when the criterion fired. */
  readonly fired?: boolean;
  readonly skipped?: string;
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly rawPValue: number | null;
  readonly passPValue: number | null;
  readonly effect: number | null;
  readonly interval: readonly [number | null, number | null] | null;
  readonly threshold: number | null;
  readonly passThreshold: number | null;
  readonly estimates: { readonly control: number | null; readonly canary: number | null } | null;
  readonly n: { readonly control: number; readonly canary: number };
  readonly segment?: { readonly attribute: string; readonly value: string };
  readonly segments?: readonly VerdictReport[];
}

/** The JSON `glidepath evaluate --format json` prints. */
export interface EvaluationReport {
  readonly release: string;
  readonly policy: string;
  readonly stage: string;
  /** The evaluation time (--now, else the clock). */
  readonly at: string;
  readonly window: { readonly start: string; readonly end: string } | null;
  readonly metricsFile: string;
  readonly dryRun: true;
  readonly decision: Decision;
  readonly outcome: JudgementOutcome;
  readonly reason: string;
  readonly srm: {
    readonly verdict: 'ok' | 'mismatch' | 'not-applicable';
    readonly pValue: number | null;
    readonly statistic: number | null;
    readonly expectedCanaryShare: number | null;
    readonly observed: { readonly control: number; readonly canary: number } | null;
    readonly reason: string | null;
  };
  readonly samples: { readonly control: number; readonly canary: number };
  readonly gates: readonly VerdictReport[];
  readonly rollback: readonly VerdictReport[];
  readonly analysis: { readonly alpha: number; readonly srmAlpha: number; readonly tuneN: number; readonly minSamples: number } | null;
  readonly sourceError: string | null;
}

export interface EvaluationReportInput {
  readonly judgement: StageJudgement;
  readonly decision: { readonly decision: Decision; readonly reason: string };
  readonly policy: string;
  readonly at: string;
  readonly window: { readonly start: string; readonly end: string } | undefined;
  readonly metricsFile: string;
}

export function buildEvaluationReport(input: EvaluationReportInput): EvaluationReport {
  const { judgement: j, decision } = input;
  return {
    release: j.release,
    policy: input.policy,
    stage: j.stage,
    at: input.at,
    window: input.window ? { start: input.window.start, end: input.window.end } : null,
    metricsFile: input.metricsFile,
    dryRun: true,
    decision: decision.decision,
    outcome: j.outcome,
    reason: decision.reason,
    srm: {
      verdict: j.srm.verdict,
      pValue: finite(j.srm.pValue),
      statistic: finite(j.srm.statistic),
      expectedCanaryShare: finite(j.srm.expectedCanaryShare),
      observed: j.srm.observed ? { ...j.srm.observed } : null,
      reason: j.srm.reason ?? null,
    },
    samples: { ...j.samples },
    gates: j.gates.map((v) => verdictReport(v, false)),
    rollback: j.rollback.map((v) => verdictReport(v, true)),
    analysis: j.analysis ? { ...j.analysis } : null,
    sourceError: j.sourceError ?? null,
  };
}

function verdictReport(v: Verdict, criterion: boolean): VerdictReport {
  const e = v.evidence;
  return {
    gate: v.gate,
    metric: v.metric,
    test: e?.test ?? null,
    verdict: v.verdict,
    reason: v.reason,
    ...(v.critical ? { critical: true } : {}),
    ...(criterion ? { fired: v.verdict === 'fail' } : {}),
    ...(v.skipped ? { skipped: v.skipped } : {}),
    statistic: finite(e?.statistic),
    pValue: finite(e?.pValue),
    rawPValue: finite(e?.rawPValue),
    passPValue: finite(e?.passPValue),
    effect: finite(e?.effect),
    interval: e?.interval ? [finite(e.interval[0]), finite(e.interval[1])] : null,
    threshold: finite(e?.threshold),
    passThreshold: finite(e?.passThreshold),
    estimates: e?.estimates ? { control: finite(e.estimates.control), canary: finite(e.estimates.canary) } : null,
    n: e?.n ? { ...e.n } : { control: 0, canary: 0 },
    ...(v.segment ? { segment: { ...v.segment } } : {}),
    ...(v.segments ? { segments: v.segments.map((s) => verdictReport(s, criterion)) } : {}),
  };
}

function finite(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}

/**
 * The text `glidepath evaluate` prints: a one-line headline (decision, stage, why), the split
 * check, a table of gates (with the Holm-adjusted p-value of "worse than the margin" and the
 * p-value of "within the margin") and rollback criteria, and the full reason.
 */
export function renderEvaluationText(report: EvaluationReport, metrics: readonly MetricDefinition[]): string {
  const definitions = new Map(metrics.map((m) => [m.name, m]));
  const headline = `${report.decision.toUpperCase()} ${report.stage}: ${shorten(report.reason, 140)}`;
  const window = report.window ? `${report.window.start} – ${report.window.end}` : 'unknown window';
  const lines = [
    headline,
    '',
    `release ${report.release} · policy ${report.policy} · stage ${report.stage} · outcome ${report.outcome}`,
    `metrics ${report.metricsFile} (${window}) · n = ${formatCount(report.samples.canary)} canary / ${formatCount(report.samples.control)} control`,
    `split: ${report.srm.verdict}${report.srm.reason ? ` — ${report.srm.reason}` : ''}`,
  ];
  if (report.sourceError) lines.push(`source error: ${report.sourceError}`);
  const header = ['metric', 'test', 'verdict', 'effect', 'interval', 'bound'];
  const rows = (items: readonly VerdictReport[], criteria: boolean) =>
    items.flatMap((v) => [row(v, definitions.get(v.metric), criteria), ...(v.segments ?? []).map((s) => row({ ...s, gate: `  ${s.segment?.attribute}=${s.segment?.value}` }, definitions.get(s.metric), criteria))]);
  if (report.gates.length > 0) lines.push('', ...table([['gate', ...header, 'p worse', 'p within'], ...rows(report.gates, false)]));
  if (report.rollback.length > 0) lines.push('', ...table([['rollback criterion', ...header, 'p'], ...rows(report.rollback, true)]));
  lines.push('', `reason: ${report.reason}`);
  const notes = [...report.gates, ...report.rollback].filter((v) => v.verdict !== 'pass').map((v) => `  ${v.gate}: ${v.reason}`);
  if (notes.length > 0) lines.push('', 'not passing:', ...notes);
  return `${lines.join('\n')}\n`;
}

function row(v: VerdictReport, metric: MetricDefinition | undefined, criterion: boolean): string[] {
  const verdict = v.fired === undefined ? v.verdict : v.skipped ? 'skipped' : v.fired ? 'FIRED' : v.verdict === 'no-data' ? 'no-data' : 'not fired';
  const absolute = v.test === 'quantile' || (v.estimates?.control === null && v.estimates?.canary !== null);
  const show = (x: number | null): string => {
    if (x === null) return '–';
    if (!metric) return String(Number(x.toPrecision(3)));
    if (v.test === 'mann-whitney') return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;
    if (v.test === 'ratio') return `${x >= 0 ? '+' : '−'}${Number((Math.abs(x) * 100).toPrecision(3))}%`;
    if (v.test === 'net-benefit') return `${x >= 0 ? '+' : '−'}${Number(Math.abs(x).toPrecision(4))}`;
    return absolute ? formatValue(x, metric) : formatDifference(x, metric);
  };
  const interval = v.interval ? `${show(v.interval[0])} to ${show(v.interval[1])}` : '–';
  const p = (x: number | null) => (x === null ? '–' : formatP(x));
  const cells = [v.gate + (v.critical ? ' (critical)' : ''), v.metric, v.test ?? '–', verdict, show(v.effect), interval, show(v.threshold), p(v.pValue)];
  return criterion ? cells : [...cells, p(v.passPValue)];
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

function shorten(text: string, max: number): string {
  return [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;
}
