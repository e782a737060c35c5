import module from 'node:module';
import { join } from 'node:path';
import { isInside } from './inside-root.js';
import type { Problem } from '../../core/problem.js';
import type { RepoSnapshot } from '../../core/validate/load-repository.js';
import { referencedPaths } from '../../core/validate/referenced-paths.js';
import { findRepoPathProblem } from '../../core/validate/repo-path.js';
import { formatBytes, totalTooLargeMessage, YAML_LIMITS, type YamlLimits } from '../../core/yaml/limits.js';
import { RepositoryRootError } from '../../ports/repository-files.js';

// Required, not imported: an ES import of node:fs builds its whole namespace, which loads streams,
// fs/promises and the file watchers, some 7 ms at every start of the CLI (decision 0014).
const requireBuiltin = module.createRequire(import.meta.url);
const fs = requireBuiltin('node:fs') as typeof import('node:fs');
const { closeSync, fstatSync, openSync, readSync } = fs;

// The callback forms, not node:fs/promises: that module loads streams, readline and the REPL
// history (some thirty internal modules) at every start of `validate`, which needs none of them.
type Stats = import('node:fs').Stats;
type Dirent = import('node:fs').Dirent;
function called<T>(run: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));
}
const realpath = (path: string) => called<string>((done) => fs.realpath.native(path, done));
const stat = (path: string) => called<Stats>((done) => fs.stat(path, done));
const lstat = (path: string) => called<Stats>((done) => fs.lstat(path, done));
const readdir = (path: string, options: { readonly withFileTypes: true }) => called<Dirent[]>((done) => fs.readdir(path, options, done));

// The error is the port's, so the engine can tell it apart without importing this adapter.
export { RepositoryRootError };

const DOCUMENT_DIRS = ['policies', 'releases'] as const;
const ROOT_FILES = ['glidepath.yaml', 'glidepath.yml'] as const;
const YAML_FILE = /\.ya?ml$/;

function problemAt(file: string, rule: string, message: string, hint?: string): Problem {
  return { file, line: 1, col: 1, severity: 'error', rule, message, ...(hint ? { hint } : {}) };
}

function errorCode(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/**
 * Reads glidepath.yaml, every `.yaml`/`.yml` file under policies/ and releases/, and the prompt
 * files releases name. Never leaves `root`: symbolic links are resolved and followed only when
 * their target stays inside; sizes are checked before reading; at most `limits.maxFiles`
 * documents are read. What cannot be read becomes a problem, not an exception.
 */
export async function readRepositoryFromDisk(root: string, limits: YamlLimits = YAML_LIMITS): Promise<RepoSnapshot> {
  let realRoot: string;
  try {
    realRoot = await realpath(root);
    if (!(await stat(realRoot)).isDirectory()) throw new RepositoryRootError(`${root} is not a directory`);
  } catch (error) {
    if (error instanceof RepositoryRootError) throw error;
    throw new RepositoryRootError(`cannot read the repository root ${root}: ${errorCode(error) === 'ENOENT' ? 'it does not exist' : (error as Error).message}`, { cause: error });
  }
  const files = new Map<string, Uint8Array>();
  const problems: Problem[] = [];

  /** The real path of `rel` when it is a regular file inside the root (following inside links), else undefined with a problem when that matters. */
  const resolveFile = async (rel: string, reportMissing: boolean): Promise<string | undefined> => {
    const absolute = join(realRoot, ...rel.split('/'));
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        if (!reportMissing) return undefined;
        problems.push(problemAt(rel, 'file/unreadable', 'the file is a symbolic link to nothing (its target does not exist)', 'fix or remove the link'));
        return undefined;
      }
      problems.push(problemAt(rel, 'file/unreadable', `the file cannot be read (${errorCode(error) ?? 'error'})`));
      return undefined;
    }
    if (!isInside(realRoot, real)) {
      problems.push(problemAt(rel, 'file/symlink-outside', 'the file is a symbolic link that leads outside the repository; Glidepath does not follow it', 'copy the file into the repository instead of linking to it'));
      return undefined;
    }
    return real;
  };

  /** Repository path → real path, for files found by walking real directories (no further resolving needed). */
  const candidates = new Map<string, string | undefined>();
  for (const name of ROOT_FILES) {
    try {
      await lstat(join(realRoot, name));
      candidates.set(name, undefined);
    } catch {
      // Absent: the loader reports a missing glidepath.yaml.
    }
  }
  const visited = new Set<string>();
  const queue: string[] = [...DOCUMENT_DIRS];
  let overflow: string | undefined;
  while (queue.length > 0 && overflow === undefined) {
    const dir = queue.shift() as string;
    const realDir = await resolveFile(dir, false);
    if (realDir === undefined || visited.has(realDir)) continue;
    visited.add(realDir);
    let entries;
    try {
      entries = await readdir(realDir, { withFileTypes: true });
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') problems.push(problemAt(dir, 'file/unreadable', `the directory cannot be read (${errorCode(error) ?? 'error'})`));
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = `${dir}/${entry.name}`;
      let real: string | undefined;
      if (entry.isDirectory()) {
        queue.push(rel);
        continue;
      } else if (entry.isSymbolicLink()) {
        real = await resolveFile(rel, true);
        if (real === undefined) continue;
        const target = await stat(real);
        if (target.isDirectory()) {
          queue.push(rel);
          continue;
        }
        if (!target.isFile() || !YAML_FILE.test(entry.name)) continue;
      } else if (entry.isFile() && YAML_FILE.test(entry.name)) {
        real = join(realDir, entry.name);
      } else {
        continue;
      }
      if (candidates.size >= limits.maxFiles) {
        overflow = rel;
        break;
      }
      candidates.set(rel, real);
    }
  }
  if (overflow !== undefined) {
    problems.push(problemAt(overflow, 'file/too-many', `the repository has more than ${limits.maxFiles} Glidepath files; only the first ${limits.maxFiles} are read`, 'remove files that are no longer needed'));
  }

  let total = 0;
  let totalExceeded = false;
  const readOne = async (rel: string, knownReal: string | undefined, reportMissing: boolean): Promise<void> => {
    if (totalExceeded) return;
    const real = knownReal ?? await resolveFile(rel, reportMissing);
    if (real === undefined) return;
    const read = readSmallFile(real, Math.min(limits.maxFileBytes, limits.maxTotalBytes - total + 1));
    if (read.kind === 'too-large' && read.size <= limits.maxFileBytes) {
      totalExceeded = true;
      problems.push(problemAt(rel, 'repository/too-large', totalTooLargeMessage(limits), 'Glidepath files are small; remove files that are not Glidepath documents from policies/ and releases/'));
      return;
    }
    if (read.kind === 'bytes') {
      total += read.bytes.length;
      files.set(rel, read.bytes);
    }
    else if (read.kind === 'too-large') problems.push(problemAt(rel, 'file/too-large', `the file is ${formatBytes(read.size)}; Glidepath reads files of at most ${formatBytes(limits.maxFileBytes)}`, 'Glidepath files are small; check that this is the file you meant'));
    else if (read.kind === 'error' && (reportMissing || read.code !== 'ENOENT')) problems.push(problemAt(rel, 'file/unreadable', `the file cannot be read (${read.code})`));
  };

  for (const [rel, real] of candidates) await readOne(rel, real, true);
  // Prompt files are named by releases, so they are known only now. Missing ones are the loader's to report.
  for (const rel of referencedPaths(files, limits)) {
    if (findRepoPathProblem(rel) === undefined) await readOne(rel, undefined, false);
  }
  return { files, problems };
}

type SmallFile =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'not-a-file' }
  | { readonly kind: 'error'; readonly code: string };

/**
 * One open, one stat and one read: the size is checked on the open descriptor before anything is
 * read, so a huge file costs nothing. Synchronous on purpose: a thousand small files read several
 * times faster this way than through the thread pool, and nothing else runs meanwhile.
 */
function readSmallFile(path: string, maxBytes: number): SmallFile {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const info = fstatSync(fd);
    if (!info.isFile()) return { kind: 'not-a-file' };
    if (info.size > maxBytes) return { kind: 'too-large', size: info.size };
    // A file may grow between stat and read: read up to one byte past the cap to notice.
    const buffer = Buffer.allocUnsafe(info.size + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length >= buffer.length) break;
    }
    if (length > maxBytes) return { kind: 'too-large', size: length };
    return { kind: 'bytes', bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length) };
  } catch (error) {
    return { kind: 'error', code: errorCode(error) ?? 'error' };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
