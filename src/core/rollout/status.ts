import { formatDuration } from '../model/duration.js';
import { describeSplit } from './split.js';
import type { RolloutState } from './types.js';

const HEAD = ['release', 'phase', 'stage', 'traffic', 'in stage', 'last decision'] as const;

function since(from: string, now: Date): string {
  const ms = now.getTime() - Date.parse(from);
  return Number.isFinite(ms) ? formatDuration(Math.max(0, Math.floor(ms / 60_000) * 60_000)) : '?';
}

function row(state: RolloutState, now: Date): string[] {
  const last = state.lastDecision;
  const note = state.phase === 'paused' || state.phase === 'frozen' || state.phase === 'rolled-back' ? state.phaseReason ?? last?.reason : last?.reason;
  return [
    state.release,
    state.phase,
    `${state.stageIndex + 1}. ${state.stage}`,
    describeSplit(state.split),
    state.phase === 'complete' || state.phase === 'rolled-back' ? '–' : since(state.stageStartedAt, now),
    `${last ? `${last.decision} ${since(last.at, now)} ago${note ? `: ${note}` : ''}` : (note ?? '–')}${failedReads(state)}`,
  ];
}

/** ` · failed reads: error_rate ×3`: metrics whose source keeps failing (the count escalates at the policy's consecutiveErrorLimit). */
function failedReads(state: RolloutState): string {
  const entries = Object.entries(state.metricErrors ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return entries.length > 0 ? ` · failed reads: ${entries.map(([metric, n]) => `${metric} ×${n}`).join(', ')}` : '';
}

/**
 * Every rollout at a glance, sorted by release: phase, stage, traffic, time in the stage and the
 * last decision with its reason. `text` is aligned columns for a terminal; `md` a table for a job
 * summary or comment.
 */
export function renderStatus(states: readonly RolloutState[], now: Date, format: 'text' | 'md'): string {
  if (states.length === 0) return 'No rollouts.\n';
  const rows = [...states].sort((a, b) => a.release.localeCompare(b.release)).map((state) => row(state, now));
  if (format === 'md') {
    const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
    return [`| ${HEAD.join(' | ')} |`, `|${HEAD.map(() => '---').join('|')}|`, ...rows.map((cells) => `| ${cells.map(escape).join(' | ')} |`)].join('\n') + '\n';
  }
  const widths = HEAD.map((title, column) => Math.max(title.length, ...rows.map((cells) => (column === HEAD.length - 1 ? 0 : (cells[column] ?? '').length))));
  const line = (cells: readonly string[]) => cells.map((text, column) => (column === cells.length - 1 ? text : text.padEnd(widths[column] ?? 0))).join('  ').trimEnd();
  return [line(HEAD), ...rows.map(line)].join('\n') + '\n';
}
