import { performance } from 'node:perf_hooks';
import type { AuditRecord } from '../core/audit/chain.js';
import { commentMarker } from '../core/report/comment-marker.js';
import { planProviderFailure } from '../core/rollout/plan-provider-failure.js';
import { planAwaitingProvider } from '../core/rollout/plan-awaiting-provider.js';
import { describeSplit, sameSplit } from '../core/rollout/split.js';
import { fillAuditHash, type Action, type AuditRecordDraft, type RolloutState } from '../core/rollout/types.js';
import type { StateChanges, StateStore } from './state-store.js';
import type { ChangeRequestResult, RefLocked } from '../ports/scm.js';
import type { EngineContext } from './context.js';
import { planRevertChange, revertReview } from './revert-change.js';
import { sendNotices } from './send-notices.js';
import { settledSplit } from './apply-answer.js';
import type { RolloutSetup } from './workspace.js';
import type { TrafficSplit } from '../core/model/traffic-split.js';
import type { Decision } from '../core/rollout/decision.js';

/** A plan from any planner: planTick, planStart, planRollback, planApprove. */
export interface PlanLike {
  readonly decision: Decision;
  readonly reason: string;
  readonly actions: readonly Action[];
}

export interface ExecuteInput {
  readonly setup: Pick<RolloutSetup, 'name' | 'provider' | 'capabilities' | 'target' | 'releaseFile' | 'bundleHash' | 'policy'> & Partial<Pick<RolloutSetup, 'config' | 'release'>>;
  /** The state the plan was made from (undefined before a release's first start). */
  readonly previous: RolloutState | undefined;
  readonly plan: PlanLike;
  /** The state branch head the plan was made at: the compare-and-swap value. */
  readonly head: string | null;
  readonly store: StateStore;
  /** `performance.now()` when the metrics the plan judged arrived; rollback records carry the time from then to the provider call. */
  readonly metricsAt?: number;
}

/** One set-traffic as carried out: what was asked, what the provider answered, how long it took. */
export interface TrafficChange {
  readonly requested: TrafficSplit;
  readonly readBack?: TrafficSplit;
  readonly error?: string;
  /** The provider accepted the change and is still applying it: its operation's id. */
  readonly pending?: string;
  readonly applyMs: number;
  /** From the metrics arriving to the provider call, for plans that judged metrics. */
  readonly sinceMetricsMs?: number;
}

export type ExecuteOutcome =
  | { readonly status: 'nothing' }
  | { readonly status: 'dry-run'; readonly actions: readonly Action[] }
  | { readonly status: 'conflict'; readonly actualHead: string | null; readonly traffic: readonly TrafficChange[] }
  /** The state commit could not be made, and retrying will not help: a stale ref lock, or a commit that threw. */
  | { readonly status: 'not-recorded'; readonly reason: string; readonly traffic: readonly TrafficChange[]; readonly lock?: RefLocked }
  | {
      readonly status: 'committed';
      readonly sha: string | undefined;
      readonly records: readonly AuditRecord[];
      readonly traffic: readonly TrafficChange[];
      /** The plan actually carried out: the planned one, or the provider-failure hold that replaced it. */
      readonly decision: Decision;
      readonly reason: string;
      readonly providerFailure?: string;
      readonly revert?: ChangeRequestResult & { readonly method: string };
    };

/**
 * Carries out a plan in three steps, in the order the planners rely on: traffic first (so a
 * rollback protects users even if everything after it fails), then one compare-and-swap commit of
 * the state and the audit records, then what follows from the recorded decision (the revert
 * branch with the sealed record's hash, comments, checks, notifications). A provider that refuses
 * a change, or reads back something else, replaces the rest of the plan with a recorded hold.
 * A lost compare-and-swap stops before anything is published: the caller re-reads and re-plans.
 */
export async function executePlan(ctx: EngineContext, input: ExecuteInput): Promise<ExecuteOutcome> {
  const { setup, plan } = input;
  if (plan.actions.length === 0) return { status: 'nothing' };
  if (ctx.dryRun) return { status: 'dry-run', actions: plan.actions };

  let actions = plan.actions;
  let decision = plan.decision;
  let reason = plan.reason;
  let providerFailure: string | undefined;
  const traffic: TrafficChange[] = [];
  for (const action of actions.filter((a) => a.type === 'set-traffic')) {
    const calledAt = performance.now();
    const applied = await setup.provider.apply(setup.target, action.split);
    if (applied.ok && applied.value.status === 'pending') {
      const { operation } = applied.value;
      traffic.push({ requested: action.split, pending: operation.id, applyMs: round(performance.now() - calledAt) });
      ctx.logger.info(`${setup.name}: the provider accepted ${describeSplit(action.split)} and is still applying it (operation ${operation.id}); the next ticks verify it`);
      const waiting = planAwaitingProvider({
        state: input.previous,
        plan: { decision: plan.decision, reason: plan.reason, actions: plan.actions },
        operation: { id: operation.id, requested: action.split, ...(operation.status !== undefined ? { status: operation.status } : {}) },
        now: ctx.clock.now(),
        actor: ctx.actor,
        ...(ctx.deadlines?.providerSettleMs !== undefined ? { settleMs: ctx.deadlines.providerSettleMs } : {}),
      });
      actions = waiting.actions;
      decision = waiting.decision;
      reason = waiting.reason;
      break;
    }
    const answer = settledSplit(applied);
    const change: TrafficChange = {
      requested: action.split,
      applyMs: round(performance.now() - calledAt),
      ...(input.metricsAt !== undefined ? { sinceMetricsMs: round(calledAt - input.metricsAt) } : {}),
      ...(answer.ok ? { readBack: answer.value } : { error: answer.error }),
    };
    traffic.push(change);
    if (plan.decision === 'rollback' && answer.ok && change.sinceMetricsMs !== undefined) {
      ctx.logger.info(`${setup.name}: champion restored ${round(change.sinceMetricsMs + change.applyMs)} ms after the decision's inputs arrived (provider called after ${change.sinceMetricsMs} ms, answered in ${change.applyMs} ms)`);
    }
    const failure = !answer.ok ? answer.error : sameSplit(answer.value, action.split, setup.capabilities.weightStep) ? undefined : `it serves ${describeSplit(answer.value)} after the change`;
    if (failure !== undefined) {
      providerFailure = failure;
      ctx.logger.warn(`${setup.name}: the provider did not take ${describeSplit(action.split)}: ${failure}`);
      const replaced = planProviderFailure({
        state: input.previous,
        release: setup.name,
        bundleHash: input.previous?.bundleHash ?? setup.bundleHash,
        stage: input.previous?.stage ?? setup.policy.spec.stages[0]?.name ?? '',
        attempted: action.split,
        error: failure,
        now: ctx.clock.now(),
        actor: ctx.actor,
      });
      actions = replaced.actions;
      decision = replaced.decision;
      reason = replaced.reason;
      break;
    }
  }

  const changes = changesOf(actions, traffic);
  let sha: string | undefined;
  let records: readonly AuditRecord[] = [];
  if (changes.states.length > 0 || changes.records.length > 0) {
    const message = commitMessage(setup.name, decision, reason);
    let committed: Awaited<ReturnType<StateStore['commit']>>;
    try {
      committed = await input.store.commit(changes, input.head, message);
    } catch (error) {
      // Traffic may already have moved: the caller puts it back, so it is not left ahead of the record.
      return { status: 'not-recorded', reason: `the state commit failed: ${(error as Error).message}`, traffic };
    }
    if (committed.status === 'conflict') return { status: 'conflict', actualHead: committed.actualHead, traffic };
    // Unlike a lost race, a stale lock never clears on its own: retrying would only move traffic again.
    if (committed.status === 'locked') return { status: 'not-recorded', reason: describeRefLock(input.store.branch, committed), traffic, lock: committed };
    sha = committed.sha;
    records = committed.records;
  }

  const revert = await publishDecision(ctx, setup, actions, records, input.previous?.bundleHash ?? setup.bundleHash);
  return {
    status: 'committed',
    sha,
    records,
    traffic,
    decision,
    reason,
    ...(providerFailure !== undefined ? { providerFailure } : {}),
    ...(revert ? { revert } : {}),
  };
}

/** The states and audit records a plan's actions write, the records with the provider's read-back. */
export function changesOf(actions: readonly Action[], traffic: readonly TrafficChange[] = []): StateChanges {
  const states = new Map<string, RolloutState>();
  const records: AuditRecordDraft[] = [];
  for (const action of actions) {
    if (action.type === 'write-state') states.set(action.state.release, action.state);
    if (action.type === 'append-audit') records.push(withTrafficEvidence(action.record, traffic));
  }
  return { states: [...states.values()], records };
}

/** The state commit's message for one release's decision. */
export function commitMessage(release: string, decision: Decision, reason: string): string {
  return `${release}: ${decision} — ${firstLine(reason)}\n\n${reason}\n`;
}

/**
 * What follows from a decision once it is recorded, in the plan's order: the revert branch with
 * the sealed record's hash, comments, checks, notifications. Answers the revert when one was opened.
 */
export async function publishDecision(
  ctx: EngineContext,
  setup: ExecuteInput['setup'],
  actions: readonly Action[],
  records: readonly AuditRecord[],
  bundleHash: string,
): Promise<(ChangeRequestResult & { method: string }) | undefined> {
  const sealedHash = records.at(-1)?.hash ?? '';
  let revert: (ChangeRequestResult & { method: string }) | undefined;
  for (const planned of actions) {
    const action = fillAuditHash(planned, sealedHash);
    switch (action.type) {
      case 'open-revert':
        revert = await openRevert(ctx, setup, action, bundleHash);
        ctx.logger.info(`${setup.name}: revert ${revert.created ? 'opened' : 'already open'}: ${revert.url}`);
        break;
      case 'comment':
        if (ctx.review && ctx.pullRequest) await ctx.review.upsertComment(ctx.pullRequest.number, commentMarker('rollout', action.release), action.body);
        else ctx.logger.debug(`${setup.name}: comment: ${firstLine(action.body)}`);
        break;
      case 'check':
        if (ctx.review && ctx.pullRequest) {
          await ctx.review.publishCheck({ name: `glidepath rollout: ${action.release}`, headSha: ctx.pullRequest.headSha, conclusion: action.conclusion, title: action.title, summary: action.summary, annotations: [] });
        } else ctx.logger.debug(`${setup.name}: check ${action.conclusion}: ${action.title}`);
        break;
      case 'notify':
        await sendNotices(ctx, setup.config, action, revert?.url && /^https?:\/\//.test(revert.url) ? [{ href: revert.url, text: 'revert pull request' }] : []);
        break;
      case 'set-traffic':
      case 'write-state':
      case 'append-audit':
        break;
    }
  }
  return revert;
}

/** What a stale ref lock means and the safe fix: the message its error carries. */
export function describeRefLock(branch: string, lock: RefLocked): string {
  return `${branch} is locked by a stale lock file, ${lock.lockFile} (${Math.round(lock.ageMs / 1000)} s old; a live writer holds it for milliseconds): a run was killed while committing the state and left it behind, and every commit fails until it is gone; this is not a lost race. If no other glidepath run is active, delete it: rm '${lock.lockFile}'`;
}

/** The revert branch for one challenger: `glidepath/revert/<release>-<bundle hash prefix>`, idempotent per challenger. */
export function revertBranch(release: string, bundleHash: string): string {
  return `glidepath/revert/${release}-${bundleHash.slice(0, 8)}`;
}

async function openRevert(
  ctx: EngineContext,
  setup: ExecuteInput['setup'],
  action: Extract<Action, { type: 'open-revert' }>,
  bundleHash: string,
): Promise<ChangeRequestResult & { method: string }> {
  const source = action.sourceCommit ? { sourceCommit: action.sourceCommit } : {};
  const change = await planRevertChange(ctx.scm.revisions, { file: setup.releaseFile, baseRef: ctx.baseBranch, ...source });
  const owner = setup.release?.spec.owner;
  const review = revertReview(change, { ...source, ...(owner !== undefined ? { owner } : {}) });
  const result = await ctx.scm.changeRequests.findOrCreate({
    branch: revertBranch(setup.name, bundleHash),
    base: ctx.baseBranch,
    title: action.title,
    body: review.note ? `${review.note}\n\n${action.body}` : action.body,
    files: change.files,
    draft: review.draft,
    labels: review.labels,
    reviewers: review.reviewers,
  });
  return { ...result, method: change.method };
}

/** Adds the provider's read-back and the timings to the record of the decision that moved traffic. */
function withTrafficEvidence(record: AuditRecordDraft, traffic: readonly TrafficChange[]): AuditRecordDraft {
  const last = traffic.at(-1);
  if (!last || !last.readBack) return record;
  const timing = { providerApplyMs: last.applyMs, ...(last.sinceMetricsMs !== undefined ? { metricsToProviderCallMs: last.sinceMetricsMs } : {}) };
  return { ...record, details: { ...(record.details ?? {}), readBack: last.readBack, timing } };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
