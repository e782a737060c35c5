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
const CHAMPION = 'champion';
const CHALLENGER = 'challenger';
/** Unleash variant weights are out of 1000. */
const WEIGHT_TOTAL = 1000;

export const unleashCapabilities: ProviderCapabilities = {
  // Unleash cannot mirror requests; the mode parameter tells the application to.
  shadow: 'marker',
  segments: false,
  // Variant weights are integers out of 1000.
  weightStep: 0.1,
  settles: 'now',
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
}
interface FeatureEnvironment {
  enabled: boolean;
  strategies: Strategy[];
}

/** What Glidepath writes on its strategy for a split: the whole of its state, so equality means nothing to do. */
interface Desired {
  parameters: Record<string, string>;
  variants: Variant[];
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

  /** Our strategy, or why the toggle's strategies leave the split unknown. */
  function ours(key: string, env: FeatureEnvironment): CallResult<Strategy | undefined> {
    const mine = env.strategies.filter((s) => s.title === STRATEGY_TITLE);
    const foreign = env.strategies.filter((s) => s.title !== STRATEGY_TITLE && s.disabled !== true);
    if (mine.length > 1) return { ok: false, kind: 'invalid', error: `${where(key)} has ${mine.length} strategies titled '${STRATEGY_TITLE}' (${mine.map((s) => s.id).join(', ')}); delete all but one` };
    if (foreign.length > 0) {
      return { ok: false, kind: 'invalid', error: `${where(key)} has strategies Glidepath does not own (${foreign.map((s) => `${s.name} ${s.id}`).join(', ')}), which decide some users before its own; delete or disable them so the '${STRATEGY_TITLE}' strategy decides every user` };
    }
    const strategy = mine[0];
    if (strategy !== undefined && strategy.name !== 'flexibleRollout') return { ok: false, kind: 'invalid', error: `${where(key)}: strategy ${strategy.id} titled '${STRATEGY_TITLE}' is a ${strategy.name}, not a flexibleRollout; delete it and Glidepath recreates it` };
    return { ok: true, value: strategy };
  }

  function splitOf(key: string, env: FeatureEnvironment, strategy: Strategy | undefined): CallResult<TrafficSplit> {
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
    const strategy = ours(target.key, env.value);
    if (!strategy.ok) return strategy;
    return splitOf(target.key, env.value, strategy.value);
  }

  function desiredOf(target: TrafficTarget, split: TrafficSplit): Desired {
    const fixed = split.mode === 'traffic' ? Math.round(split.weight * (WEIGHT_TOTAL / 100)) : 0;
    return {
      parameters: { rollout: '100', stickiness, groupId: target.key, [MODE_PARAMETER]: split.mode },
      // The order Unleash stores them in (fixed first), so a read-back compares equal.
      variants: [
        { name: CHALLENGER, weight: fixed, weightType: 'fix', stickiness, payload: { type: 'json', value: canonicalJson(target.challenger) } },
        { name: CHAMPION, weight: WEIGHT_TOTAL - fixed, weightType: 'variable', stickiness, payload: { type: 'json', value: canonicalJson(target.champion) } },
      ],
    };
  }

  /** Whether the strategy already says what `desired` says (the payloads compared as JSON, so key order does not matter). */
  function matches(strategy: Strategy, desired: Desired): boolean {
    if (strategy.disabled === true) return false;
    const parameters = strategy.parameters ?? {};
    if (Object.keys(desired.parameters).some((name) => parameters[name] !== desired.parameters[name])) return false;
    const variants = strategy.variants ?? [];
    if (variants.length !== desired.variants.length) return false;
    return desired.variants.every((want) => {
      const have = variants.find((v) => v.name === want.name);
      return have !== undefined && have.weight === want.weight && have.weightType === want.weightType && have.stickiness === want.stickiness
        && have.payload?.type === 'json' && sameJson(have.payload.value, want.payload?.value ?? '');
    });
  }

  async function apply(target: TrafficTarget, split: TrafficSplit, options?: CallOptions): Promise<CallResult<ApplyAnswer>> {
    const key = target.key;
    if (split.segment !== undefined) {
      return { ok: false, kind: 'invalid', error: `${label}: Unleash provider does not route segments (rings); use a weighted stage for '${target.release}'` };
    }
    if (split.mode === 'traffic' && !(split.weight >= 0 && split.weight <= 100)) {
      return { ok: false, kind: 'invalid', error: `${label}: weight ${split.weight} is not a percentage` };
    }
    const desired = desiredOf(target, split);
    const loaded = await load(key, options);
    if (!loaded.ok) return loaded;
    const found = ours(key, loaded.value);
    if (!found.ok) return found;
    const strategy = found.value;

    if (strategy === undefined) {
      // POST is not idempotent: a retry after a lost answer would add a second strategy.
      const created = await call<unknown>({ method: 'POST', url: `${featureUrl(key)}/strategies`, body: { name: 'flexibleRollout', title: STRATEGY_TITLE, disabled: false, constraints: [], ...desired } }, options, { retries: 0 });
      if (!created.ok) return explain(created, key);
    } else if (!matches(strategy, desired)) {
      // The `test` ops make the patch a compare-and-swap on exactly what was read.
      const patch = [
        { op: 'test', path: '/parameters', value: strategy.parameters ?? {} },
        { op: 'test', path: '/variants', value: strategy.variants ?? [] },
        { op: 'replace', path: '/parameters', value: desired.parameters },
        { op: 'replace', path: '/variants', value: desired.variants },
        ...(strategy.disabled === true ? [{ op: 'replace', path: '/disabled', value: false }] : []),
      ];
      let failedTest = false;
      const final = (status: number, body: unknown): boolean => (failedTest = isFailedTest(status, body));
      const patched = await call<unknown>({ method: 'PATCH', url: `${featureUrl(key)}/strategies/${encodeURIComponent(strategy.id)}`, body: patch }, options, { final });
      if (!patched.ok) {
        if (!failedTest) return explain(patched, key);
        // Unleash answers 500 when a `test` fails. An earlier attempt of ours may have won (its
        // answer lost), so only a strategy that still differs is someone else's change.
        const again = await load(key, options);
        const now = again.ok ? ours(key, again.value) : again;
        if (!(now.ok && now.value !== undefined && matches(now.value, desired))) {
          return { ok: false, kind: 'conflict', error: `${where(key)}: strategy ${strategy.id} changed between Glidepath's read and its write (the JSON Patch test failed); nothing was applied, the next tick reads it again` };
        }
      }
    }
    if (!loaded.value.enabled && split.mode !== 'off') {
      const on = await call<unknown>({ method: 'POST', url: `${featureUrl(key)}/on` }, options);
      if (!on.ok) return explain(on, key);
    }

    const back = await load(key, options);
    if (!back.ok) return back;
    const mine = ours(key, back.value);
    if (!mine.ok) return mine;
    const served = splitOf(key, back.value, mine.value);
    if (!served.ok) return served;
    const expectServing = split.mode !== 'off';
    if (mine.value === undefined || !matches(mine.value, desired) || (expectServing && !back.value.enabled)) {
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
