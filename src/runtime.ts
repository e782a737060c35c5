import { sha256 } from './adapters/crypto.js';
import { packageTemplates } from './adapters/fs/package-templates.js';
import { readRepositoryFromDisk } from './adapters/fs/read-repository.js';
import { writeNewFiles } from './adapters/fs/write-new-files.js';
import { readMetricsFile } from './adapters/metrics/file.js';
import { metricsSources } from './adapters/metrics/index.js';
import { notifiers } from './adapters/notify/index.js';
import { trafficProviders } from './adapters/providers/index.js';
import { createWorkingTreeFiles } from './adapters/fs/working-tree-files.js';
import type { Runtime } from './commands/command.js';
import { branchFlagFiles } from './engine/branch-flag-files.js';
import type { FlagFiles } from './ports/flag-files.js';
import type { RemoteRoles } from './adapters/github/github-services.js';

/**
 * The one place adapters are built: main.ts (the Action) and cli.ts pass this to every command.
 * With `remote` (the Action with a token), the state and flag branches and change requests go
 * through the host's API, so nothing a run decides is kept only in the runner's clone; the
 * repository's revisions are still read from the clone.
 */
export function createRuntime(options: { readonly remote?: RemoteRoles; readonly signal?: AbortSignal } = {}): Runtime {
  return {
    async openClone(root) {
      // git is a child process: `validate` reads the working tree and never loads node:child_process.
      const { createLocalGitScm, currentBranch, locateWorkTree } = await import('./adapters/scm/local-git.js');
      const workTree = await locateWorkTree(root);
      if (!workTree) return undefined;
      const local = createLocalGitScm(workTree.top);
      const scm = options.remote ? { revisions: local.revisions, branch: options.remote.branch, changeRequests: options.remote.changeRequests } : local;
      return { prefix: workTree.prefix, scm, currentBranch: () => currentBranch(root) };
    },
    remote: options.remote !== undefined,
    providers: trafficProviders,
    notifiers,
    fetch: globalThis.fetch,
    // Aborted by whoever cancels the run (none yet: each call also has its own deadline).
    signal: options.signal ?? new AbortController().signal,
    // With a token, GitOps files go to their branch on the host: a runner's working tree is lost with it.
    flagFiles: options.remote ? remoteFlagFiles(options.remote) : createWorkingTreeFiles,
    metricsSources,
    sha256,
    readRepository: readRepositoryFromDisk,
    readMetricsFile,
    templates: packageTemplates(),
    writeNewFiles,
  };
}

/** One store per flag branch for the whole run, so its head is read once however many releases it serves. */
function remoteFlagFiles(remote: RemoteRoles): (root: string, branch: string) => FlagFiles {
  const stores = new Map<string, FlagFiles>();
  return (_root, branch) => stores.get(branch) ?? stores.set(branch, branchFlagFiles(remote.branch(branch))).get(branch)!;
}
