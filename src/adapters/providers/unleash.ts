import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailure, CallOptions, CallResult } from '../../ports/call.js';
import type { ApiProvider, ApplyAnswer, ProviderCapabilities, TrafficTarget } from '../../ports/traffic-provider.js';
import type { TrafficSplit } from '../../core/model/traffic-split.js';
import type { Bundle } from '../../core/model/index.js';
import { requestJson, type HttpDeps, type HttpRequest } from '../http/http-json.js';

/**
 * A glidepath.yaml provider entry of type `unleash` (schema: unleash.schema.json beside this file).
 */
export interface UnleashProviderConfig {
  /** Name releases use in `spec.target.provider`. */
  readonly name: string;
  readonly type: 'unleash';
  readonly description?: string;
  /** Unleash's base URL, e.g. `https://unleash.example.com` (the Admin API is below it at `/api/admin`). */
  readonly url: string;
  /** The Unleash project the feature toggles live in (default `default`). */
  readonly project?: string;
  /** The environment whose strategy Glidepath steps, e.g. `production`. */
  readonly environment: string;
  /** The environment variable holding an Admin API token (personal access or service-account token). */
  readonly apiTokenEnv: string;
  /** The context field that keeps a user on one arm (Unleash stickiness; default `default`: userId, then sessionId, then random). */
  readonly stickiness?: string;
}

/** The strategy Glidepath owns on the toggle, found by its title. */
export const STRATEGY_TITLE = 'glidepath';
/** The strategy parameter recording the split's mode: SDKs see it through the toggle's definition, so an application knows to mirror (shadow). */
export const MODE_PARAMETER = 'glidepathMode';
/** The strategy routing a ring's context values to the challenger, evaluated before the weighted one. */
export const RING_TITLE = 'glidepath-ring';
/** Leaves room before the weighted strategy for the ring. */
const MAIN_SORT_ORDER = 10;
const CHAMPION = 'champion';
const CHALLENGER = 'challenger';
/** Unleash variant weights are out of 1000. */
const WEIGHT_TOTAL = 1000;

export const unleashCapabilities: ProviderCapabilities = {
  // Unleash cannot mirror requests; the mode parameter tells the application to.
  shadow: 'marker',
  // A second strategy with an `IN` constraint on the ring's context field.
  segments: true,
  // Variant weights are integers out of 1000.
  weightStep: 0.1,
  settles: 'now',
  stickiness: 'sticky',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Variant {
  name: string;
  weight: number;
  weightType: 'fix' | 'variable';
  stickiness: string;
  payload?: { type: string; value: string };
}
interface Strategy {
  id: string;
  name: string;
  title?: string | null;
  disabled?: boolean | null;
  parameters?: Record<string, string>;
  constraints?: unknown[];
  segments?: unknown[];
  variants?: Variant[];
  sortOrder?: number;
}
interface FeatureEnvironment {
  enabled: boolean;
  strategies: Strategy[];
}

interface Constraint {
  contextName: string;
  operator: string;
  values: string[];
  caseInsensitive?: boolean;
  inverted?: boolean;
}
/** Glidepath's strategies on the toggle: the weighted one and, for a ring, the one routing listed context values to the challenger. */
interface Owned {
  main?: Strategy;
  ring?: Strategy;
}

/** What Glidepath writes on its strategies for a split: the whole of their state, so equality means nothing to do. */
interface Desired {
  parameters: Record<string, string>;
  variants: Variant[];
  ring?: { parameters: Record<string, string>; constraints: Constraint[]; variants: Variant[] };
}

/**
 * Unleash through its Admin API. Glidepath owns one `flexibleRollout` strategy (title
 * `glidepath`) on the release's toggle in one environment. The strategy's `rollout` stays at
 * 100 and the split lives in its two strategy variants: `challenger` with a fixed weight of
 * weight×10 out of 1000 and `champion` as the variable remainder, each carrying its bundle as a
 * JSON payload. Unleash orders fixed variants first and gives variants consecutive ranges of
 * one normalised hash of (groupId, stickiness value), so the challenger's range only grows with its
 * weight: a user on the challenger stays there at every later stage. Stepping the `rollout`
 * instead would also be sticky, but only in whole percent and with the champion outside Unleash.
 * A ring is a second strategy (title `glidepath-ring`) before it, with an `IN` constraint on the
 * ring's context field and only the challenger variant.
 */
export function createUnleashProvider(config: UnleashProviderConfig, deps: AdapterDeps & Partial<Pick<HttpDeps, 'sleep' | 'random'>>): Built<ApiProvider> {
  const entry = `providers[${config.name}]`;
  const token = deps.env[config.apiTokenEnv];
  if (token === undefined || token.trim() === '') {
    return { ok: false, field: ['apiTokenEnv'], error: `${entry}: environment variable ${config.apiTokenEnv} (apiTokenEnv) is not set: add it to the workflow's env from a secret holding an Unleash Admin API token` };
  }
  let base: URL;
  try {
    base = new URL(config.url);
  } catch {
    return { ok: false, field: ['url'], error: `${entry}: url '${config.url}' is not a URL; use Unleash's base URL, e.g. https://unleash.example.com` };
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    return { ok: false, field: ['url'], error: `${entry}: url '${config.url}' is not http(s); use Unleash's base URL, e.g. https://unleash.example.com` };
  }
  const root = base.href.replace(/\/+$/, '');
  const project = config.project ?? 'default';
  const environment = config.environment;
  const stickiness = config.stickiness ?? 'default';
  const label = `unleash '${config.name}'`;
  const http: HttpDeps = { fetch: deps.fetch, ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.random ? { random: deps.random } : {}) };
  const headers = { authorization: token.trim() };

  const featureUrl = (key: string): string => `${root}/api/admin/projects/${encodeURIComponent(project)}/features/${encodeURIComponent(key)}/environments/${encodeURIComponent(environment)}`;
  const where = (key: string): string => `${label}: toggle '${key}' in project '${project}', environment '${environment}'`;

  function signalOf(options?: CallOptions): AbortSignal {
    return options?.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal;
  }

  async function call<T>(request: HttpRequest, options: CallOptions | undefined, extra: { retries?: number; final?: (status: number, body: unknown) => boolean } = {}): Promise<CallResult<T>> {
    const answer = await requestJson<T>(http, { ...request, headers }, { label, signal: signalOf(options), ...extra });
    return answer.ok ? { ok: true, value: answer.value.body } : answer;
  }

  async function load(key: string, options?: CallOptions): Promise<CallResult<FeatureEnvironment>> {
    const answer = await call<unknown>({ url: featureUrl(key) }, options);
    if (!answer.ok) return explain(answer, key);
    const problem = featureEnvironmentProblem(answer.value);
    if (problem !== undefined) return { ok: false, kind: 'invalid', error: `${where(key)}: the answer is not a feature environment (${problem})` };
    return { ok: true, value: answer.value as FeatureEnvironment };
  }

  /** Adds what to fix to the failures a person must act on. */
  function explain(failure: CallFailure, key: string): CallFailure {
    if (failure.kind === 'not-found') return { ...failure, error: `${where(key)} does not exist (create the toggle, or fix the release's target.key or the provider's project/environment): ${failure.error}` };
    if (failure.kind === 'unauthorized') return { ...failure, error: `${failure.error}; ${config.apiTokenEnv} must hold an Admin API token that may update feature strategies in project '${project}'` };
    return failure;
  }

  /** Glidepath's strategies on the toggle, or why the toggle's strategies leave the split unknown. */
  function ours(key: string, env: FeatureEnvironment): CallResult<Owned> {
    const titled = (title: string): Strategy[] => env.strategies.filter((s) => s.title === title);
    for (const title of [STRATEGY_TITLE, RING_TITLE]) {
      const found = titled(title);
      if (found.length > 1) return { ok: false, kind: 'invalid', error: `${where(key)} has ${found.length} strategies titled '${title}' (${found.map((s) => s.id).join(', ')}); delete all but one` };
      const strategy = found[0];
      if (strategy !== undefined && strategy.name !== 'flexibleRollout') return { ok: false, kind: 'invalid', error: `${where(key)}: strategy ${strategy.id} titled '${title}' is a ${strategy.name}, not a flexibleRollout; delete it and Glidepath recreates it` };
    }
    const foreign = env.strategies.filter((s) => s.title !== STRATEGY_TITLE && s.title !== RING_TITLE && s.disabled !== true);
    if (foreign.length > 0) {
      return { ok: false, kind: 'invalid', error: `${where(key)} has strategies Glidepath does not own (${foreign.map((s) => `${s.name} ${s.id}`).join(', ')}), which decide some users before its own; delete or disable them so the '${STRATEGY_TITLE}' strategy decides every user` };
    }
    const main = titled(STRATEGY_TITLE)[0];
    const ring = titled(RING_TITLE)[0];
    return { ok: true, value: { ...(main ? { main } : {}), ...(ring ? { ring } : {}) } };
  }

  function splitOf(key: string, env: FeatureEnvironment, owned: Owned): CallResult<TrafficSplit> {
    const base = mainSplitOf(key, env, owned.main);
    if (!base.ok || owned.ring === undefined || owned.ring.disabled === true || !env.enabled) return base;
    const ring = owned.ring;
    const constraint = ring.constraints?.[0] as { contextName?: unknown; operator?: unknown; values?: unknown; inverted?: unknown } | undefined;
    const variants = ring.variants ?? [];
    if (ring.constraints?.length !== 1 || constraint === undefined || constraint.operator !== 'IN' || constraint.inverted === true || typeof constraint.contextName !== 'string'
      || !Array.isArray(constraint.values) || (ring.segments?.length ?? 0) > 0 || variants.length !== 1 || variants[0]?.name !== CHALLENGER) {
      return { ok: false, kind: 'invalid', error: `${where(key)}: the ring strategy ${ring.id} ('${RING_TITLE}') was changed: it must have one \`IN\` constraint and only the '${CHALLENGER}' variant; delete it and Glidepath recreates it` };
    }
    if (owned.main !== undefined && (ring.sortOrder ?? 0) >= (owned.main.sortOrder ?? 0)) {
      return { ok: false, kind: 'invalid', error: `${where(key)}: the ring strategy ${ring.id} comes after strategy ${owned.main.id}, so ring members are split by weight; move '${RING_TITLE}' first, or delete it and Glidepath recreates it` };
    }
    const segment = { attribute: constraint.contextName, values: (constraint.values as unknown[]).map(String) };
    return { ok: true, value: { mode: 'traffic', weight: base.value.mode === 'traffic' ? base.value.weight : 0, segment } };
  }

  function mainSplitOf(key: string, env: FeatureEnvironment, strategy: Strategy | undefined): CallResult<TrafficSplit> {
    if (strategy === undefined || !env.enabled || strategy.disabled === true) return { ok: true, value: { mode: 'off', weight: 0 } };
    if ((strategy.constraints?.length ?? 0) > 0 || (strategy.segments?.length ?? 0) > 0) {
      return { ok: false, kind: 'invalid', error: `${where(key)}: strategy ${strategy.id} has constraints or segments Glidepath did not set, so who gets which arm is unknown; remove them` };
    }
    const variants = strategy.variants ?? [];
    const challenger = variants.find((v) => v.name === CHALLENGER);
    if (challenger === undefined || variants.find((v) => v.name === CHAMPION) === undefined) {
      return { ok: false, kind: 'invalid', error: `${where(key)}: strategy ${strategy.id} lacks its '${CHAMPION}' and '${CHALLENGER}' variants (an update without variants drops them); Glidepath restores them on the next apply` };
    }
    const rollout = Number(strategy.parameters?.['rollout'] ?? '100');
    if (!Number.isFinite(rollout) || rollout < 0 || rollout > 100) return { ok: false, kind: 'invalid', error: `${where(key)}: strategy ${strategy.id} has rollout '${strategy.parameters?.['rollout']}', not a percentage` };
    const total = variants.reduce((sum, v) => sum + v.weight, 0);
    // Users outside the rollout get the toggle off and so the application's champion.
    const weight = total > 0 ? round1((rollout / 100) * (challenger.weight / total) * 100) : 0;
    if (weight > 0) return { ok: true, value: { mode: 'traffic', weight } };
    const mode = strategy.parameters?.[MODE_PARAMETER];
    return { ok: true, value: mode === 'shadow' || mode === 'traffic' ? { mode, weight: 0 } : { mode: 'off', weight: 0 } };
  }

  async function read(target: TrafficTarget, options?: CallOptions): Promise<CallResult<TrafficSplit>> {
    const env = await load(target.key, options);
    if (!env.ok) return env;
    const owned = ours(target.key, env.value);
    if (!owned.ok) return owned;
    return splitOf(target.key, env.value, owned.value);
  }

  function desiredOf(target: TrafficTarget, split: TrafficSplit): Desired {
    const fixed = split.mode === 'traffic' ? Math.round(split.weight * (WEIGHT_TOTAL / 100)) : 0;
    const challenger = { type: 'json', value: canonicalJson(target.challenger) };
    return {
      parameters: { rollout: '100', stickiness, groupId: target.key, [MODE_PARAMETER]: split.mode },
      // The order Unleash stores them in (fixed first), so a read-back compares equal.
      variants: [
        { name: CHALLENGER, weight: fixed, weightType: 'fix', stickiness, payload: challenger },
        { name: CHAMPION, weight: WEIGHT_TOTAL - fixed, weightType: 'variable', stickiness, payload: { type: 'json', value: canonicalJson(target.champion) } },
      ],
      ...(split.segment !== undefined ? {
        ring: {
          parameters: { rollout: '100', stickiness, groupId: target.key },
          constraints: [{ contextName: split.segment.attribute, operator: 'IN', values: [...new Set(split.segment.values)].sort(), caseInsensitive: false, inverted: false }],
          variants: [{ name: CHALLENGER, weight: WEIGHT_TOTAL, weightType: 'variable', stickiness, payload: challenger }],
        },
      } : {}),
    };
  }

  /** Whether the strategy already says what `desired` says (the payloads compared as JSON, so key order does not matter). */
  function matches(strategy: Strategy | undefined, desired: { parameters: Record<string, string>; variants: Variant[]; constraints?: Constraint[] } | undefined): boolean {
    if (strategy === undefined || desired === undefined) return strategy === desired;
    if (strategy.disabled === true) return false;
    const parameters = strategy.parameters ?? {};
    if (Object.keys(desired.parameters).some((name) => parameters[name] !== desired.parameters[name])) return false;
    const constraints = (strategy.constraints ?? []) as Constraint[];
    const wanted = desired.constraints ?? [];
    if (constraints.length !== wanted.length || !wanted.every((want, i) => {
      const have = constraints[i];
      return have !== undefined && have.contextName === want.contextName && have.operator === want.operator && have.inverted !== true
        && Array.isArray(have.values) && [...new Set(have.values)].sort().join('\n') === want.values.join('\n');
    })) return false;
    const variants = strategy.variants ?? [];
    if (variants.length !== desired.variants.length) return false;
    return desired.variants.every((want) => {
      const have = variants.find((v) => v.name === want.name);
      return have !== undefined && have.weight === want.weight && have.weightType === want.weightType && have.stickiness === want.stickiness
        && have.payload?.type === 'json' && sameJson(have.payload.value, want.payload?.value ?? '');
    });
  }

  /**
   * A JSON Patch whose `test` ops make it a compare-and-swap on exactly what was read. Unleash
   * answers 500 when a `test` fails; an earlier attempt of ours may have won with its answer lost,
   * so only a strategy that still differs (`done` false on a fresh read) is someone else's change.
   */
  async function swap(key: string, strategy: Strategy, tested: readonly string[], replaced: Record<string, unknown>, done: (owned: Owned) => boolean, options?: CallOptions): Promise<CallResult<void>> {
    const current = strategy as unknown as Record<string, unknown>;
    const patch = [
      ...tested.map((field) => ({ op: 'test', path: `/${field}`, value: current[field] ?? (field === 'parameters' ? {} : []) })),
      ...Object.entries(replaced).map(([field, value]) => ({ op: 'replace', path: `/${field}`, value })),
      ...(strategy.disabled === true ? [{ op: 'replace', path: '/disabled', value: false }] : []),
    ];
    let failedTest = false;
    const final = (status: number, body: unknown): boolean => (failedTest = isFailedTest(status, body));
    const patched = await call<unknown>({ method: 'PATCH', url: `${featureUrl(key)}/strategies/${encodeURIComponent(strategy.id)}`, body: patch }, options, { final });
    if (patched.ok) return { ok: true, value: undefined };
    if (!failedTest) return explain(patched, key);
    const again = await load(key, options);
    const now = again.ok ? ours(key, again.value) : again;
    if (now.ok && done(now.value)) return { ok: true, value: undefined };
    return { ok: false, kind: 'conflict', error: `${where(key)}: strategy ${strategy.id} changed between Glidepath's read and its write (the JSON Patch test failed); nothing was applied, the next tick reads it again` };
  }

  async function create(key: string, body: Record<string, unknown>, options?: CallOptions): Promise<CallResult<Strategy>> {
    // POST is not idempotent: a retry after a lost answer would add a second strategy.
    const created = await call<Strategy>({ method: 'POST', url: `${featureUrl(key)}/strategies`, body: { name: 'flexibleRollout', disabled: false, ...body } }, options, { retries: 0 });
    return created.ok ? created : explain(created, key);
  }

  async function apply(target: TrafficTarget, split: TrafficSplit, options?: CallOptions): Promise<CallResult<ApplyAnswer>> {
    const key = target.key;
    if (split.segment !== undefined && split.mode !== 'traffic') {
      return { ok: false, kind: 'invalid', error: `${label}: a ring (segment) is served only in traffic mode, not ${split.mode}` };
    }
    if (split.mode === 'traffic' && !(split.weight >= 0 && split.weight <= 100)) {
      return { ok: false, kind: 'invalid', error: `${label}: weight ${split.weight} is not a percentage` };
    }
    const desired = desiredOf(target, split);
    const loaded = await load(key, options);
    if (!loaded.ok) return loaded;
    const found = ours(key, loaded.value);
    if (!found.ok) return found;
    let main = found.value.main;
    const ring = found.value.ring;

    if (main === undefined) {
      const created = await create(key, { title: STRATEGY_TITLE, sortOrder: MAIN_SORT_ORDER, constraints: [], parameters: desired.parameters, variants: desired.variants }, options);
      if (!created.ok) return created;
      main = created.value;
    } else if (!matches(main, desired)) {
      const swapped = await swap(key, main, ['parameters', 'variants'], { parameters: desired.parameters, variants: desired.variants }, (now) => matches(now.main, desired), options);
      if (!swapped.ok) return swapped;
    }

    if (desired.ring !== undefined && ring === undefined) {
      // Unleash takes the variant of the first strategy that matches: the ring goes before the weighted one.
      const created = await create(key, { title: RING_TITLE, sortOrder: Math.min(0, (main.sortOrder ?? 0) - 1), ...desired.ring }, options);
      if (!created.ok) return created;
    } else if (desired.ring !== undefined && ring !== undefined && !matches(ring, desired.ring)) {
      const swapped = await swap(key, ring, ['constraints', 'variants'], desired.ring, (now) => matches(now.ring, desired.ring), options);
      if (!swapped.ok) return swapped;
    } else if (desired.ring === undefined && ring !== undefined) {
      const deleted = await call<unknown>({ method: 'DELETE', url: `${featureUrl(key)}/strategies/${encodeURIComponent(ring.id)}` }, options);
      // A retried delete whose first attempt landed answers 404: the read-back below decides.
      if (!deleted.ok && deleted.kind !== 'not-found') return explain(deleted, key);
    }

    const serving = split.mode !== 'off';
    if (!loaded.value.enabled && serving) {
      const on = await call<unknown>({ method: 'POST', url: `${featureUrl(key)}/on` }, options);
      if (!on.ok) return explain(on, key);
    }

    const back = await load(key, options);
    if (!back.ok) return back;
    const mine = ours(key, back.value);
    if (!mine.ok) return mine;
    const served = splitOf(key, back.value, mine.value);
    if (!served.ok) return served;
    if (!matches(mine.value.main, desired) || !matches(mine.value.ring, desired.ring) || (serving && !back.value.enabled)) {
      return { ok: false, kind: 'conflict', error: `${where(key)}: read back ${describe(served.value)} after applying ${describe(split)}; someone else changed it, the next tick reads it again` };
    }
    return { ok: true, value: { status: 'settled', split: served.value } };
  }

  return { ok: true, value: { kind: 'api', type: 'unleash', capabilities: unleashCapabilities, read, apply } };
}

function isFailedTest(status: number, body: unknown): boolean {
  return status === 500 && /test operation failed|TEST_OPERATION_FAILED/i.test(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
}

function featureEnvironmentProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'not an object';
  const record = value as Record<string, unknown>;
  if (typeof record['enabled'] !== 'boolean') return '`enabled` is not a boolean';
  const strategies = record['strategies'];
  if (!Array.isArray(strategies)) return '`strategies` is not a list';
  for (const s of strategies as unknown[]) {
    if (s === null || typeof s !== 'object') return 'a strategy is not an object';
    const strategy = s as Record<string, unknown>;
    if (typeof strategy['id'] !== 'string' || typeof strategy['name'] !== 'string') return 'a strategy lacks its id or name';
    const variants = strategy['variants'];
    if (variants !== undefined && !(Array.isArray(variants) && variants.every((v) => v !== null && typeof v === 'object' && typeof (v as Record<string, unknown>)['name'] === 'string' && Number.isInteger((v as Record<string, unknown>)['weight'])))) {
      return `strategy ${strategy['id']} has malformed variants`;
    }
  }
  return undefined;
}

/** JSON with sorted keys, so the payload Glidepath writes for a bundle is always the same text. */
export function canonicalJson(value: Bundle | Json): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sort(value));
}

function sameJson(a: string, b: string): boolean {
  try {
    return canonicalJson(JSON.parse(a) as Json) === canonicalJson(JSON.parse(b) as Json);
  } catch {
    return false;
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function describe(split: TrafficSplit): string {
  return split.mode === 'traffic' ? `traffic ${split.weight}%` : split.mode;
}
