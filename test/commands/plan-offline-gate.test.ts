import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runPlan } from '../../src/commands/plan.js';
import type { CheckRunReport, ReviewChannel } from '../../src/ports/review.js';
import { fixedClock } from '../../src/ports/clock.js';
import { createRuntime } from '../../src/runtime.js';
import { edit, quickstartFiles } from '../core/plan/quickstart.js';
import { pattern, promptfooResults } from '../support/promptfoo-results.js';
import { createTempGitRepo, type TempGitRepo } from '../support/temp-git-repo.js';
import { printedText } from '../../src/commands/command.js';

const repos: TempGitRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

const RESULTS = 'evals/summarizer/results.json';

/** The quickstart at base; at head the summarizer's release gains an offline gate on a committed promptfoo results file. */
function pullRequest(results: string): { dir: string; base: string; head: string } {
  const files = quickstartFiles();
  const repo = createTempGitRepo({ 'README.md': '# app\n' });
  repos.push(repo);
  const base = repo.commit(files, 'quickstart');
  edit(files, 'releases/summarizer-prompt.yaml', '  champion:\n', `  offlineGate: { source: promptfoo, results: ${RESULTS}, champion: champion, challenger: challenger }\n  champion:\n`);
  const head = repo.commit({ ...files, [RESULTS]: results }, 'summarizer with an offline gate');
  return { dir: repo.dir, base, head };
}

async function plan(results: string, format: string) {
  const { dir, base, head } = pullRequest(results);
  const out: string[] = [];
  const checks: CheckRunReport[] = [];
  const comments: string[] = [];
  const review: ReviewChannel = {
    publishCheck: async (report) => { checks.push(report); return {}; },
    upsertComment: async (_n, _marker, body) => { comments.push(body); return 'created'; },
  } as ReviewChannel;
  const outcome = await runPlan({
    root: dir, options: { format }, print: (t) => out.push(printedText(t)), logger: { info: () => {}, debug: () => {}, warn: () => {} },
    clock: fixedClock(new Date('2025-01-01T00:00:00Z')), env: {}, runtime: createRuntime(),
    event: { eventName: 'pull_request', owner: 'acme', repo: 'app', headSha: head, actor: 'octocat', pullRequest: { number: 7, baseSha: base, headSha: head } },
    review,
  });
  return { outcome, text: out.join(''), checks, comments };
}

test('plan shows a failed offline gate on the pull request: the check run fails and the comment lists the paired evidence and the regressed cases', async () => {
  const { text, checks, comments } = await plan(promptfooResults(pattern(17, 3, 0)), 'text');
  assert.match(text, /offline gate \(promptfoo, evals\/summarizer\/results\.json\): FAILED — the challenger will not see traffic/);
  assert.match(text, /FAIL versus champion: 3 regression\(s\), 0 improvement\(s\) on 20 shared cases: pass rate down 15 %; may fall 0 %/);
  assert.equal(checks[0]?.conclusion, 'failure');
  assert.match(checks[0]?.title ?? '', /1 fails its offline gate ⛔/);
  assert.match(comments[0] ?? '', /\*\*Offline gate\*\* \(promptfoo, `evals\/summarizer\/results\.json`\): ⛔ failed/);
  assert.match(comments[0] ?? '', /Regressed test cases \(testIdx\): 17, 18, 19\./);
});

test('plan shows a passed offline gate without failing the check run', async () => {
  const { checks, comments } = await plan(promptfooResults(pattern(18, 1, 1)), 'markdown');
  assert.notEqual(checks[0]?.conclusion, 'failure');
  assert.match(comments[0] ?? '', /\*\*Offline gate\*\* \(promptfoo, `evals\/summarizer\/results\.json`\): ✅ passed/);
  assert.match(comments[0] ?? '', /✅ McNemar \(exact\): one-sided p = 0\.75/);
});

test('a pull request that changes only the offline results plans the release again, saying why', async () => {
  const files = quickstartFiles();
  edit(files, 'releases/summarizer-prompt.yaml', '  champion:\n', `  offlineGate: { source: promptfoo, results: ${RESULTS}, champion: champion, challenger: challenger }\n  champion:\n`);
  const repo = createTempGitRepo({ 'README.md': '# app\n' });
  repos.push(repo);
  const base = repo.commit({ ...files, [RESULTS]: promptfooResults(pattern(17, 3, 0)) }, 'gated summarizer');
  const head = repo.commit({ [RESULTS]: promptfooResults(pattern(18, 1, 1)) }, 'eval again');
  const out: string[] = [];
  await runPlan({
    root: repo.dir, options: { base, head, format: 'json' }, print: (t) => out.push(printedText(t)), logger: { info: () => {}, debug: () => {}, warn: () => {} },
    clock: fixedClock(new Date('2025-01-01T00:00:00Z')), env: {}, runtime: createRuntime(),
  });
  const plan = JSON.parse(out.join('')) as { releases: { name: string; reasons: string[]; offlineGate?: { status: string } }[] };
  assert.deepEqual(plan.releases.map((r) => [r.name, r.reasons, r.offlineGate?.status]), [['summarizer-prompt', [`offline eval results \`${RESULTS}\` changed`], 'passed']]);
});
