import { sha256 } from './adapters/crypto.js';
import { readRepositoryFromDisk } from './adapters/fs/read-repository.js';
import { readMetricsFile } from './adapters/metrics/file.js';
import { metricsSources } from './adapters/metrics/index.js';
import { trafficProviders } from './adapters/providers/index.js';
import { createWorkingTreeFiles } from './adapters/fs/working-tree-files.js';
import { createLocalGitScm, currentBranch, locateWorkTree } from './adapters/scm/local-git.js';
import type { Runtime } from './commands/command.js';

/** The one place adapters are built: main.ts (the Action) and cli.ts pass this to every command. */
export function createRuntime(options: { readonly signal?: AbortSignal } = {}): Runtime {
  return {
    async openClone(root) {
      const workTree = await locateWorkTree(root);
      if (!workTree) return undefined;
      return { prefix: workTree.prefix, scm: createLocalGitScm(workTree.top), currentBranch: () => currentBranch(root) };
    },
    providers: trafficProviders,
    fetch: globalThis.fetch,
    // Aborted by whoever cancels the run (none yet: each call also has its own deadline).
    signal: options.signal ?? new AbortController().signal,
    flagFiles: createWorkingTreeFiles,
    metricsSources,
    sha256,
    readRepository: readRepositoryFromDisk,
    readMetricsFile,
  };
}
