import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GlidepathRepository } from '../../../src/core/model/index.js';
import { loadRepository } from '../../../src/core/validate/load-repository.js';

export const QUICKSTART = fileURLToPath(new URL('../../../examples/quickstart/', import.meta.url));

/** Every file of examples/quickstart, by repository path. */
export function quickstartFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(QUICKSTART, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(QUICKSTART);
  return files;
}

/** A repository loaded from in-memory files; fails the test when the files have errors. */
export function repositoryOf(files: Readonly<Record<string, string>>, allowProblems = false): GlidepathRepository {
  const encoder = new TextEncoder();
  const map = new Map(Object.entries(files).map(([path, text]) => [path, encoder.encode(text)]));
  const { repository, problems } = loadRepository({ files: map, problems: [] });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 && !allowProblems) throw new Error(`fixture has problems:\n${errors.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n')}`);
  return repository;
}

/** Replaces `from` with `to` in a file, failing loudly when the text is not there (so edits never silently no-op). */
export function edit(files: Record<string, string>, path: string, from: string, to: string): void {
  const text = files[path];
  if (text === undefined || !text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
  files[path] = text.replace(from, to);
}

/**
 * The pull request the plan tests and fixtures use: the support assistant gets a new prompt
 * line, and the model-upgrade policy is weakened (a looser error gate, a stage without its cost
 * gate, a shorter bake time, the approval dropped, a rollback criterion removed).
 */
export function weakeningPullRequest(): { base: Record<string, string>; head: Record<string, string> } {
  const base = quickstartFiles();
  const head = { ...base };
  edit(head, 'prompts/support-v2.md', '\n', '\nAlways cite the document you used.\n');
  edit(head, 'policies/model-upgrade.yaml', 'maxIncrease: 0.5pp, critical: true', 'maxIncrease: 2pp');
  edit(head, 'policies/model-upgrade.yaml', '{ name: canary-25, weight: 25, minDuration: 2h, minSamples: 5000, gates: [errors, latency, cost] }', '{ name: canary-25, weight: 25, minDuration: 30m, minSamples: 5000, gates: [errors, latency] }');
  edit(head, 'policies/model-upgrade.yaml', '{ name: full, weight: 100, approval: required, watch: 2h }', '{ name: full, weight: 100, watch: 2h }');
  edit(head, 'policies/model-upgrade.yaml', "    - { metric: cost_per_call, above: 0.02 }\n", '');
  edit(head, 'releases/support-assistant.yaml', 'risk: high', 'risk: medium');
  return { base, head };
}
