import type { GlidepathConfig, Release, RolloutPolicy } from '../model/index.js';
import { approvalReason, approversFor, isBot, mayApprove, stageApproval } from './approvals.js';
import { targetIndex } from './facts.js';
import { commentAction } from './messages.js';
import { restartApproval } from './plan-start.js';
import { describeSplit, sameSplit, splitForStage } from './split.js';
import { closeHistory, draft, recorded, stageAt, type TickPlan } from './transitions.js';
import type { Action, Approval, RolloutState } from './types.js';
import { windowStatus } from './window.js';

export interface ApproveInput {
  readonly release: Release;
  readonly policy: RolloutPolicy;
  readonly config: GlidepathConfig | undefined;
  readonly state: RolloutState;
  readonly now: Date;
  /** The person approving (GitHub login). */
  readonly by: string;
  readonly reason?: string;
  /** Stage to approve; default: the next stage that needs an approval. */
  readonly stage?: string;
  /** Teams (`@org/team`) `by` belongs to, resolved by the command through the GitHub API. */
  readonly memberOf?: readonly string[];
  /** Who authored the change being approved (the pull request's author), when known: `spec.selfApproval` may refuse them. */
  readonly author?: string;
  /** Only resume a paused or frozen rollout (`/glidepath resume`); refuse to approve anything else. */
  readonly resumeOnly?: boolean;
}

/**
 * Records a person's approval. What it approves follows from the phase:
 * - pending or progressing: the next stage that needs one (or `stage`); traffic moves on the next
 *   tick, inside the deploy window;
 * - paused or frozen: resume at the current stage with a fresh bake time, setting the stage's
 *   split back if traffic was reduced (only inside the deploy window); unfreezing needs a reason;
 * - rolled back: a restart, which `planStart` requires before the release starts again.
 * Approving twice is an empty plan. Bots, and people not among the approvers, are refused.
 */
export function planApprove(input: ApproveInput): TickPlan | { refused: string } {
  const { state, policy } = input;
  const name = state.release;
  if (isBot(input.by)) return { refused: `${input.by} is a bot; approvals are a person's decision` };
  const approvers = approversFor(policy, input.config);
  if (!mayApprove(input.by, approvers, input.memberOf)) {
    return { refused: `${input.by} may not approve ${name}: the approvers are ${approvers.join(', ')} (spec.approvers of policy ${policy.metadata.name}, else of glidepath.yaml)` };
  }
  const selfRefusal = selfApprovalRefusal(input);
  if (selfRefusal) return { refused: selfRefusal };
  if (input.resumeOnly && state.phase !== 'paused' && state.phase !== 'frozen') {
    return { refused: `${name} is ${state.phase}, not paused or frozen; there is nothing to resume` };
  }
  switch (state.phase) {
    case 'complete':
      return { refused: `${name} is complete; there is nothing to approve` };
    case 'watching':
      return { refused: `${name} is watching at ${state.stage}; nothing waits for an approval (it completes when the watch ends)` };
    case 'rolled-back':
      return approveRestart(input);
    case 'paused':
    case 'frozen':
      return approveResume(input);
    case 'pending':
    case 'progressing':
      return approveStage(input);
  }
}

/** Why `by` may not approve their own change under the policy's `selfApproval`, or undefined. */
export function selfApprovalRefusal(input: Pick<ApproveInput, 'by' | 'author' | 'policy' | 'release'>): string | undefined {
  const rule = input.policy.spec.selfApproval ?? 'allow';
  if (rule === 'allow' || input.author === undefined) return undefined;
  if (input.by.replace(/^@/, '').toLowerCase() !== input.author.replace(/^@/, '').toLowerCase()) return undefined;
  const name = input.release.metadata.name;
  if (rule === 'deny') return `${input.by} authored ${name} and may not approve it (selfApproval: deny in policy ${input.policy.metadata.name}); another approver must`;
  if (input.release.spec.risk === 'high') return `${input.by} authored ${name}, a high-risk release, and may not approve it (selfApproval: deny-high-risk in policy ${input.policy.metadata.name}); another approver must`;
  return undefined;
}

function approval(input: ApproveInput, stage: string, kind: NonNullable<Approval['kind']>): Approval {
  return { stage, by: input.by, at: input.now.toISOString(), kind, ...(input.reason ? { reason: input.reason } : {}) };
}

function approvalActions(input: ApproveInput, next: RolloutState, given: Approval, reason: string, headline: string): Action[] {
  const at = input.now.toISOString();
  return [
    { type: 'write-state', state: next },
    {
      type: 'append-audit',
      record: draft(input.state, at, input.by, { event: 'approval', reason, code: `approval:${given.kind ?? 'stage'}`, details: { approval: given } }),
    },
    commentAction(next.release, headline, reason),
  ];
}

function approveStage(input: ApproveInput): TickPlan | { refused: string } {
  const { state, policy, release } = input;
  const stages = policy.spec.stages;
  const from = targetIndex(state, policy) ?? stages.length;
  const needing = stages.map((_, index) => index).filter((index) => index >= from && approvalReason(release, policy, index) !== undefined);
  let chosen: number | undefined;
  if (input.stage !== undefined) {
    const index = stages.findIndex((stage) => stage.name === input.stage);
    if (index < 0) return { refused: `policy ${policy.metadata.name} has no stage ${input.stage}; its stages are ${stages.map((stage) => stage.name).join(', ')}` };
    if (index < from) return { refused: `${state.release} is already past ${input.stage}; nothing to approve there` };
    if (!needing.includes(index)) return { refused: `stage ${input.stage} needs no approval` };
    chosen = index;
  } else {
    chosen = needing.find((index) => stageApproval(state, stageAt(policy, index).name) === undefined) ?? needing[0];
  }
  if (chosen === undefined) {
    return { refused: `nothing in ${state.release} waits for an approval: no stage from ${stages[from]?.name ?? 'here'} on needs one` };
  }
  const stage = stageAt(policy, chosen);
  const existing = stageApproval(state, stage.name);
  if (existing) {
    return { decision: 'hold', reason: `${stage.name} was already approved by ${existing.by} at ${existing.at}`, actions: [], next: state };
  }
  const given = approval(input, stage.name, 'stage');
  const reason = `${input.by} approved ${stage.name} (${describeSplit(splitForStage(stage))})${input.reason ? `: ${input.reason}` : ''}; traffic moves there once the stage before it passes and the deploy window is open`;
  const at = input.now.toISOString();
  const next = recorded({ ...state, approvals: [...state.approvals, given] }, 'hold', reason, 'approval:stage', at);
  return { decision: 'hold', reason, actions: approvalActions(input, next, given, reason, `${stage.name} approved by ${input.by}`), next };
}

function approveResume(input: ApproveInput): TickPlan | { refused: string } {
  const { state, policy } = input;
  if (state.phase === 'frozen' && !input.reason) {
    return { refused: `${state.release} is frozen (${state.phaseReason ?? 'onFailure: freeze'}); unfreezing needs a reason: add --reason "…" (or text after /glidepath approve)` };
  }
  const at = input.now.toISOString();
  const split = splitForStage(stageAt(policy, state.stageIndex));
  const moves = !sameSplit(split, state.split);
  if (moves) {
    const window = windowStatus(policy, input.now);
    if (!window.open) {
      return { refused: `resuming ${state.release} would set ${state.stage}'s split (${describeSplit(split)}) again, but ${window.reason}${window.opensAt ? `; it opens at ${window.opensAt}` : ''}` };
    }
  }
  const given = approval(input, state.stage, 'resume');
  const reason = `${input.by} resumed ${state.release} at ${state.stage}${input.reason ? `: ${input.reason}` : ''}; the stage's bake time starts again`;
  const { phaseReason: _reason, watchStartedAt: _watch, ...rest } = state;
  const resumed: RolloutState = {
    ...rest,
    phase: 'progressing',
    stageStartedAt: at,
    split,
    approvals: [...state.approvals, given],
    history: moves ? [...closeHistory(state, at), { stage: state.stage, index: state.stageIndex, split, from: at }] : [...(state.history ?? [])],
  };
  const next = recorded(resumed, 'advance', reason, 'approval:resume', at);
  const actions = approvalActions(input, next, given, reason, `resumed at ${state.stage} by ${input.by}`);
  if (moves) actions.unshift({ type: 'set-traffic', release: state.release, split, from: state.split, reason: `resume at ${state.stage}` });
  return { decision: 'advance', reason, actions, next };
}

function approveRestart(input: ApproveInput): TickPlan {
  const { state } = input;
  const existing = restartApproval(state);
  if (existing) {
    return { decision: 'hold', reason: `a restart of ${state.release} was already approved by ${existing.by} at ${existing.at}`, actions: [], next: state };
  }
  const given = approval(input, state.stage, 'restart');
  const reason = `${input.by} approved restarting ${state.release} after its rollback${input.reason ? `: ${input.reason}` : ''}; the next start begins again at stage 1`;
  const next = recorded({ ...state, approvals: [...state.approvals, given] }, 'hold', reason, 'approval:restart', input.now.toISOString());
  return { decision: 'hold', reason, actions: approvalActions(input, next, given, reason, `restart approved by ${input.by}`), next };
}
