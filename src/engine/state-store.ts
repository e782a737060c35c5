import { parseAuditLog, sealRecord, serializeRecord, type AuditRecord, type ChainProblem } from '../core/audit/chain.js';
import type { Sha256 } from '../core/audit/hash.js';
import { sealState } from '../core/audit/state-seal.js';
import type { AuditRecordDraft, RolloutState } from '../core/rollout/types.js';
import type { FileChange, RefLocked, StateBranch } from '../ports/scm.js';

/** Where Glidepath keeps rollout state when the config names no branch. */
export const DEFAULT_STATE_BRANCH = 'glidepath/state';

/** `states/<release>.json`: one file per release, the RolloutState as pretty JSON. */
export function statePath(release: string): string {
  return `states/${checkName(release)}.json`;
}

/** `audit/<release>.jsonl`: one hash chain per release, one canonical-JSON record per line. */
export function auditPath(release: string): string {
  return `audit/${checkName(release)}.jsonl`;
}

/**
 * `audit/<release>.head.json`: the seq and hash of the log's last record, written in the same
 * commit as the records. A hash chain proves nothing was changed or inserted, but a log cut
 * short still verifies; the anchor catches that.
 */
export function auditHeadPath(release: string): string {
  return `audit/${checkName(release)}.head.json`;
}

/** The last record a log must end with. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/** Everything on the state branch at one head. */
export interface StateSnapshot {
  /** The branch head the snapshot was read at (null: the branch does not exist yet); the compare-and-swap value for the next commit. */
  readonly head: string | null;
  readonly states: ReadonlyMap<string, RolloutState>;
  /** Sealed records per release, in log order. */
  readonly audit: ReadonlyMap<string, readonly AuditRecord[]>;
  /** Lines of the logs that did not parse (an altered log); `audit verify` reports them, writers append after the last good record. */
  readonly auditProblems: ReadonlyMap<string, readonly ChainProblem[]>;
}

/** One decision's worth of changes: new states and audit records to seal and append. */
export interface StateChanges {
  readonly states: readonly RolloutState[];
  readonly records: readonly AuditRecordDraft[];
}

export type StateCommitResult =
  | { readonly status: 'committed'; readonly sha: string; readonly records: readonly AuditRecord[] }
  | { readonly status: 'conflict'; readonly actualHead: string | null }
  | RefLocked;

/** A state file or log on the branch that Glidepath cannot read: says which and how to fix it. */
export class StateBranchError extends Error {
  override readonly name = 'StateBranchError';
}

export interface StateStore {
  readonly branch: string;
  load(): Promise<StateSnapshot>;
  /**
   * Seals `changes.records` onto each release's chain and commits them with the states, as one
   * commit on the state branch, only if its head is still `expectedHead`. A conflict changes
   * nothing: the caller re-reads, re-plans and tries again.
   */
  commit(changes: StateChanges, expectedHead: string | null, message: string): Promise<StateCommitResult>;
  /** The raw audit log of a release at the branch head (or at `commit`, one of the branch's), for verification. */
  readAuditLog(release: string, commit?: string): Promise<string | undefined>;
  /** The anchor of a release's log (its last record's seq and hash), or undefined when there is none. */
  readAuditHead(release: string, commit?: string): Promise<AuditHead | undefined>;
  /** Releases that have an audit log at the branch head. */
  listAuditedReleases(): Promise<string[]>;
  /** A release's state file at the branch head, or undefined when there is none; throws StateBranchError when it is not a state. */
  readState(release: string): Promise<RolloutState | undefined>;
  /** Releases that have a state file at the branch head. */
  listStateReleases(): Promise<string[]>;
}

/**
 * Rollout state and the audit trail on a dedicated branch, written only through its
 * compare-and-swap commit (docs/state-branch.md). The branch is the lock: two runs that read the
 * same head can never both commit, so a decision is taken at most once.
 */
export function createStateStore(stateBranch: StateBranch, opts: { readonly sha256: Sha256 }): StateStore {
  const branch = stateBranch.name;
  let cached: { head: string; logs: Map<string, string> } | undefined;

  /** Every release's log text at `head`; from the last load when it was at the same head (a load lists every log there). */
  async function readLogs(head: string, releases: readonly string[]): Promise<Map<string, string>> {
    if (cached?.head === head) return cached.logs;
    const blobs = await stateBranch.readFiles(head, releases.map(auditPath));
    return new Map(releases.flatMap((r) => {
      const blob = blobs.get(auditPath(r));
      return blob ? [[r, decode(blob)] as const] : [];
    }));
  }

  /** A file at the branch head (or at `at`); undefined when the branch does not exist yet. */
  async function readOnBranch(path: string, at: string | undefined): Promise<string | undefined> {
    const commit = at ?? (await stateBranch.head());
    if (commit === null) return undefined;
    const blob = (await stateBranch.readFiles(commit, [path])).get(path);
    return blob === undefined ? undefined : decode(blob);
  }

  return {
    branch,

    async load() {
      const head = await stateBranch.head();
      if (head === null) return { head, states: new Map(), audit: new Map(), auditProblems: new Map() };
      const paths = await stateBranch.listFiles(head, '');
      const wanted = paths.filter((p) => /^states\/[^/]+\.json$/.test(p) || /^audit\/[^/]+\.jsonl$/.test(p));
      const blobs = await stateBranch.readFiles(head, wanted);
      const states = new Map<string, RolloutState>();
      const audit = new Map<string, AuditRecord[]>();
      const auditProblems = new Map<string, ChainProblem[]>();
      const logs = new Map<string, string>();
      for (const [path, blob] of blobs) {
        const text = decode(blob);
        const stateMatch = /^states\/([^/]+)\.json$/.exec(path);
        if (stateMatch) {
          states.set(stateMatch[1]!, parseState(text, `${branch}:${path}`));
          continue;
        }
        const release = /^audit\/([^/]+)\.jsonl$/.exec(path)![1]!;
        logs.set(release, text);
        const parsed = parseAuditLog(text);
        audit.set(release, parsed.records);
        if (parsed.problems.length > 0) auditProblems.set(release, parsed.problems);
      }
      cached = { head, logs };
      return { head, states, audit, auditProblems };
    },

    async commit(changes, expectedHead, message) {
      const byRelease = new Map<string, AuditRecordDraft[]>();
      for (const draft of changes.records) byRelease.set(draft.release, [...(byRelease.get(draft.release) ?? []), draft]);
      const logs = expectedHead === null ? new Map<string, string>() : await readLogs(expectedHead, [...byRelease.keys()]);
      const files: FileChange[] = [];
      const sealed: AuditRecord[] = [];
      for (const state of changes.states) {
        files.push({ path: statePath(state.release), content: `${JSON.stringify(state, null, 2)}\n` });
        const drafts = byRelease.get(state.release);
        // A state the chain does not seal would be refused by the next run (decision 0009).
        if (!drafts || drafts.length === 0) throw new Error(`StateStore.commit: the state of ${state.release} comes without an audit record to seal it in`);
        drafts[drafts.length - 1] = sealState(drafts.at(-1)!, state, opts.sha256);
      }
      for (const [release, drafts] of byRelease) {
        const existing = logs.get(release) ?? '';
        let previous = parseAuditLog(existing).records.at(-1);
        let appended = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
        for (const draft of drafts) {
          const record = sealRecord(draft, previous, opts.sha256);
          appended += `${serializeRecord(record)}\n`;
          sealed.push(record);
          previous = record;
        }
        files.push({ path: auditPath(release), content: appended });
        if (previous) files.push({ path: auditHeadPath(release), content: `${JSON.stringify({ seq: previous.seq, hash: previous.hash })}\n` });
      }
      const result = await stateBranch.commit({ expectedHead, files, message });
      if (result.status !== 'committed') return result;
      return { status: 'committed', sha: result.sha, records: sealed };
    },

    async readAuditLog(release, at) {
      return readOnBranch(auditPath(release), at);
    },

    async readAuditHead(release, at) {
      const text = await readOnBranch(auditHeadPath(release), at);
      if (text === undefined) return undefined;
      try {
        const head = JSON.parse(text) as Partial<AuditHead>;
        if (typeof head.seq === 'number' && typeof head.hash === 'string') return { seq: head.seq, hash: head.hash };
      } catch {
        // An unreadable anchor is reported by audit verify as a missing one.
      }
      return undefined;
    },

    async listAuditedReleases() {
      const head = await stateBranch.head();
      if (head === null) return [];
      return (await stateBranch.listFiles(head, 'audit')).flatMap((p) => /^audit\/([^/]+)\.jsonl$/.exec(p)?.[1] ?? []).sort();
    },

    async readState(release) {
      const text = await readOnBranch(statePath(release), undefined);
      return text === undefined ? undefined : parseState(text, `${branch}:${statePath(release)}`);
    },

    async listStateReleases() {
      const head = await stateBranch.head();
      if (head === null) return [];
      return (await stateBranch.listFiles(head, 'states')).flatMap((p) => /^states\/([^/]+)\.json$/.exec(p)?.[1] ?? []).sort();
    },
  };
}

function parseState(text: string, where: string): RolloutState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StateBranchError(`${where}: not valid JSON (${(error as Error).message}); restore it from the branch history (git log -p on that file)`);
  }
  const state = value as Partial<RolloutState>;
  if (typeof value !== 'object' || value === null || typeof state.release !== 'string' || typeof state.phase !== 'string' || typeof state.revision !== 'number') {
    throw new StateBranchError(`${where}: not a rollout state (needs release, phase and revision); restore it from the branch history`);
  }
  return value as RolloutState;
}

function checkName(release: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(release) || release.includes('..')) throw new StateBranchError(`'${release}' cannot name a file on the state branch`);
  return release;
}

function decode(blob: Uint8Array): string {
  return Buffer.from(blob).toString('utf8');
}
