import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { run } from '../../src/main.js';

/** The token the Action runs with in these tests: it must never appear in what they print. */
export const TOKEN = 'ghs_actionTokenNeverPrinted';
const cleanup: (() => void)[] = [];
after(() => cleanup.forEach((f) => f()));

/** Runs `run()` as the runner would, with no `command` input (action.yml's default, auto), stdout captured. */
export async function runAction(workspace: string, overrides: Parameters<typeof run>[0], env: Readonly<Record<string, string>> = {}): Promise<{ stdout: string; exitCode: typeof process.exitCode; outputs: string; summary: string }> {
  const files = mkdtempSync(join(tmpdir(), 'glidepath-auto-'));
  cleanup.push(() => rmSync(files, { recursive: true, force: true }));
  const outputFile = join(files, 'output');
  const summaryFile = join(files, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputs = { 'INPUT_GITHUB-TOKEN': TOKEN, 'INPUT_ROOT': '.', 'INPUT_DRY-RUN': 'false', GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...env };
  const saved = { ...process.env };
  const write = process.stdout.write.bind(process.stdout);
  let stdout = '';
  Object.assign(process.env, inputs);
  delete process.env['INPUT_COMMAND'];
  // @actions/core writes strings; the test runner's own reports are binary and must still go out.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk !== 'string') return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await run(overrides);
    return { stdout, exitCode: process.exitCode, outputs: readFileSync(outputFile, 'utf8'), summary: readFileSync(summaryFile, 'utf8') };
  } finally {
    process.stdout.write = write;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    process.exitCode = undefined;
  }
}

