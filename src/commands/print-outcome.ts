import { describeSplit } from '../core/rollout/split.js';
import type { Action } from '../core/rollout/types.js';
import type { ReleaseOutcome } from '../engine/retry-on-conflict.js';

/** One line per planned action: what a dry run would have done, in order. */
export function describeAction(action: Action): string {
  switch (action.type) {
    case 'set-traffic':
      return `set traffic: ${action.from ? `${describeSplit(action.from)} → ` : ''}${describeSplit(action.split)} (${action.reason})`;
    case 'write-state':
      return `write state: ${action.state.phase} at ${action.state.stage}, ${describeSplit(action.state.split)}, revision ${action.state.revision}`;
    case 'append-audit':
      return `append audit record: ${action.record.event}${action.record.decision ? ` ${action.record.decision}` : ''} — ${action.record.reason}`;
    case 'comment':
      return `comment: ${action.body.split('\n')[0] ?? ''}`;
    case 'check':
      return `check run: ${action.conclusion} — ${action.title}`;
    case 'open-revert':
      return `open revert: ${action.title}`;
    case 'notify':
      return `notify: ${action.message}`;
  }
}

export function printOutcomeActions(print: (text: string) => void, outcome: Pick<ReleaseOutcome, 'actions'>): void {
  if (outcome.actions.length === 0) {
    print('  (no actions)');
    return;
  }
  outcome.actions.forEach((action, i) => print(`  ${i + 1}. ${describeAction(action)}`));
}
