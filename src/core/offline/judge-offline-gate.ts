import type { OfflineGate } from '../model/generated/release.js';
import { findRepoPathProblem, normalizeRepoPath } from '../validate/repo-path.js';
import { binomialHalfUpperTail } from './binomial.js';
import { readPromptfooResults, type PromptfooRow } from './promptfoo-results.js';
import { readTfmaValidation } from './tfma-validation.js';

export type { OfflineGate };

/** One arm's numbers over its test cases, as promptfoo reported them. */
export interface OfflineArm {
  readonly label: string;
  readonly cases: number;
  readonly passed: number;
  /** Cases whose provider call failed (counted as failures too). */
  readonly errors: number;
  readonly passRate: number;
  readonly meanScore: number;
  /** Named score → its mean over the cases that report it. */
  readonly namedScores: Readonly<Record<string, number>>;
  /** Summed over the cases; absent when promptfoo recorded none. */
  readonly cost?: number;
  readonly meanLatencyMs?: number;
}

/**
 * The paired comparison on the test cases both arms ran: the discordant pass/fail pairs
 * (McNemar's b and c) and the score differences, each with an exact one-sided p-value for "the
 * challenger is worse".
 */
export interface OfflinePairing {
  readonly cases: number;
  /** Champion passed, challenger failed. */
  readonly regressions: number;
  /** Champion failed, challenger passed. */
  readonly improvements: number;
  /** Champion's pass rate minus the challenger's, on these cases. */
  readonly passRateDrop: number;
  /** Exact McNemar: P(X ≥ regressions), X ~ Bin(regressions + improvements, ½); R: binom.test(b, b + c, 0.5, alternative = "greater"). */
  readonly mcnemarP: number;
  readonly scoresLower: number;
  readonly scoresHigher: number;
  /** Sign test on the score differences, the same way. */
  readonly signP: number;
  /** Test indexes the challenger regressed on (the first few), for a reviewer to open. */
  readonly regressedCases: readonly number[];
}

/** A threshold the gate checked, with the value it saw. */
export interface OfflineCheck {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
}

export interface OfflineEvidence {
  readonly source: OfflineGate['source'];
  readonly results: string;
  readonly champion?: OfflineArm;
  readonly challenger?: OfflineArm;
  readonly paired?: OfflinePairing;
  readonly checks: readonly OfflineCheck[];
}

/** The offline gate's result: plain data, shown in the plan and kept in the audit record. */
export interface OfflineVerdict {
  readonly status: 'passed' | 'failed';
  /** One line: what decided it. */
  readonly summary: string;
  readonly evidence: OfflineEvidence;
}

const DEFAULT_ALPHA = 0.05;
const LISTED_CASES = 10;

/**
 * Judges a release's offline gate on the results file as the repository holds it (`files`: the
 * files releases refer to, read through the repository port; `results` is one of them). A gate
 * that cannot be judged — the file missing, unreadable, without either arm — fails: it never lets
 * a challenger through.
 */
export function judgeOfflineGate(gate: OfflineGate, files: ReadonlyMap<string, string>): OfflineVerdict {
  const pathProblem = findRepoPathProblem(gate.results);
  const path = pathProblem === undefined ? normalizeRepoPath(gate.results) : gate.results;
  const cannot = (why: string): OfflineVerdict => ({ status: 'failed', summary: `offline gate not judged: ${why}`, evidence: { source: gate.source, results: path, checks: [] } });
  if (pathProblem !== undefined) return cannot(`offlineGate.results ${pathProblem}`);
  const text = files.get(path);
  if (text === undefined) return cannot(`${path} (offlineGate.results) is not in the repository; commit the eval's results with the release (files of at most 1 MiB)`);
  switch (gate.source) {
    case 'promptfoo':
      return judgePromptfoo(gate, path, text, cannot);
    case 'tfma': {
      const read = readTfmaValidation(path, text);
      if (!read.ok) return cannot(`${path}: ${read.error}`);
      const detail = read.blessed ? (read.rubberStamp ? 'blessed without a baseline (rubber stamp)' : 'blessed') : `not blessed${read.failures.length > 0 ? `: ${read.failures.join('; ')}` : ''}`;
      const checks = [{ name: 'blessing', passed: read.blessed, detail }];
      return { status: read.blessed ? 'passed' : 'failed', summary: `TFMA validation: ${detail}`, evidence: { source: 'tfma', results: path, checks } };
    }
  }
}

function judgePromptfoo(gate: OfflineGate, path: string, text: string, cannot: (why: string) => OfflineVerdict): OfflineVerdict {
  if (gate.champion === undefined || gate.challenger === undefined) return cannot('offlineGate.champion and offlineGate.challenger are required for source promptfoo: the provider (or prompt) labels the two ran under');
  const read = readPromptfooResults(text);
  if (!read.ok) return cannot(`${path}: ${read.error}`);
  const arms = selectArms(read.rows, gate.champion, gate.challenger);
  if ('error' in arms) return cannot(`${path}: ${arms.error}`);
  const champion = summarise(gate.champion, arms.champion);
  const challenger = summarise(gate.challenger, arms.challenger);
  const paired = pair(arms.champion, arms.challenger, arms.key);
  if ('error' in paired) return cannot(`${path}: ${paired.error}`);
  const alpha = gate.alpha ?? DEFAULT_ALPHA;
  const maxDrop = gate.maxPassRateDrop ?? 0;
  const checks: OfflineCheck[] = [];
  if (gate.minPassRate !== undefined) {
    checks.push({ name: 'pass rate', passed: challenger.passRate >= gate.minPassRate, detail: `${pct(challenger.passRate)} (${challenger.passed}/${challenger.cases}); at least ${pct(gate.minPassRate)}` });
  }
  if (gate.minScore !== undefined) {
    checks.push({ name: 'mean score', passed: challenger.meanScore >= gate.minScore, detail: `${num(challenger.meanScore)}; at least ${num(gate.minScore)}` });
  }
  for (const [name, floor] of Object.entries(gate.minNamedScores ?? {})) {
    const value = challenger.namedScores[name];
    checks.push(value === undefined
      ? { name: `score ${name}`, passed: false, detail: `no test case reports it; at least ${num(floor)}` }
      : { name: `score ${name}`, passed: value >= floor, detail: `${num(value)}; at least ${num(floor)}` });
  }
  checks.push({
    name: 'versus champion',
    passed: paired.passRateDrop <= maxDrop + 1e-12,
    detail: `${paired.regressions} regression(s), ${paired.improvements} improvement(s) on ${paired.cases} shared cases: pass rate ${paired.passRateDrop > 0 ? `down ${pct(paired.passRateDrop)}` : paired.passRateDrop < 0 ? `up ${pct(-paired.passRateDrop)}` : 'unchanged'}; may fall ${pct(maxDrop)}`,
  });
  checks.push({
    name: 'McNemar (exact)',
    passed: paired.mcnemarP >= alpha,
    detail: `one-sided p = ${num(paired.mcnemarP)} that the challenger passes fewer cases (b = ${paired.regressions}, c = ${paired.improvements}); fails below ${alpha}`,
  });
  checks.push({
    name: 'sign test on scores',
    passed: paired.signP >= alpha,
    detail: `one-sided p = ${num(paired.signP)} (${paired.scoresLower} lower, ${paired.scoresHigher} higher); fails below ${alpha}`,
  });
  const failed = checks.filter((c) => !c.passed);
  const summary = failed.length === 0
    ? `passed: ${challenger.label} ${pct(challenger.passRate)} vs ${champion.label} ${pct(champion.passRate)} on ${paired.cases} shared cases`
    : `failed: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}`;
  return { status: failed.length === 0 ? 'passed' : 'failed', summary, evidence: { source: 'promptfoo', results: path, champion, challenger, paired, checks } };
}

interface Arms {
  readonly champion: readonly PromptfooRow[];
  readonly challenger: readonly PromptfooRow[];
  /** What makes two rows the same test case: the test, and the dimension the arms do not differ in. */
  readonly key: (row: PromptfooRow) => string;
}

/**
 * The arms are two providers (a model change; each prompt is its own set of cases) or, when no
 * provider carries either label, two prompts (a prompt change on one or more providers).
 */
function selectArms(rows: readonly PromptfooRow[], champion: string, challenger: string): Arms | { readonly error: string } {
  const byProvider = (label: string) => rows.filter((r) => r.provider === label || r.providerId === label);
  const byPrompt = (label: string) => rows.filter((r) => r.prompt === label);
  let arms: Arms = { champion: byProvider(champion), challenger: byProvider(challenger), key: (r) => `${r.prompt}\u0000${r.testIdx}` };
  if (arms.champion.length === 0 && arms.challenger.length === 0) {
    arms = { champion: byPrompt(champion), challenger: byPrompt(challenger), key: (r) => `${r.provider}\u0000${r.testIdx}` };
  }
  const labels = [...new Set(rows.map((r) => r.provider))].slice(0, 10).join(', ');
  for (const [role, label, list] of [['champion', champion, arms.champion], ['challenger', challenger, arms.challenger]] as const) {
    if (list.length === 0) return { error: `no results for the ${role} ${JSON.stringify(label)}; its providers are ${labels || 'none'} (offlineGate.${role} names a provider label, or a prompt label)` };
  }
  return arms;
}

function summarise(label: string, rows: readonly PromptfooRow[]): OfflineArm {
  const passed = rows.filter((r) => r.success).length;
  const named = new Map<string, { sum: number; n: number }>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row.namedScores)) {
      const acc = named.get(name) ?? { sum: 0, n: 0 };
      named.set(name, { sum: acc.sum + value, n: acc.n + 1 });
    }
  }
  const costs = rows.flatMap((r) => (r.cost === undefined ? [] : [r.cost]));
  const latencies = rows.flatMap((r) => (r.latencyMs === undefined ? [] : [r.latencyMs]));
  return {
    label,
    cases: rows.length,
    passed,
    errors: rows.filter((r) => r.errored).length,
    passRate: passed / rows.length,
    meanScore: mean(rows.map((r) => r.score)),
    namedScores: Object.fromEntries([...named].map(([name, { sum, n }]) => [name, sum / n])),
    ...(costs.length > 0 ? { cost: costs.reduce((a, b) => a + b, 0) } : {}),
    ...(latencies.length > 0 ? { meanLatencyMs: mean(latencies) } : {}),
  };
}

function pair(champion: readonly PromptfooRow[], challenger: readonly PromptfooRow[], key: (row: PromptfooRow) => string): OfflinePairing | { readonly error: string } {
  const byKey = new Map<string, PromptfooRow>();
  for (const row of champion) {
    // promptfoo's --repeat runs a case more than once under one index: which copy pairs with which is unknowable.
    if (byKey.has(key(row))) return { error: `the champion has two results for test ${row.testIdx}; pair by running the eval without --repeat` };
    byKey.set(key(row), row);
  }
  let cases = 0, regressions = 0, improvements = 0, lower = 0, higher = 0, championPassed = 0, challengerPassed = 0;
  const seen = new Set<string>();
  const regressed: number[] = [];
  for (const row of challenger) {
    const k = key(row);
    if (seen.has(k)) return { error: `the challenger has two results for test ${row.testIdx}; pair by running the eval without --repeat` };
    seen.add(k);
    const other = byKey.get(k);
    if (other === undefined) continue;
    cases++;
    if (other.success) championPassed++;
    if (row.success) challengerPassed++;
    if (other.success && !row.success) {
      regressions++;
      if (regressed.length < LISTED_CASES) regressed.push(row.testIdx);
    }
    if (!other.success && row.success) improvements++;
    if (row.score < other.score) lower++;
    if (row.score > other.score) higher++;
  }
  if (cases === 0) return { error: 'champion and challenger share no test case; run both on the same tests in one eval' };
  return {
    cases,
    regressions,
    improvements,
    passRateDrop: (championPassed - challengerPassed) / cases,
    mcnemarP: binomialHalfUpperTail(regressions, regressions + improvements),
    scoresLower: lower,
    scoresHigher: higher,
    signP: binomialHalfUpperTail(lower, lower + higher),
    regressedCases: regressed,
  };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function pct(x: number): string {
  return `${Number((x * 100).toFixed(1))} %`;
}

function num(x: number): string {
  return Number(x.toPrecision(3)).toString();
}
