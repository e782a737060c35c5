import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FakeHandler, FakeRequest, FakeResponse } from './github-fake.js';

/**
 * The git data API and pull requests of the spec-checked GitHub fake: one repository's objects
 * (blobs, trees, commits, with git's own object ids, so a real clone could hold the same commits),
 * its branch refs, and its pull requests with labels and requested reviewers. Ref updates behave
 * as GitHub's do: a non-forced update that is not a fast-forward, a ref created twice, a delete
 * of a path the base tree does not hold, all answer 422 with GitHub's messages.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface FakeTreeEntry {
  readonly name: string;
  readonly mode: string;
  readonly type: 'blob' | 'tree' | 'commit';
  readonly sha: string;
}

export type FakeGitObject =
  | { readonly type: 'blob'; readonly content: Buffer }
  | { readonly type: 'tree'; readonly entries: readonly FakeTreeEntry[] }
  | { readonly type: 'commit'; readonly tree: string; readonly parents: readonly string[]; readonly message: string; readonly date: string };

export interface FakePull {
  number: number;
  title: string;
  body: string | null;
  head: string;
  headSha: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
  mergedAt: string | null;
  mergeCommitSha: string | null;
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
  login: string;
  createdAt: string;
}

export interface FakeGit {
  readonly objects: Map<string, FakeGitObject>;
  /** Full ref name (`refs/heads/main`) → commit sha. */
  readonly refs: Map<string, string>;
  readonly pulls: FakePull[];
  /** One commit on `branch` (created when missing) with these files changed (null deletes), as someone's push. */
  commit(branch: string, files: Readonly<Record<string, string | null>>, message?: string): string;
  /** A branch's head commit, or undefined. */
  head(branch: string): string | undefined;
  /** Every file of a commit (or branch), path → content. */
  files(commitOrBranch: string): Map<string, string>;
  /** Adds a pull request as if someone had opened (or, with `mergeCommitSha`, merged) it. */
  addPull(pull: Partial<FakePull> & { head: string; base: string }): FakePull;
  /** Archives downloaded from codeload (where the tarball API redirects; not API requests), by URL. */
  readonly downloads: string[];
  /** Serves a codeload.github.com URL (a commit's tarball), or undefined for any other origin. */
  codeload(url: URL): Response | undefined;
}

export interface FakeGitContext {
  readonly apiUrl: (path: string) => string;
  readonly repoUrl: (owner: string, repo: string) => string;
  readonly timestamp: () => string;
  readonly nextId: () => number;
  readonly example: (name: string) => JsonObject;
  readonly login: string;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, body, headers };
}

function error(status: number, message: string, errors?: Json[]): FakeResponse {
  return json(status, { message, documentation_url: 'https://docs.github.com/rest', status: String(status), ...(errors ? { errors } : {}) });
}

const notFound = (): FakeResponse => error(404, 'Not Found');

/** One ustar header block, checksum included. */
function tarHeader(name: string, size: number, type: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write(type, 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  const sum = header.reduce((a, b) => a + b, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return header;
}

function tarEntry(name: string, content: Buffer, type: string): Buffer {
  const pad = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([tarHeader(name, content.length, type), content, pad]);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (`${length}${body}`.length !== length) length += 1;
  return `${length}${body}`;
}

/** A commit's files as GitHub's tarball has them: a pax global header with the sha, then `<owner>-<repo>-<short sha>/<path>`. */
function tarball(owner: string, repo: string, sha: string, files: ReadonlyMap<string, Buffer>): Buffer {
  const top = `${owner}-${repo}-${sha.slice(0, 7)}`;
  const parts = [tarEntry('pax_global_header', Buffer.from(paxRecord('comment', sha)), 'g'), tarEntry(`${top}/`, Buffer.alloc(0), '5')];
  for (const [path, content] of files) {
    const name = `${top}/${path}`;
    if (Buffer.byteLength(name) > 100) parts.push(tarEntry('PaxHeader', Buffer.from(paxRecord('path', name)), 'x'));
    parts.push(tarEntry(name.slice(0, 100), content, '0'));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

function hash(type: string, body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

export function createFakeGit(context: FakeGitContext): { git: FakeGit; handlers: Record<string, FakeHandler> } {
  const objects = new Map<string, FakeGitObject>();
  const refs = new Map<string, string>();
  const pulls: FakePull[] = [];
  const downloads: string[] = [];
  let nextPull = 1;

  function putBlob(content: Buffer): string {
    const sha = hash('blob', content);
    objects.set(sha, { type: 'blob', content });
    return sha;
  }

  function putTree(entries: readonly FakeTreeEntry[]): string {
    // git sorts tree entries by name, a subtree's name as if it ended in '/'.
    const key = (e: FakeTreeEntry): string => (e.type === 'tree' ? `${e.name}/` : e.name);
    const sorted = [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const body = Buffer.concat(sorted.map((e) => Buffer.concat([Buffer.from(`${e.mode === '040000' ? '40000' : e.mode} ${e.name}\0`), Buffer.from(e.sha, 'hex')])));
    const sha = hash('tree', body);
    objects.set(sha, { type: 'tree', entries: sorted });
    return sha;
  }

  function putCommit(tree: string, parents: readonly string[], message: string): string {
    const date = context.timestamp();
    const seconds = Math.floor(Date.parse(date) / 1000);
    const who = `${context.login} <${context.login}@users.noreply.github.com> ${seconds} +0000`;
    const text = [`tree ${tree}`, ...parents.map((p) => `parent ${p}`), `author ${who}`, `committer ${who}`, '', message].join('\n');
    const sha = hash('commit', Buffer.from(text));
    objects.set(sha, { type: 'commit', tree, parents, message, date });
    return sha;
  }

  /** Path → entry of every blob below a tree. */
  function flatten(treeSha: string, prefix = ''): Map<string, FakeTreeEntry & { path: string }> {
    const out = new Map<string, FakeTreeEntry & { path: string }>();
    const tree = objects.get(treeSha);
    if (tree?.type !== 'tree') return out;
    for (const e of tree.entries) {
      const path = `${prefix}${e.name}`;
      if (e.type === 'tree') for (const [p, sub] of flatten(e.sha, `${path}/`)) out.set(p, sub);
      else out.set(path, { ...e, path });
    }
    return out;
  }

  /** Builds the nested trees for a flat path → entry map; answers the root tree's sha. */
  function build(flat: ReadonlyMap<string, { mode: string; type: 'blob' | 'tree' | 'commit'; sha: string }>): string {
    const here: FakeTreeEntry[] = [];
    const below = new Map<string, Map<string, { mode: string; type: 'blob' | 'tree' | 'commit'; sha: string }>>();
    for (const [path, e] of flat) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        here.push({ name: path, mode: e.mode, type: e.type, sha: e.sha });
      } else {
        const dir = path.slice(0, slash);
        const sub = below.get(dir) ?? new Map();
        sub.set(path.slice(slash + 1), e);
        below.set(dir, sub);
      }
    }
    for (const [dir, sub] of below) here.push({ name: dir, mode: '040000', type: 'tree', sha: build(sub) });
    return putTree(here);
  }

  /** A commit sha, tree sha or branch name as the trees API takes it → the tree sha. */
  function treeSha(ish: string): string | undefined {
    const sha = refs.get(`refs/heads/${ish}`) ?? ish;
    const object = objects.get(sha);
    if (object?.type === 'tree') return sha;
    if (object?.type === 'commit') return object.tree;
    return undefined;
  }

  function isAncestor(ancestor: string, commit: string): boolean {
    const seen = new Set<string>();
    const queue = [commit];
    while (queue.length > 0) {
      const sha = queue.pop() as string;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      const object = objects.get(sha);
      if (object?.type === 'commit') queue.push(...object.parents);
    }
    return false;
  }

  const owner = (r: FakeRequest): string => r.params['owner'] as string;
  const repo = (r: FakeRequest): string => r.params['repo'] as string;
  const base = (r: FakeRequest): string => context.repoUrl(owner(r), repo(r));

  function refJson(r: FakeRequest, ref: string, sha: string): JsonObject {
    return {
      ref,
      node_id: Buffer.from(`Ref${ref}`).toString('base64'),
      url: `${base(r)}/git/${ref}`,
      object: { type: 'commit', sha, url: `${base(r)}/git/commits/${sha}` },
    };
  }

  function commitJson(r: FakeRequest, sha: string): JsonObject {
    const commit = objects.get(sha) as Extract<FakeGitObject, { type: 'commit' }>;
    const who = { name: context.login, email: `${context.login}@users.noreply.github.com`, date: commit.date };
    return {
      sha,
      node_id: Buffer.from(`Commit${sha}`).toString('base64'),
      url: `${base(r)}/git/commits/${sha}`,
      html_url: `https://github.com/${owner(r)}/${repo(r)}/commit/${sha}`,
      author: who,
      committer: who,
      message: commit.message,
      tree: { sha: commit.tree, url: `${base(r)}/git/trees/${commit.tree}` },
      parents: commit.parents.map((p) => ({ sha: p, url: `${base(r)}/git/commits/${p}`, html_url: `https://github.com/${owner(r)}/${repo(r)}/commit/${p}` })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  }

  function treeEntryJson(r: FakeRequest, path: string, e: FakeTreeEntry): JsonObject {
    const object = objects.get(e.sha);
    return {
      path, mode: e.mode, type: e.type, sha: e.sha,
      ...(object?.type === 'blob' ? { size: object.content.length } : {}),
      url: `${base(r)}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
    };
  }

  function treeJson(r: FakeRequest, sha: string, recursive: boolean): JsonObject {
    const entries: JsonObject[] = [];
    const walk = (tree: string, prefix: string): void => {
      const object = objects.get(tree) as Extract<FakeGitObject, { type: 'tree' }>;
      for (const e of object.entries) {
        entries.push(treeEntryJson(r, `${prefix}${e.name}`, e));
        if (recursive && e.type === 'tree') walk(e.sha, `${prefix}${e.name}/`);
      }
    };
    walk(sha, '');
    return { sha, url: `${base(r)}/git/trees/${sha}`, tree: entries, truncated: false };
  }

  function user(login: string): JsonObject {
    const example = context.example('pull-request')['user'] as JsonObject;
    return { ...example, login, url: context.apiUrl(`/users/${login}`), html_url: `https://github.com/${login}`, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
  }

  function pullJson(r: FakeRequest, pull: FakePull, full: boolean): JsonObject {
    const example = context.example(full ? 'pull-request' : 'pull-request-simple-items');
    const shape = (Array.isArray(example) ? example[0] : example) as JsonObject;
    const url = `${base(r)}/pulls/${pull.number}`;
    const side = (key: 'head' | 'base', ref: string, sha: string): JsonObject => ({ ...(shape[key] as JsonObject), ref, sha, label: `${owner(r)}:${ref}` });
    const body: JsonObject = {
      ...shape,
      id: pull.number + 500_000,
      node_id: Buffer.from(`PullRequest${pull.number}`).toString('base64'),
      number: pull.number,
      url,
      html_url: `https://github.com/${owner(r)}/${repo(r)}/pull/${pull.number}`,
      issue_url: `${base(r)}/issues/${pull.number}`,
      title: pull.title,
      body: pull.body,
      state: pull.state,
      draft: pull.draft,
      user: user(pull.login),
      labels: pull.labels.map((name, i) => ({ id: 9000 + i, node_id: Buffer.from(`Label${name}`).toString('base64'), url: `${base(r)}/labels/${encodeURIComponent(name)}`, name, description: '', color: 'ededed', default: false })),
      requested_reviewers: pull.reviewers.map(user),
      requested_teams: [],
      head: side('head', pull.head, pull.headSha),
      base: side('base', pull.base, refs.get(`refs/heads/${pull.base}`) ?? pull.headSha),
      created_at: pull.createdAt,
      updated_at: pull.createdAt,
      closed_at: pull.state === 'closed' ? pull.createdAt : null,
      merged_at: pull.mergedAt,
      merge_commit_sha: pull.mergeCommitSha,
    };
    if (full) Object.assign(body, { merged: pull.mergedAt !== null, merged_by: null });
    return body;
  }

  function findPull(r: FakeRequest, key: string): FakePull | undefined {
    return pulls.find((p) => p.number === Number(r.params[key]));
  }

  /** A branch name or commit sha → the commit sha. */
  function commitOf(ish: string): string | undefined {
    const sha = refs.get(`refs/heads/${ish}`) ?? ish;
    return objects.get(sha)?.type === 'commit' ? sha : undefined;
  }

  const git: FakeGit = {
    objects,
    refs,
    pulls,
    downloads,
    codeload(url) {
      if (url.origin !== 'https://codeload.github.com') return undefined;
      const m = /^\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/(.+)$/.exec(url.pathname);
      const sha = m ? commitOf(decodeURIComponent(m[3] as string)) : undefined;
      if (!m || !sha) return new Response('404: Not Found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
      downloads.push(url.href);
      const files = new Map<string, Buffer>();
      const tree = (objects.get(sha) as Extract<FakeGitObject, { type: 'commit' }>).tree;
      for (const [path, e] of flatten(tree)) files.set(path, (objects.get(e.sha) as Extract<FakeGitObject, { type: 'blob' }>).content);
      return new Response(tarball(m[1] as string, m[2] as string, sha, files), { status: 200, headers: { 'content-type': 'application/x-gzip' } });
    },
    commit(branch, files, message = 'commit') {
      const parent = refs.get(`refs/heads/${branch}`);
      const flat = parent ? new Map(flatten((objects.get(parent) as Extract<FakeGitObject, { type: 'commit' }>).tree)) : new Map<string, FakeTreeEntry & { path: string }>();
      for (const [path, content] of Object.entries(files)) {
        if (content === null) flat.delete(path);
        else flat.set(path, { path, name: path, mode: '100644', type: 'blob', sha: putBlob(Buffer.from(content)) });
      }
      const sha = putCommit(build(flat), parent ? [parent] : [], message);
      refs.set(`refs/heads/${branch}`, sha);
      return sha;
    },
    head(branch) {
      return refs.get(`refs/heads/${branch}`);
    },
    files(ish) {
      const tree = treeSha(ish);
      const out = new Map<string, string>();
      if (!tree) return out;
      for (const [path, e] of flatten(tree)) out.set(path, (objects.get(e.sha) as Extract<FakeGitObject, { type: 'blob' }>).content.toString('utf8'));
      return out;
    },
    addPull(pull) {
      const created: FakePull = {
        number: nextPull++, title: `Change ${pull.head}`, body: null, headSha: refs.get(`refs/heads/${pull.head}`) ?? '0'.repeat(40),
        draft: false, state: 'open', mergedAt: null, mergeCommitSha: null, labels: [], reviewers: [], teamReviewers: [],
        login: 'octocat', createdAt: context.timestamp(),
        ...pull,
      };
      pulls.push(created);
      return created;
    },
  };

  const handlers: Record<string, FakeHandler> = {
    'repos/download-tarball-archive': (r) => {
      const ref = r.params['ref'] as string;
      if (!commitOf(ref)) return notFound();
      return { status: 302, headers: { location: `https://codeload.github.com/${owner(r)}/${repo(r)}/legacy.tar.gz/${encodeURIComponent(ref)}` } };
    },
    'repos/get-content': (r) => {
      // Files only (directories, links and submodules are not read through the fake), by branch or sha.
      const ref = r.query['ref'] ?? 'main';
      const tree = treeSha(ref);
      const path = r.params['path'] as string;
      const entry = tree ? flatten(tree).get(path) : undefined;
      const blob = entry ? objects.get(entry.sha) : undefined;
      if (!entry || blob?.type !== 'blob') return error(404, tree ? 'Not Found' : `No commit found for the ref ${ref}`);
      const url = `${base(r)}/contents/${path}?ref=${encodeURIComponent(ref)}`;
      const html = `https://github.com/${owner(r)}/${repo(r)}/blob/${ref}/${path}`;
      const gitUrl = `${base(r)}/git/blobs/${entry.sha}`;
      return json(200, {
        type: 'file', encoding: 'base64', size: blob.content.length, name: path.split('/').at(-1) as string, path,
        content: blob.content.toString('base64').replace(/.{60}/g, '$&\n'), sha: entry.sha, url, git_url: gitUrl, html_url: html,
        download_url: `https://raw.githubusercontent.com/${owner(r)}/${repo(r)}/${ref}/${path}`,
        _links: { git: gitUrl, html, self: url },
      });
    },
    'git/get-ref': (r) => {
      const ref = `refs/${r.params['ref']}`;
      const sha = refs.get(ref);
      return sha ? json(200, refJson(r, ref, sha)) : notFound();
    },
    'git/create-ref': (r) => {
      const { ref, sha } = r.body as { ref: string; sha: string };
      if (!/^refs\/[^/]+\/.+/.test(ref)) return error(422, 'Reference name is invalid');
      if (refs.has(ref)) return error(422, 'Reference already exists');
      if (objects.get(sha)?.type !== 'commit') return error(422, 'Object does not exist');
      refs.set(ref, sha);
      return json(201, refJson(r, ref, sha), { location: `${base(r)}/git/${ref}` });
    },
    'git/update-ref': (r) => {
      const ref = `refs/${r.params['ref']}`;
      const { sha, force } = r.body as { sha: string; force?: boolean };
      const current = refs.get(ref);
      if (!current) return error(422, 'Reference does not exist');
      if (objects.get(sha)?.type !== 'commit') return error(422, 'Object does not exist');
      if (!force && !isAncestor(current, sha)) return error(422, 'Update is not a fast forward');
      refs.set(ref, sha);
      return json(200, refJson(r, ref, sha));
    },
    'git/get-tree': (r) => {
      const sha = treeSha(r.params['tree_sha'] as string);
      return sha ? json(200, treeJson(r, sha, r.query['recursive'] !== undefined)) : notFound();
    },
    'git/create-tree': (r) => {
      const body = r.body as { base_tree?: string; tree: { path: string; mode: string; type: 'blob' | 'tree' | 'commit'; sha?: string | null; content?: string }[] };
      if (body.base_tree !== undefined && objects.get(body.base_tree)?.type !== 'tree') return error(422, 'base_tree is not a valid tree oid');
      const flat = new Map<string, { mode: string; type: 'blob' | 'tree' | 'commit'; sha: string }>(body.base_tree ? flatten(body.base_tree) : []);
      for (const entry of body.tree) {
        if (entry.content !== undefined && entry.sha !== undefined) return error(422, 'Must supply either tree.sha or tree.content. Request will be rejected if both are present.');
        if (entry.content !== undefined) {
          flat.set(entry.path, { mode: entry.mode, type: entry.type, sha: putBlob(Buffer.from(entry.content, 'utf8')) });
        } else if (entry.sha === null) {
          if (!flat.has(entry.path)) return error(422, 'GitRPC::BadObjectState');
          flat.delete(entry.path);
        } else if (entry.sha === undefined) {
          return error(422, 'Must supply tree.sha or tree.content');
        } else {
          if (!objects.has(entry.sha)) return error(422, `tree.sha ${entry.sha} is not a valid blob`);
          flat.set(entry.path, { mode: entry.mode, type: entry.type, sha: entry.sha });
        }
      }
      const sha = build(flat);
      return json(201, treeJson(r, sha, false), { location: `${base(r)}/git/trees/${sha}` });
    },
    'git/get-blob': (r) => {
      const sha = r.params['file_sha'] as string;
      const object = objects.get(sha);
      if (object?.type !== 'blob') return notFound();
      return json(200, { sha, node_id: Buffer.from(`Blob${sha}`).toString('base64'), url: `${base(r)}/git/blobs/${sha}`, size: object.content.length, content: object.content.toString('base64'), encoding: 'base64' });
    },
    'git/create-blob': (r) => {
      const { content, encoding } = r.body as { content: string; encoding?: string };
      const sha = putBlob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
      return json(201, { sha, url: `${base(r)}/git/blobs/${sha}` }, { location: `${base(r)}/git/blobs/${sha}` });
    },
    'git/get-commit': (r) => {
      const sha = r.params['commit_sha'] as string;
      return objects.get(sha)?.type === 'commit' ? json(200, commitJson(r, sha)) : notFound();
    },
    'git/create-commit': (r) => {
      const body = r.body as { message: string; tree: string; parents?: string[] };
      if (objects.get(body.tree)?.type !== 'tree') return error(422, 'Tree SHA does not exist');
      const parents = body.parents ?? [];
      if (parents.some((p) => objects.get(p)?.type !== 'commit')) return error(422, 'Parent SHA does not exist or is not a commit object');
      const sha = putCommit(body.tree, parents, body.message);
      return json(201, commitJson(r, sha), { location: `${base(r)}/git/commits/${sha}` });
    },
    'pulls/list': (r) => {
      const state = r.query['state'] ?? 'open';
      const head = r.query['head'];
      const matching = pulls.filter((p) => (state === 'all' || p.state === state)
        && (!head || `${owner(r)}:${p.head}` === head)
        && (!r.query['base'] || p.base === r.query['base']));
      return json(200, matching.map((p) => pullJson(r, p, false)));
    },
    'pulls/get': (r) => {
      const pull = findPull(r, 'pull_number');
      return pull ? json(200, pullJson(r, pull, true)) : notFound();
    },
    'pulls/create': (r) => {
      const body = r.body as { title: string; head: string; base: string; body?: string; draft?: boolean };
      const head = body.head.includes(':') ? body.head.slice(body.head.indexOf(':') + 1) : body.head;
      const headSha = refs.get(`refs/heads/${head}`);
      if (!headSha || !refs.has(`refs/heads/${body.base}`)) {
        return error(422, 'Validation Failed', [{ resource: 'PullRequest', field: headSha ? 'base' : 'head', code: 'invalid' }]);
      }
      if (pulls.some((p) => p.state === 'open' && p.head === head && p.base === body.base)) {
        return error(422, 'Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner(r)}:${head}.` }]);
      }
      const pull = git.addPull({ head, base: body.base, headSha, title: body.title, body: body.body ?? null, draft: body.draft ?? false, login: context.login });
      return json(201, pullJson(r, pull, true), { location: `${base(r)}/pulls/${pull.number}` });
    },
    'issues/add-labels': (r) => {
      const pull = findPull(r, 'issue_number');
      if (!pull) return notFound();
      const body = r.body as { labels?: (string | { name: string })[] } | string[];
      const names = (Array.isArray(body) ? body : body.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name));
      for (const name of names) if (!pull.labels.includes(name)) pull.labels.push(name);
      return json(200, pull.labels.map((name, i) => ({ id: 9000 + i, node_id: Buffer.from(`Label${name}`).toString('base64'), url: `${base(r)}/labels/${encodeURIComponent(name)}`, name, description: '', color: 'ededed', default: false })));
    },
    'pulls/request-reviewers': (r) => {
      const pull = findPull(r, 'pull_number');
      if (!pull) return notFound();
      const body = r.body as { reviewers?: string[]; team_reviewers?: string[] };
      if ((body.reviewers ?? []).includes(pull.login)) return error(422, 'Review cannot be requested from pull request author.');
      for (const login of body.reviewers ?? []) if (!pull.reviewers.includes(login)) pull.reviewers.push(login);
      for (const team of body.team_reviewers ?? []) if (!pull.teamReviewers.includes(team)) pull.teamReviewers.push(team);
      return json(201, pullJson(r, pull, true));
    },
    'repos/list-pull-requests-associated-with-commit': (r) => {
      const sha = r.params['commit_sha'] as string;
      const matching = pulls.filter((p) => p.mergeCommitSha === sha || p.headSha === sha);
      return json(200, matching.map((p) => pullJson(r, p, false)));
    },
  };

  return { git, handlers };
}
