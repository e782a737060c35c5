import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { binomialHalfUpperTail } from '../../../src/core/offline/binomial.js';
import { judgeOfflineGate, type OfflineGate } from '../../../src/core/offline/judge-offline-gate.js';
import { pattern, promptfooResults } from '../../support/promptfoo-results.js';

const PATH = 'evals/results.json';
const gate = (extra: Partial<OfflineGate> = {}): OfflineGate => ({ source: 'promptfoo', results: PATH, champion: 'champion', challenger: 'challenger', ...extra });
const files = (text: string) => new Map([[PATH, text]]);

test('the exact McNemar and sign-test tail matches R binom.test(k, n, 0.5, alternative = "greater") to 1e-12', () => {
  const cases: [number, number][] = [[0, 0], [3, 3], [3, 5], [7, 10], [12, 20], [1, 40], [40, 40], [55, 100], [260, 500], [900, 1700]];
  // R: binom.test(k, n, 0.5, alternative = "greater")$p.value, for n > 0 (binom.test needs n ≥ 1; with no discordant pair, p is 1).
  const expr = cases.filter(([, n]) => n > 0).map(([k, n]) => `binom.test(${k}, ${n}, 0.5, alternative = "greater")$p.value`).join(', ');
  const r = execFileSync('Rscript', ['-e', `cat(sprintf("%.17g", c(${expr})), sep = "\\n")`], { encoding: 'utf8' }).trim().split('\n').map(Number);
  const expected = [1, ...r];
  cases.forEach(([k, n], i) => {
    const ours = binomialHalfUpperTail(k, n);
    const want = expected[i] as number;
    assert.ok(Math.abs(ours - want) <= 1e-12 * Math.max(1, want), `binom.test(${k}, ${n}): R ${want}, ours ${ours}`);
  });
});

test('a challenger that passes as many shared cases as the champion, above its floors, passes with the paired evidence', () => {
  const verdict = judgeOfflineGate(gate({ minPassRate: 0.9, minNamedScores: { helpfulness: 0.7 } }), files(promptfooResults(
    pattern(18, 1, 1).map((row) => ({ ...row, named: { helpfulness: [0.8, 0.8] } })),
  )));
  assert.equal(verdict.status, 'passed', verdict.summary);
  assert.deepEqual({ ...verdict.evidence.paired, mcnemarP: undefined, signP: undefined }, {
    cases: 20, regressions: 1, improvements: 1, passRateDrop: 0, mcnemarP: undefined, scoresLower: 1, scoresHigher: 1, signP: undefined, regressedCases: [18],
  });
  assert.equal(verdict.evidence.challenger?.passRate, 0.95);
  assert.ok(Math.abs((verdict.evidence.challenger?.namedScores['helpfulness'] ?? 0) - 0.8) < 1e-12);
  assert.ok(Math.abs((verdict.evidence.challenger?.cost ?? 0) - 0.02) < 1e-12);
});

test('a challenger that regresses on three cases the champion passes fails "versus champion" even when McNemar alone cannot tell', () => {
  const verdict = judgeOfflineGate(gate(), files(promptfooResults(pattern(17, 3, 0))));
  assert.equal(verdict.status, 'failed');
  const byName = Object.fromEntries(verdict.evidence.checks.map((c) => [c.name, c]));
  assert.equal(byName['versus champion']?.passed, false);
  // b = 3, c = 0: p = 1/8, not significant at 0.05 — the default allows no net regression at all.
  assert.equal(byName['McNemar (exact)']?.passed, true);
  assert.equal(verdict.evidence.paired?.mcnemarP, 0.125);
  assert.deepEqual(verdict.evidence.paired?.regressedCases, [17, 18, 19]);
});

test('a tolerated pass-rate drop still fails when the challenger is significantly worse by the exact McNemar test', () => {
  const verdict = judgeOfflineGate(gate({ maxPassRateDrop: 0.1 }), files(promptfooResults(pattern(192, 8, 0))));
  const byName = Object.fromEntries(verdict.evidence.checks.map((c) => [c.name, c]));
  assert.equal(byName['versus champion']?.passed, true, 'a 4-point drop is within the 10 tolerated');
  assert.equal(byName['McNemar (exact)']?.passed, false, `p = ${verdict.evidence.paired?.mcnemarP}`);
  assert.equal(verdict.status, 'failed');
});

test('pass-rate, mean-score and named-score floors fail with the value they saw, and a named score nobody reports fails', () => {
  const verdict = judgeOfflineGate(gate({ minPassRate: 0.9, minScore: 0.85, minNamedScores: { tone: 0.5 }, maxPassRateDrop: 1 }), files(promptfooResults(pattern(8, 2, 0))));
  assert.equal(verdict.status, 'failed');
  assert.deepEqual(verdict.evidence.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`), [
    'pass rate: 80 % (8/10); at least 90 %',
    'mean score: 0.8; at least 0.85',
    'score tone: no test case reports it; at least 0.5',
  ]);
});

test('when no provider carries the labels, the arms are two prompts on the same provider, paired by provider and test', () => {
  const text = promptfooResults(pattern(5, 0, 0)).replaceAll('"label":"champion"', '"label":"p"').replaceAll('"label":"challenger"', '"label":"p"');
  const doc = JSON.parse(text) as { results: { results: { promptIdx: number; prompt: { label: string } }[] } };
  for (const row of doc.results.results) row.prompt.label = row.promptIdx === 0 ? 'v1' : 'v2';
  const verdict = judgeOfflineGate(gate({ champion: 'v1', challenger: 'v2' }), files(JSON.stringify(doc)));
  assert.equal(verdict.status, 'passed', verdict.summary);
  assert.equal(verdict.evidence.paired?.cases, 5);
});

test('a gate that cannot be judged fails and says why: missing file, wrong labels, not promptfoo output, path leaving the repository', () => {
  assert.match(judgeOfflineGate(gate(), new Map()).summary, /evals\/results\.json \(offlineGate\.results\) is not in the repository/);
  assert.match(judgeOfflineGate(gate({ challenger: 'gpt-9' }), files(promptfooResults(pattern(3, 0, 0)))).summary, /no results for the challenger "gpt-9"; its providers are champion, challenger/);
  assert.match(judgeOfflineGate(gate(), files('{"results": {"version": 2, "results": []}}')).summary, /results\.version is 2/);
  assert.match(judgeOfflineGate(gate(), files('not json')).summary, /is not JSON/);
  assert.match(judgeOfflineGate(gate({ results: '../secrets.json' }), files('{}')).summary, /offlineGate\.results contains `\.\.`/);
  assert.match(judgeOfflineGate({ source: 'promptfoo', results: PATH }, files('{}')).summary, /champion and offlineGate\.challenger are required/);
  assert.equal(judgeOfflineGate(gate(), new Map()).status, 'failed');
});

test('a TFMA ValidationResult blesses on validation_ok (proto or JSON field names) and lists the failed thresholds otherwise', () => {
  const tfma = (path: string, text: string) => judgeOfflineGate({ source: 'tfma', results: path }, new Map([[path, text]]));
  assert.equal(tfma('eval/validations.json', '{"validation_ok": true}').status, 'passed');
  assert.equal(tfma('eval/validations.json', '{"validationOk": true, "rubberStamp": true}').summary, 'TFMA validation: blessed without a baseline (rubber stamp)');
  const failed = tfma('eval/validations.json', JSON.stringify({
    metricValidationsPerSlice: [{ sliceKey: {}, failures: [{ metricKey: { name: 'auc' }, message: 'auc 0.71 is below the 0.75 lower bound' }] }],
  }));
  assert.equal(failed.status, 'failed');
  assert.equal(failed.summary, 'TFMA validation: not blessed: auc: auc 0.71 is below the 0.75 lower bound');
  assert.equal(tfma('model/blessing/BLESSED', '').status, 'passed');
  assert.equal(tfma('model/blessing/NOT_BLESSED', '').status, 'failed');
  assert.match(tfma('eval/validations.json', '{"metrics": []}').summary, /neither validation_ok nor metric_validations_per_slice/);
});
