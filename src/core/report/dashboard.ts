import { formatDuration } from '../model/duration.js';
import { describeSplit } from '../rollout/split.js';
import { isTerminal, type RolloutState } from '../rollout/types.js';
import { commentMarker } from './comment-marker.js';
import { cell } from './markdown.js';

/** Links the dashboard shows for a release, when the host has them. */
export interface RolloutLinks {
  readonly pullRequest?: string;
  readonly revert?: string;
  /** The merge commit the rollout started from, as a full sha: GitHub links it, and its page names the pull request. */
  readonly commit?: string;
}

export interface DashboardInput {
  readonly states: readonly RolloutState[];
  readonly now: Date;
  readonly stateBranch: string;
  readonly links?: Readonly<Record<string, RolloutLinks>>;
  /** How long finished rollouts stay listed under "Recently finished"; default 7 days. */
  readonly recentMs?: number;
  /**
   * Show when the stage and the last decision began instead of how long ago: the body then
   * changes only when a rollout does, so an issue kept in sync is not rewritten on every tick.
   */
  readonly absoluteTimes?: boolean;
}

/** The dashboard issue's title: found again by it and by its marker, and updated in place. */
export const DASHBOARD_TITLE = 'Glidepath rollouts dashboard';

const WEEK_MS = 7 * 86_400_000;

/**
 * What a hold waits for, in the words of the person who can end it; the decision's own reason
 * follows it. Codes are decideTick's stable kinds.
 */
const WAITING_FOR: Readonly<Record<string, string>> = {
  'awaiting-approval': 'an approval (`/glidepath approve <release>`)',
  'window-closed': 'the deploy window to open',
  'awaiting-provider': 'the provider to finish the traffic change',
  'bake-time': 'the stage’s minimum duration',
  watching: 'the watch at the last stage to end',
  paused: 'a person: approve to resume, or roll back',
  frozen: 'a person: approve to unfreeze, or roll back',
  'provider-error': 'the provider to accept the change',
  'judgement:no-data': 'metrics',
  'judgement:insufficient-samples': 'enough samples',
  'judgement:inconclusive': 'more data for a verdict',
  'judgement:srm': 'the traffic split to be repaired (sample-ratio mismatch)',
  'out-of-band': 'a person: the provider serves a split Glidepath did not set',
};

function ago(from: string | undefined, now: Date): string {
  if (from === undefined) return '–';
  const ms = now.getTime() - Date.parse(from);
  return Number.isFinite(ms) ? formatDuration(Math.max(0, Math.floor(ms / 60_000) * 60_000)) : '–';
}

/** What a rollout waits for, in the words of the person who can end it (`–` when nothing). */
export function waitsFor(state: RolloutState): string {
  const code = state.lastDecision?.code;
  if (state.phase === 'paused' || state.phase === 'frozen') return WAITING_FOR[state.phase] as string;
  if (code !== undefined && WAITING_FOR[code] !== undefined) return WAITING_FOR[code] as string;
  if (state.lastDecision?.decision === 'advance' || state.lastDecision?.decision === 'extend') return 'the next evaluation';
  return '–';
}

/** A link only to a plain web address: a state file is editable, and `)` or `|` in one would reshape the table. */
function linkTo(text: string, url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s()<>|[\]`]+$/.test(url) ? `[${text}](${url})` : undefined;
}

function linksCell(links: RolloutLinks | undefined): string {
  if (!links) return '–';
  const parts = [linkTo('pull request', links.pullRequest), linkTo('revert', links.revert), links.commit && /^[0-9a-f]{40}$/i.test(links.commit) ? links.commit : undefined].filter((p) => p !== undefined);
  return parts.length > 0 ? parts.join(' · ') : '–';
}

/**
 * The dashboard issue (in the spirit of Renovate's Dependency Dashboard): every active rollout
 * with its stage, traffic, time in stage, last decision and why, what it waits for and links;
 * then the rollouts that finished recently. Pure: the same states and time give the same body,
 * so the adapter updates the issue only when the body changes.
 */
export function renderDashboard(input: DashboardInput): { readonly title: string; readonly body: string } {
  const sorted = [...input.states].sort((a, b) => a.release.localeCompare(b.release));
  const active = sorted.filter((s) => !isTerminal(s.phase));
  const recentMs = input.recentMs ?? WEEK_MS;
  const finished = sorted.filter((s) => isTerminal(s.phase) && input.now.getTime() - Date.parse(s.updatedAt) <= recentMs);
  const lines = [
    commentMarker('dashboard'),
    `This issue lists every rollout Glidepath drives, from the state branch \`${input.stateBranch}\`. Glidepath updates it; edits are overwritten.`,
    '',
    `### Active rollouts (${active.length})`,
    '',
  ];
  if (active.length === 0) lines.push('None.');
  else {
    lines.push('| release | phase | stage | traffic | in stage | last decision | why | waits for | links |', '|---|---|---|---|---|---|---|---|---|');
    for (const s of active) {
      const last = s.lastDecision;
      const why = s.phase === 'paused' || s.phase === 'frozen' ? (s.phaseReason ?? last?.reason) : last?.reason;
      const inStage = input.absoluteTimes ? `since ${minute(s.stageStartedAt)}` : ago(s.stageStartedAt, input.now);
      const decided = last ? (input.absoluteTimes ? `${last.decision}, ${minute(last.at)}` : `${last.decision}, ${ago(last.at, input.now)} ago`) : '–';
      lines.push(`| ${cell(s.release)} | ${s.phase} | ${s.stageIndex + 1}. ${cell(s.stage)} | ${cell(describeSplit(s.split))} | ${inStage} | ${decided} | ${cell(why ?? '–')} | ${waitsFor(s)} | ${linksCell(input.links?.[s.release])} |`);
    }
  }
  lines.push('', `### Recently finished (${finished.length})`, '');
  if (finished.length === 0) lines.push('None in the last ' + formatDuration(recentMs) + '.');
  else {
    lines.push('| release | outcome | at | why | links |', '|---|---|---|---|---|');
    for (const s of finished) {
      lines.push(`| ${cell(s.release)} | ${s.phase} | ${s.updatedAt} | ${cell(s.phaseReason ?? s.lastDecision?.reason ?? '–')} | ${linksCell(input.links?.[s.release])} |`);
    }
  }
  lines.push('', 'Commands, as a comment here or on the release’s pull request, from someone with write access: `/glidepath approve <release> [reason]`, `/glidepath pause <release> [reason]`, `/glidepath resume <release>`, `/glidepath rollback <release> [reason]`.');
  return { title: DASHBOARD_TITLE, body: `${lines.join('\n')}\n` };
}

/** `2026-12-05 11:20 UTC`: minutes are what ticks resolve. */
export function minute(iso: string | undefined): string {
  return iso !== undefined && Number.isFinite(Date.parse(iso)) ? `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '–';
}
