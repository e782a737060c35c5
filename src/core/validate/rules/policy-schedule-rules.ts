import type { Problem } from '../../problem.js';
import { parseWindowHours, WINDOW_HOURS_PROBLEMS } from '../../rollout/window-hours.js';
import { suggest } from '../did-you-mean.js';
import type { SemanticRule } from './rule-context.js';

let knownZones: ReadonlySet<string> | undefined;
const checkedZones = new Map<string, boolean>();

/** The runtime's canonical IANA zones plus `UTC`. */
function timeZones(): ReadonlySet<string> {
  knownZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return knownZones;
}

/**
 * An IANA zone name the runtime knows, including aliases (`Asia/Calcutta`) that the canonical
 * list leaves out, but not the UTC offsets (`+01:00`) that `Intl` also accepts.
 */
export function isTimeZone(zone: string): boolean {
  const known = checkedZones.get(zone);
  if (known !== undefined) return known;
  // The canonical list is cheap to build; asking Intl about a zone loads the time-zone data (tens of ms).
  let valid = timeZones().has(zone);
  if (!valid && /^[A-Za-z]/.test(zone)) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
  }
  checkedZones.set(zone, valid);
  return valid;
}

/** A deploy window opens before it closes, in a time zone that exists. */
const deployWindow: SemanticRule = ({ repository }) => {
  const problems: Problem[] = [];
  for (const policy of repository.policies.values()) {
    const window = policy.value.spec.window;
    if (!window) continue;
    const hours = window.hours === undefined ? undefined : parseWindowHours(window.hours);
    if (hours && !hours.ok) {
      const { message, hint } = WINDOW_HOURS_PROBLEMS[hours.problem];
      problems.push(policy.report({
        path: ['spec', 'window', 'hours'], at: 'value', severity: 'error', rule: 'policy/window-hours',
        message: `deploy window hours \`${window.hours}\` ${message}`,
        hint,
      }));
    }
    if (!isTimeZone(window.timezone)) {
      const guess = suggest(window.timezone, timeZones());
      problems.push(policy.report({
        path: ['spec', 'window', 'timezone'], at: 'value', severity: 'error', rule: 'policy/window-timezone',
        message: `\`${window.timezone.slice(0, 64)}\` is not an IANA time zone`,
        hint: guess ? `did you mean \`${guess}\`?` : 'use a zone such as `Europe/Berlin`, `America/New_York` or `UTC`',
      }));
    }
  }
  return problems;
};

/** Each freeze ends after it starts. */
const freezePeriods: SemanticRule = ({ repository }) => {
  const problems: Problem[] = [];
  for (const policy of repository.policies.values()) {
    (policy.value.spec.freezes ?? []).forEach((freeze, index) => {
      const from = Date.parse(freeze.from);
      const until = Date.parse(freeze.until);
      if (Number.isNaN(from) || Number.isNaN(until) || from < until) return;
      problems.push(policy.report({
        path: ['spec', 'freezes', index, 'until'], at: 'value', severity: 'error', rule: 'policy/freeze-order',
        message: `freeze ${index + 1} ends (${freeze.until}) before it starts (${freeze.from})`,
        hint: '`until` must be later than `from`',
      }));
    });
  }
  return problems;
};

export const policyScheduleRules: readonly SemanticRule[] = [deployWindow, freezePeriods];
