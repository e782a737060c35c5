import type { TrafficSplit } from '../../ports/traffic-provider.js';
import type { Decision, StageJudgement } from '../gates/judgement.js';

/** Where a rollout is. Terminal phases: complete, rolled-back. */
export type RolloutPhase =
  | 'pending'
  | 'progressing' // in stages[stageIndex] (shadow or weighted)
  | 'watching' // at 100%, rollback criteria still checked until the watch ends
  | 'complete'
  | 'rolled-back'
  | 'paused' // a gate failed with onFailure: pause; a person decides
  | 'frozen'; // no automatic change until unfrozen

export function isTerminal(phase: RolloutPhase): boolean {
  return phase === 'complete' || phase === 'rolled-back';
}

export interface Approval {
  readonly stage: string;
  readonly by: string;
  readonly at: string;
  readonly reason?: string;
}

/** One release's rollout, as stored on the state branch (one JSON file per release). */
export interface RolloutState {
  readonly release: string;
  readonly phase: RolloutPhase;
  readonly stageIndex: number;
  readonly stage: string;
  /** ISO times. */
  readonly startedAt: string;
  readonly stageStartedAt: string;
  readonly updatedAt: string;
  /** The split Glidepath last set and read back. */
  readonly split: TrafficSplit;
  /** SHA-256 of the challenger bundle (model id, prompt file hash, parameters, tools). */
  readonly bundleHash: string;
  /** The merge commit that started the rollout; the revert PR undoes it. */
  readonly sourceCommit?: string;
  readonly approvals: readonly Approval[];
  /** Increments with every write. */
  readonly revision: number;
  readonly lastDecision?: { readonly decision: Decision; readonly at: string; readonly reason: string };
}

/** What the planner asks the commands to do. Commands carry these out in order; dry-run prints them. */
export type Action =
  | { readonly type: 'set-traffic'; readonly release: string; readonly split: TrafficSplit; readonly reason: string }
  | { readonly type: 'write-state'; readonly state: RolloutState }
  | { readonly type: 'append-audit'; readonly record: AuditRecordDraft }
  | { readonly type: 'comment'; readonly release: string; readonly body: string }
  | { readonly type: 'check'; readonly release: string; readonly conclusion: 'success' | 'failure' | 'neutral'; readonly title: string; readonly summary: string }
  | { readonly type: 'open-revert'; readonly release: string; readonly title: string; readonly body: string }
  | { readonly type: 'notify'; readonly release: string; readonly message: string };

/** An audit record before the chain fields (sequence, previous hash, own hash) are filled in. */
export interface AuditRecordDraft {
  readonly at: string;
  readonly release: string;
  readonly bundleHash: string;
  readonly stage: string;
  readonly event: 'start' | 'decision' | 'approval' | 'rollback' | 'reconcile' | 'drill' | 'complete' | 'pause' | 'freeze';
  readonly decision?: Decision;
  readonly reason: string;
  /** The bot, or the person who approved or rolled back. */
  readonly actor: string;
  /** The inputs and verdicts the decision followed from, so it can be replayed. */
  readonly judgement?: StageJudgement;
  readonly splitBefore?: TrafficSplit;
  readonly splitAfter?: TrafficSplit;
  /** What the provider answered (read-back split, or its error). */
  readonly provider?: { readonly ok: boolean; readonly split?: TrafficSplit; readonly error?: string };
  readonly details?: Readonly<Record<string, unknown>>;
}
