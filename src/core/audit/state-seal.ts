import type { AuditRecordDraft, RolloutState } from '../rollout/types.js';
import { hashRecord, type AuditRecord } from './chain.js';
import { canonicalJson } from './canonical-json.js';
import type { Sha256 } from './hash.js';

/**
 * SHA-256 of the canonical JSON of a state: what a record seals as `stateHash`. The state file is
 * pretty-printed; hashing its canonical form lets a re-indented file pass and any changed value fail.
 */
export function hashState(state: RolloutState, sha256: Sha256): string {
  return sha256(canonicalJson(state));
}

/**
 * The draft of the record that goes into the same commit as `state`, carrying that state and its
 * hash: once sealed, the state file is a copy of the chain's last sealed state (decision 0009).
 */
export function sealState(draft: AuditRecordDraft, state: RolloutState, sha256: Sha256): AuditRecordDraft {
  return { ...draft, stateHash: hashState(state, sha256), state };
}

/** One field where the state file and the sealed state differ; values absent on one side are undefined. */
export interface StateDifference {
  /** Dotted path, such as `stageStartedAt` or `split.weight` or `history[1].from`. */
  readonly field: string;
  readonly file: unknown;
  readonly sealed: unknown;
}

/** How a release's state file stands against its audit chain. */
export type StateSealCheck =
  /** The file is the state the record at `seq` sealed. */
  | { readonly status: 'match'; readonly seq: number }
  /** No record seals a state: a chain written before states were sealed, which cannot vouch for the file. */
  | { readonly status: 'unsealed' }
  | {
      readonly status: 'mismatch';
      /** The record whose sealed state the file should be (undefined: the chain has no record at all). */
      readonly seq?: number;
      /** What is wrong, in one sentence naming both sides. */
      readonly message: string;
      readonly differences: readonly StateDifference[];
    };

/**
 * Compares a release's state file (undefined: there is none) with the last record of its chain
 * that seals a state. Old chains (no record seals a state) keep working; once one does, the file
 * must be exactly the state sealed last. The sealing record's own hash is recomputed too, so that
 * editing the file and the record's stateHash together does not pass for a match.
 */
export function compareStateWithChain(state: RolloutState | undefined, records: readonly AuditRecord[], sha256: Sha256): StateSealCheck {
  const sealing = records.findLast((r) => typeof r.stateHash === 'string');
  if (!sealing) {
    if (state && records.length === 0) {
      return { status: 'mismatch', message: 'the release has a state file but no audit records: every state Glidepath writes comes with a record', differences: [] };
    }
    return { status: 'unsealed' };
  }
  const { seq } = sealing;
  const sealedHash = sealing.stateHash!;
  if (hashRecord(sealing, sha256) !== sealing.hash) {
    return { status: 'mismatch', seq, message: `the record at seq ${seq}, which seals the state, does not match its own hash: it was altered`, differences: [] };
  }
  if (!state) {
    return { status: 'mismatch', seq, message: `the state file is missing, but seq ${seq} seals a state (${short(sealedHash)})`, differences: [] };
  }
  const fileHash = hashState(state, sha256);
  if (fileHash === sealedHash) return { status: 'match', seq };
  const differences = sealing.state !== undefined ? diffValues(state, sealing.state, '') : [];
  const fields = differences.length > 0 ? `; differs in ${differences.map(describeDifference).join(', ')}` : '';
  return { status: 'mismatch', seq, message: `the state file hashes to ${short(fileHash)}, but seq ${seq} seals ${short(sealedHash)}${fields}`, differences };
}

/** `stageStartedAt (file "2024-…", sealed "2025-…")`. */
export function describeDifference(d: StateDifference): string {
  return `${d.field} (file ${show(d.file)}, sealed ${show(d.sealed)})`;
}

function diffValues(file: unknown, sealed: unknown, path: string): StateDifference[] {
  if (canonicalJson(file) === canonicalJson(sealed)) return [];
  if (isObject(file) && isObject(sealed)) {
    const keys = [...new Set([...Object.keys(file), ...Object.keys(sealed)])].sort();
    return keys.flatMap((key) => diffValues(file[key], sealed[key], path === '' ? key : `${path}.${key}`));
  }
  if (Array.isArray(file) && Array.isArray(sealed) && file.length === sealed.length) {
    return file.flatMap((item, i) => diffValues(item, sealed[i], `${path}[${i}]`));
  }
  return [{ field: path === '' ? '(the whole state)' : path, file, sealed }];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = canonicalJson(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
