import type { CallOptions, CallResult } from './call.js';
import type { FileChange } from './scm.js';

/** Files as one version of the store holds them; a path the store does not have is absent. */
export interface FlagFilesSnapshot {
  readonly files: ReadonlyMap<string, string>;
  /** Compare-and-swap value for `write`: a branch's head commit, or a hash of the contents read. */
  readonly version: string;
}

export type FlagFilesWrite =
  | { readonly status: 'committed'; readonly version: string }
  /** The files changed since `expectedVersion` was read (another runner, a person): read again and re-render. */
  | { readonly status: 'conflict' };

/**
 * Where a GitOps provider's files live and are changed: the working tree locally, a flag branch
 * (`glidepath/flags`) through the git host in Actions. The engine reads, lets the provider render,
 * and writes with the version it read, so two runners never interleave a read-modify-write.
 * Paths are relative to the repository root (the command's root).
 */
export interface FlagFiles {
  read(paths: readonly string[], options?: CallOptions): Promise<CallResult<FlagFilesSnapshot>>;
  /**
   * Writes the changes at once (each file whole, atomically) if the store is still at
   * `expectedVersion` for the files `read` was asked for; `message` is the commit message where
   * the store is a branch. Changes touch only paths that `read` was given.
   */
  write(changes: readonly FileChange[], expectedVersion: string, message: string, options?: CallOptions): Promise<CallResult<FlagFilesWrite>>;
}
