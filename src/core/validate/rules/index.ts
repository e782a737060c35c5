import { configRules } from './config-rules.js';
import { policyMetricRules } from './policy-metric-rules.js';
import { policyScheduleRules } from './policy-schedule-rules.js';
import { policyStageRules } from './policy-stage-rules.js';
import { releaseRules } from './release-rules.js';
import { providerCapabilityRule } from './provider-capability-rules.js';
import type { SemanticRule } from './rule-context.js';
import { trafficPopulationRule } from './traffic-rules.js';

/** Every semantic rule, run after the schema on documents that passed it. A new rule is one function added to a list here. */
export const semanticRules: readonly SemanticRule[] = [
  ...configRules,
  ...policyStageRules,
  ...policyScheduleRules,
  ...policyMetricRules,
  ...releaseRules,
  providerCapabilityRule,
  trafficPopulationRule,
];

export type { RuleContext, RuleRepository, SemanticRule } from './rule-context.js';
