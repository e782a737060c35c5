import type { ReleaseOutcome } from './retry-on-conflict.js';
import { isFailure } from './run-tick.js';
import type { Decision } from '../core/rollout/decision.js';

/** 0: done and fine; 1: the user's files or rollouts have problems; 2: usage or internal error. */
export type ExitCode = 0 | 1 | 2;

/**
 * Decisions Glidepath takes on its own that a person must look at: the command that took (or,
 * offline and with --dry-run, would take) one exits 1, however well it went.
 */
export const ALERT_DECISIONS: ReadonlySet<string> = new Set<Decision>(['rollback', 'pause', 'freeze']);

/**
 * Whether one release's outcome needs a person: it could not be evaluated or acted on (a
 * provider that could not be read, refused a change, timed out or answered garbage; a metrics
 * source that failed; a policy that no longer fits the rollout), the planner refused what was
 * asked, or Glidepath rolled back, paused or froze the rollout. `asked`: the decision the person
 * running the command asked for (`rollback` for `glidepath rollback`), which is success, not an alert.
 */
export function needsAttention(outcome: ReleaseOutcome, asked?: Decision): boolean {
  if (outcome.decision === 'error' || outcome.decision === 'refused' || isFailure(outcome)) return true;
  return ALERT_DECISIONS.has(outcome.decision) && outcome.decision !== asked;
}

/**
 * The exit code of every rollout command (start, evaluate, watch, rollback, approve, drill): the
 * worst over its releases, per the table in the README. 0: nothing needs a person. 1: at least
 * one release needs one (needsAttention). 2 is not decided here: a usage error or an internal
 * error stops the command before any release is reported (cli.ts).
 */
export function rolloutExitCode(outcomes: readonly ReleaseOutcome[], asked?: Decision): ExitCode {
  return outcomes.some((outcome) => needsAttention(outcome, asked)) ? 1 : 0;
}
