import type { GlidepathConfig, Release, RolloutPolicy } from '../model/index.js';
import type { OfflineVerdict } from '../offline/judge-offline-gate.js';
import { decideTick } from './decide-tick.js';
import { buildFacts } from './facts.js';
import { approveHint, checkAction, commentAction } from './messages.js';
import { CHAMPION_ONLY, describeSplit, servesUsers, splitForStage } from './split.js';
import { draft, enterStage, recorded, stageAt, type TickPlan } from './transitions.js';
import type { Action, Approval, RolloutPullRequest, RolloutState } from './types.js';

export interface StartInput {
  readonly release: Release;
  readonly policy: RolloutPolicy;
  readonly config: GlidepathConfig | undefined;
  /** The release's stored state, if it ever had a rollout. */
  readonly previous: RolloutState | undefined;
  /** bundleHash() of the challenger being started. */
  readonly bundleHash: string;
  /** The merge commit; the revert PR undoes it. */
  readonly sourceCommit?: string;
  /** The pull request that merged `sourceCommit`, when the host knows one. */
  readonly pullRequest?: RolloutPullRequest;
  readonly now: Date;
  readonly actor: string;
  /** The release's offline gate, judged on the results file at this commit (absent: the release has none). */
  readonly offline?: OfflineVerdict;
}

/** The decision code of a rollout its offline gate stopped before any traffic. */
export const OFFLINE_GATE_FAILED = 'offline-gate-failed';

function short(hash: string): string {
  return hash.slice(0, 12);
}

/** The approval that allows a restart after the rollback recorded in `previous`, if a person gave one. */
export function restartApproval(previous: RolloutState): Approval | undefined {
  const since = Date.parse(previous.rolledBack?.at ?? previous.updatedAt);
  return previous.approvals.find((approval) => approval.kind === 'restart' && Date.parse(approval.at) >= since);
}

/**
 * Starts a release's rollout: stage 0's split, the state and a `start` record. Stage 0 takes
 * traffic at once unless the deploy window is closed or stage 0 needs an approval; then the
 * rollout waits in `pending` and a tick moves it when both allow.
 *
 * Against the stored state of the same release:
 * - running with the same bundle: an empty plan (start is idempotent; re-running the workflow is safe);
 * - running with another bundle: refused, unless the running rollout has served no user yet
 *   (pending or shadow): then the new challenger replaces it, since nobody saw the old one;
 * - rolled back: refused until a person approves a restart (`glidepath approve --release …`);
 * - complete with the same bundle: an empty plan; with another bundle: a new rollout.
 */
export function planStart(input: StartInput): TickPlan | { refused: string } {
  const { release, policy, previous } = input;
  const name = release.metadata.name;
  if (release.spec.policy !== policy.metadata.name) {
    return { refused: `release ${name} follows policy ${release.spec.policy}, but policy ${policy.metadata.name} was given` };
  }
  if (previous && previous.release !== name) throw new Error(`planStart: the stored state is for ${previous.release}, the release is ${name}`);
  let supersedes: string | undefined;
  let restart: Approval | undefined;
  // A rollout its offline gate stopped never served anyone: a new start judges the gate again (new results, or a new challenger).
  const offlineStopped = previous?.phase === 'paused' && previous.lastDecision?.code === OFFLINE_GATE_FAILED && !servesUsers(previous.split);
  if (previous && offlineStopped) {
    if (previous.bundleHash === input.bundleHash && input.offline?.status === 'failed' && previous.phaseReason === offlineReason(input.offline)) {
      return { decision: 'hold', reason: `${name} is stopped by its offline gate with these results already; nothing to start`, actions: [], next: previous };
    }
    if (previous.bundleHash !== input.bundleHash) supersedes = previous.bundleHash;
  } else if (previous) {
    const running = previous.phase !== 'complete' && previous.phase !== 'rolled-back';
    if (previous.bundleHash === input.bundleHash && (running || previous.phase === 'complete')) {
      const reason = running
        ? `${name} is already rolling out this bundle (${previous.phase} at ${previous.stage}); nothing to start`
        : `${name} already completed with this bundle; nothing to start`;
      return { decision: 'hold', reason, actions: [], next: previous };
    }
    if (running) {
      const untouched = (previous.phase === 'pending' || previous.phase === 'progressing') && !servesUsers(previous.split);
      if (!untouched) {
        return {
          refused: `${name} is mid-rollout (${previous.phase} at ${previous.stage}, ${describeSplit(previous.split)}) with challenger ${short(previous.bundleHash)}…; this change brings challenger ${short(input.bundleHash)}…. A rollout that serves users is never swapped underneath them: roll it back first (\`glidepath rollback --release ${name}\`), then approve a restart (\`glidepath approve --release ${name}\`) and start again`,
        };
      }
      supersedes = previous.bundleHash;
    }
    if (previous.phase === 'rolled-back') {
      restart = restartApproval(previous);
      if (!restart) {
        const when = previous.rolledBack ? ` at ${previous.rolledBack.at} (${previous.rolledBack.trigger}: ${previous.rolledBack.reason})` : '';
        return {
          refused: `${name} was rolled back${when}. Starting it again needs a person's approval: ${approveHint(name)}, then start again`,
        };
      }
    }
  }
  return startRollout(input, supersedes, restart);
}

function startRollout(input: StartInput, supersedes: string | undefined, restart: Approval | undefined): TickPlan {
  const { release, policy, previous } = input;
  const at = input.now.toISOString();
  const first = stageAt(policy, 0);
  const pending: RolloutState = {
    release: release.metadata.name,
    phase: 'pending',
    stageIndex: 0,
    stage: first.name,
    startedAt: at,
    stageStartedAt: at,
    updatedAt: at,
    split: CHAMPION_ONLY,
    bundleHash: input.bundleHash,
    ...(input.sourceCommit ? { sourceCommit: input.sourceCommit } : {}),
    ...(input.pullRequest ? { pullRequest: input.pullRequest } : {}),
    approvals: [],
    revision: previous?.revision ?? 0,
    policy: policy.metadata.name,
    history: [],
  };
  const facts = buildFacts({ release, policy, config: input.config, state: pending, judgement: undefined, now: input.now });
  const decided = decideTick(facts, undefined);
  const details = {
    policy: policy.metadata.name,
    ...(supersedes ? { supersedes } : {}),
    ...(restart ? { restartApprovedBy: restart.by, restartApprovedAt: restart.at } : {}),
    ...(input.offline ? { offlineGate: input.offline } : {}),
  };
  if (input.offline?.status === 'failed') return stopByOfflineGate(input, pending, input.offline, details);
  if (decided.decision !== 'advance') {
    const reason = `started; waiting before ${first.name}: ${decided.reason}`;
    const next = recorded(pending, 'hold', reason, decided.code, at);
    const actions: Action[] = [
      { type: 'write-state', state: next },
      { type: 'append-audit', record: draft(next, at, input.actor, { event: 'start', decision: 'hold', reason, code: decided.code, facts, details }) },
      commentAction(next.release, `started; waiting before ${first.name}`, decided.reason, ...(decided.code === 'awaiting-approval' ? [`To approve, ${approveHint(next.release, first.name)}.`] : [])),
    ];
    return { decision: 'hold', reason, actions, next };
  }
  const split = splitForStage(first);
  const reason = `started at ${first.name} (${describeSplit(split)})${supersedes ? `, replacing challenger ${short(supersedes)}… which had served no user` : ''}`;
  const next = recorded(enterStage(pending, policy, 0, split, at), 'advance', reason, 'start', at);
  return {
    decision: 'advance',
    reason,
    actions: [
      { type: 'set-traffic', release: next.release, split, from: supersedes && previous ? previous.split : CHAMPION_ONLY, reason: `start at ${first.name}` },
      { type: 'write-state', state: next },
      { type: 'append-audit', record: draft(next, at, input.actor, { event: 'start', decision: 'advance', reason, code: 'start', facts, splitBefore: supersedes && previous ? previous.split : CHAMPION_ONLY, splitAfter: split, details }) },
      commentAction(next.release, `started: ${first.name} (${describeSplit(split)})`, reason),
      checkAction(next.release, 'neutral', `Rolling out: ${first.name}`, reason),
    ],
    next,
  };
}

function offlineReason(verdict: OfflineVerdict): string {
  return `offline gate ${verdict.summary}`;
}

/**
 * The challenger failed its offline evaluation: the rollout is recorded, paused before stage 0
 * with the champion serving everyone, and the evidence goes into the audit record. A new start
 * with new results (or a new challenger) judges the gate again.
 */
function stopByOfflineGate(input: StartInput, pending: RolloutState, verdict: OfflineVerdict, details: Readonly<Record<string, unknown>>): TickPlan {
  const at = input.now.toISOString();
  const reason = offlineReason(verdict);
  const next = recorded({ ...pending, phase: 'paused', phaseReason: reason }, 'pause', reason, OFFLINE_GATE_FAILED, at);
  return {
    decision: 'pause',
    reason,
    actions: [
      { type: 'write-state', state: next },
      { type: 'append-audit', record: draft(next, at, input.actor, { event: 'start', decision: 'pause', reason, code: OFFLINE_GATE_FAILED, details }) },
      commentAction(next.release, 'stopped before any traffic: the offline gate failed', verdict.summary),
      checkAction(next.release, 'failure', 'Offline gate failed', verdict.summary),
    ],
    next,
  };
}
