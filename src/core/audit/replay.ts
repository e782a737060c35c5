import type { StageJudgement } from '../gates/judgement.js';
import { decideTick } from '../rollout/decide-tick.js';
import type { DecisionFacts } from '../rollout/types.js';
import type { AuditRecord } from './chain.js';
import type { Decision } from '../rollout/decision.js';

const PHASES = new Set(['pending', 'progressing', 'watching', 'complete', 'rolled-back', 'paused', 'frozen']);

/** Why recorded facts cannot be replayed (a record not written by this engine, or damaged), or undefined. */
function factsProblem(facts: DecisionFacts): string | undefined {
  if (!PHASES.has(facts.phase)) return `unknown phase ${String(facts.phase)}`;
  for (const field of ['stageIndex', 'stageCount', 'elapsedMs', 'minDurationMs', 'watchMs'] as const) {
    if (typeof facts[field] !== 'number' || !Number.isFinite(facts[field])) return `facts.${field} is not a number`;
  }
  if (typeof facts.rules !== 'object' || facts.rules === null) return 'facts.rules is missing';
  if (typeof facts.window !== 'object' || facts.window === null) return 'facts.window is missing';
  return undefined;
}

/** One replayed decision: does the recorded decision still follow from the recorded evidence? */
export interface ReplayResult {
  readonly seq: number;
  readonly release: string;
  readonly stage: string;
  readonly event: AuditRecord['event'];
  readonly recorded: Decision;
  /** Undefined when the record could not be replayed (malformed facts). */
  readonly replayed: Decision | undefined;
  readonly ok: boolean;
  readonly reason: string;
}

export interface ReplayOptions {
  /**
   * Recomputes the judgement from the record's `inputs` (the command passes judgeStage with the
   * policy of the record's time), so that replay checks the statistics as well as the decision.
   * Without it the recorded judgement is used.
   */
  readonly rejudge?: (record: AuditRecord) => StageJudgement | undefined;
}

/**
 * Recomputes every automatic decision in the log (records with `facts` and a `decision`: ticks,
 * automatic rollbacks, pauses, freezes, completions and starts) from its recorded judgement and
 * facts, with the same decideTick the planner uses. A decision that no longer follows was edited
 * (and re-sealed), or the engine's rules changed since: either way a person should look.
 * Approvals, manual rollbacks and reconciliations record a person's act or the provider's
 * answer, not a judgement, and are not replayed.
 */
export function replayDecisions(records: readonly AuditRecord[], options: ReplayOptions = {}): ReplayResult[] {
  const results: ReplayResult[] = [];
  for (const record of records) {
    if (!record.facts || !record.decision) continue;
    const base = { seq: record.seq, release: record.release, stage: record.stage, event: record.event, recorded: record.decision };
    const problem = factsProblem(record.facts);
    if (problem) {
      results.push({ ...base, replayed: undefined, ok: false, reason: `cannot be replayed: ${problem}` });
      continue;
    }
    try {
      const judgement = options.rejudge ? options.rejudge(record) : record.judgement;
      const replayed = decideTick(record.facts, judgement);
      const outcomeNote = options.rejudge && record.judgement && judgement && judgement.outcome !== record.judgement.outcome
        ? ` (the recomputed judgement is ${judgement.outcome}, the record says ${record.judgement.outcome})`
        : '';
      const ok = replayed.decision === record.decision;
      results.push({
        ...base,
        replayed: replayed.decision,
        ok,
        reason: ok
          ? `follows from the evidence: ${replayed.reason}${outcomeNote}`
          : `recorded ${record.decision}, but the recorded evidence gives ${replayed.decision}: ${replayed.reason}${outcomeNote}`,
      });
    } catch (error) {
      results.push({ ...base, replayed: undefined, ok: false, reason: `cannot be replayed: ${(error as Error).message}` });
    }
  }
  return results;
}
