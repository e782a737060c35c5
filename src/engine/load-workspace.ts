import { loadRepository, type LoadOptions, type LoadResult } from '../core/validate/load-repository.js';
import { YAML_LIMITS } from '../core/yaml/limits.js';
import { RepositoryRootError, type ReadRepository } from '../ports/repository-files.js';
import { UsageError } from './errors.js';

/** The Glidepath files under `root`, loaded. A root that is missing or not a folder is a usage error (exit 2). */
export async function loadWorkspaceFiles(root: string, readRepository: ReadRepository, options: LoadOptions = {}): Promise<LoadResult> {
  try {
    return loadRepository(await readRepository(root), YAML_LIMITS, options);
  } catch (error) {
    if (error instanceof RepositoryRootError) throw new UsageError(error.message);
    throw error;
  }
}
