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
  const lines = internLines(a.slice(start, endA), b.slice(start, endB));
  // Texts with no line in common (two different prompts) differ in every line; Myers would take N·M steps to say so.
  const distance = lines.shared ? editDistance(lines.a, lines.b) : n + m;
  // With only insertions and deletions, D = added + removed and added − removed = M − N.
  return { added: (distance + m - n) / 2, removed: (distance - m + n) / 2 };
}

/** Compares pairs of texts through `diffLineStat`, once per distinct pair (many releases share prompt files). */
export type LineStatMemo = (before: string, after: string) => LineDiffStat;

/** A `diffLineStat` that remembers its answers for as long as the returned function lives. */
export function createLineStatMemo(): LineStatMemo {
  const byBefore = new Map<string, Map<string, LineDiffStat>>();
  return (before, after) => {
    let byAfter = byBefore.get(before);
    if (!byAfter) {
      byAfter = new Map();
      byBefore.set(before, byAfter);
    }
    let stat = byAfter.get(after);
    if (!stat) {
      stat = diffLineStat(before, after);
      byAfter.set(after, stat);
    }
    // A copy each time: callers own the objects they put into their plans.
    return { added: stat.added, removed: stat.removed };
  };
}

/** Lines as small integers, so that the inner loop compares numbers rather than strings. */
function internLines(a: readonly string[], b: readonly string[]): { a: Int32Array; b: Int32Array; shared: boolean } {
  const ids = new Map<string, number>();
  const intern = (lines: readonly string[]): Int32Array => {
    const out = new Int32Array(lines.length);
    lines.forEach((line, i) => {
      let id = ids.get(line);
      if (id === undefined) {
        id = ids.size;
        ids.set(line, id);
      }
      out[i] = id;
    });
    return out;
  };
  const ia = intern(a);
  const distinctInA = ids.size;
  const ib = intern(b);
  return { a: ia, b: ib, shared: ib.some((id) => id < distinctInA) };
}

function editDistance(a: Int32Array, b: Int32Array): number {
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
