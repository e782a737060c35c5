import { readRepositoryFromDisk, RepositoryRootError } from '../adapters/fs/read-repository.js';
import { loadRepository, type LoadResult } from '../core/validate/load-repository.js';
import { UsageError } from './errors.js';

/** The Glidepath files under `root`, loaded. A root that is missing or not a folder is a usage error (exit 2). */
export async function loadWorkspaceFiles(root: string): Promise<LoadResult> {
  try {
    return loadRepository(await readRepositoryFromDisk(root));
  } catch (error) {
    if (error instanceof RepositoryRootError) throw new UsageError(error.message);
    throw error;
  }
}
