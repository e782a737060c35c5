import type { AuditRecord } from '../core/audit/chain.js';
import type { RolloutState } from '../core/rollout/types.js';
import { changesOf, describeRefLock, type PlanLike } from './execute-plan.js';
import type { StateChanges, StateCommitResult, StateStore } from './state-store.js';
import type { RolloutSetup } from './workspace.js';

/** A decision that moves no traffic, waiting for the tick's commit. */
export interface StagedPlan {
  readonly setup: RolloutSetup;
  /** The state the plan was made from. */
  readonly previous: RolloutState | undefined;
  readonly plan: PlanLike & { readonly next?: RolloutState | undefined };
  /** The state branch head the plan was made at: the batch's compare-and-swap value. */
  readonly head: string | null;
  /** How many times the release was planned to get here. */
  readonly attempt: number;
}

/** Where a staged decision stands after the commit that was to carry it. */
export type StagedResult =
  | { readonly status: 'recorded'; readonly sha: string; readonly records: readonly AuditRecord[] }
  /** The commit lost a race (or was made at another head): plan again from the branch. `alone`: the batch commit threw, so each is recorded on its own. */
  | { readonly status: 'replan'; readonly alone: boolean }
  | { readonly status: 'failed'; readonly reason: string };

/**
 * One tick's state writes as one compare-and-swap commit, across releases (docs/decisions/0017).
 *
 * A decision that moves no traffic (a hold that records why, a pause, entering the watch, a
 * provider change verified) is staged instead of committed: nothing outside the branch happened
 * for it, so it can wait, and be planned again from scratch if its commit loses a race. The
 * staged decisions go out with the next commit the tick makes anyway — the commit of a decision
 * that moved traffic, which is never held back, so a provider is never ahead of its record for
 * longer than today — or, at the end of the tick, in one commit of their own.
 *
 * All staged plans were made at the same head, the one the commit names: a plan made at another
 * head sends the ones before it back to be planned again. What happened to each staged release
 * is collected for the tick to report (and publish: comments, checks and notifications follow
 * the record, as they do for a release committed alone).
 */
export interface TickBatch {
  /** The state store the tick commits through: a commit at the staged plans' head carries them along. */
  readonly store: StateStore;
  /** Takes a plan into the batch when it can wait for the tick's commit; false: carry it out now. */
  stage(entry: StagedPlan): boolean;
  /** Commits whatever is staged, in one commit. */
  flush(): Promise<void>;
  /** The results of staged releases since the last take, in the order they were staged. */
  take(): Map<string, { readonly entry: StagedPlan; readonly result: StagedResult }>;
}

export function createTickBatch(store: StateStore): TickBatch {
  let staged: StagedPlan[] = [];
  let stagedHead: string | null = null;
  let results = new Map<string, { entry: StagedPlan; result: StagedResult }>();

  function release(): StagedPlan[] {
    const out = staged;
    staged = [];
    return out;
  }

  function settle(entries: readonly StagedPlan[], result: (entry: StagedPlan) => StagedResult): void {
    for (const entry of entries) results.set(entry.setup.name, { entry, result: result(entry) });
  }

  function merged(entries: readonly StagedPlan[], own?: StateChanges): StateChanges {
    const parts = [...entries.map((e) => changesOf(e.plan.actions)), ...(own ? [own] : [])];
    return { states: parts.flatMap((p) => p.states), records: parts.flatMap((p) => p.records) };
  }

  async function commitWith(entries: readonly StagedPlan[], own: StateChanges | undefined, head: string | null, message: string): Promise<StateCommitResult> {
    const result = await store.commit(merged(entries, own), head, message);
    if (result.status === 'committed') settle(entries, (e) => ({ status: 'recorded', sha: result.sha, records: result.records.filter((r) => r.release === e.setup.name) }));
    else if (result.status === 'conflict') settle(entries, () => ({ status: 'replan', alone: false }));
    else settle(entries, () => ({ status: 'failed', reason: describeRefLock(store.branch, result) }));
    return result;
  }

  const batchStore: StateStore = {
    ...store,
    async commit(changes, expectedHead, message) {
      if (staged.length > 0 && stagedHead !== expectedHead) settle(release(), () => ({ status: 'replan', alone: false }));
      const carried = release();
      if (carried.length === 0) return store.commit(changes, expectedHead, message);
      const own = new Set([...changes.states.map((s) => s.release), ...changes.records.map((r) => r.release)]);
      try {
        const result = await commitWith(carried, changes, expectedHead, `${message}\n${alsoRecorded(carried)}`);
        return result.status === 'committed' ? { ...result, records: result.records.filter((r) => own.has(r.release)) } : result;
      } catch {
        // Whichever change made it throw, the decision that moved traffic is not held back by the
        // ones riding along: it commits alone, and they are recorded one by one after.
        settle(carried, () => ({ status: 'replan', alone: true }));
        return store.commit(changes, expectedHead, message);
      }
    },
  };

  return {
    store: batchStore,
    stage(entry) {
      const actions = entry.plan.actions;
      if (actions.some((a) => a.type === 'set-traffic' || a.type === 'open-revert')) return false;
      const changes = changesOf(actions);
      if (changes.states.length + changes.records.length === 0) return false;
      // A state without its sealing record is refused by the store: let it fail on its own.
      if (changes.states.some((s) => !changes.records.some((r) => r.release === s.release))) return false;
      if (staged.some((e) => e.setup.name === entry.setup.name)) return false;
      if (staged.length > 0 && stagedHead !== entry.head) settle(release(), () => ({ status: 'replan', alone: false }));
      stagedHead = entry.head;
      staged.push(entry);
      return true;
    },
    async flush() {
      const head = stagedHead;
      const entries = release();
      if (entries.length === 0) return;
      const message = `glidepath: ${entries.length} decision${entries.length === 1 ? '' : 's'} recorded\n${alsoRecorded(entries)}`;
      try {
        await commitWith(entries, undefined, head, message);
      } catch {
        settle(entries, () => ({ status: 'replan', alone: true }));
      }
    },
    take() {
      const out = results;
      results = new Map();
      return out;
    },
  };
}

function alsoRecorded(entries: readonly StagedPlan[]): string {
  return `\n${entries.map((e) => `${e.setup.name}: ${e.plan.decision} — ${firstLine(e.plan.reason)}`).join('\n')}\n`;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}
