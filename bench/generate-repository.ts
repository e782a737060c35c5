import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a Glidepath repository with `releases` releases spread over `policies` policies. A
 * variant above 0 changes every tenth release file and every tenth policy, and revises every
 * prompt (every release names two), so a plan against variant 0 covers every release;
 * `revisedPrompts: 'every-tenth'` revises only prompts 0, 10, 20, … (a fifth of the releases name one).
 */
export function generateRepository(root: string, opts: { releases: number; policies: number; variant?: number; revisedPrompts?: 'every' | 'every-tenth' }): void {
  const variant = opts.variant ?? 0;
  const revisedPrompts = opts.revisedPrompts ?? 'every';
  for (const dir of ['policies', 'releases', 'prompts']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'glidepath.yaml'), `apiVersion: glidepath.dev/v1
kind: Config
metadata: { name: bench }
spec:
  providers:
    - { name: flags, type: flagd, path: flags/flags.json }
  metrics:
    sources:
      - { name: warehouse, type: file, path: "metrics/{release}.json" }
    definitions:
      - { name: error_rate, source: warehouse, type: proportion, direction: lower-is-better }
      - { name: task_completion, source: warehouse, type: proportion, direction: higher-is-better }
      - { name: latency_ms, source: warehouse, type: continuous, direction: lower-is-better, unit: ms }
      - { name: cost_per_call, source: warehouse, type: continuous, direction: lower-is-better, unit: USD }
  traffic: { requestsPerHour: 50000 }
  approvers: [octocat]
`);
  for (let p = 0; p < opts.policies; p++) {
    // Every tenth policy changes between variants, half of those by weakening a gate.
    const changed = variant > 0 && p % 10 === 0;
    const margin = changed && p % 20 === 0 ? '1pp' : '0.5pp';
    const bake = changed && p % 20 !== 0 ? '12h' : '24h';
    writeFileSync(join(root, 'policies', `policy-${p}.yaml`), `apiVersion: glidepath.dev/v1
kind: RolloutPolicy
metadata: { name: policy-${p} }
spec:
  strategy: shadow-then-canary
  window: { days: [mon, tue, wed, thu], hours: "09:00-16:00", timezone: Europe/Berlin }
  stages:
    - { name: shadow, mode: shadow, minDuration: 48h, minSamples: 10000, gates: [latency-p99] }
    - { name: canary-5, weight: 5, minDuration: ${bake}, minSamples: 2000, gates: [errors, latency, cost, completion] }
    - { name: canary-25, weight: 25, minDuration: 24h, gates: [errors, latency, cost, completion] }
    - { name: canary-50, weight: 50, minDuration: 12h, gates: [errors, latency, cost] }
    - { name: full, weight: 100, approval: required, watch: 72h }
  gates:
    errors: { metric: error_rate, test: proportions, maxIncrease: ${margin}, critical: true }
    completion: { metric: task_completion, test: proportions, nonInferiority: 2pp }
    latency: { metric: latency_ms, test: mann-whitney, maxIncrease: 10% }
    latency-p99: { metric: latency_ms, test: quantile, quantile: 0.99, max: 2500 }
    cost: { metric: cost_per_call, test: welch, maxIncrease: 10% }
  rollback:
    - { metric: error_rate, increase: 2pp }
    - { metric: latency_ms, quantile: 0.95, above: 2500 }
    - { metric: cost_per_call, above: 0.02 }
`);
  }
  const prompts = Math.max(1, Math.ceil(opts.releases / 10));
  for (let i = 0; i < prompts; i++) {
    const revised = variant > 0 && (revisedPrompts === 'every' || i % 10 === 0);
    const lines = Array.from({ length: 40 }, (_, l) => `Instruction ${l} for assistant ${i}${revised && l % 13 === 0 ? ' (revised)' : ''}.`);
    writeFileSync(join(root, 'prompts', `prompt-${i}.md`), `${lines.join('\n')}\n`);
  }
  for (let r = 0; r < opts.releases; r++) {
    const changed = variant > 0 && r % 10 === 0;
    const model = changed ? 'openai/gpt-4.1-2025-04-14' : 'openai/gpt-4o-2024-08-06';
    writeFileSync(join(root, 'releases', `release-${r}.yaml`), `apiVersion: glidepath.dev/v1
kind: Release
metadata: { name: release-${r} }
spec:
  policy: policy-${r % opts.policies}
  owner: "@acme/team-${r % 17}"
  risk: ${r % 3 === 0 ? 'high' : 'medium'}
  target: { provider: flags, key: feature-${r} }
  champion:
    model: openai/gpt-4o-mini-2024-07-18
    prompt: prompts/prompt-${r % prompts}.md
    parameters: { temperature: 0.2, maxTokens: 512 }
  challenger:
    model: ${model}
    prompt: prompts/prompt-${(r + 1) % prompts}.md
    parameters: { temperature: 0.2, maxTokens: 512 }
    tools: [search]
`);
  }
}
