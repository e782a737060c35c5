import type { Problem } from '../core/problem.js';
import type { RepoSnapshot } from '../core/validate/load-repository.js';
import { referencedPaths } from '../core/validate/referenced-paths.js';
import { formatBytes, totalTooLargeMessage, YAML_LIMITS, type YamlLimits } from '../core/yaml/limits.js';
import type { RevisionReader } from '../ports/scm.js';

const YAML_FILE = /\.ya?ml$/;
const ROOT_FILES = ['glidepath.yaml', 'glidepath.yml'];

function problemAt(file: string, rule: string, message: string, hint?: string): Problem {
  return { file, line: 1, col: 1, severity: 'error', rule, message, ...(hint ? { hint } : {}) };
}

/**
 * The repository's Glidepath files at a commit (a pull request's base, a merge commit), read
 * through a RevisionReader in two batches: glidepath.yaml, policies/** and releases/**, then the
 * prompt files the releases name. The same caps apply as on disk; missing files are simply absent
 * (the loader reports the ones that matter).
 */
export async function readRepositoryAt(revisions: RevisionReader, commit: string, limits: YamlLimits = YAML_LIMITS): Promise<RepoSnapshot> {
  const files = new Map<string, Uint8Array>();
  const problems: Problem[] = [];
  let total = 0;
  let totalExceeded = false;

  const readAll = async (paths: readonly string[]): Promise<void> => {
    if (paths.length === 0) return;
    const contents = await revisions.readFiles(commit, paths);
    for (const path of paths) {
      const bytes = contents.get(path);
      if (bytes === undefined || totalExceeded) continue;
      if (bytes.length > limits.maxFileBytes) {
        problems.push(problemAt(path, 'file/too-large', `the file is ${formatBytes(bytes.length)}; Glidepath reads files of at most ${formatBytes(limits.maxFileBytes)}`, 'Glidepath files are small; check that this is the file you meant'));
        continue;
      }
      if (total + bytes.length > limits.maxTotalBytes) {
        totalExceeded = true;
        problems.push(problemAt(path, 'repository/too-large', totalTooLargeMessage(limits), 'Glidepath files are small; remove files that are not Glidepath documents from policies/ and releases/'));
        continue;
      }
      total += bytes.length;
      files.set(path, bytes);
    }
  };

  const listed = [...new Set((await Promise.all([revisions.listFiles(commit, 'policies'), revisions.listFiles(commit, 'releases')])).flat())]
    .filter((p) => YAML_FILE.test(p) && (p.startsWith('policies/') || p.startsWith('releases/')))
    .sort();
  if (listed.length > limits.maxFiles) {
    problems.push(problemAt(listed[limits.maxFiles] as string, 'file/too-many', `the repository has more than ${limits.maxFiles} Glidepath files; only the first ${limits.maxFiles} are read`, 'remove files that are no longer needed'));
    listed.length = limits.maxFiles;
  }
  await readAll([...ROOT_FILES, ...listed]);
  await readAll(referencedPaths(files, limits));
  return { files, problems };
}
