/**
 * The parts of a promptfoo `results.json` (`promptfoo eval -o results.json`, results version 3
 * and later) the offline gate reads: one row per test case × prompt × provider. Everything else
 * (outputs, grading details, the config) is ignored, so a newer promptfoo that adds fields still
 * reads.
 */
export interface PromptfooRow {
  readonly testIdx: number;
  readonly promptIdx: number;
  /** The provider's label, or its id when it has none. */
  readonly provider: string;
  readonly providerId: string;
  readonly prompt: string;
  readonly success: boolean;
  /** An error (the provider failed), not a failed assertion: counted as a failure, and counted apart. */
  readonly errored: boolean;
  readonly score: number;
  readonly namedScores: Readonly<Record<string, number>>;
  readonly cost?: number;
  readonly latencyMs?: number;
}

export type PromptfooRead = { readonly ok: true; readonly version: number; readonly rows: readonly PromptfooRow[] } | { readonly ok: false; readonly error: string };

/** promptfoo's ResultFailureReason: 2 is an error (the provider call failed), 1 a failed assertion. */
const FAILURE_REASON_ERROR = 2;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads a results.json text; says which field of which row is wrong when it is not one. */
export function readPromptfooResults(text: string): PromptfooRead {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `it is not JSON (${(error as Error).message}); write it with \`promptfoo eval -o results.json\`` };
  }
  const results = isRecord(document) ? document['results'] : undefined;
  if (!isRecord(results)) return { ok: false, error: 'it has no `results` object; is it the output of `promptfoo eval -o results.json`?' };
  const version = results['version'];
  if (!finite(version) || version < 3) {
    return { ok: false, error: `results.version is ${JSON.stringify(version)}; Glidepath reads version 3 and later: run the eval again with a current promptfoo` };
  }
  const list = results['results'];
  if (!Array.isArray(list)) return { ok: false, error: 'results.results is not a list of test results' };
  const rows: PromptfooRow[] = [];
  for (const [i, entry] of list.entries()) {
    const where = `results.results[${i}]`;
    if (!isRecord(entry)) return { ok: false, error: `${where} is not an object` };
    const provider = entry['provider'];
    const providerId = isRecord(provider) && typeof provider['id'] === 'string' ? provider['id'] : typeof provider === 'string' ? provider : undefined;
    if (providerId === undefined) return { ok: false, error: `${where}.provider has no id` };
    const label = isRecord(provider) && typeof provider['label'] === 'string' && provider['label'] !== '' ? provider['label'] : providerId;
    const prompt = entry['prompt'];
    const promptLabel = isRecord(prompt) ? (typeof prompt['label'] === 'string' ? prompt['label'] : typeof prompt['raw'] === 'string' ? prompt['raw'] : '') : '';
    if (!Number.isInteger(entry['testIdx'])) return { ok: false, error: `${where}.testIdx is ${JSON.stringify(entry['testIdx'])}; expected the test case's index` };
    if (typeof entry['success'] !== 'boolean') return { ok: false, error: `${where}.success is ${JSON.stringify(entry['success'])}; expected true or false` };
    const score = entry['score'];
    const named = isRecord(entry['namedScores']) ? entry['namedScores'] : {};
    rows.push({
      testIdx: entry['testIdx'] as number,
      promptIdx: Number.isInteger(entry['promptIdx']) ? (entry['promptIdx'] as number) : 0,
      provider: label,
      providerId,
      prompt: promptLabel,
      success: entry['success'],
      errored: entry['failureReason'] === FAILURE_REASON_ERROR,
      score: finite(score) ? score : entry['success'] ? 1 : 0,
      namedScores: Object.fromEntries(Object.entries(named).filter((e): e is [string, number] => finite(e[1]))),
      ...(finite(entry['cost']) ? { cost: entry['cost'] } : {}),
      ...(finite(entry['latencyMs']) ? { latencyMs: entry['latencyMs'] } : {}),
    });
  }
  return { ok: true, version, rows };
}
