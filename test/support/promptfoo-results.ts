/**
 * A promptfoo results.json (results version 3, as `promptfoo eval -o` writes it) with the fields
 * the offline gate reads, for tests that need exact pass/fail patterns; the real eval is run in
 * test/core/offline/promptfoo-eval.test.ts.
 */
export interface Row {
  readonly champion: boolean;
  readonly challenger: boolean;
  readonly scores?: readonly [number, number];
  readonly named?: Readonly<Record<string, readonly [number, number]>>;
}

export function promptfooResults(rows: readonly Row[], labels: readonly [string, string] = ['champion', 'challenger']): string {
  const results = rows.flatMap((row, testIdx) => labels.map((label, arm) => {
    const success = arm === 0 ? row.champion : row.challenger;
    return {
      testIdx,
      promptIdx: arm,
      provider: { id: 'file://provider.mjs', label },
      prompt: { raw: `Say ${testIdx}`, label: 'Say {{x}}' },
      vars: { x: String(testIdx) },
      success,
      score: row.scores?.[arm] ?? (success ? 1 : 0),
      namedScores: Object.fromEntries(Object.entries(row.named ?? {}).map(([name, pair]) => [name, pair[arm]])),
      cost: 0.001,
      latencyMs: 20 + arm,
      ...(success ? {} : { failureReason: 1, error: 'Expected output to contain "x"' }),
    };
  }));
  return JSON.stringify({ evalId: 'eval-test', results: { version: 3, timestamp: '2026-01-01T00:00:00.000Z', prompts: [], results, stats: {} } });
}

/** `n` cases both pass, then `regressions` cases only the champion passes, then `improvements` only the challenger passes. */
export function pattern(n: number, regressions: number, improvements: number): Row[] {
  return [
    ...Array.from({ length: n }, () => ({ champion: true, challenger: true })),
    ...Array.from({ length: regressions }, () => ({ champion: true, challenger: false })),
    ...Array.from({ length: improvements }, () => ({ champion: false, challenger: true })),
  ];
}
