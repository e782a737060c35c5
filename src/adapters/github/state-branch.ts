import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { FileChange, StateBranch } from '../../ports/scm.js';
import type { GitHubClient } from './client.js';
import { GitHubError } from './github-error.js';
import type { RepositoryRef } from './review-channel.js';

/**
 * Files written inline in the tree request up to this size each: GitHub stores them as blobs
 * itself, which saves a request per file. Larger ones (long audit logs) go through the blobs API,
 * so that one tree request never carries megabytes.
 */
const INLINE_MAX_BYTES = 256 * 1024;
/** Blob reads in flight at once: enough to hide latency, few enough not to trip the secondary rate limit. */
const BLOB_READS_IN_FLIGHT = 8;

/**
 * A read that needs more blobs than this, none cached (a fresh runner loading every release),
 * fetches the commit's tarball instead: one API request (its download from codeload does not
 * count against the rate limit) in place of one request per file.
 */
const TARBALL_FROM_BLOBS = 4;

/** Commit trees kept in memory: the heads a run reads and writes, not the whole history. */
const TREES_KEPT = 16;

interface Tree {
  /** The tree's own sha (the trees API answers it when asked for a commit's), the base of the next commit's tree. */
  readonly sha: string;
  readonly entries: ReadonlyMap<string, TreeEntry>;
}

interface TreeEntry {
  readonly path: string;
  readonly mode: string;
  readonly type: string;
  readonly sha: string;
}

export interface GitHubStateBranchOptions {
  /** Commit author; default: the token's identity (GitHub's default for the git data API). */
  readonly author?: { readonly name: string; readonly email: string };
  /** Waits before retrying a ref write GitHub refused while the head did not move (tests pass one that does not wait). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Delays before each retry of a ref write refused with the head unmoved. */
const REF_RETRY_DELAYS_MS = [500, 2000];

/**
 * A StateBranch on GitHub through the git data API, for runners that do not keep a clone between
 * runs. Reads cost the ref, one recursive tree call per commit (cached: commits never change) and
 * the contents not seen before: a blob call each, or the commit's tarball when there are more than
 * TARBALL_FROM_BLOBS (contents are cached by blob sha, and seeded with what this adapter wrote, so
 * reading back its own commit costs no content call, and no tree call either). `readLatest` reads
 * a file at the branch's head in one contents call. A commit costs a tree, a commit
 * and a ref update (plus one blob per file above INLINE_MAX_BYTES, and the tree listing of
 * `expectedHead` when it was not read first).
 *
 * Compare-and-swap is the non-forced ref update: the new commit's parent is `expectedHead`, so
 * GitHub accepts it only when the branch is still there (or behind it, which only a force-push
 * can cause); anything else answers 422 "Update is not a fast forward" and becomes `conflict`.
 * A branch created by someone else in between answers "Reference already exists": a conflict too.
 */
export function createGitHubStateBranch(octokit: GitHubClient, repository: RepositoryRef, name: string, options: GitHubStateBranchOptions = {}): StateBranch {
  checkBranchName(name);
  const { owner, repo } = repository;
  const refPath = `heads/${name}`;
  const trees = new Map<string, Promise<Tree>>();
  const blobs = new Map<string, Uint8Array>();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function head(): Promise<string | null> {
    try {
      const { data } = await octokit.rest.git.getRef({ owner, repo, ref: refPath });
      return data.object.sha;
    } catch (error) {
      if (error instanceof GitHubError && error.status === 404) return null;
      throw error;
    }
  }

  /** Every entry of a commit's tree by path, from one recursive tree call. */
  function treeOf(commit: string): Promise<Tree> {
    let pending = trees.get(commit);
    if (!pending) {
      if (trees.size >= TREES_KEPT) trees.delete(trees.keys().next().value as string);
      pending = (async () => {
        // The trees API resolves a commit sha to its tree, which saves the commit request.
        const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: commit, recursive: 'true' });
        if (data.truncated) {
          throw new Error(`${owner}/${repo}@${name}: the tree of ${commit} is too large for GitHub's trees API (truncated); the state branch holds more files than Glidepath expects — remove old releases' files from it`);
        }
        const entries = new Map<string, TreeEntry>();
        for (const e of data.tree) {
          if (e.path && e.sha && e.type && e.mode) entries.set(e.path, { path: e.path, mode: e.mode, type: e.type, sha: e.sha });
        }
        return { sha: data.sha, entries };
      })();
      trees.set(commit, pending);
      pending.catch(() => trees.delete(commit));
    }
    return pending;
  }

  async function blob(sha: string): Promise<Uint8Array> {
    const cached = blobs.get(sha);
    if (cached) return cached;
    const { data } = await octokit.rest.git.getBlob({ owner, repo, file_sha: sha });
    const bytes = new Uint8Array(Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'));
    blobs.set(sha, bytes);
    return bytes;
  }

  /** Every file of `commit` into the blob cache, keyed by the sha git gives its content. */
  async function loadTarball(commit: string): Promise<void> {
    const { data } = await octokit.rest.repos.downloadTarballArchive({ owner, repo, ref: commit });
    if (!(data instanceof ArrayBuffer)) return;
    for (const content of readTarGz(new Uint8Array(data))) blobs.set(gitBlobSha(content), content);
  }

  /** The new tree, and its listing as this adapter knows it without asking (the base's entries plus the changes). */
  async function createTree(base: string | null, files: readonly FileChange[]): Promise<Tree> {
    const known = base === null ? undefined : await treeOf(base);
    const listing = new Map(known?.entries);
    const entries: { path: string; mode: '100644'; type: 'blob'; sha?: string | null; content?: string }[] = [];
    for (const file of files) {
      checkPath(file.path);
      if (file.content === null) {
        // GitHub refuses to delete a path the base tree does not hold; deleting nothing is no change.
        if (known?.entries.get(file.path)?.type === 'blob') entries.push({ path: file.path, mode: '100644', type: 'blob', sha: null });
        listing.delete(file.path);
        continue;
      }
      const bytes = Buffer.from(file.content, 'utf8');
      const sha = gitBlobSha(bytes);
      blobs.set(sha, new Uint8Array(bytes));
      listing.set(file.path, { path: file.path, mode: '100644', type: 'blob', sha });
      if (bytes.length <= INLINE_MAX_BYTES) {
        entries.push({ path: file.path, mode: '100644', type: 'blob', content: file.content });
      } else {
        const { data } = await octokit.rest.git.createBlob({ owner, repo, content: bytes.toString('base64'), encoding: 'base64' });
        entries.push({ path: file.path, mode: '100644', type: 'blob', sha: data.sha });
      }
    }
    if (base === null && entries.length === 0) {
      throw new Error(`${owner}/${repo}@${name}: a new branch needs at least one file; the commit deletes or writes nothing`);
    }
    const { data } = await octokit.rest.git.createTree({ owner, repo, tree: entries, ...(known ? { base_tree: known.sha } : {}) });
    return { sha: data.sha, entries: listing };
  }

  /** Remembers the tree of a commit this adapter made, so that reading its own head back costs no tree call. */
  function keepTree(commit: string, tree: Tree): void {
    if (trees.size >= TREES_KEPT) trees.delete(trees.keys().next().value as string);
    trees.set(commit, Promise.resolve(tree));
  }

  return {
    name,
    head,

    async readFiles(commit, paths) {
      const { entries } = await treeOf(commit);
      const wanted = [...new Set(paths)].flatMap((path) => {
        const entry = entries.get(path);
        return entry && entry.type === 'blob' ? [entry] : [];
      });
      const missing = new Set(wanted.filter((e) => !blobs.has(e.sha)).map((e) => e.sha));
      if (missing.size > TARBALL_FROM_BLOBS) await loadTarball(commit);
      const out = new Map<string, Uint8Array>();
      for (let i = 0; i < wanted.length; i += BLOB_READS_IN_FLIGHT) {
        const batch = wanted.slice(i, i + BLOB_READS_IN_FLIGHT);
        const contents = await Promise.all(batch.map((e) => blob(e.sha)));
        batch.forEach((e, j) => out.set(e.path, contents[j] as Uint8Array));
      }
      return out;
    },

    async listFiles(commit, dir) {
      const prefix = dir.replace(/\/+$/, '');
      if (prefix) checkPath(prefix);
      const { entries } = await treeOf(commit);
      return [...entries.values()].filter((e) => e.type === 'blob' && (!prefix || e.path.startsWith(`${prefix}/`))).map((e) => e.path).sort();
    },

    async commit(request) {
      // The base tree comes from expectedHead, so the new commit holds exactly its files plus
      // these changes, whatever the branch holds now.
      const tree = await createTree(request.expectedHead, request.files);
      const { data: commit } = await octokit.rest.git.createCommit({
        owner, repo, message: request.message, tree: tree.sha,
        parents: request.expectedHead === null ? [] : [request.expectedHead],
        ...(options.author ? { author: options.author, committer: options.author } : {}),
      });
      for (let attempt = 0; ; attempt += 1) {
        try {
          if (request.expectedHead === null) {
            await octokit.rest.git.createRef({ owner, repo, ref: `refs/${refPath}`, sha: commit.sha });
          } else {
            await octokit.rest.git.updateRef({ owner, repo, ref: refPath, sha: commit.sha, force: false });
          }
          break;
        } catch (error) {
          if (!(error instanceof GitHubError) || error.status !== 422) throw error;
          // A refused ref write is a lost race only if the head moved. If it moved to our own
          // commit, a write GitHub reported failed went through after all.
          const actualHead = await head();
          if (actualHead === commit.sha) break;
          if (actualHead !== request.expectedHead) return { status: 'conflict', actualHead };
          // Unmoved: GitHub's transient "Reference update failed"; the write is idempotent.
          const delay = REF_RETRY_DELAYS_MS[attempt];
          if (delay === undefined) throw error;
          await sleep(delay);
        }
      }
      keepTree(commit.sha, tree);
      return { status: 'committed', sha: commit.sha };
    },

    async readLatest(paths) {
      const out = new Map<string, Uint8Array>();
      for (const path of new Set(paths)) {
        checkPath(path);
        let data: Awaited<ReturnType<typeof octokit.rest.repos.getContent>>['data'];
        try {
          ({ data } = await octokit.rest.repos.getContent({ owner, repo, path, ref: name }));
        } catch (error) {
          // The file, or the branch itself, is not there yet: both are "absent" to a reader.
          if (error instanceof GitHubError && error.status === 404) continue;
          throw error;
        }
        if (Array.isArray(data) || data.type !== 'file') continue;
        // Files over 1 MB come without their content ("encoding": "none"): the blob has it.
        const bytes = data.encoding === 'base64' && 'content' in data ? new Uint8Array(Buffer.from(data.content, 'base64')) : await blob(data.sha);
        blobs.set(data.sha, bytes);
        out.set(path, bytes);
      }
      return out;
    },
  };
}

/** The git object id of a blob with these bytes, so that what we wrote is read back from memory. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * The regular files' contents of a gzipped tar (GitHub's tarballs: ustar with pax headers). Only
 * contents are needed: they are matched to tree entries by their blob sha, not by path.
 */
export function readTarGz(gz: Uint8Array): Uint8Array[] {
  const tar = gunzipSync(gz);
  const files: Uint8Array[] = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(Buffer.from(header.subarray(124, 136)).toString('latin1').replace(/\0.*$/, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = at + 512;
    if (type === '0' || type === '\0') files.push(new Uint8Array(tar.subarray(start, start + size)));
    at = start + Math.ceil(size / 512) * 512;
  }
  return files;
}

function checkBranchName(name: string): void {
  if (!name || name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || /\.\.|[\0\n ~^:?*[\\]|@\{/.test(name)) {
    throw new Error(`'${name}' is not a valid branch name for the state branch (spec.stateBranch in glidepath.yaml)`);
  }
}

function checkPath(path: string): void {
  if (!path || path.startsWith('/') || path.endsWith('/') || /[\0\n]/.test(path) || path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`'${path}' is not a repository-relative file path`);
  }
}
