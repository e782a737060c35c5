import type { GlidepathConfig, Release, RolloutPolicy } from '../model/index.js';
import { splitForStage } from './split.js';
import type { Approval, RolloutState } from './types.js';

/**
 * Why traffic needs a person's approval before it moves to `stageIndex`, or undefined when it
 * does not: the stage says `approval: required`, or the release is `risk: high` and the stage
 * sends all traffic to the challenger (enforced here even when the policy forgets; validation
 * only warns).
 */
export function approvalReason(release: Release, policy: RolloutPolicy, stageIndex: number): 'stage' | 'high-risk' | undefined {
  const stage = policy.spec.stages[stageIndex];
  if (!stage) return undefined;
  if (stage.approval === 'required') return 'stage';
  const split = splitForStage(stage);
  if (release.spec.risk === 'high' && split.mode === 'traffic' && split.weight >= 100) return 'high-risk';
  return undefined;
}

/** The stage approval recorded for `stage` in this rollout, if any. */
export function stageApproval(state: RolloutState, stage: string): Approval | undefined {
  return state.approvals.find((approval) => (approval.kind ?? 'stage') === 'stage' && approval.stage === stage);
}

/** Who may approve: the policy's approvers, else the config's; empty means anyone who can run the command. */
export function approversFor(policy: RolloutPolicy, config: GlidepathConfig | undefined): readonly string[] {
  return policy.spec.approvers ?? config?.spec.approvers ?? [];
}

function normalise(name: string): string {
  return name.replace(/^@/, '').toLowerCase();
}

/** GitHub App and Actions identities end in `[bot]`: an approval is a person's act. */
export function isBot(actor: string): boolean {
  return /\[bot\]$/i.test(actor) || actor.toLowerCase() === 'github-actions';
}

/**
 * Whether `by` may approve: listed as a user, or a member of a listed team (`@org/team`). Team
 * membership needs the GitHub API, so the command resolves it and passes `memberOf`.
 */
export function mayApprove(by: string, approvers: readonly string[], memberOf: readonly string[] = []): boolean {
  if (isBot(by)) return false;
  if (approvers.length === 0) return true;
  const person = normalise(by);
  const teams = new Set(memberOf.map(normalise));
  return approvers.some((entry) => (entry.includes('/') ? teams.has(normalise(entry)) : normalise(entry) === person));
}
