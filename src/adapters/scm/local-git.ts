import module from 'node:module';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { removeDeadRunFiles } from '../fs/dead-run-files.js';
import { fsPromises } from '../fs/fs-promises.js';
import { GitObjectReader, parseTree, type GitObject, type TreeEntry } from './git-object-reader.js';
import { changedPathsFromAncestor } from './git-tree-diff.js';
import type { ChangeRequestResult, ChangeRequests, CommitResult, FileChange, RefLocked, RevisionReader, ScmRoles, StateBranch } from '../../ports/scm.js';

// Required, not imported: an ES import of node:fs builds its whole namespace, which loads streams,
// fs/promises and the file watchers, some 7 ms at every start of the CLI (decision 0014).
const requireBuiltin = module.createRequire(import.meta.url);
const { readFileSync, realpathSync, statSync } = requireBuiltin('node:fs') as typeof import('node:fs');

/** Who commits when the repository has no identity of its own (a fresh CI checkout has none). */
export const DEFAULT_GIT_IDENTITY = { name: 'Glidepath', email: 'glidepath@users.noreply.github.com' } as const;

export interface LocalGitOptions {
  /** Author and committer of the commits this adapter makes; default: the repository's `user.*`, else Glidepath. */
  readonly author?: { readonly name: string; readonly email: string };
  /** The git executable (default `git` on PATH). */
  readonly gitBinary?: string;
  /** A ref lock at least this old is stale (default STALE_REF_LOCK_MS). */
  readonly staleLockMs?: number;
}

/**
 * git holds a ref lock for the few milliseconds of one `update-ref`; a lock half a minute old was
 * left by a writer that was killed while holding it, and git never removes it on its own.
 */
export const STALE_REF_LOCK_MS = 30_000;

/** A private index folder is in use for the milliseconds one commit takes; one this old belongs to a dead run. */
export const STALE_INDEX_DIR_MS = 10 * 60_000;

const INDEX_DIR_PREFIX = 'glidepath-index-';

/** A git command that failed for a reason other than the ones the Scm roles turn into data. */
export class GitCommandError extends Error {
  override readonly name = 'GitCommandError';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (exit ${exitCode ?? 'signal'}): ${stderr.trim() || 'no message'}`);
  }
}

interface GitRun {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

const ZERO_SHA = '0000000000000000000000000000000000000000';
const FULL_SHA = /^[0-9a-f]{40}$/;
const MAX_BUFFER = 512 * 1024 * 1024;

/**
 * The three Scm roles on a local repository through the git CLI: its history (revisions), its
 * compare-and-swap branches (the state branch) and its change requests (branches). Every git call is an `execFile` with an
 * argument array (never a shell), and commits are built in a private index so the user's working
 * tree and index are never touched: a rollout can write its state branch from a developer's
 * checkout or a CI workspace without disturbing it.
 */
export function createLocalGitScm(repoDir: string, opts: LocalGitOptions = {}): ScmRoles {
  const git = opts.gitBinary ?? 'git';
  let identity: Promise<Record<string, string>> | undefined;

  function run(args: readonly string[], extra: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<GitRun> {
    return new Promise((resolvePromise, reject) => {
      const child = execFile(
        git,
        ['-C', repoDir, ...args],
        {
          encoding: 'buffer',
          maxBuffer: MAX_BUFFER,
          env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', ...extra.env },
          windowsHide: true,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
          if (error && code === null) {
            reject(new GitCommandError(args, null, `${error.message}\n${String(stderr)}`));
            return;
          }
          resolvePromise({ code: code ?? 0, stdout, stderr: stderr.toString('utf8') });
        },
      );
      // A git that exits before reading its input (an unknown ref) closes the pipe; that is its answer, not ours.
      child.stdin?.on('error', () => {});
      child.stdin?.end(extra.input ?? '');
    });
  }

  async function ok(args: readonly string[], extra: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<Buffer> {
    const result = await run(args, extra);
    if (result.code !== 0) throw new GitCommandError(args, result.code, result.stderr);
    return result.stdout;
  }

  function identityEnv(): Promise<Record<string, string>> {
    identity ??= (async () => {
      const configured = opts.author ?? (await configuredIdentity());
      const who = configured ?? DEFAULT_GIT_IDENTITY;
      return {
        GIT_AUTHOR_NAME: who.name,
        GIT_AUTHOR_EMAIL: who.email,
        GIT_COMMITTER_NAME: who.name,
        GIT_COMMITTER_EMAIL: who.email,
      };
    })();
    return identity;
  }

  async function configuredIdentity(): Promise<{ name: string; email: string } | undefined> {
    const [name, email] = await Promise.all([run(['config', '--get', 'user.name']), run(['config', '--get', 'user.email'])]);
    const n = name.stdout.toString('utf8').trim();
    const e = email.stdout.toString('utf8').trim();
    return name.code === 0 && email.code === 0 && n && e ? { name: n, email: e } : undefined;
  }

  const reader = new GitObjectReader(git, repoDir, { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' });

  async function resolveCommit(ref: string): Promise<string | undefined> {
    checkRef(ref);
    const object = await reader.read(`${ref}^{commit}`);
    return object?.type === 'commit' ? object.oid : undefined;
  }

  async function requireCommit(ref: string): Promise<string> {
    // A full object id needs no lookup; one that does not exist reads as absent files.
    if (FULL_SHA.test(ref)) return ref;
    const sha = await resolveCommit(ref);
    if (!sha) throw new Error(`git: '${ref}' is not a branch, tag or commit in ${repoDir}`);
    return sha;
  }

  async function readBlobs(ref: string, paths: readonly string[]): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    if (paths.length === 0) return found;
    const commit = await requireCommit(ref);
    for (const path of paths) checkPath(path);
    // git resolves `<commit>:<path>` by scanning every tree on the way, so a thousand files in
    // one folder cost a million entry comparisons; reading each folder's tree once and the
    // blobs by id costs one scan per folder.
    const oidBytes = commit.length / 2;
    const folders = [...new Set(paths.map((path) => path.slice(0, Math.max(0, path.lastIndexOf('/')))))];
    const trees = await Promise.all(folders.map((dir) => reader.read(dir ? `${commit}:${dir}` : `${commit}^{tree}`)));
    const blobIds = new Map<string, string>();
    folders.forEach((dir, i) => {
      const tree = trees[i];
      if (tree?.type !== 'tree') return;
      for (const entry of treeEntries(tree, oidBytes)) {
        if (entry.mode !== '40000' && entry.mode !== '160000') blobIds.set(dir ? `${dir}/${entry.name}` : entry.name, entry.oid);
      }
    });
    const wanted = paths.filter((path) => blobIds.has(path));
    const blobs = await Promise.all(wanted.map((path) => readBlob(blobIds.get(path)!)));
    wanted.forEach((path, i) => {
      const blob = blobs[i];
      if (blob !== undefined) found.set(path, blob);
    });
    return found;
  }

  // A blob's id names its content for good, so the files two revisions share are read once, and
  // handed out as the same bytes (the parsers remember their work per byte array). The cap keeps a
  // long-lived handle from hoarding every state file it has ever read.
  const blobCache = new Map<string, Promise<Uint8Array | undefined>>();
  let blobCacheBytes = 0;
  const BLOB_CACHE_BYTES = 32 * 1024 * 1024;

  function readBlob(oid: string): Promise<Uint8Array | undefined> {
    const cached = blobCache.get(oid);
    if (cached) return cached;
    if (blobCacheBytes > BLOB_CACHE_BYTES) {
      blobCache.clear();
      blobCacheBytes = 0;
    }
    const read = reader.read(oid).then((object) => {
      if (object?.type !== 'blob') return undefined;
      blobCacheBytes += object.content.length;
      return new Uint8Array(object.content.buffer, object.content.byteOffset, object.content.length);
    });
    // A failed read (git exited) is not an answer to remember.
    read.catch(() => blobCache.delete(oid));
    blobCache.set(oid, read);
    return read;
  }

  // A tree's id names its entries for good: listing a folder and reading its files, at base and
  // at head, parse the releases/ tree of a thousand entries once instead of four times.
  const treeCache = new Map<string, readonly TreeEntry[]>();
  const TREE_CACHE_ENTRIES = 4096;

  function treeEntries(tree: GitObject, oidBytes: number): readonly TreeEntry[] {
    let entries = treeCache.get(tree.oid);
    if (!entries) {
      entries = parseTree(tree.content, oidBytes);
      if (treeCache.size >= TREE_CACHE_ENTRIES) treeCache.clear();
      treeCache.set(tree.oid, entries);
    }
    return entries;
  }

  /** Every file path under `dir` at `commit`, walking trees through the reader (as `ls-tree -r` lists them). */
  async function walkTree(commit: string, dir: string): Promise<string[]> {
    const oidBytes = commit.length / 2;
    const top = await reader.read(dir ? `${commit}:${dir}` : `${commit}^{tree}`);
    if (!top) return [];
    if (top.type === 'blob') return [dir];
    if (top.type !== 'tree') return [];
    const files: string[] = [];
    let level: { prefix: string; tree: GitObject }[] = [{ prefix: dir ? `${dir}/` : '', tree: top }];
    while (level.length > 0) {
      const subtrees: { prefix: string; oid: string }[] = [];
      for (const { prefix, tree } of level) {
        for (const entry of treeEntries(tree, oidBytes)) {
          if (entry.mode === '40000') subtrees.push({ prefix: `${prefix}${entry.name}/`, oid: entry.oid });
          else if (entry.mode !== '160000') files.push(`${prefix}${entry.name}`);
        }
      }
      const read = await Promise.all(subtrees.map((t) => reader.read(t.oid)));
      level = subtrees.flatMap((t, i) => (read[i]?.type === 'tree' ? [{ prefix: t.prefix, tree: read[i]! }] : []));
    }
    return files.sort();
  }

  /** Builds a commit of `files` on top of `parent` (or an empty tree) in a private index. */
  async function buildCommit(parent: string | null, files: readonly FileChange[], message: string): Promise<string> {
    sweptIndexDirs ??= removeStaleIndexDirs().catch(() => []);
    await sweptIndexDirs;
    // The pid in the name lets the next run tell a dead run's folder from a live one's.
    const dir = await fsPromises().mkdtemp(join(tmpdir(), `${INDEX_DIR_PREFIX}${process.pid}-`));
    try {
      const env = { GIT_INDEX_FILE: join(dir, 'index') };
      await ok(parent ? ['read-tree', parent] : ['read-tree', '--empty'], { env });
      const records: string[] = [];
      for (const file of files) {
        checkPath(file.path);
        if (file.content === null) {
          records.push(`0 ${ZERO_SHA}\t${file.path}\0`);
        } else {
          const blob = (await ok(['hash-object', '-w', '--no-filters', '--stdin'], { input: file.content })).toString('utf8').trim();
          records.push(`100644 ${blob}\t${file.path}\0`);
        }
      }
      if (records.length > 0) await ok(['update-index', '-z', '--index-info'], { input: records.join(''), env });
      const tree = (await ok(['write-tree'], { env })).toString('utf8').trim();
      const parents = parent ? ['-p', parent] : [];
      return (await ok(['commit-tree', tree, ...parents, '-F', '-'], { input: message, env: await identityEnv() })).toString('utf8').trim();
    } finally {
      await fsPromises().rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Moves `refs/heads/<branch>` from `expected` (null: absent) to `next` atomically; false when it
   * moved first or another writer holds its lock for the moment of its own swap (a lost race),
   * the lock when it is stale.
   */
  async function swapRef(branch: string, next: string, expected: string | null, message: string): Promise<boolean | RefLocked> {
    const ref = `refs/heads/${branch}`;
    const result = await run(['update-ref', '-m', message.split('\n')[0] ?? 'glidepath', ref, next, expected ?? ZERO_SHA]);
    if (result.code === 0) return true;
    const actual = (await resolveCommit(ref)) ?? null;
    if (actual !== expected) return false;
    const lockFile = /Unable to create '(.+?\.lock)'/i.exec(result.stderr)?.[1];
    if (lockFile !== undefined) return (await staleLock(resolve(repoDir, lockFile))) ?? false;
    throw new GitCommandError(['update-ref', ref], result.code, result.stderr);
  }

  async function staleLock(lockFile: string): Promise<RefLocked | undefined> {
    // A lock gone by now was a live writer's.
    const taken = await fsPromises().lstat(lockFile).then((s) => s.mtimeMs, () => undefined);
    if (taken === undefined) return undefined;
    const ageMs = Math.max(0, Date.now() - taken);
    return ageMs >= (opts.staleLockMs ?? STALE_REF_LOCK_MS) ? { status: 'locked', lockFile, ageMs } : undefined;
  }

  const validBranches = new Set<string>();
  async function checkBranch(branch: string): Promise<void> {
    if (validBranches.has(branch)) return;
    const result = await run(['check-ref-format', `refs/heads/${branch}`]);
    if (result.code !== 0 || branch.startsWith('-')) throw new Error(`git: '${branch}' is not a valid branch name`);
    validBranches.add(branch);
  }

  const revisions: RevisionReader = {
    // Locally `resolve` takes whatever git takes, so a user's `--base v1.2` works from the CLI;
    // the engine passes only names and shas (the port's contract), which every backend takes.
    resolve: resolveCommit,

    async parentOf(commit) {
      checkRef(commit);
      const object = await reader.read(`${commit}^{commit}`);
      if (object?.type !== 'commit') throw new Error(`git: '${commit}' is not a commit in ${repoDir}`);
      // The header lists parents in order; the first is the branch the merge was made on.
      const end = object.content.indexOf('\n\n');
      const header = (end < 0 ? object.content : object.content.subarray(0, end)).toString('utf8');
      return /^parent ([0-9a-f]+)$/m.exec(header)?.[1];
    },

    async readFile(commit, path) {
      const blob = (await readBlobs(commit, [path])).get(path);
      return blob === undefined ? undefined : Buffer.from(blob).toString('utf8');
    },

    readFiles: readBlobs,

    async listFiles(commit, dir) {
      const sha = await requireCommit(commit);
      const prefix = dir.replace(/\/+$/, '');
      if (prefix) checkPath(prefix);
      return walkTree(sha, prefix);
    },

    async changedFiles(base, head) {
      const [b, h] = await Promise.all([requireCommit(base), requireCommit(head)]);
      const fromTrees = await changedPathsFromAncestor({ read: (name) => reader.read(name), entries: (tree) => treeEntries(tree, b.length / 2) }, b, h);
      if (fromTrees) return fromTrees;
      const out = await ok(['diff', '--name-only', '--no-renames', '-z', `${b}...${h}`, '--']);
      return splitNul(out);
    },
  };

  function branch(name: string): StateBranch {
    const ref = `refs/heads/${name}`;
    return {
      name,
      // A ref that names no commit is the port's "missing"; nothing here reads git's error text.
      head: async () => (await resolveCommit(ref)) ?? null,
      readFiles: readBlobs,
      listFiles: revisions.listFiles,
      async commit(request): Promise<CommitResult> {
        await checkBranch(name);
        const current = (await resolveCommit(ref)) ?? null;
        if (current !== request.expectedHead) return { status: 'conflict', actualHead: current };
        const sha = await buildCommit(request.expectedHead, request.files, request.message);
        const swapped = await swapRef(name, sha, request.expectedHead, request.message);
        if (swapped === true) return { status: 'committed', sha };
        if (swapped !== false) return swapped;
        return { status: 'conflict', actualHead: (await resolveCommit(ref)) ?? null };
      },
    };
  }

  const changeRequests: ChangeRequests = {
    // Locally a change request is a branch for someone to push or merge; found by its name.
    async findOrCreate(request): Promise<ChangeRequestResult> {
      await checkBranch(request.branch);
      const url = `git branch ${request.branch} in ${repoDir}`;
      if (await resolveCommit(`refs/heads/${request.branch}`)) return { branch: request.branch, url, created: false };
      const base = await requireCommit(request.base);
      const sha = await buildCommit(base, request.files, `${request.title}\n\n${request.body}\n`);
      const created = (await swapRef(request.branch, sha, null, request.title)) === true;
      return { branch: request.branch, url, created };
    },

    // A local repository has no pull requests to find.
    forCommit: async () => undefined,
  };

  return { revisions, branch, changeRequests };
}

let sweptIndexDirs: Promise<string[]> | undefined;

/**
 * Removes the private index folders of runs that died mid-commit: those whose pid no longer runs,
 * and any older than STALE_INDEX_DIR_MS. Returns the folders removed.
 */
export function removeStaleIndexDirs(dir = tmpdir(), now = Date.now()): Promise<string[]> {
  return removeDeadRunFiles(dir, /^glidepath-index-(?:(\d+)-)?/, STALE_INDEX_DIR_MS, now);
}

function splitNul(out: Buffer): string[] {
  return out.toString('utf8').split('\0').filter((p) => p.length > 0);
}

function checkRef(ref: string): void {
  if (!ref || ref.startsWith('-') || /[\0\n]/.test(ref)) throw new Error(`git: '${ref}' is not a valid ref`);
}

function checkPath(path: string): void {
  if (!path || /[\0\n]/.test(path) || path.startsWith('/')) throw new Error(`git: '${path}' is not a repository-relative path`);
}

/** The branch checked out in `repoDir`, or undefined on a detached HEAD (a CI checkout of a sha). */
export async function currentBranch(repoDir: string, gitBinary = 'git'): Promise<string | undefined> {
  return new Promise((resolvePromise) => {
    execFile(gitBinary, ['-C', repoDir, 'symbolic-ref', '--quiet', '--short', 'HEAD'], { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout) => {
      resolvePromise(error ? undefined : String(stdout).trim() || undefined);
    });
  });
}

/** Where `dir` sits in its git work tree. */
export interface WorkTreeLocation {
  /** The work tree's top folder: the Scm roles read the repository from here. */
  readonly top: string;
  /** `dir`'s path from the top with forward slashes (`ai` for <top>/ai), '' at the top. */
  readonly prefix: string;
}

/**
 * The work tree `dir` is in: git answers in paths from the top, and a Glidepath root may be one
 * of its folders. Undefined outside a work tree. Found as git finds it (the nearest folder above
 * with a `.git` repository or `.git` file), which spares every command a process; git itself is
 * asked (`rev-parse --show-toplevel --show-prefix`) whenever its environment or configuration
 * could place the work tree elsewhere, and when no `.git` is found.
 */
export async function locateWorkTree(dir: string, gitBinary = 'git'): Promise<WorkTreeLocation | undefined> {
  return findWorkTree(dir) ?? askGitForWorkTree(dir, gitBinary);
}

/** Variables with which git looks for the repository somewhere else than above the folder. */
const DISCOVERY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CEILING_DIRECTORIES', 'GIT_DISCOVERY_ACROSS_FILESYSTEM', 'GIT_COMMON_DIR'];

function findWorkTree(dir: string): WorkTreeLocation | undefined {
  if (DISCOVERY_VARIABLES.some((name) => process.env[name] !== undefined)) return undefined;
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return undefined;
  }
  for (let top = real; ; top = dirname(top)) {
    const found = gitEntryAt(top);
    if (found === 'elsewhere') return undefined;
    if (found === 'here') {
      const prefix = relative(top, real).split(sep).join('/');
      // Inside the repository folder itself there is no work tree; git says so.
      return prefix === '.git' || prefix.startsWith('.git/') ? undefined : { top, prefix };
    }
    if (dirname(top) === top) return undefined;
  }
}

/**
 * Whether `folder/.git` makes `folder` the top of a work tree: a repository folder (HEAD, objects
 * and refs, as git checks) or a `gitdir:` file (a linked work tree, a submodule). 'elsewhere': a
 * repository whose configuration sets its work tree or makes it bare, which only git settles.
 */
function gitEntryAt(folder: string): 'here' | 'none' | 'elsewhere' {
  const entry = join(folder, '.git');
  try {
    if (!statSync(entry).isDirectory()) return readFileSync(entry, 'utf8').startsWith('gitdir:') ? 'here' : 'none';
    if (!statSync(join(entry, 'objects')).isDirectory() || !statSync(join(entry, 'refs')).isDirectory() || !statSync(join(entry, 'HEAD')).isFile()) return 'none';
  } catch {
    return 'none';
  }
  try {
    return /^\s*(?:worktree\s*=|bare\s*=\s*true\b)/im.test(readFileSync(join(entry, 'config'), 'utf8')) ? 'elsewhere' : 'here';
  } catch {
    return 'elsewhere';
  }
}

function askGitForWorkTree(dir: string, gitBinary: string): Promise<WorkTreeLocation | undefined> {
  return new Promise((resolvePromise) => {
    execFile(gitBinary, ['-C', dir, 'rev-parse', '--show-toplevel', '--show-prefix'], { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout) => {
      const [top, prefix = ''] = String(stdout).split('\n');
      resolvePromise(error || !top ? undefined : { top, prefix: prefix.replace(/\/+$/, '') });
    });
  });
}

/** Whether `dir` is inside a git work tree or repository. */
export async function isGitRepository(dir: string, gitBinary = 'git'): Promise<boolean> {
  return new Promise((resolvePromise) => {
    execFile(gitBinary, ['-C', dir, 'rev-parse', '--git-dir'], { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error) => resolvePromise(!error));
  });
}
