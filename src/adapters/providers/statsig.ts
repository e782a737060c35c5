import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailure, CallOptions, CallResult } from '../../ports/call.js';
import type { ApiProvider, ApplyAnswer, ProviderCapabilities, TrafficTarget } from '../../ports/traffic-provider.js';
import type { TrafficSplit } from '../../core/model/traffic-split.js';
import { requestJson, type HttpDeps, type HttpRequest } from '../http/http-json.js';

/** A glidepath.yaml provider entry of type `statsig` (schema: statsig.schema.json beside this file). */
export interface StatsigProviderConfig {
  /** Name releases use in `spec.target.provider`. */
  readonly name: string;
  readonly type: 'statsig';
  readonly description?: string;
  /** The environment variable holding a Console API key (server secret keys cannot write). */
  readonly apiKeyEnv: string;
  /** The Console API's base URL (default `https://statsigapi.net`). */
  readonly url?: string;
  /** The name of the gate rule Glidepath owns (default `glidepath`). */
  readonly rule?: string;
  /** The Statsig environments the rule applies in (default: all). */
  readonly environments?: readonly string[];
}

export const STATSIG_API = 'https://statsigapi.net';
/** The Console API version Glidepath was written against; Statsig keeps older versions' behaviour for callers that pin one. */
export const STATSIG_API_VERSION = '20240601';
/** The rule Glidepath owns on each release's gate, found by this name once and by its base id after every change. */
export const RULE_NAME = 'glidepath';

export const statsigCapabilities: ProviderCapabilities = {
  // A gate answers a boolean: nothing an SDK reads can tell the application to mirror.
  shadow: 'none',
  // A ring would be a second rule with conditions, kept in order before the weighted one; not built yet.
  segments: false,
  // The spec's `passPercentage` is a number with `multipleOf: 0.01`.
  weightStep: 0.01,
  settles: 'now',
  // Buckets by the unit id with salts a percentage change keeps.
  stickiness: 'sticky',
};

interface Condition {
  type: string;
  operator?: string;
  targetValue?: unknown;
  field?: string | null;
  customID?: string | null;
}
interface Rule {
  /** `<baseID>:<passPercentage with 2 decimals>:<n>`: it changes whenever the percentage does. */
  id: string;
  /** The part of the id that never changes. */
  baseID: string;
  name: string;
  passPercentage: number;
  conditions: Condition[];
  environments?: string[] | null;
}
interface Gate {
  id: string;
  isEnabled: boolean;
  status?: string;
  rules: Rule[];
}

/**
 * Statsig through its Console API. Glidepath owns one rule on the release's feature gate (named
 * `glidepath`, condition `public`, so it decides every user that reaches it): its
 * `passPercentage` is the challenger's share, and a user who passes the gate gets the challenger.
 * Statsig decides a user by hashing the gate's and the rule's salts (which a percentage change keeps) and the
 * user's unit id (userID or the gate's custom id type) into 10,000 buckets and passing those below
 * `passPercentage × 100`, so raising the percentage only adds buckets: a passing user keeps passing.
 * The rule's `id` changes with the percentage (`<baseID>:<pct>:<n>`), so the rule is found by
 * name, then followed by its `baseID`.
 */
export function createStatsigProvider(config: StatsigProviderConfig, deps: AdapterDeps & Partial<Pick<HttpDeps, 'sleep' | 'random'>>): Built<ApiProvider> {
  const entry = `providers[${config.name}]`;
  const key = deps.env[config.apiKeyEnv];
  if (key === undefined || key.trim() === '') {
    return { ok: false, field: ['apiKeyEnv'], error: `${entry}: environment variable ${config.apiKeyEnv} (apiKeyEnv) is not set: add it to the workflow's env from a secret holding a Statsig Console API key` };
  }
  let base: URL;
  try {
    base = new URL(config.url ?? STATSIG_API);
  } catch {
    return { ok: false, field: ['url'], error: `${entry}: url '${config.url}' is not a URL; leave it out to use ${STATSIG_API}` };
  }
  const loopback = base.hostname === '127.0.0.1' || base.hostname === 'localhost' || base.hostname === '[::1]';
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && loopback)) {
    return { ok: false, field: ['url'], error: `${entry}: url '${config.url}' must use https (plain http only on loopback): the API key would travel in the clear` };
  }
  const root = base.href.replace(/\/+$/, '');
  const ruleName = config.rule ?? RULE_NAME;
  const environments = config.environments === undefined ? null : [...config.environments].sort();
  const label = `statsig '${config.name}'`;
  const http: HttpDeps = { fetch: deps.fetch, ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.random ? { random: deps.random } : {}) };
  const headers = { 'statsig-api-key': key.trim(), 'statsig-api-version': STATSIG_API_VERSION };

  const gateUrl = (gate: string): string => `${root}/console/v1/gates/${encodeURIComponent(gate)}`;
  const where = (gate: string): string => `${label}: gate '${gate}'`;

  function signalOf(options?: CallOptions): AbortSignal {
    return options?.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal;
  }

  async function call<T>(request: HttpRequest, options: CallOptions | undefined, retries?: number): Promise<CallResult<T>> {
    const answer = await requestJson<T>(http, { ...request, headers }, { label, signal: signalOf(options), ...(retries !== undefined ? { retries } : {}) });
    return answer.ok ? { ok: true, value: answer.value.body } : answer;
  }

  function explain(failure: CallFailure, gate: string): CallFailure {
    if (failure.kind === 'not-found') return { ...failure, error: `${where(gate)} does not exist (create the gate in the Statsig console, or fix the release's target.key): ${failure.error}` };
    if (failure.kind === 'unauthorized') return { ...failure, error: `${failure.error}; ${config.apiKeyEnv} must hold a Console API key (Project Settings → Keys & Environments) with write access to gates, not a server or client SDK key` };
    return failure;
  }

  async function load(gate: string, options?: CallOptions): Promise<CallResult<Gate>> {
    const answer = await call<{ data?: unknown }>({ url: gateUrl(gate) }, options);
    if (!answer.ok) return explain(answer, gate);
    const data = answer.value?.data;
    const problem = gateProblem(data);
    if (problem !== undefined) return { ok: false, kind: 'invalid', error: `${where(gate)}: the answer is not a gate (${problem})` };
    return { ok: true, value: data as Gate };
  }

  /** Glidepath's rule (undefined when it has none yet), or why the gate's rules leave the split unknown. */
  function ours(gate: Gate, baseID?: string): CallResult<Rule | undefined> {
    if (gate.status === 'Archived' || gate.status === 'Launched') {
      return { ok: false, kind: 'invalid', error: `${where(gate.id)} is ${gate.status} in Statsig, so its rules no longer decide who passes; unarchive it or start a new gate for this release` };
    }
    const named = gate.rules.filter((r) => (baseID !== undefined ? r.baseID === baseID : r.name === ruleName));
    if (named.length > 1) return { ok: false, kind: 'invalid', error: `${where(gate.id)} has ${named.length} rules named '${ruleName}' (${named.map((r) => r.id).join(', ')}); delete all but one` };
    const rule = named[0];
    if (rule === undefined) return { ok: true, value: undefined };
    const position = gate.rules.indexOf(rule);
    // Statsig stops at the first rule whose conditions a user meets; rules after a `public` rule are never reached.
    const before = gate.rules.slice(0, position);
    if (before.length > 0) {
      return { ok: false, kind: 'invalid', error: `${where(gate.id)} has rules before '${ruleName}' (${before.map((r) => `'${r.name}'`).join(', ')}) that decide some users first; delete them or move '${ruleName}' to the top` };
    }
    if (rule.conditions.length !== 1 || rule.conditions[0]?.type !== 'public') {
      return { ok: false, kind: 'invalid', error: `${where(gate.id)}: rule '${ruleName}' (${rule.id}) has conditions Glidepath did not set, so who gets the challenger is unknown; set its only condition to Everyone (public)` };
    }
    const has = rule.environments === undefined || rule.environments === null ? null : [...rule.environments].sort();
    if (JSON.stringify(has) !== JSON.stringify(environments)) {
      return { ok: false, kind: 'invalid', error: `${where(gate.id)}: rule '${ruleName}' applies in ${has === null ? 'every environment' : `environments ${has.join(', ')}`}, not ${environments === null ? 'every environment' : environments.join(', ')} as glidepath.yaml says; fix one of them` };
    }
    return { ok: true, value: rule };
  }

  function splitOf(gate: Gate, rule: Rule | undefined): TrafficSplit {
    if (rule === undefined || !gate.isEnabled) return { mode: 'off', weight: 0 };
    const weight = round2(rule.passPercentage);
    return weight > 0 ? { mode: 'traffic', weight } : { mode: 'off', weight: 0 };
  }

  async function read(target: TrafficTarget, options?: CallOptions): Promise<CallResult<TrafficSplit>> {
    const gate = await load(target.key, options);
    if (!gate.ok) return gate;
    const rule = ours(gate.value);
    return rule.ok ? { ok: true, value: splitOf(gate.value, rule.value) } : rule;
  }

  async function apply(target: TrafficTarget, split: TrafficSplit, options?: CallOptions): Promise<CallResult<ApplyAnswer>> {
    const gateId = target.key;
    if (split.mode === 'shadow') return { ok: false, kind: 'invalid', error: `${label}: a Statsig gate cannot serve a shadow stage (it answers pass or fail, nothing tells the application to mirror); drop the stage or use a provider with shadow support` };
    if (split.segment !== undefined) return { ok: false, kind: 'invalid', error: `${label}: rings (a stage's segment) are not supported on Statsig yet; drop the segment or use a provider with segments` };
    if (split.mode === 'traffic' && !(split.weight >= 0 && split.weight <= 100)) return { ok: false, kind: 'invalid', error: `${label}: weight ${split.weight} is not a percentage` };
    const percentage = split.mode === 'traffic' ? round2(split.weight) : 0;

    const loaded = await load(gateId, options);
    if (!loaded.ok) return loaded;
    const found = ours(loaded.value);
    if (!found.ok) return found;
    let rule = found.value;
    // A gate without Glidepath's rule already serves the champion only.
    if (rule === undefined && percentage === 0) return { ok: true, value: { status: 'settled', split: { mode: 'off', weight: 0 } } };

    if (rule === undefined) {
      // Adding a rule is not idempotent: a retry after a lost answer would add a second one.
      const created = await call<{ data?: unknown }>({
        method: 'POST',
        url: `${gateUrl(gateId)}/rule`,
        body: { name: ruleName, passPercentage: percentage, conditions: [{ type: 'public' }], environments },
      }, options, 0);
      if (!created.ok) return explain(created, gateId);
      const after = await load(gateId, options);
      if (!after.ok) return after;
      const mine = ours(after.value);
      if (!mine.ok) return mine;
      if (mine.value === undefined) return { ok: false, kind: 'invalid', error: `${where(gateId)}: Statsig answered the new rule '${ruleName}' as added, but the gate does not list it` };
      rule = mine.value;
    } else if (round2(rule.passPercentage) !== percentage) {
      const patched = await call<unknown>({ method: 'PATCH', url: `${gateUrl(gateId)}/rules/${encodeURIComponent(rule.id)}`, body: { passPercentage: percentage } }, options);
      // The id names the percentage read: after a retried PATCH whose first attempt landed it is gone (404), and the read-back decides.
      if (!patched.ok && patched.kind !== 'not-found') return explain(patched, gateId);
    }

    if (!loaded.value.isEnabled && percentage > 0) {
      const enabled = await call<unknown>({ method: 'PATCH', url: gateUrl(gateId), body: { isEnabled: true } }, options);
      if (!enabled.ok) return explain(enabled, gateId);
    }

    const back = await load(gateId, options);
    if (!back.ok) return back;
    const mine = ours(back.value, rule.baseID);
    if (!mine.ok) return mine;
    const served = splitOf(back.value, mine.value);
    const wanted: TrafficSplit = percentage > 0 ? { mode: 'traffic', weight: percentage } : { mode: 'off', weight: 0 };
    if (mine.value === undefined || round2(mine.value.passPercentage) !== percentage || served.mode !== wanted.mode) {
      return { ok: false, kind: 'conflict', error: `${where(gateId)}: read back ${describe(served)} after applying ${describe(wanted)}${mine.value === undefined ? ` (rule ${rule.baseID} is gone)` : ''}; someone else changed it, the next tick reads it again` };
    }
    return { ok: true, value: { status: 'settled', split: served } };
  }

  return { ok: true, value: { kind: 'api', type: 'statsig', capabilities: statsigCapabilities, read, apply } };
}

function gateProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'no `data` object';
  const gate = value as Record<string, unknown>;
  if (typeof gate['id'] !== 'string') return '`id` is not a string';
  if (typeof gate['isEnabled'] !== 'boolean') return '`isEnabled` is not a boolean';
  const rules = gate['rules'];
  if (!Array.isArray(rules)) return '`rules` is not a list';
  for (const r of rules as unknown[]) {
    if (r === null || typeof r !== 'object') return 'a rule is not an object';
    const rule = r as Record<string, unknown>;
    if (typeof rule['id'] !== 'string' || typeof rule['baseID'] !== 'string' || typeof rule['name'] !== 'string') return 'a rule lacks its id, baseID or name';
    const pct = rule['passPercentage'];
    if (typeof pct !== 'number' || !(pct >= 0 && pct <= 100)) return `rule ${rule['id']} has passPercentage ${JSON.stringify(pct)}`;
    if (!Array.isArray(rule['conditions'])) return `rule ${rule['id']} has no conditions list`;
  }
  return undefined;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function describe(split: TrafficSplit): string {
  return split.mode === 'traffic' ? `traffic ${split.weight}%` : split.mode;
}
