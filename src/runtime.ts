import { sha256 } from './adapters/crypto.js';
import { readRepositoryFromDisk } from './adapters/fs/read-repository.js';
import { PROVIDER_CAPABILITIES } from './adapters/generated/provider-capabilities.js';
import type { AdapterRegistries, Runtime } from './commands/command.js';
import { branchFlagFiles } from './engine/branch-flag-files.js';
import type { FlagFiles } from './ports/flag-files.js';
import type { PackageTemplates, WriteNewFiles } from './ports/starter-files.js';
import type { RemoteRoles } from './adapters/github/github-services.js';

/**
 * The one place adapters are built: main.ts (the Action) and cli.ts pass this to every command.
 * With `remote` (the Action with a token), the state and flag branches and change requests go
 * through the host's API, so nothing a run decides is kept only in the runner's clone; the
 * repository's revisions are still read from the clone.
 */
export function createRuntime(options: { readonly remote?: RemoteRoles; readonly signal?: AbortSignal } = {}): Runtime {
  let adapters: Promise<AdapterRegistries> | undefined;
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
    providerCapabilities: PROVIDER_CAPABILITIES,
    adapters: () => (adapters ??= loadAdapters()),
    fetch: globalThis.fetch,
    // Aborted by whoever cancels the run (none yet: each call also has its own deadline).
    signal: options.signal ?? new AbortController().signal,
    // With a token, GitOps files go to their branch on the host: a runner's working tree is lost with it.
    flagFiles: options.remote ? remoteFlagFiles(options.remote) : workingTreeFiles,
    sha256,
    readRepository: readRepositoryFromDisk,
    async readMetricsFile(path, opts) {
      const { readMetricsFile } = await import('./adapters/metrics/file.js');
      return readMetricsFile(path, opts);
    },
    templates,
    writeNewFiles,
  };
}

async function loadAdapters(): Promise<AdapterRegistries> {
  const [{ trafficProviders }, { metricsSources }, { notifiers }] = await Promise.all([
    import('./adapters/providers/index.js'),
    import('./adapters/metrics/index.js'),
    import('./adapters/notify/index.js'),
  ]);
  return { providers: trafficProviders, metricsSources, notifiers };
}

// The file adapters below load node:fs/promises, which brings streams and readline (some ms at
// every start): loaded when a command first writes, so `validate` and `plan` never pay for them.

function workingTreeFiles(root: string): FlagFiles {
  let files: Promise<FlagFiles> | undefined;
  const load = () => (files ??= import('./adapters/fs/working-tree-files.js').then((m) => m.createWorkingTreeFiles(root)));
  return {
    read: async (paths, options) => (await load()).read(paths, options),
    write: async (changes, expectedVersion, message, options) => (await load()).write(changes, expectedVersion, message, options),
  };
}

const templates: PackageTemplates = {
  readFolder: async (folder) => (await import('./adapters/fs/package-templates.js')).packageTemplates().readFolder(folder),
};

const writeNewFiles: WriteNewFiles = async (root, files) => (await import('./adapters/fs/write-new-files.js')).writeNewFiles(root, files);

/** One store per flag branch for the whole run, so its head is read once however many releases it serves. */
function remoteFlagFiles(remote: RemoteRoles): (root: string, branch: string) => FlagFiles {
  const stores = new Map<string, FlagFiles>();
  return (_root, branch) => stores.get(branch) ?? stores.set(branch, branchFlagFiles(remote.branch(branch))).get(branch)!;
}
