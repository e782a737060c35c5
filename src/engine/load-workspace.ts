import { loadRepository, type LoadResult } from '../core/validate/load-repository.js';
import { RepositoryRootError, type ReadRepository } from '../ports/repository-files.js';
import { UsageError } from './errors.js';

/** The Glidepath files under `root`, loaded. A root that is missing or not a folder is a usage error (exit 2). */
export async function loadWorkspaceFiles(root: string, readRepository: ReadRepository): Promise<LoadResult> {
  try {
    return loadRepository(await readRepository(root));
  } catch (error) {
    if (error instanceof RepositoryRootError) throw new UsageError(error.message);
    throw error;
  }
}
