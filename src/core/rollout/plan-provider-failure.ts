import { describeSplit } from './split.js';
import { recorded, type TickPlan } from './transitions.js';
import type { Action, AuditRecordDraft, RolloutState } from './types.js';
import type { TrafficSplit } from '../model/traffic-split.js';

export interface ProviderFailureInput {
  /** The state before the plan whose set-traffic failed (undefined for a release's first start). */
  readonly state: RolloutState | undefined;
  readonly release: string;
  /** For a first start, which has no state yet. */
  readonly bundleHash: string;
  readonly stage: string;
  /** The split the failed set-traffic asked for. */
  readonly attempted: TrafficSplit;
  readonly error: string;
  readonly now: Date;
  readonly actor: string;
}

/**
 * What a command records when the provider refuses a `set-traffic`: the rest of the failed plan
 * is dropped (its state would claim traffic that is not there) and this plan is carried out
 * instead: the state keeps its split, the failure is audited, and the next tick tries again
 * (a rollback is re-planned by its criterion, or re-run by the person).
 */
export function planProviderFailure(input: ProviderFailureInput): Omit<TickPlan, 'next'> & { readonly next: RolloutState | undefined } {
  const at = input.now.toISOString();
  const reason = `the provider refused ${describeSplit(input.attempted)} (${input.error}); traffic is unchanged and the next evaluation tries again`;
  const record: AuditRecordDraft = {
    at,
    release: input.release,
    bundleHash: input.state?.bundleHash ?? input.bundleHash,
    stage: input.state?.stage ?? input.stage,
    actor: input.actor,
    event: 'reconcile',
    decision: 'hold',
    reason,
    code: 'provider-error',
    provider: { ok: false, error: input.error },
    details: { attempted: input.attempted },
  };
  const actions: Action[] = [];
  let next = input.state;
  if (input.state) {
    next = recorded(input.state, 'hold', reason, 'provider-error', at);
    actions.push({ type: 'write-state', state: next });
  }
  actions.push(
    { type: 'append-audit', record },
    { type: 'notify', release: input.release, kind: 'needs-attention', message: `Glidepath could not change traffic for ${input.release}: ${input.error}` },
  );
  return { decision: 'hold', reason, actions, next };
}
