import type { AuditRecordDraft } from '../rollout/types.js';
import { canonicalJson } from './canonical-json.js';
import { GENESIS_HASH, isSha256Hex, type Sha256 } from './hash.js';

/**
 * A sealed audit record: the draft plus its place in the chain. `hash` is the SHA-256 of the
 * canonical JSON of every other field (including `seq` and `prevHash`), so a changed byte, a
 * reordered or a deleted record breaks the chain from that point on.
 */
export interface AuditRecord extends AuditRecordDraft {
  /** 1 for the first record of the log, then +1 per record. */
  readonly seq: number;
  /** `hash` of the previous record; 64 zeros for the first. */
  readonly prevHash: string;
  readonly hash: string;
}

/** A problem found while reading or verifying the log; `line` is 1-based, `seq` set when known. */
export interface ChainProblem {
  readonly line: number;
  readonly seq?: number;
  readonly message: string;
}

/** The hash a record must carry: SHA-256 of its canonical JSON without the `hash` field. */
export function hashRecord(record: Omit<AuditRecord, 'hash'> | AuditRecord, sha256: Sha256): string {
  const { hash: _ignored, ...body } = record as AuditRecord;
  return sha256(canonicalJson(body));
}

/** Seals `draft` as the record after `previous` (undefined: the first record of the log). */
export function sealRecord(draft: AuditRecordDraft, previous: AuditRecord | undefined, sha256: Sha256): AuditRecord {
  const body = { ...draft, seq: previous === undefined ? 1 : previous.seq + 1, prevHash: previous === undefined ? GENESIS_HASH : previous.hash };
  return { ...body, hash: hashRecord(body, sha256) };
}

/** One JSONL line (canonical JSON, no trailing newline: the writer adds `\n`). */
export function serializeRecord(record: AuditRecord): string {
  return canonicalJson(record);
}

const REQUIRED_STRINGS = ['at', 'release', 'bundleHash', 'stage', 'event', 'reason', 'actor'] as const;

function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object';
  const record = value as Record<string, unknown>;
  if (!Number.isSafeInteger(record['seq']) || (record['seq'] as number) < 1) return '`seq` is not a positive integer';
  if (!isSha256Hex(record['prevHash'])) return '`prevHash` is not 64 lower-case hex digits';
  if (!isSha256Hex(record['hash'])) return '`hash` is not 64 lower-case hex digits';
  for (const field of REQUIRED_STRINGS) {
    if (typeof record[field] !== 'string') return `\`${field}\` is missing or not a string`;
  }
  return undefined;
}

/**
 * Reads a JSONL audit log. Blank lines are skipped and a `\r` before the newline is tolerated
 * (a checkout may convert line ends); any other difference between a line and the canonical
 * serialisation of what it parses to is reported, because canonical JSON has exactly one
 * spelling of each record and hand edits (re-indentation, `\u00E9` for `\u00e9`) change it.
 * `lines[i]` is the 1-based line of `records[i]`.
 */
export function parseAuditLog(text: string): { records: AuditRecord[]; lines: number[]; problems: ChainProblem[] } {
  const records: AuditRecord[] = [];
  const lines: number[] = [];
  const problems: ChainProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (content.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      problems.push({ line, message: `line ${line} is not valid JSON (${(error as Error).message}); the record was altered or truncated` });
      return;
    }
    const shape = shapeProblem(value);
    const seq = typeof value === 'object' && value !== null && Number.isSafeInteger((value as { seq?: unknown }).seq) ? (value as { seq: number }).seq : undefined;
    if (shape !== undefined) {
      problems.push({ line, ...(seq !== undefined ? { seq } : {}), message: `line ${line}: ${shape}; not an audit record Glidepath wrote` });
      return;
    }
    const record = value as AuditRecord;
    if (serializeRecord(record) !== content) {
      problems.push({ line, seq: record.seq, message: `line ${line} (seq ${record.seq}) is not in canonical form: it was edited after it was written` });
    }
    records.push(record);
    lines.push(line);
  });
  return { records, lines, problems };
}

/**
 * Recomputes the chain: every record's hash, its link to the previous record, and the sequence.
 * Finds an altered record (its hash no longer matches), a reordering or deletion (a sequence gap
 * and a broken link) and a forged link. Deleting records from the END of the log leaves a valid
 * shorter chain; the state branch's commit history is the check for that (docs/audit-format.md).
 * `lines` maps records to log lines (from parseAuditLog); by default record i is on line i + 1.
 */
export function verifyChain(
  records: readonly AuditRecord[],
  sha256: Sha256,
  lines?: readonly number[],
): { ok: boolean; problems: { seq: number; line: number; message: string }[] } {
  const problems: { seq: number; line: number; message: string }[] = [];
  records.forEach((record, index) => {
    const line = lines?.[index] ?? index + 1;
    const previous = index === 0 ? undefined : records[index - 1];
    const expectedSeq = previous === undefined ? 1 : previous.seq + 1;
    if (record.seq !== expectedSeq) {
      const message = previous === undefined
        ? `the first record has seq ${record.seq}, not 1: records before it are missing`
        : record.seq > expectedSeq
          ? `seq ${record.seq} follows seq ${previous.seq}: record(s) ${expectedSeq}–${record.seq - 1} are missing (deleted)`
          : `seq ${record.seq} follows seq ${previous.seq}: records are out of order or duplicated`;
      problems.push({ seq: record.seq, line, message });
    }
    const expectedPrev = previous === undefined ? GENESIS_HASH : previous.hash;
    if (record.prevHash !== expectedPrev) {
      problems.push({
        seq: record.seq,
        line,
        message: `prevHash ${record.prevHash.slice(0, 12)}… does not match the hash of the record before it (${expectedPrev.slice(0, 12)}…)`,
      });
    }
    const recomputed = hashRecord(record, sha256);
    if (recomputed !== record.hash) {
      problems.push({
        seq: record.seq,
        line,
        message: `record content does not match its hash (stored ${record.hash.slice(0, 12)}…, computed ${recomputed.slice(0, 12)}…): the record was altered`,
      });
    }
  });
  return { ok: problems.length === 0, problems };
}

/** Parses and verifies a whole log: the check `glidepath audit verify` runs. */
export function verifyAuditLog(text: string, sha256: Sha256): { ok: boolean; records: AuditRecord[]; problems: ChainProblem[] } {
  const parsed = parseAuditLog(text);
  const chain = verifyChain(parsed.records, sha256, parsed.lines);
  const problems: ChainProblem[] = [...parsed.problems, ...chain.problems].sort((a, b) => a.line - b.line);
  return { ok: problems.length === 0, records: parsed.records, problems };
}
