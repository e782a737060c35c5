import type { AuditRecord } from '../audit/chain.js';
import { describeSplit } from '../rollout/split.js';
import type { RolloutState } from '../rollout/types.js';
import { minute, waitsFor } from './dashboard.js';
import { cell, valueCell } from './markdown.js';

/** Decisions listed on the check run and the pull request; the audit log has the rest. */
const MAX_DECISIONS = 12;

export interface RolloutReport {
  readonly title: string;
  readonly conclusion: 'success' | 'failure' | 'neutral';
  /** Markdown for the check run's summary and the pull request's sticky comment. */
  readonly body: string;
}

const HEADLINES: Readonly<Record<RolloutState['phase'], string>> = {
  pending: 'waiting to start',
  progressing: 'rolling out',
  watching: 'at full traffic, watched',
  complete: 'complete',
  'rolled-back': 'rolled back',
  paused: 'paused',
  frozen: 'frozen',
};

/**
 * One rollout as its merge commit's check run and its pull request's sticky comment show it:
 * where it stands, the last decision and why, what it waits for, and its recent decisions.
 * Built from the state and the audit records only, with times as instants, never "ago": the
 * same rollout gives the same text, so a publisher writes only when the rollout changed.
 */
export function renderRolloutReport(state: RolloutState, records: readonly AuditRecord[], links: { readonly revert?: string; readonly dashboard?: string } = {}): RolloutReport {
  const last = state.lastDecision;
  const why = state.phase === 'paused' || state.phase === 'frozen' || state.phase === 'rolled-back' ? (state.phaseReason ?? last?.reason) : last?.reason;
  const conclusion = state.phase === 'complete' ? 'success' : state.phase === 'rolled-back' ? 'failure' : 'neutral';
  const title = `${state.release}: ${HEADLINES[state.phase]} at ${state.stage} (${describeSplit(state.split)})`;
  const lines = [
    `**Glidepath · \`${state.release}\`** — ${HEADLINES[state.phase]}`,
    '',
    '| | |',
    '|---|---|',
    `| Phase | ${state.phase} |`,
    `| Stage | ${state.stageIndex + 1}. ${cell(state.stage)}, since ${minute(state.stageStartedAt)} |`,
    `| Traffic | ${cell(describeSplit(state.split))} |`,
    `| Last decision | ${last ? `${last.decision}, ${minute(last.at)}` : '–'} |`,
    `| Why | ${cell(why ?? '–')} |`,
    `| Waits for | ${waitsFor(state)} |`,
    `| Started | ${minute(state.startedAt)} |`,
    ...(links.revert ? [`| Revert | ${links.revert} |`] : []),
    ...(links.dashboard ? [`| All rollouts | ${links.dashboard} |`] : []),
  ];
  const own = records.filter((r) => r.release === state.release);
  if (own.length > 0) {
    const shown = own.slice(-MAX_DECISIONS);
    lines.push('', `### Decisions${own.length > shown.length ? ` (last ${shown.length} of ${own.length})` : ''}`, '', '| at | event | stage | decision | traffic | by | why |', '|---|---|---|---|---|---|---|');
    for (const r of shown) {
      lines.push(`| ${minute(r.at)} | ${r.event} | ${cell(r.stage)} | ${valueCell(r.decision)} | ${r.splitAfter ? cell(describeSplit(r.splitAfter)) : ''} | ${cell(r.actor)} | ${cell(firstLine(r.reason))} |`);
    }
  }
  lines.push('', `The audit log on the state branch has every record: \`glidepath audit export --release ${state.release}\`.`);
  return { title, conclusion, body: `${lines.join('\n')}\n` };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
