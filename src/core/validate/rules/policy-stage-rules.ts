import type { Problem } from '../../problem.js';
import type { RolloutPolicy, Stage } from '../../model/index.js';
import { parseDuration } from '../../model/duration.js';
import { didYouMean } from '../did-you-mean.js';
import type { SourceDocument } from '../source-document.js';
import type { SemanticRule } from './rule-context.js';

type Policy = SourceDocument<RolloutPolicy>;

function eachPolicy(check: (policy: Policy, problems: Problem[]) => void): SemanticRule {
  return ({ repository }) => {
    const problems: Problem[] = [];
    for (const policy of repository.policies.values()) check(policy, problems);
    return problems;
  };
}

const stagePath = (index: number, ...rest: string[]): (string | number)[] => ['spec', 'stages', index, ...rest];

function isShadow(stage: Stage): boolean {
  return stage.mode === 'shadow';
}

/** Stage names are unique within a policy: state, approvals and reports name stages. */
const uniqueStageNames = eachPolicy((policy, problems) => {
  const first = new Map<string, number>();
  policy.value.spec.stages.forEach((stage, index) => {
    const earlier = first.get(stage.name);
    if (earlier === undefined) {
      first.set(stage.name, index);
      return;
    }
    problems.push(policy.report({
      path: stagePath(index, 'name'), at: 'value', severity: 'error', rule: 'policy/duplicate-stage',
      message: `stage name \`${stage.name}\` is used twice in this policy (stages ${earlier + 1} and ${index + 1})`,
      hint: 'give each stage its own name',
    }));
  });
});

/** Every gate a stage lists is defined in `spec.gates`; every defined gate is used somewhere. */
const gateReferences = eachPolicy((policy, problems) => {
  const gates = Object.keys(policy.value.spec.gates ?? {});
  const used = new Set<string>();
  policy.value.spec.stages.forEach((stage, index) => {
    (stage.gates ?? []).forEach((gate, g) => {
      used.add(gate);
      if (gates.includes(gate)) return;
      problems.push(policy.report({
        path: ['spec', 'stages', index, 'gates', g], at: 'value', severity: 'error', rule: 'policy/unknown-gate',
        message: `stage \`${stage.name}\` lists gate \`${gate}\`, which spec.gates does not define`,
        hint: didYouMean(gate, gates) ?? (gates.length > 0 ? `defined gates: ${gates.join(', ')}` : 'define it under spec.gates'),
      }));
    });
  });
  for (const gate of gates) {
    if (used.has(gate)) continue;
    problems.push(policy.report({
      path: ['spec', 'gates', gate], at: 'key', severity: 'warning', rule: 'policy/unused-gate',
      message: `gate \`${gate}\` is defined but no stage lists it, so it never runs`,
      hint: 'add it to the `gates` of the stages it should guard, or remove it',
    }));
  }
});

/**
 * Exposure only grows: shadow stages carry no weight and come before any traffic; each traffic
 * stage sends more than the one before (or widens a ring); the ramp ends at 100% unless the
 * strategy is a standing `ab` split.
 */
const stageWeights = eachPolicy((policy, problems) => {
  const { strategy, stages } = policy.value.spec;
  let previous: { stage: Stage; index: number; weight: number } | undefined;
  stages.forEach((stage, index) => {
    if (isShadow(stage)) {
      if (stage.weight !== undefined && stage.weight > 0) {
        problems.push(policy.report({
          path: stagePath(index, 'weight'), at: 'value', severity: 'error', rule: 'policy/shadow-weight',
          message: `shadow stage \`${stage.name}\` has weight ${stage.weight}, but a shadow stage serves nobody: the challenger only sees mirrored requests`,
          hint: 'remove `weight`, or make it a traffic stage (`mode: traffic`)',
        }));
      }
      if (previous) {
        problems.push(policy.report({
          path: stagePath(index, 'mode'), at: 'value', severity: 'error', rule: 'policy/weights-increase',
          message: `shadow stage \`${stage.name}\` comes after traffic stage \`${previous.stage.name}\` (${previous.weight}%); shadow stages go before any traffic moves`,
          hint: 'move the shadow stage to the start of the list',
        }));
      }
      return;
    }
    // A ring stage routes its segment to the challenger; without a weight, nobody else.
    const weight = stage.weight ?? (stage.segment ? 0 : undefined);
    if (weight === undefined) {
      problems.push(policy.report({
        path: stagePath(index), at: 'value', severity: 'error', rule: 'policy/missing-weight',
        message: `traffic stage \`${stage.name}\` has no \`weight\``,
        hint: 'add `weight:` (percent of requests the challenger serves), or `mode: shadow` for a mirrored stage',
      }));
      return;
    }
    if (previous && (weight < previous.weight || (weight === previous.weight && !stage.segment))) {
      const relation = weight < previous.weight ? 'less than' : 'the same as';
      problems.push(policy.report({
        path: stagePath(index, 'weight'), at: 'value', severity: 'error', rule: 'policy/weights-increase',
        message: `stage \`${stage.name}\` sends ${weight}% to the challenger, ${relation} stage \`${previous.stage.name}\` before it (${previous.weight}%); weights must increase from stage to stage`,
        hint: weight === previous.weight ? 'raise the weight, merge the two stages, or widen a ring with `segment`' : 'order the stages by weight',
      }));
    }
    previous = { stage, index, weight };
  });
  const lastIndex = stages.length - 1;
  const last = stages[lastIndex];
  if (!last || strategy === 'ab') return;
  const lastWeight = isShadow(last) ? 0 : last.weight;
  if (lastWeight !== undefined && lastWeight !== 100) {
    problems.push(policy.report({
      path: last.weight === undefined ? stagePath(lastIndex) : stagePath(lastIndex, 'weight'), at: 'value', severity: 'error', rule: 'policy/last-stage-full',
      message: `the last stage \`${last.name}\` sends ${lastWeight}% to the challenger; a \`${strategy}\` rollout ends at 100%`,
      hint: 'add a final stage with `weight: 100`, or use `strategy: ab` for a standing split',
    }));
  }
});

/** The strategy and the stages agree about shadowing. */
const strategyMatchesStages = eachPolicy((policy, problems) => {
  const { strategy, stages } = policy.value.spec;
  const first = stages[0];
  if (strategy === 'shadow-then-canary' && first && !isShadow(first)) {
    problems.push(policy.report({
      path: stagePath(0), at: 'value', severity: 'error', rule: 'policy/shadow-first',
      message: `a \`shadow-then-canary\` policy starts with a shadow stage, but stage \`${first.name}\` shifts traffic`,
      hint: 'add a first stage with `mode: shadow`, or use `strategy: canary`',
    }));
  }
  // Blue/green verifies the new stack on mirrored traffic before the flip; only ramps and A/B tests have no shadow.
  if (strategy !== 'shadow-then-canary' && strategy !== 'blue-green') {
    const index = stages.findIndex(isShadow);
    if (index !== -1) {
      problems.push(policy.report({
        path: stagePath(index, 'mode'), at: 'value', severity: 'warning', rule: 'policy/strategy-mismatch',
        message: `stage \`${(stages[index] as Stage).name}\` is a shadow stage, but the strategy is \`${strategy}\``,
        hint: 'use `strategy: shadow-then-canary` so that plans and reports describe the rollout correctly',
      }));
    }
  }
});

/** `watch` belongs to the last stage: it is the bake time at 100% before the challenger becomes champion. */
const watchOnLastStage = eachPolicy((policy, problems) => {
  const { stages } = policy.value.spec;
  stages.forEach((stage, index) => {
    if (stage.watch === undefined || index === stages.length - 1) return;
    problems.push(policy.report({
      path: stagePath(index, 'watch'), at: 'key', severity: 'error', rule: 'policy/watch-last',
      message: `stage \`${stage.name}\` has \`watch\`, which only the last stage may have`,
      hint: 'use `minDuration` for bake time in earlier stages',
    }));
  });
});

/** Durations parse, and a stage's minimum is not longer than its maximum. */
const stageDurations = eachPolicy((policy, problems) => {
  policy.value.spec.stages.forEach((stage, index) => {
    const parsed: Partial<Record<'minDuration' | 'maxDuration' | 'watch', number>> = {};
    for (const field of ['minDuration', 'maxDuration', 'watch'] as const) {
      const text = stage[field];
      if (text === undefined) continue;
      const ms = parseDuration(text);
      if (ms === undefined) {
        problems.push(policy.report({
          path: stagePath(index, field), at: 'value', severity: 'error', rule: 'policy/duration',
          message: `\`${field}\` of stage \`${stage.name}\` is not a duration Glidepath can use`,
          hint: 'write it like `30m`, `24h`, `2d` or `1h30m`',
        }));
      } else {
        parsed[field] = ms;
      }
    }
    if (parsed.minDuration !== undefined && parsed.maxDuration !== undefined && parsed.minDuration > parsed.maxDuration) {
      problems.push(policy.report({
        path: stagePath(index, 'maxDuration'), at: 'value', severity: 'error', rule: 'policy/duration-order',
        message: `stage \`${stage.name}\` must last at least ${stage.minDuration} but at most ${stage.maxDuration}`,
        hint: 'make maxDuration at least as long as minDuration',
      }));
    }
  });
});

export const policyStageRules: readonly SemanticRule[] = [uniqueStageNames, gateReferences, stageWeights, strategyMatchesStages, watchOnLastStage, stageDurations];
