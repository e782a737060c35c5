import { inert } from '../report/markdown.js';
import { checkAction, commentAction } from './messages.js';
import { describeSplit } from './split.js';
import { draft, inPhase, recorded, type TickPlan } from './transitions.js';
import type { RolloutState } from './types.js';

export interface PauseInput {
  readonly state: RolloutState;
  readonly now: Date;
  /** The person pausing (GitHub login); the command has checked they may write to the repository. */
  readonly by: string;
  /** Why, for the audit log and the pull request; required, as for a rollback. */
  readonly reason: string;
}

/** Decision code of a pause a person asked for (`onFailure: pause` records the judgement's code instead). */
export const MANUAL_PAUSE = 'pause:manual';

/**
 * A person's pause: the rollout holds its traffic where it is and takes no automatic step until
 * someone resumes it (`/glidepath resume`, i.e. `glidepath approve --resume`) or rolls it back.
 * Rollback criteria and critical gates still act on a paused rollout (decideTick), so pausing never
 * makes users less safe. Refused, with the reason, where a pause would hold nothing or hide a step:
 * - complete or rolled back: the rollout is over;
 * - pending: no user is served yet, and resuming would set the first stage's split without the
 *   approval or window it waits for; stop it with a rollback instead;
 * - a provider change still under way: the traffic to hold is not known until it settles.
 * Pausing a paused rollout is an empty plan; a frozen one stays frozen (a freeze holds traffic too,
 * and lifting it needs a reason).
 */
export function planPause(input: PauseInput): TickPlan | { refused: string } {
  const { state } = input;
  const name = state.release;
  switch (state.phase) {
    case 'complete':
      return { refused: `${name} is complete; there is no rollout to pause (to restore the champion, use /glidepath rollback ${name} <reason>)` };
    case 'rolled-back':
      return { refused: `${name} was rolled back at ${state.rolledBack?.at ?? state.updatedAt}; the champion serves all traffic and there is nothing to pause` };
    case 'pending':
      return { refused: `${name} is pending at ${state.stage}: the challenger serves no user yet, so a pause would hold nothing. To stop it from starting, use /glidepath rollback ${name} <reason>` };
    case 'paused':
      return { decision: 'hold', reason: `${name} is already paused (${state.phaseReason ?? 'no reason recorded'}); nothing to do`, actions: [], next: state };
    case 'frozen':
      return { decision: 'hold', reason: `${name} is frozen, which holds its traffic already (${state.phaseReason ?? 'onFailure: freeze'}); nothing to do`, actions: [], next: state };
    case 'progressing':
    case 'watching':
      break;
  }
  if (state.awaitingProvider) {
    return { refused: `${name} has a traffic change under way at the provider (operation ${state.awaitingProvider.operation.id}, since ${state.awaitingProvider.since}); pause once it settles (the next tick records it), or roll back now` };
  }
  const at = input.now.toISOString();
  const reason = `${input.by} paused ${name} at ${state.stage} (${describeSplit(state.split)}): ${input.reason}`;
  const next = recorded(inPhase(state, 'paused', reason), 'pause', reason, MANUAL_PAUSE, at);
  return {
    decision: 'pause',
    reason,
    actions: [
      { type: 'write-state', state: next },
      { type: 'append-audit', record: draft(state, at, input.by, { event: 'pause', decision: 'pause', reason, code: MANUAL_PAUSE, splitBefore: state.split, splitAfter: state.split }) },
      // The login and the reason are what a person typed: rendered inert on the pull request.
      commentAction(
        name,
        `paused at ${state.stage} (${describeSplit(state.split)})`,
        `Paused by ${inert(input.by)}: ${inert(input.reason)}`,
        `Traffic stays where it is; rollback criteria are still checked. To resume, comment \`/glidepath resume\` on the pull request, or run \`glidepath approve --release ${name} --resume\`; to restore the champion, run \`glidepath rollback --release ${name}\`.`,
      ),
      checkAction(name, 'neutral', `Paused at ${state.stage}`, inert(reason)),
    ],
    next,
  };
}
