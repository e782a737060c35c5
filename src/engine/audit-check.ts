import { auditHeadPath, StateBranchError, statePath, type AuditHead, type StateStore } from './state-store.js';
import { parseAuditLog, verifyAuditLog, type AuditRecord } from '../core/audit/chain.js';
import type { Sha256 } from '../core/audit/hash.js';
import { replayDecisions, type ReplayResult } from '../core/audit/replay.js';
import { compareStateWithChain, type StateDifference } from '../core/audit/state-seal.js';
import type { RolloutState } from '../core/rollout/types.js';

/** One release's log, verified: its chain problems and every replayed decision. */
export interface AuditCheck {
  readonly release: string;
  /** `audit/<release>.jsonl` on the state branch. */
  readonly file: string;
  readonly records: readonly AuditRecord[];
  /** The log line of each record. */
  readonly lines: readonly number[];
  readonly chainProblems: readonly { readonly line: number; readonly seq?: number; readonly message: string }[];
  readonly replay: readonly ReplayResult[];
  /** `states/<release>.json` against the state the chain sealed last (decision 0009). */
  readonly state: StateAgainstChain;
  readonly ok: boolean;
}

/** How the state file stands against its chain: `unsealed` for old chains that seal no state. */
export interface StateAgainstChain {
  /** `states/<release>.json` on the state branch. */
  readonly file: string;
  readonly status: 'match' | 'unsealed' | 'mismatch';
  /** The record that seals the state the file must be. */
  readonly seq?: number;
  readonly message?: string;
  readonly differences?: readonly StateDifference[];
}

/**
 * Recomputes each release's hash chain and replays its automatic decisions from their recorded
 * evidence. Problems name the log file, the line and the record's seq.
 */
export async function checkAuditLogs(store: StateStore, sha256: Sha256, release?: string): Promise<AuditCheck[]> {
  // A state file whose log was deleted with its anchor is checked too: no state goes unvouched.
  const releases = release !== undefined ? [release] : [...new Set([...(await store.listAuditedReleases()), ...(await store.listStateReleases())])].sort();
  const checks: AuditCheck[] = [];
  for (const name of releases) {
    const file = `${store.branch}:audit/${name}.jsonl`;
    const text = await store.readAuditLog(name);
    if (text === undefined) {
      const state = await checkState(store, name, [], sha256);
      checks.push({ release: name, file, records: [], lines: [], chainProblems: [{ line: 0, message: `${file} does not exist` }], replay: [], state, ok: false });
      continue;
    }
    const verified = verifyAuditLog(text, sha256);
    const replay = replayDecisions(verified.records);
    const { lines } = parseAuditLog(text);
    const chainProblems = [...verified.problems, ...checkAnchor(verified.records, lines, await store.readAuditHead(name), `${store.branch}:${auditHeadPath(name)}`)];
    const state = await checkState(store, name, verified.records, sha256);
    checks.push({ release: name, file, records: verified.records, lines, chainProblems, replay, state, ok: chainProblems.length === 0 && replay.every((r) => r.ok) && state.status !== 'mismatch' });
  }
  return checks;
}

async function checkState(store: StateStore, release: string, records: readonly AuditRecord[], sha256: Sha256): Promise<StateAgainstChain> {
  const file = `${store.branch}:${statePath(release)}`;
  let state: RolloutState | undefined;
  try {
    state = await store.readState(release);
  } catch (error) {
    if (error instanceof StateBranchError) return { file, status: 'mismatch', message: error.message };
    throw error;
  }
  const check = compareStateWithChain(state, records, sha256);
  if (check.status === 'match') return { file, status: 'match', seq: check.seq };
  if (check.status === 'unsealed') return { file, status: 'unsealed' };
  return { file, status: 'mismatch', ...(check.seq !== undefined ? { seq: check.seq } : {}), message: check.message, differences: check.differences };
}

/** A log must end with the record its anchor names; otherwise records were cut from its end. */
function checkAnchor(records: readonly AuditRecord[], lines: readonly number[], head: AuditHead | undefined, anchorFile: string): AuditCheck['chainProblems'] {
  const last = records.at(-1);
  if (!head) {
    return last ? [{ line: 0, message: `${anchorFile} is missing or unreadable, so a log cut short could not be told from a whole one` }] : [];
  }
  if (last && last.seq === head.seq && last.hash === head.hash) return [];
  const ends = last ? `ends at seq ${last.seq}` : 'has no records';
  return [{
    line: lines.at(-1) ?? 0,
    ...(last ? { seq: last.seq } : {}),
    message: `the log ${ends}, but ${anchorFile} says its last record is seq ${head.seq} (${head.hash.slice(0, 12)}…): records were removed from the end, or the log was replaced`,
  }];
}

/** The lines `audit verify` prints for one release: a verdict, then every problem with its place. */
export function formatAuditCheck(check: AuditCheck): string[] {
  const lines: string[] = [];
  const replayed = check.replay.length;
  const failing = check.replay.filter((r) => !r.ok);
  const sealed = check.state.status === 'match' ? `, state sealed at seq ${check.state.seq}` : '';
  if (check.ok) {
    lines.push(`${check.file}: ok — ${check.records.length} records, chain intact, ${replayed} decision${replayed === 1 ? '' : 's'} replayed${sealed}`);
    return lines;
  }
  const stateFailed = check.state.status === 'mismatch' ? ', the state file does not match the chain' : '';
  lines.push(`${check.file}: FAILED — ${check.chainProblems.length} chain problem${check.chainProblems.length === 1 ? '' : 's'}, ${failing.length} decision${failing.length === 1 ? '' : 's'} that no longer follow${failing.length === 1 ? 's' : ''}${stateFailed}`);
  if (check.state.status === 'mismatch') {
    const at = check.state.seq !== undefined ? ` (sealed at ${check.file} seq ${check.state.seq})` : '';
    lines.push(`  ${check.state.file}${at}: ${check.state.message}; restore it from the branch history (git log -p on that file)`);
  }
  for (const p of check.chainProblems) lines.push(`  ${check.file}:${p.line}${p.seq !== undefined ? ` (seq ${p.seq})` : ''}: ${p.message}`);
  const lineOf = new Map(check.records.map((r, i) => [r.seq, check.lines[i] ?? i + 1]));
  for (const r of failing) lines.push(`  ${check.file}:${lineOf.get(r.seq) ?? '?'} (seq ${r.seq}): ${r.reason}`);
  return lines;
}
