import module from 'node:module';
import { basename, dirname } from 'node:path';
import { randomHex, sha256 } from '../crypto.js';
import { resolveInsideRoot } from './inside-root.js';
import { removeDeadRunFiles } from './dead-run-files.js';
import type { CallFailure, CallResult } from '../../ports/call.js';
import type { FlagFiles, FlagFilesSnapshot, FlagFilesWrite } from '../../ports/flag-files.js';
import type { FileChange } from '../../ports/scm.js';

// Required, not imported: an ES import of node:fs builds its whole namespace, which loads streams,
// fs/promises and the file watchers, some 7 ms at every start of the CLI (decision 0014).
const requireBuiltin = module.createRequire(import.meta.url);
const { mkdir, readFile, rename, rm, writeFile } = requireBuiltin('node:fs/promises') as typeof import('node:fs/promises');

/**
 * GitOps files in the repository's working tree, for local runs (a flagd watching the file, a
 * gateway reloading its config). Every file is written whole and atomically (temporary file +
 * rename), so a watcher never sees half of one. The version is a hash of each file's content, so a
 * write fails as a conflict when someone changed a file between the engine's read and its write.
 */
export function createWorkingTreeFiles(root: string): FlagFiles {
  // Once per file and store: the sweep reads the folder, and a run writes the same file many times.
  const swept = new Map<string, Promise<unknown>>();
  const sweep = (file: string): Promise<unknown> => {
    if (!swept.has(file)) swept.set(file, removeStaleFlagTempFiles(file).catch(() => []));
    return swept.get(file)!;
  };

  async function readOne(path: string): Promise<CallResult<string | undefined>> {
    const file = resolveInsideRoot(root, path);
    if (file === undefined) return outside(path);
    try {
      return { ok: true, value: await readFile(file, 'utf8') };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { ok: true, value: undefined };
      return { ok: false, kind: kindOfCode(code), error: `${path}: cannot read the file (${code ?? (error as Error).message})` };
    }
  }

  async function snapshot(paths: readonly string[]): Promise<CallResult<FlagFilesSnapshot & { readonly hashes: ReadonlyMap<string, string> }>> {
    const files = new Map<string, string>();
    const hashes = new Map<string, string>();
    for (const path of paths) {
      const read = await readOne(path);
      if (!read.ok) return read;
      if (read.value !== undefined) files.set(path, read.value);
      hashes.set(path, read.value === undefined ? 'missing' : sha256(read.value));
    }
    return { ok: true, value: { files, hashes, version: JSON.stringify([...hashes].sort(([a], [b]) => (a < b ? -1 : 1))) } };
  }

  return {
    async read(paths) {
      const read = await snapshot(paths);
      return read.ok ? { ok: true, value: { files: read.value.files, version: read.value.version } } : read;
    },
    async write(changes, expectedVersion): Promise<CallResult<FlagFilesWrite>> {
      const expected = parseVersion(expectedVersion);
      const now = await snapshot(changes.map((c) => c.path));
      if (!now.ok) return now;
      for (const [path, hash] of now.value.hashes) {
        if (expected.get(path) !== hash) return { ok: true, value: { status: 'conflict' } };
      }
      for (const change of changes) {
        const written = await writeOne(change);
        if (!written.ok) return written;
      }
      const after = await snapshot(changes.map((c) => c.path));
      return after.ok ? { ok: true, value: { status: 'committed', version: after.value.version } } : after;
    },
  };

  async function writeOne(change: FileChange): Promise<CallResult<void>> {
    const file = resolveInsideRoot(root, change.path);
    if (file === undefined) return outside(change.path);
    if (change.content === null) {
      await rm(file, { force: true });
      return { ok: true, value: undefined };
    }
    await sweep(file);
    const tmp = `${file}.${process.pid}-${randomHex(6)}.tmp`;
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(tmp, change.content, 'utf8');
      await rename(tmp, file);
      return { ok: true, value: undefined };
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => {});
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, kind: kindOfCode(code), error: `${change.path}: cannot write the file (${code ?? (error as Error).message})` };
    }
  }
}

/**
 * A run killed between writing its temporary copy of a file and renaming it leaves
 * `<file>.<pid>-<hex>.tmp` next to it, in the repository's working tree. Those of dead runs (or
 * older than ten minutes) are removed before the next write. Returns the paths removed.
 */
export function removeStaleFlagTempFiles(file: string, now = Date.now()): Promise<string[]> {
  const name = basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return removeDeadRunFiles(dirname(file), new RegExp(`^${name}\\.(\\d+)-[0-9a-f]+\\.tmp$`), 10 * 60_000, now);
}

function parseVersion(version: string): ReadonlyMap<string, string> {
  try {
    const entries: unknown = JSON.parse(version);
    if (Array.isArray(entries)) return new Map(entries.filter((e): e is [string, string] => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string'));
  } catch {
    // A version this store did not make matches no file: the write answers conflict.
  }
  return new Map();
}

function outside(path: string): CallFailure {
  return { ok: false, kind: 'invalid', error: `${path} is outside the repository; use a path relative to the repository root` };
}

function kindOfCode(code: string | undefined): CallFailure['kind'] {
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'unauthorized';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (code === 'EISDIR' || code === 'ENOTDIR') return 'invalid';
  return 'unavailable';
}
