import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { printedText, type CommandContext, type OptionValues } from '../../src/commands/command.js';
import { commands } from '../../src/commands/index.js';
import { CHECK_NAME, validateCommand } from '../../src/commands/validate.js';
import { fixedClock } from '../../src/ports/clock.js';
import type { CheckRunReport, ReviewChannel } from '../../src/ports/review.js';
import type { RunEvent } from '../../src/core/model/run-event.js';
import { UsageError } from '../../src/engine/errors.js';
import { createRuntime } from '../../src/runtime.js';

const VALID = resolve('test/fixtures/valid/basic');
const INVALID = resolve('test/fixtures/invalid/mixed');

interface Captured {
  readonly ctx: CommandContext;
  readonly printed: string[];
  readonly warnings: string[];
  readonly checks: CheckRunReport[];
}

const EVENT: RunEvent = { eventName: 'pull_request', owner: 'acme', repo: 'support', headSha: 'a'.repeat(40), actor: 'octocat', pullRequest: { number: 7, baseSha: 'b'.repeat(40), headSha: 'a'.repeat(40) } };

function context(root: string, options: OptionValues = {}, review?: 'record' | 'fail', event: RunEvent | null = EVENT): Captured {
  const printed: string[] = [];
  const warnings: string[] = [];
  const checks: CheckRunReport[] = [];
  const channel: ReviewChannel = {
    publishCheck: async (report) => {
      if (review === 'fail') throw new Error('GitHub said 502');
      checks.push(report);
      return { url: 'https://github.com/acme/support/runs/1' };
    },
    upsertComment: async () => 'created',
  };
  const ctx: CommandContext = {
    root,
    options: { format: 'text', ...options },
    print: (text) => printed.push(printedText(text)),
    logger: { info: () => {}, warn: (m) => warnings.push(m), debug: () => {} },
    clock: fixedClock(new Date('2025-11-22T10:00:00Z')),
    env: {},
    runtime: createRuntime(),
    ...(review ? { review: channel } : {}),
    ...(review && event ? { event } : {}),
  };
  return { ctx, printed, warnings, checks };
}

function tempCopy(t: { after: (fn: () => void) => void }, from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-validate-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(from, dir, { recursive: true });
  return dir;
}

test('validate is registered as a command', async () => {
  assert.equal(await commands['validate']!(), validateCommand);
});

test('a valid repository prints the summary line and exits 0', async () => {
  const { ctx, printed } = context(VALID);
  const outcome = await validateCommand.run(ctx);
  assert.equal(outcome.exitCode, 0);
  assert.deepEqual(printed, ['✓ 5 files valid']);
  assert.deepEqual(outcome.outputs, { problems: '0', errors: '0', warnings: '0' });
});

test('a repository with problems prints each at file:line:col, sorted, and exits 1', async () => {
  const { ctx, printed } = context(INVALID);
  const outcome = await validateCommand.run(ctx);
  assert.equal(outcome.exitCode, 1);
  const lines = (printed[0] ?? '').split('\n');
  assert.deepEqual(lines.map((l) => l.split(': ')[0]), [
    'glidepath.yaml:10:7', 'policies/ramp.yaml:9:33', 'policies/ramp.yaml:13:5', 'releases/assistant.yaml:6:11', 'releases/assistant.yaml:9:41', '4 errors, 1 warning in 3 files',
  ]);
  assert.equal(lines[0], 'glidepath.yaml:10:7: error: unknown field `bucketby` in spec.providers[0] (did you mean `bucketBy`?) [schema/unknown-field]');
  assert.equal(outcome.outputs?.['problems'], '5');
});

test('warnings alone do not fail validation', async (t) => {
  const root = tempCopy(t, VALID);
  writeFileSync(join(root, 'policies/prompt-tweak.yaml'), `apiVersion: glidepath.dev/v1
kind: RolloutPolicy
metadata: { name: prompt-tweak }
spec:
  strategy: canary
  stages:
    - { name: full, weight: 100, gates: [errors] }
  gates:
    errors: { metric: error_rate, test: proportions, maxIncrease: 0 }
  rollback:
    - { metric: error_rate, increase: 2pp }
`);
  const { ctx, printed } = context(root);
  const outcome = await validateCommand.run(ctx);
  assert.equal(outcome.exitCode, 0);
  assert.match(printed[0] ?? '', /warning: .*\[policy\/margin-zero\]\n✓ 5 files valid, 1 warning$/);
});

test('json output carries every problem and the summary', async () => {
  const { ctx, printed } = context(INVALID, { format: 'json' });
  await validateCommand.run(ctx);
  const body = JSON.parse(printed[0] ?? '') as { problems: { file: string; rule: string }[]; summary: unknown };
  assert.deepEqual(body.summary, { errors: 4, warnings: 1, files: 3 });
  assert.deepEqual(body.problems.map((p) => p.rule), ['schema/unknown-field', 'policy/weights-increase', 'policy/unused-gate', 'release/unknown-policy', 'release/missing-prompt']);
});

test('github output is workflow commands GitHub turns into annotations', async () => {
  const { ctx, printed } = context(INVALID, { format: 'github' });
  await validateCommand.run(ctx);
  const lines = (printed[0] ?? '').split('\n');
  assert.equal(lines[0], '::error file=glidepath.yaml,line=10,col=7,title=Glidepath schema/unknown-field::unknown field `bucketby` in spec.providers[0] (did you mean `bucketBy`?)');
  assert.match(lines[2] ?? '', /^::warning file=policies\/ramp\.yaml,line=13,col=5,/);
});

test('an unknown format or a missing root is a usage error', async (t) => {
  await assert.rejects(validateCommand.run(context(VALID, { format: 'yaml' }).ctx), (e: unknown) => e instanceof UsageError && /use one of: text, json, github/.test(e.message));
  const missing = join(tempCopy(t, VALID), 'nope');
  await assert.rejects(validateCommand.run(context(missing).ctx), UsageError);
});

test('inside the Action it publishes one check run with every problem as an annotation and returns a job summary', async () => {
  const { ctx, checks } = context(INVALID, { format: 'github' }, 'record');
  const outcome = await validateCommand.run(ctx);
  assert.equal(checks.length, 1);
  const check = checks[0] as CheckRunReport;
  assert.equal(check.name, CHECK_NAME);
  assert.equal(check.name, 'Glidepath / validate');
  assert.equal(check.headSha, EVENT.headSha);
  assert.equal(check.conclusion, 'failure');
  assert.equal(check.title, '4 errors, 1 warning in 3 files');
  assert.equal(check.annotations.length, 5);
  assert.deepEqual(check.annotations[1], {
    path: 'policies/ramp.yaml', startLine: 9, endLine: 9, startColumn: 33, endColumn: 33, level: 'failure',
    message: 'stage `canary-5` sends 5% to the challenger, less than stage `canary-25` before it (25%); weights must increase from stage to stage (order the stages by weight)',
    title: 'Glidepath policy/weights-increase',
  });
  assert.match(outcome.summary ?? '', /^### Glidepath \/ validate\n\n\*\*4 errors, 1 warning in 3 files\*\*/);
  assert.equal(check.summary, outcome.summary);
});

test('a valid repository gets a successful check run', async () => {
  const { ctx, checks } = context(VALID, {}, 'record');
  await validateCommand.run(ctx);
  assert.equal(checks[0]?.conclusion, 'success');
  assert.deepEqual(checks[0]?.annotations, []);
});

test('without an event there is no check run to attach, so none is published', async () => {
  const { ctx, checks } = context(VALID, {}, 'record', null);
  await validateCommand.run(ctx);
  assert.equal(checks.length, 0);
});

test('a check run that cannot be published is a warning; the findings still decide the exit code', async () => {
  const { ctx, warnings, printed } = context(INVALID, {}, 'fail');
  const outcome = await validateCommand.run(ctx);
  assert.equal(outcome.exitCode, 1);
  assert.match(warnings[0] ?? '', /could not publish the Glidepath \/ validate check run: GitHub said 502/);
  assert.ok((printed[0] ?? '').includes('4 errors'));
});

test('an inline secret never reaches the terminal, the json, the annotations or the job summary', async (t) => {
  const root = tempCopy(t, VALID);
  const secret = ['sk', 'live', 'R4nd0mL00k1ngK3yV4lu3F0rT3st1ng'].join('-');
  writeFileSync(join(root, 'glidepath.yaml'), `apiVersion: glidepath.dev/v1
kind: Config
metadata: { name: leaky }
spec:
  providers:
    - { name: flags, type: flagd, path: flags.json, apiKey: ${secret} }
  metrics:
    sources: [{ name: exports, type: file, path: m.json }]
    definitions:
      - { name: error_rate, source: exports, type: proportion, direction: lower-is-better }
      - { name: task_completion, source: exports, type: proportion, direction: higher-is-better }
      - { name: latency_ms, source: exports, type: continuous, direction: lower-is-better }
      - { name: cost_per_call, source: exports, type: continuous, direction: lower-is-better }
`);
  for (const format of ['text', 'json', 'github']) {
    const { ctx, printed, checks } = context(root, { format }, 'record');
    const outcome = await validateCommand.run(ctx);
    assert.equal(outcome.exitCode, 1);
    const everything = [...printed, JSON.stringify(checks), outcome.summary ?? '', JSON.stringify(outcome.outputs)].join('\n');
    assert.ok(everything.includes('secret/inline'), format);
    assert.equal(everything.includes(secret), false, format);
  }
});

test('the quickstart example validates with zero problems', async () => {
  const { ctx, printed } = context(resolve('examples/quickstart'), { format: 'json' });
  const outcome = await validateCommand.run(ctx);
  const body = JSON.parse(printed[0] ?? '') as { problems: unknown[] };
  assert.deepEqual(body.problems, []);
  assert.equal(outcome.exitCode, 0);
});

test('the CLI exits 0 for a valid repository, 1 for problems and 2 for usage errors', () => {
  const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const result = spawnSync('./node_modules/.bin/node', ['--import', 'tsx', 'src/cli.ts', 'validate', ...args], { encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const valid = run('--root', VALID, '--format', 'json');
  assert.equal(valid.status, 0, valid.stderr);
  assert.deepEqual((JSON.parse(valid.stdout) as { summary: unknown }).summary, { errors: 0, warnings: 0, files: 5 });
  const invalid = run('--root', INVALID, '--format', 'json');
  assert.equal(invalid.status, 1, invalid.stderr);
  assert.equal((JSON.parse(invalid.stdout) as { problems: unknown[] }).problems.length, 5);
  const missing = run('--root', join(VALID, 'does-not-exist'), '--format', 'json');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /does not exist/);
  assert.doesNotMatch(missing.stderr, /\n\s+at /);
  const badFormat = run('--root', VALID, '--format', 'xml');
  assert.equal(badFormat.status, 2);
});
