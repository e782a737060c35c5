import type { RepoSnapshot } from '../core/validate/load-repository.js';

/**
 * Reads the Glidepath files under `root` on disk: glidepath.yaml, the `.yaml`/`.yml` files under
 * policies/ and releases/, and the prompt files releases name. Never leaves `root`. What cannot be
 * read is a problem in the snapshot; only a root that is missing or not a folder throws, as
 * RepositoryRootError (the engine turns that into a usage error).
 */
export type ReadRepository = (root: string) => Promise<RepoSnapshot>;

/** The directory given as the repository root does not exist or is not a directory. */
export class RepositoryRootError extends Error {
  override readonly name = 'RepositoryRootError';
}
