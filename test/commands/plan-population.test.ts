// `plan` on the cost-effectiveness example when glidepath.yaml declares too few active users for
// its 10 % stage: the text, markdown and JSON plans all say no duration is enough (decision 0021).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { runPlan } from '../../src/commands/plan.js';
import { fixedClock } from '../../src/ports/clock.js';
import { createRuntime } from '../../src/runtime.js';
import { createTempGitRepo, type TempGitRepo } from '../support/temp-git-repo.js';
import { printedText } from '../../src/commands/command.js';

const EXAMPLE = new URL('../../examples/cost-effectiveness/', import.meta.url).pathname;
const repos: TempGitRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

function exampleFiles(dir = EXAMPLE): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, exampleFiles(path));
    else files[relative(EXAMPLE, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

function repoWithFewUsers(): { base: string; head: string; root: string } {
  const files = exampleFiles();
  const repo = createTempGitRepo({ 'README.md': '# app\n' });
  repos.push(repo);
  const base = repo.commit(files, 'cost-effectiveness example');
  const config = files['glidepath.yaml']!.replace('activeUsers: 400000', 'activeUsers: 15000').replace('usersPerDay: 100000', 'usersPerDay: 5000');
  assert.notEqual(config, files['glidepath.yaml'], 'the example declares its population');
  const head = repo.commit({ 'glidepath.yaml': config }, 'a smaller product');
  return { base, head, root: repo.dir };
}

async function plan(format: 'text' | 'markdown' | 'json'): Promise<string> {
  const { base, head, root } = repoWithFewUsers();
  const out: string[] = [];
  const outcome = await runPlan({ root, options: { base, head, format }, print: (t) => out.push(printedText(t)), logger: { info: () => {}, debug: () => {}, warn: () => {} }, clock: fixedClock(new Date('2025-01-01T00:00:00Z')), env: {}, runtime: createRuntime() });
  assert.equal(outcome.exitCode, 0);
  return out.join('\n');
}

// 10 % of 15,000 is 1,500 users; the net-benefit gate needs ~2,081 canary users at 10 %.
const SAYS = /canary-10: gate worth-its-cost needs ~2,081 canary users to show cost_per_resolved within 0\.07 USD net-benefit; 10 % of 15,000 active users is 1,500: no duration is enough — raise the weight to ≥ 15 % or loosen the bound/;
// Markdown names the stage as code before the sentence, once.
const SAYS_MARKDOWN = new RegExp(SAYS.source.replace('canary-10: ', '`canary-10`: '));

test('the text plan says a stage needs more canary users than the population gives at its weight, and the weight that would do', async () => {
  assert.match(await plan('text'), SAYS);
});

test('the markdown plan says it too', async () => {
  assert.match(await plan('markdown'), SAYS_MARKDOWN);
});

test('the JSON plan carries the users needed and reachable and the weight that would do', async () => {
  const json = JSON.parse(await plan('json'));
  const stage = json.releases[0].stages[0];
  assert.ok(stage.power.warnings.some((w: string) => SAYS.test(w)), stage.power.warnings.join('\n'));
  assert.equal(stage.power.users.enough, false);
  assert.equal(stage.power.users.activeUsers, 15_000);
  assert.deepEqual(stage.power.users.reachable, { control: 13_500, canary: 1_500 });
  assert.equal(stage.power.hoursNeeded, undefined, 'no duration is enough');
  assert.equal(stage.power.users.minWeight, 15);
});
