import type { AuditRecord } from '../audit/chain.js';
import { describeSplit } from '../rollout/split.js';
import type { RolloutState } from '../rollout/types.js';
import { cell, valueCell } from './markdown.js';

/** One release's tick as the job summary shows it. */
export interface SummaryRow {
  readonly release: string;
  readonly decision: string;
  readonly reason: string;
  readonly state?: RolloutState;
  /** The release's audit records, oldest first: the charts' points. */
  readonly records?: readonly AuditRecord[];
}

/** Points per chart: mermaid draws a few dozen legibly; older points are dropped. */
const MAX_POINTS = 48;
/** Metrics charted per release: the ones that decide most (rollback criteria first, then gates). */
const MAX_METRICS = 3;

/**
 * The job summary of a tick: one table row per release (decision, why, where it stands), then
 * per release a mermaid chart of the challenger's weight over time and one of each key metric's
 * effect (canary minus control) at each recorded judgement, from the audit records.
 */
export function renderRolloutSummary(rows: readonly SummaryRow[]): string {
  if (rows.length === 0) return 'No rollouts.\n';
  const lines = ['| release | decision | phase | stage | traffic | why |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(`| ${cell(row.release)} | **${cell(row.decision)}** | ${row.state?.phase ?? '–'} | ${row.state ? cell(row.state.stage) : '–'} | ${row.state ? cell(describeSplit(row.state.split)) : '–'} | ${cell(row.reason)} |`);
  }
  for (const row of rows) {
    const charts = chartsFor(row);
    if (charts.length > 0) lines.push('', `### ${cell(row.release)}`, '', ...charts);
  }
  return `${lines.join('\n')}\n`;
}

function chartsFor(row: SummaryRow): string[] {
  const records = (row.records ?? []).filter((r) => r.release === row.release);
  const moves = records.filter((r) => r.splitAfter !== undefined).slice(-MAX_POINTS);
  const out: string[] = [];
  if (moves.length > 0) {
    out.push(chart(`${row.release}: challenger weight (%)`, moves.map((r) => label(r.at)), [{ values: moves.map((r) => r.splitAfter?.mode === 'traffic' ? r.splitAfter.weight : 0) }], 'weight %', [0, 100]));
  }
  const judged = records.filter((r) => r.judgement !== undefined).slice(-MAX_POINTS);
  const metrics: string[] = [];
  for (const record of judged) {
    for (const verdict of [...(record.judgement?.rollback ?? []), ...(record.judgement?.gates ?? [])]) {
      if (!metrics.includes(verdict.metric) && metrics.length < MAX_METRICS) metrics.push(verdict.metric);
    }
  }
  for (const metric of metrics) {
    const points = judged
      .map((record) => ({ at: record.at, effect: [...(record.judgement?.rollback ?? []), ...(record.judgement?.gates ?? [])].find((v) => v.metric === metric && v.evidence?.effect !== undefined)?.evidence?.effect }))
      .filter((p): p is { at: string; effect: number } => p.effect !== undefined && Number.isFinite(p.effect));
    if (points.length < 2) continue;
    out.push(chart(`${row.release}: ${metric}, canary − control`, points.map((p) => label(p.at)), [{ values: points.map((p) => Number(valueCell(p.effect))) }], 'effect'));
  }
  return out;
}

/** `MM-DD HH:MM` in UTC: short enough for an axis, and ticks are minutes apart at most. */
function label(iso: string): string {
  return iso.slice(5, 16).replace('T', ' ');
}

function chart(title: string, xs: readonly string[], lines: readonly { values: readonly number[] }[], yTitle: string, range?: readonly [number, number]): string {
  // Names come from schema-checked release and metric names; quotes are dropped anyway, since a quote would end mermaid's string.
  const quote = (text: string) => `"${text.replace(/"/g, '')}"`;
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${quote(title)}`,
    `  x-axis [${xs.map(quote).join(', ')}]`,
    `  y-axis ${quote(yTitle)}${range ? ` ${range[0]} --> ${range[1]}` : ''}`,
    ...lines.map((line) => `  line [${line.values.join(', ')}]`),
    '```',
    '',
  ].join('\n');
}
