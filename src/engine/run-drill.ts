import { settledSplit } from './apply-answer.js';
import { performance } from 'node:perf_hooks';
import type { AuditRecord } from '../core/audit/chain.js';
import { planRollback } from '../core/rollout/plan-rollback.js';
import { CHAMPION_ONLY, describeSplit, sameSplit } from '../core/rollout/split.js';
import type { Action, AuditRecordDraft } from '../core/rollout/types.js';
import { DEFAULT_MAX_ATTEMPTS, defaultSleep, retryDelay, type EngineContext } from './context.js';
import { prepareRecorded } from './run-rollback.js';
import { stateStoreFor } from './run-tick.js';
import { loadWorkspace, type Workspace } from './workspace.js';
import type { TrafficSplit } from '../core/model/traffic-split.js';
import type { ReleaseOutcome } from './retry-on-conflict.js';

export interface DrillOptions {
  readonly release: string;
  readonly workspace?: Workspace;
}

export interface DrillReport {
  readonly release: string;
  /** True when the champion was restored and the previous split resumed, both verified by read-back. */
  readonly ok: boolean;
  readonly reason: string;
  readonly splitBefore?: TrafficSplit;
  /** From the decision to the provider reading back champion-only. */
  readonly decisionToRestoredMs?: number;
  /** From starting the resume to the provider reading back the previous split. */
  readonly resumeMs?: number;
  /** The planned actions (dry-run prints them). */
  readonly actions: readonly Action[];
  /** The sealed drill record, once committed. */
  readonly record?: AuditRecord;
  /**
   * The committed drill as a release outcome, for the reports: a hold, since a drill leaves the
   * rollout's state as it was, but its record is new on the state branch and in the timeline.
   */
  readonly outcome?: ReleaseOutcome;
}

/**
 * A rollback fire drill on a live rollout: restore the champion, time the path from the decision
 * to the provider reading back champion-only, put the previous split back and verify it, and
 * record all of it as a `drill` record. The rollout's state is not changed: a drill rehearses the
 * rollback, it does not take one. (A tick running at the same moment sees the champion-only
 * split and pauses the rollout, as for any reduction made outside it: drill between ticks.)
 */
export async function runDrill(ctx: EngineContext, options: DrillOptions): Promise<DrillReport> {
  const workspace = options.workspace ?? (await loadWorkspace(ctx.root, ctx.readRepository));
  const store = stateStoreFor(ctx, workspace);
  const prepared = await prepareRecorded(ctx, store, workspace, options.release);
  const fail = (reason: string, extra: Partial<DrillReport> = {}): DrillReport => ({ release: options.release, ok: false, reason, actions: [], ...extra });
  if ('error' in prepared) return fail(prepared.error);
  const { setup, state } = prepared;
  if (!state) return fail(`${setup.name} has no rollout on ${store.branch}; a drill needs a live rollout`);
  if (state.phase === 'complete' || state.phase === 'rolled-back') return fail(`${setup.name} is ${state.phase}; a drill needs a live rollout`);
  if (sameSplit(state.split, CHAMPION_ONLY)) return fail(`${setup.name} serves the champion only (${state.phase} at ${state.stage}); there is nothing to restore`);
  const observed = await setup.provider.read(setup.target);
  if (!observed.ok) return fail(`the provider could not be read (${observed.error}); no drill while its state is unknown`);
  if (!sameSplit(observed.value, state.split, setup.capabilities.weightStep)) {
    return fail(`the provider serves ${describeSplit(observed.value)}, the rollout recorded ${describeSplit(state.split)}; run \`glidepath evaluate\` to reconcile before a drill`);
  }

  const decidedAt = performance.now();
  const plan = planRollback({ release: setup.release, policy: setup.policy, state, now: ctx.clock.now(), actor: ctx.actor, reason: 'rollback fire drill: restore the champion, time it, resume', trigger: 'drill' });
  const planned = plan.actions.find((a): a is Extract<Action, { type: 'append-audit' }> => a.type === 'append-audit');
  const drillActions: Action[] = [
    { type: 'set-traffic', release: setup.name, split: CHAMPION_ONLY, from: state.split, reason: 'drill: restore the champion' },
    { type: 'set-traffic', release: setup.name, split: state.split, from: CHAMPION_ONLY, reason: 'drill: resume the previous split' },
    ...(planned ? [planned] : []),
  ];
  if (ctx.dryRun) return { release: setup.name, ok: true, reason: 'dry run: nothing changed', splitBefore: state.split, actions: drillActions };
  if (!planned) throw new Error('runDrill: the rollback plan has no audit record');

  const restore = settledSplit(await setup.provider.apply(setup.target, CHAMPION_ONLY));
  const restoredRead = restore.ok ? await setup.provider.read(setup.target) : restore;
  const restoredAt = performance.now();
  const restored = restoredRead.ok && sameSplit(restoredRead.value, CHAMPION_ONLY, setup.capabilities.weightStep);
  const resumeStart = performance.now();
  const resume = settledSplit(await setup.provider.apply(setup.target, state.split));
  const resumedRead = resume.ok ? await setup.provider.read(setup.target) : resume;
  const resumeMs = round(performance.now() - resumeStart);
  const resumed = resumedRead.ok && sameSplit(resumedRead.value, state.split, setup.capabilities.weightStep);
  const decisionToRestoredMs = round(restoredAt - decidedAt);
  const answer = (r: typeof restoredRead) => (r.ok ? describeSplit(r.value) : `error: ${r.error}`);
  const ok = restored && resumed;
  const reason = ok
    ? `drill passed: champion restored and read back in ${decisionToRestoredMs} ms, ${describeSplit(state.split)} resumed in ${resumeMs} ms`
    : `drill FAILED: restore read back ${answer(restoredRead)}${restored ? '' : ' (expected off)'}; resume read back ${answer(resumedRead)}${resumed ? '' : ` (expected ${describeSplit(state.split)})`}`;
  const record: AuditRecordDraft = {
    ...planned.record,
    reason,
    provider: restoredRead.ok ? { ok: true, split: restoredRead.value } : { ok: false, error: restoredRead.error },
    details: {
      ...(planned.record.details ?? {}),
      drill: {
        ok,
        decisionToRestoredMs,
        resumeMs,
        restored: restoredRead.ok ? restoredRead.value : { error: restoredRead.error },
        resumed: resumedRead.ok ? resumedRead.value : { error: resumedRead.error },
      },
    },
  };
  if (!resumed) ctx.logger.warn(`${setup.name}: the drill could not resume ${describeSplit(state.split)}; the next tick will find the difference and pause the rollout`);

  // The drill happened: its record must land even if other runs commit meanwhile.
  const max = ctx.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  for (let attempt = 1; attempt <= max; attempt += 1) {
    const head = (await store.load()).head;
    const committed = await store.commit({ states: [], records: [record] }, head, `${setup.name}: drill — ${ok ? 'passed' : 'FAILED'}\n\n${reason}\n`);
    if (committed.status === 'committed') {
      const outcome: ReleaseOutcome = { release: setup.name, stage: state.stage, split: state.split, phase: state.phase, decision: 'hold', reason, actions: drillActions, committed: true, attempts: attempt };
      return { release: setup.name, ok, reason, splitBefore: state.split, decisionToRestoredMs, resumeMs, actions: drillActions, outcome, ...(committed.records[0] ? { record: committed.records[0] } : {}) };
    }
    await (ctx.sleep ?? defaultSleep)(retryDelay(attempt, ctx.random ?? Math.random));
  }
  return fail(`${reason}; but the drill record could not be committed: the state branch kept moving`, { splitBefore: state.split, decisionToRestoredMs, resumeMs });
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
