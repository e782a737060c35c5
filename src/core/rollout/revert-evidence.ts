import type { StageJudgement } from '../gates/judgement.js';
import type { Verdict } from '../gates/verdict.js';
import { formatDuration } from '../model/duration.js';
import { valueCell as cell } from '../report/markdown.js';
import { describeSplit } from './split.js';
import { AUDIT_HASH_PLACEHOLDER, type RollbackTrigger, type RolloutState, type StageVisit } from './types.js';

export interface RevertEvidenceInput {
  /** The state BEFORE the rollback (its history says how long the challenger served). */
  readonly state: RolloutState;
  readonly trigger: RollbackTrigger;
  readonly reason: string;
  /** ISO time of the rollback. */
  readonly at: string;
  readonly actor: string;
  readonly judgement?: StageJudgement;
  /** Expected requests per hour across all arms (release `traffic`, else the config's). */
  readonly requestsPerHour?: number;
  /** Hash of the rollback's audit record; default AUDIT_HASH_PLACEHOLDER for the command to fill in. */
  readonly auditHash?: string;
}

/** What set a rollback off, as a sentence's end. */
export const TRIGGERS: Readonly<Record<RollbackTrigger, string>> = {
  criterion: 'a rollback criterion fired',
  gate: 'a gate failed (critical gate, onFailure, onInconclusive, onNoData or maxDuration)',
  manual: 'a person asked for it',
  drill: 'a rollback drill',
};

function verdictRow(kind: string, verdict: Verdict): string {
  const e = verdict.evidence;
  const interval = e?.interval ? `[${cell(e.interval[0])}, ${cell(e.interval[1])}]` : '–';
  const segment = verdict.segment ? ` (${verdict.segment.attribute}=${verdict.segment.value})` : '';
  return `| ${kind} | ${cell(`${verdict.gate}${segment}`)} | ${cell(verdict.metric)} | **${verdict.verdict}** | ${cell(e?.effect)} | ${interval} | ${cell(e?.threshold)} | ${cell(e?.pValue)} | ${cell(e?.n.control)} / ${cell(e?.n.canary)} | ${cell(verdict.reason)} |`;
}

/** Visits with their end, the open one ending at `at`. */
function visitsUntil(state: RolloutState, at: string): StageVisit[] {
  const history = state.history && state.history.length > 0
    ? state.history
    : [{ stage: state.stage, index: state.stageIndex, split: state.split, from: state.stageStartedAt }];
  return history.map((visit) => (visit.until === undefined ? { ...visit, until: at } : visit));
}

/**
 * Requests the challenger served, estimated two ways where the data allows: from the stage
 * history (hours in each stage × its weight × requests per hour; shadow stages serve nobody and
 * ring segments are not counted, so it is a lower bound for rings), and from the canary arm's
 * sample count in the last judgement (requests in the judged window only, also a lower bound).
 */
export function estimateImpact(state: RolloutState, at: string, requestsPerHour: number | undefined, judgement: StageJudgement | undefined): { lines: string[]; fromHistory?: number; fromSamples?: number } {
  const lines: string[] = [];
  const visits = visitsUntil(state, at);
  const served = visits.filter((visit) => visit.split.mode === 'traffic' && visit.split.weight > 0);
  const hours = served.reduce((sum, visit) => sum + Math.max(0, Date.parse(visit.until ?? at) - Date.parse(visit.from)) / 3_600_000, 0);
  const firstServed = served[0];
  lines.push(firstServed
    ? `The challenger first served users at ${firstServed.from} (${firstServed.stage}, ${describeSplit(firstServed.split)}); it served in ${served.length} stage(s) for ${formatDuration(Math.round(hours * 3_600_000))} in total.`
    : 'The challenger never served users (shadow or pending only).');
  let fromHistory: number | undefined;
  if (requestsPerHour !== undefined) {
    fromHistory = Math.round(served.reduce((sum, visit) => sum + (Math.max(0, Date.parse(visit.until ?? at) - Date.parse(visit.from)) / 3_600_000) * (visit.split.weight / 100) * requestsPerHour, 0));
    const rings = served.some((visit) => visit.split.segment) ? ' Ring segments are not included, so this is a lower bound.' : '';
    lines.push(`Estimated from the stage history: about **${fromHistory.toLocaleString('en-US')}** requests (hours in each stage × its weight × ${requestsPerHour.toLocaleString('en-US')} requests/hour from the release's \`traffic\`).${rings}`);
  } else {
    lines.push('No `traffic.requestsPerHour` is declared, so no estimate from the stage history.');
  }
  let fromSamples: number | undefined;
  if (judgement && judgement.samples.canary > 0) {
    fromSamples = judgement.samples.canary;
    lines.push(`Counted by the metrics source: the canary arm had **${fromSamples.toLocaleString('en-US')}** requests in the last judged window of ${judgement.stage} (a lower bound: earlier stages are not included).`);
  }
  return { lines, ...(fromHistory !== undefined ? { fromHistory } : {}), ...(fromSamples !== undefined ? { fromSamples } : {}) };
}

/** The revert pull request: trigger, time, gates and numbers, reason, audit record and impact. */
export function revertEvidence(input: RevertEvidenceInput): { title: string; body: string } {
  const { state, judgement } = input;
  const title = `Revert ${state.release}: rolled back at ${state.stage} (${input.trigger})`;
  const impact = estimateImpact(state, input.at, input.requestsPerHour, judgement);
  const lines = [
    `## Glidepath rolled back \`${state.release}\``,
    '',
    `The champion serves all traffic again since **${input.at}**. This pull request reverts the change so that git says what production runs.`,
    '',
    '| | |',
    '|---|---|',
    `| Trigger | ${input.trigger}: ${TRIGGERS[input.trigger]} |`,
    `| Reason | ${cell(input.reason)} |`,
    `| Stage | ${state.stage} (${state.stageIndex + 1}), ${describeSplit(state.split)} before the rollback |`,
    `| Rolled back by | ${cell(input.actor)} |`,
    `| Rollout started | ${state.startedAt} |`,
    `| Challenger bundle | \`${state.bundleHash}\` |`,
    ...(state.sourceCommit ? [`| Merge commit reverted | ${state.sourceCommit} |`] : []),
    `| Audit record | \`${input.auditHash ?? AUDIT_HASH_PLACEHOLDER}\` |`,
    '',
  ];
  lines.push(...judgementSection(judgement));
  lines.push('### Impact', '', ...impact.lines, '', '`glidepath audit verify` checks this record\'s place in the hash chain and replays the decision from its evidence.');
  return { title, body: lines.join('\n') };
}

/** The judgement a rollback followed, as a section: outcome, samples, split check and every verdict with its numbers. */
export function judgementSection(judgement: StageJudgement | undefined): string[] {
  if (!judgement) return ['No judgement accompanied this rollback (a manual rollback or a drill).', ''];
  const lines = [
    '### Gates and rollback criteria',
    '',
    `Judgement of ${judgement.stage}: **${judgement.outcome}**: ${cell(judgement.reason)}`,
    `Samples: control ${judgement.samples.control}, canary ${judgement.samples.canary}. Split check: ${judgement.srm.verdict}${judgement.srm.pValue !== undefined ? ` (p = ${cell(judgement.srm.pValue)})` : ''}.`,
    '',
    '| | name | metric | verdict | effect | interval | threshold | p | n control / canary | why |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...judgement.rollback.map((verdict) => verdictRow('rollback criterion', verdict)),
    ...judgement.gates.map((verdict) => verdictRow(verdict.critical ? 'critical gate' : 'gate', verdict)),
    '',
  ];
  if (judgement.sourceError) lines.push(`The metrics source reported an error: ${cell(judgement.sourceError)}`, '');
  return lines;
}
