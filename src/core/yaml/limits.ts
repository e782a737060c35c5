/**
 * Caps that keep hostile input from costing more than a normal repository: every Glidepath file
 * is small and shallow, so these sit far above real use and far below harm.
 */
export interface YamlLimits {
  /** Bytes per file (1 MiB): checked before decoding, so a huge file is never read into a string. */
  readonly maxFileBytes: number;
  /** Nesting depth of collections (64), checked on the token stream before the recursive composer runs. */
  readonly maxDepth: number;
  /**
   * Lexical tokens per file (50,000): the full parser's syntax tree costs about a kilobyte per
   * token, and a Glidepath file has a few hundred. Files too short to reach it skip the count.
   */
  readonly maxTokens: number;
  /** Glidepath YAML files per repository (2,000). */
  readonly maxFiles: number;
  /** Bytes across all files of a repository (16 MiB): with the per-file cap, bounds the work a hostile repository can cause. */
  readonly maxTotalBytes: number;
  /** Syntax problems reported per file before the rest are summarised. */
  readonly maxProblemsPerFile: number;
}

export const YAML_LIMITS: YamlLimits = {
  maxFileBytes: 1024 * 1024,
  maxDepth: 64,
  maxTokens: 50_000,
  maxFiles: 2000,
  maxTotalBytes: 16 * 1024 * 1024,
  maxProblemsPerFile: 20,
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

/** The problem text for a repository whose files add up to more than `maxTotalBytes`. */
export function totalTooLargeMessage(limits: YamlLimits): string {
  return `the Glidepath files of this repository add up to more than ${formatBytes(limits.maxTotalBytes)}; this file and the ones after it were not read`;
}
