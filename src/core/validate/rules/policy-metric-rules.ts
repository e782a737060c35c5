import type { Problem } from '../../problem.js';
import type { Gate, MetricDefinition, RollbackCriterion, RolloutPolicy } from '../../model/index.js';
import { formatMargin, parseMargin } from '../../model/margin.js';
import { didYouMean } from '../did-you-mean.js';
import type { SourceDocument } from '../source-document.js';
import type { SemanticRule } from './rule-context.js';

type Policy = SourceDocument<RolloutPolicy>;
type Path = (string | number)[];

/** Which tests suit which metric type: rates are compared as proportions, values per request by mean, rank or quantile. */
const TESTS_FOR: Readonly<Record<MetricDefinition['type'], readonly Gate['test'][]>> = {
  proportion: ['proportions'],
  continuous: ['welch', 'mann-whitney', 'quantile', 'ratio', 'net-benefit'],
};

/** Beyond these a margin lets the challenger be so much worse that the gate can barely fail. */
const LOOSE_RELATIVE = 1.0;
const LOOSE_POINTS = 0.5;

function metricReference(policy: Policy, path: Path, metric: string, owner: string, metrics: ReadonlyMap<string, MetricDefinition>, problems: Problem[]): MetricDefinition | undefined {
  const definition = metrics.get(metric);
  if (definition) return definition;
  problems.push(policy.report({
    path, at: 'value', severity: 'error', rule: 'policy/unknown-metric',
    message: `${owner} uses metric \`${metric}\`, which glidepath.yaml does not define`,
    hint: didYouMean(metric, metrics.keys()) ?? `defined metrics: ${[...metrics.keys()].join(', ')}`,
  }));
  return undefined;
}

/** A margin's unit must suit the metric: percentage points only measure rates. */
function checkMarginUnit(policy: Policy, path: Path, field: string, margin: string | number, owner: string, definition: MetricDefinition, problems: Problem[]): void {
  const parsed = parseMargin(margin);
  if (parsed?.kind !== 'points' || definition.type === 'proportion') return;
  problems.push(policy.report({
    path, at: 'value', severity: 'error', rule: 'policy/margin-unit',
    message: `${owner} gives \`${field}\` in percentage points (\`${String(margin)}\`), but \`${definition.name}\` is a continuous metric, not a rate`,
    hint: `use a relative margin such as \`10%\`, or a number in the metric's unit${definition.unit ? ` (${definition.unit})` : ''}`,
  }));
}

function checkGate(policy: Policy, name: string, gate: Gate, metrics: ReadonlyMap<string, MetricDefinition> | undefined, problems: Problem[]): void {
  const base: Path = ['spec', 'gates', name];
  const owner = `gate \`${name}\``;
  const versus = gate.versus ?? (gate.test === 'quantile' ? 'absolute' : 'control');
  const report = (field: string | undefined, severity: 'error' | 'warning', rule: string, message: string, hint: string): void => {
    problems.push(policy.report({ path: field ? [...base, field] : base, at: field ? 'value' : 'key', severity, rule, message, hint }));
  };

  if (gate.test === 'quantile') {
    if (gate.quantile === undefined) report(undefined, 'error', 'policy/gate-quantile', `${owner} uses the quantile test but names no \`quantile\``, 'add `quantile:` such as 0.99 for p99');
    if (versus === 'control') report('versus', 'error', 'policy/gate-versus', `${owner} uses the quantile test, which checks a quantile against an absolute bound, not against control`, 'remove `versus: control` and set `max` or `min`; use `mann-whitney` to compare the whole distribution with control');
  } else if (gate.quantile !== undefined) {
    report('quantile', 'warning', 'policy/gate-quantile', `${owner} sets \`quantile\`, which only the quantile test uses; it is ignored`, 'remove `quantile`, or use `test: quantile`');
  }
  if (versus === 'absolute' && gate.max === undefined && gate.min === undefined) {
    report(undefined, 'error', 'policy/gate-bound', `${owner} compares with an absolute bound but sets neither \`max\` nor \`min\``, 'add `max:` (for lower-is-better metrics) or `min:` (for higher-is-better metrics)');
  }
  checkCostGate(gate, owner, versus, report);
  if (versus === 'control' && gate.test !== 'quantile' && gate.test !== 'net-benefit') {
    if (gate.maxIncrease === undefined && gate.nonInferiority === undefined) {
      report(undefined, 'error', 'policy/gate-margin', `${owner} compares with control but states no margin`, 'add `maxIncrease` (fail when worse by more than this) or `nonInferiority` (pass only when shown no worse than this)');
    } else if (gate.maxIncrease !== undefined && gate.nonInferiority !== undefined) {
      report('nonInferiority', 'warning', 'policy/gate-margin', `${owner} sets both \`maxIncrease\` and \`nonInferiority\`; they put the burden of proof on different sides`, 'keep one: `maxIncrease` fails on evidence of harm, `nonInferiority` passes only on evidence of no harm');
    }
  }
  for (const field of ['maxIncrease', 'nonInferiority'] as const) {
    const margin = gate[field];
    if (margin === undefined) continue;
    const parsed = parseMargin(margin);
    if (!parsed) continue;
    if (field === 'maxIncrease' && parsed.value === 0) {
      report(field, 'warning', 'policy/margin-zero', `${owner} has \`maxIncrease: ${String(margin)}\`, so any detectable increase fails it, however small`, 'state the increase you can live with, such as `0.5pp` or `5%`');
    } else if ((parsed.kind === 'relative' && parsed.value > LOOSE_RELATIVE) || (parsed.kind === 'points' && parsed.value > LOOSE_POINTS)) {
      report(field, 'warning', 'policy/margin-loose', `${owner} allows the challenger to be worse by ${formatMargin(parsed)}; this gate can barely fail`, parsed.kind === 'points' ? 'margins in percentage points are usually a few pp' : 'relative margins are usually a few percent');
    }
  }

  if (!metrics) return;
  const definition = metricReference(policy, [...base, 'metric'], gate.metric, owner, metrics, problems);
  if (!definition) return;
  if (!TESTS_FOR[definition.type].includes(gate.test)) {
    const suitable = TESTS_FOR[definition.type];
    report('test', 'error', 'policy/gate-test', `${owner} uses the \`${gate.test}\` test on \`${definition.name}\`, a ${definition.type} metric`, `use ${suitable.map((t) => `\`${t}\``).join(', ')} for ${definition.type} metrics`);
  }
  for (const field of ['maxIncrease', 'nonInferiority'] as const) {
    const margin = gate[field];
    if (margin !== undefined) checkMarginUnit(policy, [...base, field], field, margin, owner, definition, problems);
  }
}

type Report = (field: string | undefined, severity: 'error' | 'warning', rule: string, message: string, hint: string) => void;

/**
 * The ratio and net-benefit gates (decision 0019): a ratio is compared as a fraction of
 * control's, a net benefit needs its price of quality, and neither has an absolute form; their
 * own fields mean nothing on other gates.
 */
function checkCostGate(gate: Gate, owner: string, versus: 'control' | 'absolute', report: Report): void {
  const costGate = gate.test === 'ratio' || gate.test === 'net-benefit';
  if (!costGate) {
    for (const field of ['willingnessToPay', 'minNetBenefit'] as const) {
      if (gate[field] !== undefined) report(field, 'warning', 'policy/gate-field-unused', `${owner} sets \`${field}\`, which only net-benefit gates use; it is ignored`, 'remove it, or use `test: net-benefit`');
    }
    // Rate and mean gates compared with control are sized in users from it (decision 0012).
    const sizedPerUser = (gate.test === 'proportions' || gate.test === 'welch') && versus === 'control';
    if (gate.unitBaseline !== undefined && !sizedPerUser) report('unitBaseline', 'warning', 'policy/gate-field-unused', `${owner} sets \`unitBaseline\`, which only ratio, net-benefit and (compared with control) proportions and welch gates use; it is ignored`, 'remove it; other gates plan from the config\'s traffic');
    return;
  }
  if (versus === 'absolute' || gate.max !== undefined || gate.min !== undefined) {
    report(gate.versus === 'absolute' ? 'versus' : gate.max !== undefined ? 'max' : 'min', 'error', 'policy/gate-versus', `${owner} uses the ${gate.test} test, which compares the canary with control, not with an absolute bound`, gate.test === 'ratio' ? 'remove it and set `maxIncrease` or `nonInferiority` as a percentage of control\'s ratio' : 'remove it and set `willingnessToPay` (and `minNetBenefit`)');
  }
  if (gate.test === 'ratio') {
    for (const field of ['maxIncrease', 'nonInferiority'] as const) {
      const margin = gate[field];
      const parsed = margin === undefined ? undefined : parseMargin(margin);
      if (parsed?.kind === 'absolute' && parsed.value !== 0) {
        report(field, 'error', 'policy/ratio-margin', `${owner} gives \`${field}\` as \`${String(margin)}\`, but a ratio gate compares canary's ratio with control's as a fraction`, 'write it as a percentage of control, such as `10%`');
      }
    }
    if (gate.willingnessToPay !== undefined || gate.minNetBenefit !== undefined) {
      report(gate.willingnessToPay !== undefined ? 'willingnessToPay' : 'minNetBenefit', 'warning', 'policy/gate-field-unused', `${owner} is a ratio gate; willingnessToPay and minNetBenefit are for net-benefit gates and are ignored`, 'remove them, or use `test: net-benefit`');
    }
    return;
  }
  if (gate.willingnessToPay === undefined) {
    report(undefined, 'error', 'policy/net-benefit-price', `${owner} judges net benefit but names no \`willingnessToPay\`: what one more unit of quality per user is worth`, 'add `willingnessToPay:` in the cost\'s unit per unit of quality, such as 0.5 (USD per resolved conversation)');
  }
  for (const field of ['maxIncrease', 'nonInferiority'] as const) {
    if (gate[field] !== undefined) report(field, 'warning', 'policy/gate-field-unused', `${owner} is a net-benefit gate; \`${field}\` is ignored: it passes when the net benefit is shown above \`minNetBenefit\` and fails when shown below`, 'remove it; state the net benefit per user to clear as `minNetBenefit` (default 0, negative to accept a small loss)');
  }
}

const CONDITIONS = ['above', 'below', 'increase', 'drop'] as const;

function checkRollback(policy: Policy, index: number, criterion: RollbackCriterion, metrics: ReadonlyMap<string, MetricDefinition> | undefined, problems: Problem[]): void {
  const base: Path = ['spec', 'rollback', index];
  const owner = `rollback criterion ${index + 1} (\`${criterion.metric}\`)`;
  const present = CONDITIONS.filter((c) => criterion[c] !== undefined);
  if (present.length !== 1) {
    problems.push(policy.report({
      path: present.length === 0 ? base : [...base, present[1] as string], at: present.length === 0 ? 'value' : 'key', severity: 'error', rule: 'policy/rollback-condition',
      message: present.length === 0 ? `${owner} has no condition` : `${owner} has ${present.length} conditions (${present.join(', ')})`,
      hint: 'give exactly one of `above`, `below`, `increase`, `drop`; write several criteria for several conditions',
    }));
  }
  checkCostRollback(policy, base, criterion, owner, problems);
  if (!metrics) return;
  const definition = metricReference(policy, [...base, 'metric'], criterion.metric, owner, metrics, problems);
  if (!definition) return;
  if (criterion.quantile !== undefined && definition.type !== 'continuous' && criterion.test === undefined) {
    problems.push(policy.report({
      path: [...base, 'quantile'], at: 'value', severity: 'error', rule: 'policy/rollback-quantile',
      message: `${owner} judges a quantile, but \`${definition.name}\` is a proportion metric, which has no quantiles`,
      hint: 'remove `quantile`; the criterion then judges the rate',
    }));
  }
  for (const field of ['increase', 'drop'] as const) {
    const margin = criterion[field];
    if (margin !== undefined) checkMarginUnit(policy, [...base, field], field, margin, owner, definition, problems);
  }
  if (criterion.test !== undefined && definition.type !== 'continuous') {
    problems.push(policy.report({
      path: [...base, 'test'], at: 'value', severity: 'error', rule: 'policy/rollback-test',
      message: `${owner} uses the \`${criterion.test}\` test on \`${definition.name}\`, a ${definition.type} metric; it needs a metric whose per-user sums carry two totals`,
      hint: 'name a continuous metric whose source sends per-user sums (docs/metrics-file-format.md), or remove `test`',
    }));
  }
}

/**
 * Ratio and net-benefit rollback criteria (decision 0021) say what their gates say: a ratio
 * rises or drops by a percentage of control's, a net benefit falls below a floor at a price of
 * quality; neither judges a quantile or an absolute value.
 */
function checkCostRollback(policy: Policy, base: Path, criterion: RollbackCriterion, owner: string, problems: Problem[]): void {
  const report = (field: string | undefined, severity: 'error' | 'warning', rule: string, message: string, hint: string): void => {
    problems.push(policy.report({ path: field ? [...base, field] : base, at: field ? 'value' : 'key', severity, rule, message, hint }));
  };
  if (criterion.test === undefined) {
    if (criterion.willingnessToPay !== undefined) report('willingnessToPay', 'warning', 'policy/rollback-field-unused', `${owner} sets \`willingnessToPay\`, which only \`test: net-benefit\` criteria use; it is ignored`, 'remove it, or add `test: net-benefit` with `below:`');
    return;
  }
  if (criterion.quantile !== undefined) report('quantile', 'error', 'policy/rollback-quantile', `${owner} is a ${criterion.test} criterion, which judges per-user totals, not a quantile`, 'remove `quantile`');
  if (criterion.test === 'ratio') {
    for (const field of ['above', 'below'] as const) {
      if (criterion[field] !== undefined) report(field, 'error', 'policy/rollback-condition', `${owner} is a ratio criterion, which compares canary's ratio with control's: \`${field}\` has no meaning for it`, 'use `increase:` (or `drop:`) as a percentage of control, such as `50%`');
    }
    for (const field of ['increase', 'drop'] as const) {
      const margin = criterion[field];
      const parsed = margin === undefined ? undefined : parseMargin(margin);
      if (parsed?.kind === 'absolute' && parsed.value !== 0) {
        report(field, 'error', 'policy/ratio-margin', `${owner} gives \`${field}\` as \`${String(margin)}\`, but a ratio criterion compares canary's ratio with control's as a fraction`, 'write it as a percentage of control, such as `50%`');
      } else if (field === 'drop' && parsed?.kind === 'relative' && parsed.value >= 1) {
        report(field, 'error', 'policy/ratio-margin', `${owner} fires on a drop of ${String(margin)}, which a positive ratio can never show`, 'use a drop below 100%, such as `20%`');
      }
    }
    if (criterion.willingnessToPay !== undefined) report('willingnessToPay', 'warning', 'policy/rollback-field-unused', `${owner} is a ratio criterion; \`willingnessToPay\` is for net-benefit criteria and is ignored`, 'remove it, or use `test: net-benefit`');
    return;
  }
  if (criterion.willingnessToPay === undefined) {
    report(undefined, 'error', 'policy/net-benefit-price', `${owner} judges net benefit but names no \`willingnessToPay\`: what one more unit of quality per user is worth`, 'add `willingnessToPay:` in the cost\'s unit per unit of quality, such as 0.5 (USD per resolved conversation)');
  }
  for (const field of ['above', 'increase', 'drop'] as const) {
    if (criterion[field] !== undefined) report(field, 'error', 'policy/rollback-condition', `${owner} is a net-benefit criterion, which fires when the net benefit per user is shown \`below\` a floor: \`${field}\` has no meaning for it`, 'use `below:` with the net benefit per user to roll back under, such as -0.05');
  }
}

/** Gates and rollback criteria ask questions their metrics can answer. */
const gatesAndRollbacks: SemanticRule = ({ repository, metrics }) => {
  const problems: Problem[] = [];
  for (const policy of repository.policies.values()) {
    for (const [name, gate] of Object.entries(policy.value.spec.gates ?? {})) checkGate(policy, name, gate, metrics, problems);
    policy.value.spec.rollback.forEach((criterion, index) => checkRollback(policy, index, criterion, metrics, problems));
  }
  return problems;
};

export const policyMetricRules: readonly SemanticRule[] = [gatesAndRollbacks];
