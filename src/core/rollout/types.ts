import type { StageJudgement } from '../gates/judgement.js';
import type { MetricsSnapshot } from '../metrics/arm-data.js';
import type { TrafficSplit } from '../model/traffic-split.js';
import type { Decision } from './decision.js';

/** Where a rollout is. Terminal phases: complete, rolled-back. */
export type RolloutPhase =
  | 'pending' // started, waiting for the window or an approval before stage 0 takes traffic
  | 'progressing' // in stages[stageIndex] (shadow or weighted)
  | 'watching' // the last stage passed; rollback criteria still checked until the watch ends
  | 'complete'
  | 'rolled-back'
  | 'paused' // onFailure: pause, or an out-of-band traffic change; a person decides
  | 'frozen'; // onFailure: freeze; no automatic change but a rollback until a person unfreezes

export function isTerminal(phase: RolloutPhase): boolean {
  return phase === 'complete' || phase === 'rolled-back';
}

/**
 * A person's approval, recorded in the state. `stage` (the default kind) lets traffic move to the
 * named stage; `resume` lifts a pause or freeze at the current stage; `restart` allows the same
 * release to start again after a rollback.
 */
export interface Approval {
  readonly stage: string;
  readonly by: string;
  readonly at: string;
  readonly reason?: string;
  /** Default `stage`. */
  readonly kind?: 'stage' | 'resume' | 'restart';
}

/** What set a rollback off. `gate`: a critical gate, onFailure/onInconclusive/onNoData or maxDuration. */
export type RollbackTrigger = 'manual' | 'criterion' | 'gate' | 'drill';

/** One stay in a stage: the impact estimate multiplies its duration by its weight. */
export interface StageVisit {
  readonly stage: string;
  readonly index: number;
  readonly split: TrafficSplit;
  /** ISO times; `until` is absent while the rollout is still in the stage. */
  readonly from: string;
  readonly until?: string;
}

/** One release's rollout, as stored on the state branch (one JSON file per release). */
/** A pull request as a rollout's state keeps it: enough to link it and comment on it. */
export interface RolloutPullRequest {
  readonly number: number;
  readonly url: string;
}

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
  /**
   * The pull request that merged `sourceCommit`, found once when the start is recorded, so the
   * reports link it without asking the host on every tick. Absent in states written before it
   * was kept, and when the commit came without a pull request (a direct push, the CLI).
   */
  readonly pullRequest?: RolloutPullRequest;
  readonly approvals: readonly Approval[];
  /** Increments with every write. */
  readonly revision: number;
  /**
   * The last decision written to the audit log. `code` is the stable kind of the decision
   * (`bake-time`, `window-closed`, `judgement:inconclusive`…): a hold with the same decision and
   * code is not audited again until the heartbeat interval has passed.
   */
  readonly lastDecision?: { readonly decision: Decision; readonly at: string; readonly reason: string; readonly code?: string };
  // The fields below are always written by the planner; optional so that older state files still parse.
  /** Name of the policy the rollout follows. */
  readonly policy?: string;
  /** Why the rollout is paused, frozen or rolled back. */
  readonly phaseReason?: string;
  /** When the last stage passed and the watch began. */
  readonly watchStartedAt?: string;
  /** Every stage the challenger has been in, oldest first. */
  readonly history?: readonly StageVisit[];
  /** Set when phase is rolled-back. */
  readonly rolledBack?: { readonly at: string; readonly trigger: RollbackTrigger; readonly reason: string; readonly by: string };
  /** Set while a provider that settles later has a change under way (decision code `awaiting-provider`). */
  readonly awaitingProvider?: AwaitingProvider;
  /** Metric → evaluations in a row its source failed to answer for it (capped at the policy's consecutiveErrorLimit); absent when none failed. */
  readonly metricErrors?: Readonly<Record<string, number>>;
}

/**
 * A change the provider accepted but has not finished (an endpoint updating for minutes). The
 * state keeps the split it serves; the plan that asked for the change is kept whole and carried
 * out when the provider settles as requested, or replaced by the provider-failure hold when it
 * fails or passes `deadline`.
 */
export interface AwaitingProvider {
  /** The provider's handle (an LRO name, an endpoint config), what was asked and what it last said. */
  readonly operation: { readonly id: string; readonly requested: TrafficSplit; readonly status?: string };
  /** ISO times: when the change was accepted, and when waiting for it counts as a failure. */
  readonly since: string;
  readonly deadline: string;
  /** The plan the change belongs to, minus its set-traffic: recorded once the change settles. */
  readonly planned: { readonly decision: Decision; readonly reason: string; readonly actions: readonly Action[] };
}

/**
 * What the planner asks the commands to do. Commands carry these out in order and stop at the
 * first `set-traffic` the provider refuses (see `planProviderFailure`); `write-state` and the
 * `append-audit` that follows it belong in one compare-and-swap commit. Dry-run prints them.
 */
export type Action =
  | { readonly type: 'set-traffic'; readonly release: string; readonly split: TrafficSplit; readonly reason: string; readonly from?: TrafficSplit }
  | { readonly type: 'write-state'; readonly state: RolloutState }
  | { readonly type: 'append-audit'; readonly record: AuditRecordDraft }
  | { readonly type: 'comment'; readonly release: string; readonly body: string }
  | { readonly type: 'check'; readonly release: string; readonly conclusion: 'success' | 'failure' | 'neutral'; readonly title: string; readonly summary: string }
  /** `body` may contain AUDIT_HASH_PLACEHOLDER: replace it with the hash of the record the preceding append-audit sealed. */
  | { readonly type: 'open-revert'; readonly release: string; readonly title: string; readonly body: string; readonly sourceCommit?: string }
  | { readonly type: 'notify'; readonly release: string; readonly kind: NoticeKind; readonly message: string };

/**
 * What a notification is about, which decides what a pager does with it: a rollback or a rollout
 * that needs a person opens an incident; the rollout completing resolves it.
 */
export type NoticeKind = 'rolled-back' | 'needs-attention' | 'recovered' | 'completed';

/**
 * Stands in for the hash of the audit record sealed by the plan's `append-audit`: the planner
 * cannot know it (sealing needs the log's previous record), the command does.
 */
export const AUDIT_HASH_PLACEHOLDER = '{{audit-record-hash}}';

/** The action with AUDIT_HASH_PLACEHOLDER replaced by the sealed record's hash. */
export function fillAuditHash(action: Action, hash: string): Action {
  switch (action.type) {
    case 'open-revert':
      return { ...action, body: action.body.split(AUDIT_HASH_PLACEHOLDER).join(hash) };
    case 'comment':
      return { ...action, body: action.body.split(AUDIT_HASH_PLACEHOLDER).join(hash) };
    case 'notify':
      return { ...action, message: action.message.split(AUDIT_HASH_PLACEHOLDER).join(hash) };
    default:
      return action;
  }
}

/** The policy rules a decision followed, copied into the record so it replays without the repository. */
export interface DecisionRules {
  readonly onFailure: 'rollback' | 'pause' | 'freeze';
  readonly onInconclusive: 'hold' | 'extend' | 'rollback';
  readonly onNoData: 'hold' | 'rollback';
}

/**
 * Everything besides the judgement that a tick's decision depends on: the time facts, the deploy
 * window and the approval the next stage needs. Recorded with every automatic decision so that
 * `replayDecisions` can recompute it.
 */
export interface DecisionFacts {
  readonly phase: RolloutPhase;
  readonly stage: string;
  readonly stageIndex: number;
  readonly stageCount: number;
  /** The stage traffic moves to next (for a pending rollout: stage 0); absent at the last stage. */
  readonly nextStage?: string;
  /** Milliseconds since the stage started. */
  readonly elapsedMs: number;
  readonly minDurationMs: number;
  readonly maxDurationMs?: number;
  /** The last stage's watch; 0 when it has none. */
  readonly watchMs: number;
  /** Milliseconds since the watch began (phase watching only). */
  readonly watchElapsedMs?: number;
  readonly rules: DecisionRules;
  /** Deploy window and freezes at decision time. */
  readonly window: { readonly open: boolean; readonly reason?: string; readonly opensAt?: string };
  /** The approval traffic needs before it moves to the next stage, when one is needed. */
  readonly approval?: {
    readonly stage: string;
    readonly why: 'stage' | 'high-risk';
    readonly granted: boolean;
    readonly approvers: readonly string[];
  };
  /** The judgement names a different stage than the rollout is in (computed before an advance). */
  readonly staleJudgement?: boolean;
}

/** An audit record before the chain fields (sequence, previous hash, own hash) are filled in. */
export interface AuditRecordDraft {
  readonly at: string;
  readonly release: string;
  readonly bundleHash: string;
  readonly stage: string;
  readonly event: 'start' | 'decision' | 'approval' | 'rollback' | 'reconcile' | 'drill' | 'complete' | 'pause' | 'freeze';
  readonly decision?: Decision;
  readonly reason: string;
  /** Stable kind of the decision (see RolloutState.lastDecision.code). */
  readonly code?: string;
  /** The bot, or the person who approved or rolled back. */
  readonly actor: string;
  /** The verdicts the decision followed from, with their statistics. */
  readonly judgement?: StageJudgement;
  /** The sufficient statistics per arm the gates saw (raw samples are summarised, see docs/audit-format.md). */
  readonly inputs?: MetricsSnapshot;
  /** Time, window and approval facts: with `judgement`, enough to replay the decision. */
  readonly facts?: DecisionFacts;
  readonly splitBefore?: TrafficSplit;
  readonly splitAfter?: TrafficSplit;
  /** What the provider answered (read-back split, or its error). */
  readonly provider?: { readonly ok: boolean; readonly split?: TrafficSplit; readonly error?: string };
  readonly details?: Readonly<Record<string, unknown>>;
  /**
   * SHA-256 of the canonical JSON of the state written in the same commit, and that state: set by
   * the state store on the last record of each release it writes a state for. The state file
   * must be the last sealed state; a file that is not is refused (docs/decisions/0009).
   */
  readonly stateHash?: string;
  readonly state?: RolloutState;
}
