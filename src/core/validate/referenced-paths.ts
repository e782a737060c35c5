import { YAML_LIMITS, type YamlLimits } from '../yaml/limits.js';
import { parseDocumentFile } from './parse-document-file.js';
import { expectedKind } from './document-kinds.js';
import { valueAt } from './field-path.js';
import { findRepoPathProblem, normalizeRepoPath } from './repo-path.js';

/** Fields of a Release that name another file of the repository. */
const RELEASE_FILE_FIELDS: readonly (readonly string[])[] = [
  ['spec', 'champion', 'prompt'],
  ['spec', 'challenger', 'prompt'],
  ['spec', 'offlineGate', 'results'],
];

/**
 * Repository paths that the releases among `files` refer to (prompt files, offline eval results), for readers to fetch
 * after the documents themselves. Only paths that stay inside the repository are returned; the
 * loader reports the others. Unreadable documents are skipped: the loader reports them too.
 */
export function referencedPaths(files: ReadonlyMap<string, Uint8Array>, limits: YamlLimits = YAML_LIMITS): string[] {
  const found = new Set<string>();
  for (const [path, bytes] of files) {
    if (expectedKind(path) !== 'Release') continue;
    const file = parseDocumentFile(bytes, limits);
    if (file.kind !== 'parsed') continue;
    const { value } = file.yaml;
    for (const field of RELEASE_FILE_FIELDS) {
      const reference = valueAt(value, field);
      if (typeof reference !== 'string' || findRepoPathProblem(reference) !== undefined) continue;
      const normalized = normalizeRepoPath(reference);
      if (normalized !== '' && !files.has(normalized)) found.add(normalized);
    }
  }
  return [...found].sort();
}
