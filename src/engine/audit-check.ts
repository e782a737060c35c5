import { auditHeadPath, type AuditHead, type StateStore } from '../adapters/state/state-store.js';
import { parseAuditLog, verifyAuditLog, type AuditRecord } from '../core/audit/chain.js';
import type { Sha256 } from '../core/audit/hash.js';
import { replayDecisions, type ReplayResult } from '../core/audit/replay.js';

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
  readonly ok: boolean;
}

/**
 * Recomputes each release's hash chain and replays its automatic decisions from their recorded
 * evidence. Problems name the log file, the line and the record's seq.
 */
export async function checkAuditLogs(store: StateStore, sha256: Sha256, release?: string): Promise<AuditCheck[]> {
  const releases = release !== undefined ? [release] : await store.listAuditedReleases();
  const checks: AuditCheck[] = [];
  for (const name of releases) {
    const file = `${store.branch}:audit/${name}.jsonl`;
    const text = await store.readAuditLog(name);
    if (text === undefined) {
      checks.push({ release: name, file, records: [], lines: [], chainProblems: [{ line: 0, message: `${file} does not exist` }], replay: [], ok: false });
      continue;
    }
    const verified = verifyAuditLog(text, sha256);
    const replay = replayDecisions(verified.records);
    const { lines } = parseAuditLog(text);
    const chainProblems = [...verified.problems, ...checkAnchor(verified.records, lines, await store.readAuditHead(name), `${store.branch}:${auditHeadPath(name)}`)];
    checks.push({ release: name, file, records: verified.records, lines, chainProblems, replay, ok: chainProblems.length === 0 && replay.every((r) => r.ok) });
  }
  return checks;
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
    seq: last?.seq,
    message: `the log ${ends}, but ${anchorFile} says its last record is seq ${head.seq} (${head.hash.slice(0, 12)}…): records were removed from the end, or the log was replaced`,
  }];
}

/** The lines `audit verify` prints for one release: a verdict, then every problem with its place. */
export function formatAuditCheck(check: AuditCheck): string[] {
  const lines: string[] = [];
  const replayed = check.replay.length;
  const failing = check.replay.filter((r) => !r.ok);
  if (check.ok) {
    lines.push(`${check.file}: ok — ${check.records.length} records, chain intact, ${replayed} decision${replayed === 1 ? '' : 's'} replayed`);
    return lines;
  }
  lines.push(`${check.file}: FAILED — ${check.chainProblems.length} chain problem${check.chainProblems.length === 1 ? '' : 's'}, ${failing.length} decision${failing.length === 1 ? '' : 's'} that no longer follow${failing.length === 1 ? 's' : ''}`);
  for (const p of check.chainProblems) lines.push(`  ${check.file}:${p.line}${p.seq !== undefined ? ` (seq ${p.seq})` : ''}: ${p.message}`);
  const lineOf = new Map(check.records.map((r, i) => [r.seq, check.lines[i] ?? i + 1]));
  for (const r of failing) lines.push(`  ${check.file}:${lineOf.get(r.seq) ?? '?'} (seq ${r.seq}): ${r.reason}`);
  return lines;
}
