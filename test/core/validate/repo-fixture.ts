import assert from 'node:assert/strict';
import type { Problem } from '../../../src/core/problem.js';
import { loadRepository, type LoadResult, type RepoSnapshot } from '../../../src/core/validate/load-repository.js';

/** A small valid repository; tests replace or add files to make exactly one thing wrong. */
export const CONFIG = `apiVersion: glidepath.dev/v1
kind: Config
metadata:
  name: test
spec:
  providers:
    - name: flags
      type: flagd
      path: deploy/flags.json
  metrics:
    sources:
      - name: exports
        type: file
        path: metrics/{release}.json
    definitions:
      - { name: error_rate, source: exports, type: proportion, direction: lower-is-better }
      - { name: task_completion, source: exports, type: proportion, direction: higher-is-better }
      - { name: latency_ms, source: exports, type: continuous, direction: lower-is-better, unit: ms }
`;

export const POLICY_BODY = `strategy: canary
stages:
  - { name: canary, weight: 10, gates: [errors] }
  - { name: full, weight: 100 }
gates:
  errors: { metric: error_rate, test: proportions, maxIncrease: 1pp }
rollback:
  - { metric: error_rate, increase: 2pp }
`;

export function policy(name: string, body: string = POLICY_BODY): string {
  return `apiVersion: glidepath.dev/v1\nkind: RolloutPolicy\nmetadata:\n  name: ${name}\nspec:\n${indent(body)}`;
}

export const RELEASE_BODY = `policy: default
target: { provider: flags, key: assistant }
champion: { model: model-a, prompt: prompts/a.md }
challenger: { model: model-b, prompt: prompts/b.md }
`;

export function release(name: string, body: string = RELEASE_BODY): string {
  return `apiVersion: glidepath.dev/v1\nkind: Release\nmetadata:\n  name: ${name}\nspec:\n${indent(body)}`;
}

function indent(body: string): string {
  return body.split('\n').map((line) => (line === '' ? line : `  ${line}`)).join('\n');
}

export const BASE_FILES: Readonly<Record<string, string>> = {
  'glidepath.yaml': CONFIG,
  'policies/default.yaml': policy('default'),
  'releases/assistant.yaml': release('assistant'),
  'prompts/a.md': 'Be helpful.\n',
  'prompts/b.md': 'Be helpful and brief.\n',
};

/** A snapshot of the base repository with `changes` applied (`null` deletes a file). */
export function snapshotWith(changes: Readonly<Record<string, string | Uint8Array | null>> = {}, readerProblems: Problem[] = []): RepoSnapshot {
  const files = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  for (const [path, text] of Object.entries({ ...BASE_FILES, ...changes })) {
    if (text === null) continue;
    files.set(path, typeof text === 'string' ? encoder.encode(text) : text);
  }
  return { files, problems: readerProblems };
}

export function loadWith(changes: Readonly<Record<string, string | Uint8Array | null>> = {}): LoadResult {
  return loadRepository(snapshotWith(changes));
}

/** 1-based line and column of the first occurrence of `needle` in `text` (after `after`, when given). */
export function positionOf(text: string, needle: string, after = ''): { line: number; col: number } {
  const from = after ? text.indexOf(after) : 0;
  assert.ok(from >= 0, `marker ${JSON.stringify(after)} not in text`);
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${JSON.stringify(needle)} not in text`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/** The only problem with `rule`; fails when there is none or more than one. */
export function onlyProblem(result: LoadResult, rule: string): Problem {
  const matching = result.problems.filter((p) => p.rule === rule);
  assert.equal(matching.length, 1, `expected exactly one ${rule}, got:\n${result.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.rule} ${p.message}`).join('\n')}`);
  return matching[0] as Problem;
}

/** Asserts a problem's file, position and severity. */
export function assertAt(problem: Problem, file: string, position: { line: number; col: number }, severity: 'error' | 'warning' = 'error'): void {
  assert.deepEqual({ file: problem.file, line: problem.line, col: problem.col, severity: problem.severity }, { file, ...position, severity });
}
