import type { Problem } from '../../problem.js';
import type { Stage } from '../../model/index.js';
import type { ProviderCapabilities } from '../../../ports/traffic-provider.js';
import type { SemanticRule } from './rule-context.js';

/** What a stage asks of its provider that the provider cannot do: the stage field at fault and the words. */
export interface CapabilityGap {
  readonly field: 'mode' | 'segment' | 'weight';
  readonly message: string;
  readonly hint: string;
}

/**
 * The gaps between one stage and the provider that would carry it out. Policies are shared by
 * releases, so `provider` names the one in question ("provider flags (flagd)").
 */
export function stageCapabilityGaps(stage: Stage, capabilities: ProviderCapabilities, provider: string): CapabilityGap[] {
  const gaps: CapabilityGap[] = [];
  if (stage.mode === 'shadow' && capabilities.shadow === 'none') {
    gaps.push({ field: 'mode', message: `stage \`${stage.name}\` is a shadow stage, but ${provider} cannot serve shadow traffic (shadow: none)`, hint: 'drop the shadow stage from this policy, or use a provider that mirrors requests or records a shadow marker' });
  }
  if (stage.segment && !capabilities.segments) {
    gaps.push({ field: 'segment', message: `stage \`${stage.name}\` routes the ${stage.segment.attribute} ring, but ${provider} cannot route segments`, hint: 'remove `segment` from the stage (a weight-only stage), or use a provider that routes context attributes' });
  }
  const weight = stage.weight;
  if (weight !== undefined && !isMultiple(weight, capabilities.weightStep)) {
    const below = Math.floor(weight / capabilities.weightStep) * capabilities.weightStep;
    gaps.push({ field: 'weight', message: `stage \`${stage.name}\` asks for ${weight}%, but ${provider} stores weights in steps of ${capabilities.weightStep}%`, hint: `use a multiple of ${capabilities.weightStep}, such as ${round(below)} or ${round(below + capabilities.weightStep)}` });
  }
  return gaps;
}

/**
 * Every stage a release will run can be carried out by the release's provider: a ring stage needs
 * segments, a shadow stage a provider that is not `shadow: none`, a weight a multiple of the
 * provider's step. Checked per release → policy → provider, and reported at the policy's stage
 * (once per policy, stage and provider type, naming the releases that use the pair).
 */
export const providerCapabilityRule: SemanticRule = ({ repository, providerCapabilities }) => {
  const config = repository.config?.value;
  if (!providerCapabilities || !config) return [];
  const found = new Map<string, { policy: string; index: number; gap: CapabilityGap; releases: string[] }>();
  for (const release of repository.releases.values()) {
    const policy = repository.policies.get(release.value.spec.policy);
    const entry = config.spec.providers.find((p) => p.name === release.value.spec.target.provider);
    const capabilities = entry ? providerCapabilities[entry.type] : undefined;
    if (!policy || !entry || !capabilities) continue;
    policy.value.spec.stages.forEach((stage, index) => {
      for (const gap of stageCapabilityGaps(stage, capabilities, `provider ${entry.name} (${entry.type})`)) {
        const key = `${policy.value.metadata.name}\u0000${index}\u0000${gap.field}\u0000${entry.name}`;
        const seen = found.get(key);
        if (seen) seen.releases.push(release.value.metadata.name);
        else found.set(key, { policy: policy.value.metadata.name, index, gap, releases: [release.value.metadata.name] });
      }
    });
  }
  const problems: Problem[] = [];
  for (const { policy, index, gap, releases } of found.values()) {
    const document = repository.policies.get(policy)!;
    problems.push(document.report({
      path: ['spec', 'stages', index, gap.field], at: 'key', severity: 'error', rule: 'policy/provider-capability',
      message: `${gap.message}, which release${releases.length === 1 ? '' : 's'} ${releases.join(', ')} ${releases.length === 1 ? 'uses' : 'use'}`,
      hint: gap.hint,
    }));
  }
  return problems;
};

/** Within a millionth of a step: 0.3 is a multiple of 0.1, though 0.3 / 0.1 is not an integer in floating point. */
function isMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-6;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** `shadow: marker, segments, weight step 0.01%, settles now`: what plans show beside a release's provider. */
export function describeCapabilities(capabilities: ProviderCapabilities): string {
  return `shadow: ${capabilities.shadow}, ${capabilities.segments ? 'segments' : 'no segments'}, weight step ${capabilities.weightStep}%, settles ${capabilities.settles}${capabilities.stickiness === 'per-request' ? ', routes each request on its own' : ''}`;
}

/**
 * What a plan warns when the provider does not keep a user on one arm: a user who meets both
 * models in one conversation spoils the comparison (requests are not independent) and is confused.
 */
export function stickinessWarning(providerType: string, capabilities: ProviderCapabilities | undefined): string | undefined {
  if (capabilities?.stickiness !== 'per-request') return undefined;
  return `${providerType} routes each request on its own: one user can meet both the champion and the challenger, which spoils the comparison and confuses users. Pin users to an arm in the application, or use a provider that keeps them (docs/providers/${providerType}.md).`;
}
