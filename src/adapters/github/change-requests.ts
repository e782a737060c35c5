import type { Logger } from '../../ports/logger.js';
import type { ChangeRequest, ChangeRequestRef, ChangeRequestResult, ChangeRequests, FileChange } from '../../ports/scm.js';
import type { GitHubClient } from './client.js';
import { GitHubError } from './github-error.js';
import type { RepositoryRef } from './review-channel.js';

export interface GitHubChangeRequestsOptions {
  readonly logger?: Logger;
  /** Waits between retries of the calls GitHub refuses right after a pull request is created (tests pass one that does not wait). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Delays before each retry of such a call (default 1 s, 2 s, 4 s). */
  readonly retryDelaysMs?: readonly number[];
}

const silent: Logger = { info: () => {}, warn: () => {}, debug: () => {} };
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Right after a pull request is created, GitHub's GraphQL-backed endpoints (labels, reviewers)
 * may not see it yet and answer 422 "Could not resolve to a node" (or a 404): a replication race
 * that clears within seconds, unlike a real validation error.
 */
function isFreshPullRace(error: unknown): boolean {
  return error instanceof GitHubError && (error.status === 404 || (error.status === 422 && /could not resolve to a node|not found/i.test(error.message)));
}

interface TreeWrite {
  readonly path: string;
  readonly mode: '100644';
  readonly type: 'blob';
  readonly sha?: null;
  readonly content?: string;
}

type NewChangeRequest = ChangeRequest & { readonly draft?: boolean; readonly labels?: readonly string[]; readonly reviewers?: readonly string[] };

/**
 * Pull requests through the API, without a checkout: the branch is made with the git data API
 * from the base branch's head (a tree on the base tree with `files`, one commit), then the pull
 * request, its labels and reviewers. Find-or-create by head branch, so a rerun (or a second
 * runner) finds the pull request the first one opened.
 */
export function createGitHubChangeRequests(octokit: GitHubClient, repository: RepositoryRef, options: GitHubChangeRequestsOptions = {}): ChangeRequests {
  const { owner, repo } = repository;
  const logger = options.logger ?? silent;
  const sleep = options.sleep ?? wait;
  const delays = options.retryDelaysMs ?? [1000, 2000, 4000];

  async function openPullFor(branch: string): Promise<ChangeRequestResult | undefined> {
    const { data } = await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${branch}`, state: 'open', per_page: 1 });
    const pull = data[0];
    return pull ? { branch, url: pull.html_url, number: pull.number, created: false } : undefined;
  }

  async function headOf(branch: string): Promise<string | undefined> {
    try {
      const { data } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
      return data.object.sha;
    } catch (error) {
      if (error instanceof GitHubError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The branch `request.branch` at a new commit on base's head that carries `files`. */
  async function pushBranch(request: NewChangeRequest): Promise<void> {
    const baseHead = await headOf(request.base);
    if (!baseHead) throw new Error(`${owner}/${repo}: the base branch '${request.base}' of change request '${request.branch}' does not exist`);
    const { sha: baseTree, entries } = await baseTreeOf(baseHead, request.files);
    const { data: tree } = await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree: entries });
    const { data: commit } = await octokit.rest.git.createCommit({ owner, repo, message: `${request.title}\n\n${request.body}`.trim(), tree: tree.sha, parents: [baseHead] });
    try {
      await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${request.branch}`, sha: commit.sha });
    } catch (error) {
      if (!(error instanceof GitHubError && error.status === 422 && /already exists/i.test(error.message))) throw error;
      // A branch without an open pull request: left by a run that died before opening one, or
      // by a closed pull request. It carries the same intent; point it at the fresh commit.
      logger.info(`Branch ${request.branch} exists without an open pull request; moving it to ${commit.sha.slice(0, 12)}.`);
      await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${request.branch}`, sha: commit.sha, force: true });
    }
  }

  /**
   * The tree sha of `commit` (the trees API resolves a commit to its tree) and the entries that
   * apply `files` to it. The listing is recursive only when something is deleted: GitHub refuses to
   * delete a path the base tree lacks, so such deletes are dropped.
   */
  async function baseTreeOf(commit: string, files: readonly FileChange[]): Promise<{ sha: string; entries: TreeWrite[] }> {
    const deletes = files.some((f) => f.content === null);
    const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: commit, ...(deletes ? { recursive: 'true' } : {}) });
    const present = new Set(data.tree.flatMap((e) => (e.type === 'blob' && e.path ? [e.path] : [])));
    const entries = files.flatMap((f): TreeWrite[] => {
      if (f.content !== null) return [{ path: f.path, mode: '100644', type: 'blob', content: f.content }];
      return present.has(f.path) ? [{ path: f.path, mode: '100644', type: 'blob', sha: null }] : [];
    });
    return { sha: data.sha, entries };
  }

  /** A call made right after creating a pull request, retried while GitHub does not see the pull request yet. */
  async function afterCreate<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const delay = delays[attempt];
        if (delay === undefined || !isFreshPullRace(error)) throw error;
        logger.debug(`${what}: GitHub does not see the new pull request yet (${(error as Error).message}); retrying in ${delay} ms.`);
        await sleep(delay);
      }
    }
  }

  return {
    async findOrCreate(request) {
      const open = await openPullFor(request.branch);
      if (open) return open;
      await pushBranch(request);
      let pull: { number: number; html_url: string };
      try {
        ({ data: pull } = await octokit.rest.pulls.create({
          owner, repo, head: request.branch, base: request.base, title: request.title, body: request.body,
          ...(request.draft ? { draft: true } : {}),
        }));
      } catch (error) {
        // Another runner opened it between our look and our create.
        if (error instanceof GitHubError && error.status === 422 && /already exists/i.test(error.message)) {
          const raced = await openPullFor(request.branch);
          if (raced) return raced;
        }
        throw error;
      }
      const labels = [...new Set(request.labels ?? [])];
      if (labels.length > 0) {
        await afterCreate(`Labelling pull request #${pull.number}`, () => octokit.rest.issues.addLabels({ owner, repo, issue_number: pull.number, labels }));
      }
      const wanted = [...new Set(request.reviewers ?? [])].map((r) => r.replace(/^@/, ''));
      const teams = wanted.filter((r) => r.includes('/')).map((r) => r.slice(r.indexOf('/') + 1));
      const people = wanted.filter((r) => !r.includes('/'));
      if (people.length > 0 || teams.length > 0) {
        try {
          await afterCreate(`Requesting reviews on pull request #${pull.number}`, () => octokit.rest.pulls.requestReviewers({
            owner, repo, pull_number: pull.number,
            ...(people.length > 0 ? { reviewers: people } : {}),
            ...(teams.length > 0 ? { team_reviewers: teams } : {}),
          }));
        } catch (error) {
          // A reviewer who is not a collaborator (or is the author) must not cost the pull request itself.
          if (!(error instanceof GitHubError && error.status === 422)) throw error;
          logger.warn(`Pull request #${pull.number} is open, but GitHub refused its reviewers (${wanted.join(', ')}): ${error.message}`);
        }
      }
      return { branch: request.branch, url: pull.html_url, number: pull.number, created: true };
    },

    async forCommit(commit): Promise<ChangeRequestRef | undefined> {
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: commit, per_page: 100 });
      const pull = data.find((p) => p.merged_at !== null && p.merge_commit_sha === commit)
        ?? data.find((p) => p.merged_at !== null)
        ?? data.find((p) => p.state === 'open');
      return pull ? { number: pull.number, url: pull.html_url, branch: pull.head.ref } : undefined;
    },
  };
}
