/** A problem found in one file's text, located by offset; the caller adds the file and line:col. */
export interface TextProblem {
  readonly offset: number;
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly message: string;
  readonly hint?: string;
}
