import type { Problem } from '../../problem.js';
import type { Release, RolloutPolicy } from '../../model/index.js';
import { TARGET_FIELDS } from '../generated/target-fields.js';
import { didYouMean } from '../did-you-mean.js';
import { findRepoPathProblem, normalizeRepoPath } from '../repo-path.js';
import type { SourceDocument } from '../source-document.js';
import type { SemanticRule } from './rule-context.js';

/** A release follows a policy that exists. */
const policyExists: SemanticRule = ({ repository, knownPolicies }) => {
  const problems: Problem[] = [];
  const names = [...knownPolicies];
  for (const release of repository.releases.values()) {
    const policy = release.value.spec.policy;
    if (knownPolicies.has(policy)) continue;
    problems.push(release.report({
      path: ['spec', 'policy'], at: 'value', severity: 'error', rule: 'release/unknown-policy',
      message: `release \`${release.value.metadata.name}\` follows policy \`${policy}\`, which no file in policies/ defines`,
      hint: didYouMean(policy, names) ?? (names.length > 0 ? `defined policies: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}` : 'add a RolloutPolicy under policies/'),
    }));
  }
  return problems;
};

/** A release's traffic target names a provider of glidepath.yaml. */
const providerExists: SemanticRule = ({ repository }) => {
  const config = repository.config;
  if (!config) return [];
  const providers = config.value.spec.providers.map((p) => p.name);
  const problems: Problem[] = [];
  for (const release of repository.releases.values()) {
    const provider = release.value.spec.target.provider;
    if (providers.includes(provider)) continue;
    problems.push(release.report({
      path: ['spec', 'target', 'provider'], at: 'value', severity: 'error', rule: 'release/unknown-provider',
      message: `release \`${release.value.metadata.name}\` shifts traffic through provider \`${provider}\`, which glidepath.yaml does not define`,
      hint: didYouMean(provider, providers) ?? `defined providers: ${providers.join(', ')}`,
    }));
  }
  return problems;
};

/**
 * A release's target carries only the fields its provider's type knows (SageMaker's variants,
 * Azure ML's deployments): the release schema cannot say which, since the type is in glidepath.yaml.
 */
const targetFieldsKnown: SemanticRule = ({ repository }) => {
  const config = repository.config;
  if (!config) return [];
  const problems: Problem[] = [];
  for (const release of repository.releases.values()) {
    const target = release.value.spec.target as Release['spec']['target'] & Readonly<Record<string, unknown>>;
    const type = config.value.spec.providers.find((p) => p.name === target.provider)?.type;
    const known = type === undefined ? undefined : TARGET_FIELDS[type];
    if (known === undefined) continue;
    for (const field of Object.keys(target)) {
      if (field === 'provider' || field === 'key' || known.includes(field)) continue;
      problems.push(release.report({
        path: ['spec', 'target', field], at: 'key', severity: 'error', rule: 'schema/unknown-field',
        message: `unknown field \`${field}\` in spec.target for a ${type} provider`,
        hint: didYouMean(field, known) ?? `allowed here: ${['provider', 'key', ...known].join(', ')}`,
      }));
    }
  }
  return problems;
};

/** Prompt files stay inside the repository and exist. */
const promptFiles: SemanticRule = ({ repository, paths }) => {
  const problems: Problem[] = [];
  for (const release of repository.releases.values()) {
    for (const bundle of ['champion', 'challenger'] as const) {
      const prompt = release.value.spec[bundle].prompt;
      if (prompt === undefined) continue;
      const path = ['spec', bundle, 'prompt'];
      const reason = findRepoPathProblem(prompt);
      if (reason) {
        problems.push(release.report({ path, at: 'value', severity: 'error', rule: 'path/outside-repository', message: `the ${bundle}'s prompt path ${reason}` }));
        continue;
      }
      const normalized = normalizeRepoPath(prompt);
      if (repository.files.has(normalized)) continue;
      problems.push(release.report({
        path, at: 'value', severity: 'error', rule: 'release/missing-prompt',
        message: `the ${bundle}'s prompt file \`${normalized}\` does not exist`,
        hint: didYouMean(normalized, paths) ?? 'paths are relative to the repository root',
      }));
    }
  }
  return problems;
};

/** An offline gate names a results file that stays inside the repository and exists, and, for promptfoo, the two arms' labels. */
const offlineGate: SemanticRule = ({ repository, paths }) => {
  const problems: Problem[] = [];
  for (const release of repository.releases.values()) {
    const gate = release.value.spec.offlineGate;
    if (!gate) continue;
    if (gate.source === 'promptfoo') {
      for (const role of ['champion', 'challenger'] as const) {
        if (gate[role] !== undefined) continue;
        problems.push(release.report({
          path: ['spec', 'offlineGate'], at: 'key', severity: 'error', rule: 'release/offline-gate-labels',
          message: `a promptfoo offline gate needs \`${role}\`: the provider label (or prompt label) the ${role} ran under in the eval`,
          hint: `add \`${role}: <label>\`, as in promptfooconfig.yaml's providers`,
        }));
      }
    }
    const path = ['spec', 'offlineGate', 'results'];
    const reason = findRepoPathProblem(gate.results);
    if (reason) {
      problems.push(release.report({ path, at: 'value', severity: 'error', rule: 'path/outside-repository', message: `the offline gate's results path ${reason}` }));
      continue;
    }
    const normalized = normalizeRepoPath(gate.results);
    if (repository.files.has(normalized)) continue;
    problems.push(release.report({
      path, at: 'value', severity: 'error', rule: 'release/missing-offline-results',
      message: `the offline gate's results file \`${normalized}\` does not exist (or is larger than 1 MiB)`,
      hint: didYouMean(normalized, paths) ?? 'commit the eval\'s output with the release (`promptfoo eval -o <path>`); paths are relative to the repository root',
    }));
  }
  return problems;
};

/** The index of the stage that first serves everyone, or the last stage when none does. */
function fullStageIndex(policy: RolloutPolicy): number {
  const index = policy.spec.stages.findIndex((s) => s.mode !== 'shadow' && s.weight === 100);
  return index === -1 ? policy.spec.stages.length - 1 : index;
}

/** A high-risk release waits for a person before it reaches everyone. */
const highRiskNeedsApproval: SemanticRule = ({ repository }) => {
  const problems: Problem[] = [];
  for (const release of repository.releases.values()) {
    if (release.value.spec.risk !== 'high') continue;
    const policy: SourceDocument<RolloutPolicy> | undefined = repository.policies.get(release.value.spec.policy);
    if (!policy) continue;
    const full = fullStageIndex(policy.value);
    const stages = policy.value.spec.stages;
    if (stages.slice(0, full + 1).some((s) => s.approval === 'required')) continue;
    const fullStage = stages[full];
    problems.push(release.report({
      path: ['spec', 'risk'], at: 'value', severity: 'error', rule: 'release/high-risk-approval',
      message: `release \`${release.value.metadata.name}\` is high-risk, but its policy \`${policy.value.metadata.name}\` (${policy.file}) reaches ${fullStage?.weight ?? 'its last stage'}${fullStage?.weight !== undefined ? '%' : ''} without an approval`,
      hint: `add \`approval: required\` to stage \`${fullStage?.name ?? 'the last stage'}\` or an earlier one, or follow a policy that has it`,
    }));
  }
  return problems;
};

export const releaseRules: readonly SemanticRule[] = [policyExists, providerExists, targetFieldsKnown, promptFiles, offlineGate, highRiskNeedsApproval];
