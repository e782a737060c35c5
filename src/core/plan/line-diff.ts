/** Lines added and removed between two texts, as `git diff --stat` counts them. */
export interface LineDiffStat {
  readonly added: number;
  readonly removed: number;
}

/** Lines of a text; a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The size of the shortest line edit script from `before` to `after` (Myers' O((N+M)·D)
 * algorithm): prompts are short and usually edited lightly, so D stays small. Unchanged
 * leading and trailing lines are trimmed first, which is where most of the text is.
 */
export function diffLineStat(before: string, after: string): LineDiffStat {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return { added: m, removed: n };
  const distance = editDistance(a.slice(start, endA), b.slice(start, endB));
  // With only insertions and deletions, D = added + removed and added − removed = M − N.
  return { added: (distance + m - n) / 2, removed: (distance - m + n) / 2 };
}

function editDistance(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  for (let d = 0; d <= max; d += 1) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return max;
}
