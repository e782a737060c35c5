import type { AuditRecord } from '../audit/chain.js';
import { formatDuration } from '../model/duration.js';
import { estimateImpact, judgementSection, TRIGGERS } from '../rollout/revert-evidence.js';
import { describeSplit } from '../rollout/split.js';
import type { RolloutState } from '../rollout/types.js';
import { commentMarker } from './comment-marker.js';
import { cell, valueCell } from './markdown.js';

export interface RetrospectiveInput {
  /** The release's state after the rollback (phase rolled-back). */
  readonly state: RolloutState;
  /** The release's audit records, oldest first: the timeline. */
  readonly records: readonly AuditRecord[];
  /** Expected requests per hour across both arms, for the impact estimate. */
  readonly requestsPerHour?: number;
  readonly revertUrl?: string;
  /** The release's owner as the release file names it (shown, not @-mentioned: the adapter assigns the issue). */
  readonly owner?: string;
}

/** One retrospective per rollout that rolled back: a release rolled back, approved and started again gets a second. */
export function retrospectiveMarker(state: RolloutState): string {
  return commentMarker('retrospective', `${state.release}@${state.startedAt}`);
}

/** Timeline rows beyond this are summarised: a rollout that held for days records a line per heartbeat. */
const MAX_TIMELINE = 40;

/**
 * The retrospective issue opened after a rollback, for the release's owner: what happened when
 * (the audit timeline), what fired it, the evidence, how many requests the challenger served and
 * the revert pull request. Built from the state and the audit records alone, so it says only what
 * the compliance record says.
 */
export function renderRetrospective(input: RetrospectiveInput): { readonly title: string; readonly body: string } {
  const { state } = input;
  const rolledBack = state.rolledBack;
  const at = rolledBack?.at ?? state.updatedAt;
  const rollbackRecord = [...input.records].reverse().find((r) => r.event === 'rollback');
  const title = `Retrospective: ${state.release} rolled back at ${state.stage}`;
  const lines = [
    retrospectiveMarker(state),
    `## What happened to \`${state.release}\``,
    '',
    '| | |',
    '|---|---|',
    `| Rolled back | ${at}${rolledBack ? ` by ${cell(rolledBack.by)}` : ''} |`,
    `| Trigger | ${rolledBack ? `${rolledBack.trigger}: ${TRIGGERS[rolledBack.trigger]}` : '–'} |`,
    `| Reason | ${cell(rolledBack?.reason ?? state.phaseReason ?? '–')} |`,
    `| Stage reached | ${cell(state.stage)} (${state.stageIndex + 1}) |`,
    `| Rollout ran | ${state.startedAt} → ${at} (${formatDuration(Math.max(0, Math.floor((Date.parse(at) - Date.parse(state.startedAt)) / 60_000) * 60_000))}) |`,
    `| Owner | ${input.owner ? cell(input.owner) : '–'} |`,
    `| Revert pull request | ${input.revertUrl ?? '–'} |`,
    `| Audit record | ${rollbackRecord ? `seq ${rollbackRecord.seq}, \`${rollbackRecord.hash}\`` : '–'} |`,
    '',
    '### Timeline',
    '',
    '| at | event | stage | decision | traffic | by | why |',
    '|---|---|---|---|---|---|---|',
  ];
  const shown = input.records.length > MAX_TIMELINE ? [...input.records.slice(0, 5), ...input.records.slice(-(MAX_TIMELINE - 5))] : input.records;
  shown.forEach((record, index) => {
    if (shown !== input.records && index === 5) lines.push(`| … | ${input.records.length - MAX_TIMELINE} more records | | | | | \`glidepath audit export\` lists them all |`);
    const traffic = record.splitAfter ? describeSplit(record.splitAfter) : '';
    lines.push(`| ${record.at} | ${record.event} | ${cell(record.stage)} | ${valueCell(record.decision)} | ${cell(traffic)} | ${cell(record.actor)} | ${cell(firstSentence(record.reason))} |`);
  });
  lines.push('', ...judgementSection(rollbackRecord?.judgement));
  const impact = estimateImpact(state, at, input.requestsPerHour, rollbackRecord?.judgement);
  lines.push('### Impact', '', ...impact.lines, '', '### To discuss', '', '- Did the gates catch it as early as they could? Would a lower first weight or a longer bake time have served fewer users?', '- Which signal fired first, and is there one that would have fired sooner?', '- What must change before this release ships again? (After a rollback, `glidepath approve` of the release allows it to start again.)', '');
  return { title, body: lines.join('\n') };
}

function firstSentence(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
