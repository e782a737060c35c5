/** A finding pinned to lines of a repository file; the review channel shows it on the pull request. */
export interface Annotation {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
  readonly level: 'failure' | 'warning' | 'notice';
  readonly message: string;
  readonly title?: string;
}
