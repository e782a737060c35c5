/** 1-based line and column (UTF-16 code units, as editors and GitHub annotations count them). */
export interface LineCol {
  readonly line: number;
  readonly col: number;
}

/**
 * Offset → line:col for one file. Line starts are found once, on first use, so files without
 * problems never pay for it.
 */
export class LineIndex {
  #starts: number[] | undefined;

  constructor(private readonly text: string) {}

  position(offset: number): LineCol {
    const starts = this.#lineStarts();
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - (starts[lo] as number) + 1 };
  }

  #lineStarts(): number[] {
    if (this.#starts) return this.#starts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.#starts = starts;
    return starts;
  }
}
