import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailure, CallOptions, CallResult } from '../../ports/call.js';
import type { ApiProvider, ApplyAnswer, ProviderCapabilities, TrafficTarget } from '../../ports/traffic-provider.js';
import type { TrafficSplit } from '../../core/model/traffic-split.js';
import { requestJson, type HttpDeps, type HttpRequest } from '../http/http-json.js';

/** A glidepath.yaml provider entry of type `launchdarkly` (schema: launchdarkly.schema.json beside this file). */
export interface LaunchDarklyProviderConfig {
  /** Name releases use in `spec.target.provider`. */
  readonly name: string;
  readonly type: 'launchdarkly';
  readonly description?: string;
  /** What a release's `target.key` names: a feature flag (default) or an AI Config. */
  readonly kind?: 'flag' | 'ai-config';
  /** LaunchDarkly's base URL (default `https://app.launchdarkly.com`; `https://app.launchdarkly.us`, `https://app.eu.launchdarkly.com`). */
  readonly url?: string;
  readonly projectKey: string;
  /** The environment whose default rule Glidepath steps, e.g. `production`. */
  readonly environmentKey: string;
  /** The environment variable holding a LaunchDarkly access token (personal or service), sent as `Authorization` without `Bearer`. */
  readonly apiTokenEnv: string;
  /** The names of the flag's variations Glidepath serves; default `champion` and `challenger`, and no shadow variation. */
  readonly variations?: { readonly champion?: string; readonly challenger?: string; readonly shadow?: string };
  /** The context attribute a rollout buckets by (default `key`): the same value always lands on the same arm. */
  readonly bucketBy?: string;
  /** The context kind bucketed and matched by a ring (default `user`). */
  readonly contextKind?: string;
}

/** The REST API version every request pins, so a token made for another version reads the same shapes. */
export const LD_API_VERSION = '20240415';
/** The description of the targeting rule Glidepath owns on a flag for a ring. */
export const RING_DESCRIPTION = 'glidepath-ring';
/** LaunchDarkly rollout weights are thousandths of a percent. */
const WEIGHT_TOTAL = 100_000;
const DEFAULT_URL = 'https://app.launchdarkly.com';

/**
 * What a LaunchDarkly provider can do: rings only on flags (an AI Config's rules carry no id or
 * description in the API, so Glidepath could not tell its rule from the user's), shadow only as
 * a variation of the user's (`variations.shadow`) that tells the application to mirror.
 */
export function launchDarklyCapabilities(config: Pick<LaunchDarklyProviderConfig, 'kind' | 'variations'>): ProviderCapabilities {
  return {
    shadow: config.variations?.shadow !== undefined ? 'marker' : 'none',
    segments: (config.kind ?? 'flag') === 'flag',
    weightStep: 0.001,
    settles: 'now',
    stickiness: 'sticky',
  };
}

interface Variation {
  _id?: string;
  name?: string;
  value?: unknown;
}
interface WeightedVariation {
  variation: number;
  weight: number;
}
interface Rollout {
  variations: WeightedVariation[];
  bucketBy?: string;
  contextKind?: string;
}
interface VariationOrRollout {
  variation?: number;
  rollout?: Rollout;
}
interface Clause {
  contextKind?: string;
  attribute: string;
  op: string;
  values: unknown[];
  negate?: boolean;
}
interface Rule {
  _id?: string;
  description?: string;
  disabled?: boolean;
  variation?: number;
  rollout?: Rollout;
  clauses: Clause[];
}
/** One environment's targeting, flags and AI Configs alike (AI Configs say `enabled` and `_version`). */
interface Targeting {
  on: boolean;
  version: number;
  offVariation?: number;
  fallthrough: VariationOrRollout;
  rules: Rule[];
}
/** What Glidepath reads: the variations and the environment's targeting. */
interface Loaded {
  variations: Variation[];
  env: Targeting;
}
/** The variation indexes the provider's names resolve to on one flag. */
interface Arms {
  champion: number;
  challenger: number;
  shadow?: number;
}

/**
 * LaunchDarkly through its REST API. Glidepath steps the default rule ("fallthrough") of one
 * environment of a flag or AI Config between two variations the user created and named
 * (`champion`, `challenger`): off serves the champion, traffic a percentage rollout of the two,
 * shadow a third variation of the user's that tells the application to mirror. A ring is one
 * targeting rule described `glidepath-ring`, first, serving the challenger to listed values.
 *
 * Flags are changed with a JSON Patch whose first operation `test`s the environment's `version`
 * read just before, so a change made in between is refused, never overwritten (semantic patch
 * has no precondition). AI Configs accept only semantic patch (`updateFallthroughVariationOrRollout`):
 * the read-back decides, and a read-back that is not the split applied is a conflict.
 */
export function createLaunchDarklyProvider(config: LaunchDarklyProviderConfig, deps: AdapterDeps & Partial<Pick<HttpDeps, 'sleep' | 'random'>>): Built<ApiProvider> {
  const entry = `providers[${config.name}]`;
  const token = deps.env[config.apiTokenEnv];
  if (token === undefined || token.trim() === '') {
    return { ok: false, field: ['apiTokenEnv'], error: `${entry}: environment variable ${config.apiTokenEnv} (apiTokenEnv) is not set: add it to the workflow's env from a secret holding a LaunchDarkly access token, e.g. ${config.apiTokenEnv}: \${{ secrets.${config.apiTokenEnv} }}` };
  }
  let base: URL;
  try {
    base = new URL(config.url ?? DEFAULT_URL);
  } catch {
    return { ok: false, field: ['url'], error: `${entry}: url '${config.url}' is not a URL; use LaunchDarkly's base URL, e.g. ${DEFAULT_URL}` };
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    return { ok: false, field: ['url'], error: `${entry}: url '${config.url}' is not http(s); use LaunchDarkly's base URL, e.g. ${DEFAULT_URL}` };
  }
  const names = { champion: config.variations?.champion ?? 'champion', challenger: config.variations?.challenger ?? 'challenger', shadow: config.variations?.shadow };
  if (names.champion === names.challenger || (names.shadow !== undefined && (names.shadow === names.champion || names.shadow === names.challenger))) {
    return { ok: false, field: ['variations'], error: `${entry}: variations must name different variations for champion, challenger and shadow` };
  }
  const kind = config.kind ?? 'flag';
  const root = base.href.replace(/\/+$/, '');
  const project = config.projectKey;
  const environment = config.environmentKey;
  const bucketBy = config.bucketBy ?? 'key';
  const contextKind = config.contextKind ?? 'user';
  const capabilities = launchDarklyCapabilities(config);
  const label = `launchdarkly '${config.name}'`;
  const noun = kind === 'flag' ? 'flag' : 'AI Config';
  const http: HttpDeps = { fetch: withRateLimitReset(deps.fetch, deps.clock), ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.random ? { random: deps.random } : {}) };
  const headers = { authorization: token.trim(), 'ld-api-version': LD_API_VERSION };

  const resourceUrl = (key: string): string => kind === 'flag'
    ? `${root}/api/v2/flags/${encodeURIComponent(project)}/${encodeURIComponent(key)}`
    : `${root}/api/v2/projects/${encodeURIComponent(project)}/ai-configs/${encodeURIComponent(key)}/targeting`;
  const where = (key: string): string => `${label}: ${noun} '${key}' in project '${project}', environment '${environment}'`;

  function signalOf(options?: CallOptions): AbortSignal {
    return options?.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal;
  }

  async function call<T>(request: HttpRequest, options: CallOptions | undefined): Promise<CallResult<T>> {
    const answer = await requestJson<T>(http, { ...request, headers: { ...headers, ...request.headers } }, { label, signal: signalOf(options) });
    return answer.ok ? { ok: true, value: answer.value.body } : answer;
  }

  /** Adds what to fix to the failures a person must act on. */
  function explain(failure: CallFailure, key: string, writing: boolean): CallFailure {
    if (failure.kind === 'not-found') return { ...failure, error: `${where(key)} does not exist (create it, or fix the release's target.key or the provider's projectKey): ${failure.error}` };
    if (failure.kind === 'unauthorized') return { ...failure, error: `${failure.error}; ${config.apiTokenEnv} must hold a LaunchDarkly access token whose role may ${writing ? 'update' : 'read'} ${noun}s in project '${project}', environment '${environment}'` };
    // LaunchDarkly answers 405 when the environment requires approvals: a person must change a
    // role or a setting, so it is reported as a permission, not as a malformed request.
    // (requestJson's errors read "<label>: <method> <path> answered <status> …".)
    if (writing && / answered 405\b/.test(failure.error)) {
      return { ...failure, kind: 'unauthorized', error: `${where(key)}: the environment requires approval for changes, so Glidepath cannot apply a split (${failure.error}); give the token's custom role the bypassRequiredApproval action on this environment, or turn off required approvals for it` };
    }
    return failure;
  }

  async function load(key: string, options?: CallOptions): Promise<CallResult<Loaded>> {
    const url = kind === 'flag' ? `${resourceUrl(key)}?env=${encodeURIComponent(environment)}` : resourceUrl(key);
    const answer = await call<unknown>({ url }, options);
    if (!answer.ok) return explain(answer, key, false);
    const body = answer.value as { variations?: unknown; environments?: Record<string, unknown> } | null;
    if (body === null || typeof body !== 'object' || !Array.isArray(body.variations) || body.environments === null || typeof body.environments !== 'object') {
      return { ok: false, kind: 'invalid', error: `${where(key)}: the answer is not a ${noun} with variations and environments` };
    }
    const raw = body.environments[environment];
    if (raw === undefined) return { ok: false, kind: 'not-found', error: `${where(key)}: the environment is not in the answer; fix the provider's environmentKey` };
    const env = targetingOf(raw, kind);
    if (typeof env === 'string') return { ok: false, kind: 'invalid', error: `${where(key)}: the environment's targeting is malformed (${env})` };
    return { ok: true, value: { variations: body.variations as Variation[], env } };
  }

  function armsOf(key: string, variations: readonly Variation[]): CallResult<Arms> {
    const find = (name: string): number[] => variations.flatMap((v, i) => (v.name === name ? [i] : []));
    const arms: Partial<Record<'champion' | 'challenger' | 'shadow', number>> = {};
    for (const arm of ['champion', 'challenger', 'shadow'] as const) {
      const name = names[arm];
      if (name === undefined) continue;
      const found = find(name);
      if (found.length !== 1) {
        const field = `variations.${arm}`;
        return { ok: false, kind: 'invalid', error: `${where(key)} has ${found.length === 0 ? 'no variation' : `${found.length} variations`} named '${name}'; name exactly one of its variations '${name}' in LaunchDarkly, or set ${field} on the provider` };
      }
      arms[arm] = found[0] as number;
    }
    return { ok: true, value: arms as Arms };
  }

  function ringOf(env: Targeting): { index: number; rule: Rule } | undefined {
    const index = env.rules.findIndex((r) => r.description === RING_DESCRIPTION);
    return index < 0 ? undefined : { index, rule: env.rules[index] as Rule };
  }

  function splitOf(key: string, loaded: Loaded, arms: Arms): CallResult<TrafficSplit> {
    const { env } = loaded;
    const invalid = (problem: string): CallFailure => ({ ok: false, kind: 'invalid', error: `${where(key)}: ${problem}` });
    const nameOf = (i: number | undefined): string => (i === undefined ? 'none' : `'${loaded.variations[i]?.name ?? `#${i}`}'`);
    if (!env.on) {
      if (env.offVariation === arms.champion) return { ok: true, value: { mode: 'off', weight: 0 } };
      return invalid(`targeting is off and serves variation ${nameOf(env.offVariation)}, not '${names.champion}'; turn targeting on, or make '${names.champion}' the off variation`);
    }
    let base: TrafficSplit;
    const fallthrough = env.fallthrough;
    if (fallthrough.rollout === undefined) {
      if (fallthrough.variation === arms.champion) base = { mode: 'off', weight: 0 };
      else if (fallthrough.variation === arms.challenger) base = { mode: 'traffic', weight: 100 };
      else if (arms.shadow !== undefined && fallthrough.variation === arms.shadow) base = { mode: 'shadow', weight: 0 };
      else return invalid(`the default rule serves variation ${nameOf(fallthrough.variation)}, neither '${names.champion}' nor '${names.challenger}'`);
    } else {
      const weights = fallthrough.rollout.variations;
      const stray = weights.find((w) => w.weight !== 0 && w.variation !== arms.champion && w.variation !== arms.challenger);
      if (stray !== undefined) return invalid(`the default rule's rollout gives ${stray.weight / 1000}% to variation ${nameOf(stray.variation)}, which is neither arm; set its weight to 0`);
      const total = weights.reduce((sum, w) => sum + w.weight, 0);
      if (total !== WEIGHT_TOTAL) return invalid(`the default rule's rollout weights sum to ${total}, not ${WEIGHT_TOTAL}`);
      const challenger = weights.filter((w) => w.variation === arms.challenger).reduce((sum, w) => sum + w.weight, 0);
      base = { mode: 'traffic', weight: challenger / 1000 };
    }
    const ring = ringOf(env);
    if (ring === undefined || ring.rule.disabled === true) return { ok: true, value: base };
    const clause = ring.rule.clauses[0];
    if (ring.rule.clauses.length !== 1 || clause === undefined || clause.op !== 'in' || clause.negate === true || ring.rule.variation !== arms.challenger || ring.rule.rollout !== undefined) {
      return invalid(`the rule '${RING_DESCRIPTION}' was changed: it must have one 'in' clause and serve '${names.challenger}'; delete it and Glidepath recreates it`);
    }
    return { ok: true, value: { mode: 'traffic', weight: base.mode === 'traffic' ? base.weight : 0, segment: { attribute: clause.attribute, values: clause.values.map(String) } } };
  }

  async function read(target: TrafficTarget, options?: CallOptions): Promise<CallResult<TrafficSplit>> {
    const loaded = await load(target.key, options);
    if (!loaded.ok) return loaded;
    const arms = armsOf(target.key, loaded.value.variations);
    if (!arms.ok) return arms;
    return splitOf(target.key, loaded.value, arms.value);
  }

  /** The default rule that serves `split`: variations in index order, so a rollout lists them the same way at every weight. */
  function desiredFallthrough(split: TrafficSplit, arms: Arms): VariationOrRollout {
    if (split.mode === 'off') return { variation: arms.champion };
    if (split.mode === 'shadow') return { variation: arms.shadow as number };
    const challenger = Math.round(split.weight * 1000);
    const variations = [{ variation: arms.champion, weight: WEIGHT_TOTAL - challenger }, { variation: arms.challenger, weight: challenger }].sort((a, b) => a.variation - b.variation);
    return { rollout: { variations, bucketBy, contextKind } };
  }

  function sameFallthrough(have: VariationOrRollout, want: VariationOrRollout): boolean {
    if (want.rollout === undefined) return have.rollout === undefined && have.variation === want.variation;
    if (have.rollout === undefined) return false;
    const weightOf = (r: Rollout, i: number): number => r.variations.filter((w) => w.variation === i).reduce((sum, w) => sum + w.weight, 0);
    const listed = want.rollout.variations.map((w) => w.variation);
    return want.rollout.variations.every((w) => weightOf(have.rollout as Rollout, w.variation) === w.weight)
      && have.rollout.variations.every((w) => w.weight === 0 || listed.includes(w.variation))
      && (have.rollout.bucketBy ?? 'key') === want.rollout.bucketBy && (have.rollout.contextKind ?? 'user') === want.rollout.contextKind;
  }

  function desiredRing(split: TrafficSplit, arms: Arms): Rule | undefined {
    if (split.segment === undefined) return undefined;
    return {
      description: RING_DESCRIPTION,
      variation: arms.challenger,
      clauses: [{ contextKind, attribute: split.segment.attribute, op: 'in', values: [...new Set(split.segment.values)].sort(), negate: false }],
    };
  }

  function sameRing(have: Rule | undefined, want: Rule | undefined): boolean {
    if (have === undefined || want === undefined) return have === want;
    const a = have.clauses[0];
    const b = want.clauses[0] as Clause;
    return have.disabled !== true && have.clauses.length === 1 && a !== undefined && have.variation === want.variation && have.rollout === undefined
      && a.op === 'in' && a.negate !== true && a.attribute === b.attribute && (a.contextKind ?? 'user') === b.contextKind
      && [...new Set(a.values.map(String))].sort().join('\n') === b.values.join('\n');
  }

  /** Targeting must be on unless the split is off and targeting-off already serves the champion. */
  function needsOn(env: Targeting, split: TrafficSplit, arms: Arms): boolean {
    return !env.on && (split.mode !== 'off' || env.offVariation !== arms.champion);
  }

  function settledAs(env: Targeting, split: TrafficSplit, arms: Arms): boolean {
    if (needsOn(env, split, arms)) return false;
    const fallthroughOk = !env.on || sameFallthrough(env.fallthrough, desiredFallthrough(split, arms));
    return fallthroughOk && (kind === 'ai-config' || sameRing(ringOf(env)?.rule, desiredRing(split, arms)));
  }

  function comment(target: TrafficTarget, split: TrafficSplit): string {
    const ring = split.segment ? ` and ${split.segment.attribute} in [${split.segment.values.join(', ')}]` : '';
    return `Glidepath: release ${target.release} to ${split.mode === 'traffic' ? `${split.weight}% ${names.challenger}` : split.mode}${ring}`;
  }

  /** The JSON Patch for a flag: a `test` of the environment version read, then the changes. */
  function flagPatch(loaded: Loaded, split: TrafficSplit, arms: Arms): unknown[] {
    const env = loaded.env;
    const at = `/environments/${pointerEscape(environment)}`;
    const ops: unknown[] = [{ op: 'test', path: `${at}/version`, value: env.version }];
    const fallthrough = desiredFallthrough(split, arms);
    if (!sameFallthrough(env.fallthrough, fallthrough)) ops.push({ op: 'replace', path: `${at}/fallthrough`, value: fallthrough });
    if (needsOn(env, split, arms)) ops.push({ op: 'replace', path: `${at}/on`, value: true });
    const ring = ringOf(env);
    const wanted = desiredRing(split, arms);
    if (wanted !== undefined && ring === undefined) ops.push({ op: 'add', path: `${at}/rules/0`, value: { ...wanted, trackEvents: false } });
    else if (wanted !== undefined && ring !== undefined && !sameRing(ring.rule, wanted)) ops.push({ op: 'replace', path: `${at}/rules/${ring.index}`, value: { ...wanted, trackEvents: false } });
    else if (wanted === undefined && ring !== undefined) ops.push({ op: 'remove', path: `${at}/rules/${ring.index}` });
    return ops;
  }

  /** The semantic patch for an AI Config, the only patch its targeting accepts. */
  function aiConfigPatch(target: TrafficTarget, loaded: Loaded, split: TrafficSplit, arms: Arms): CallResult<unknown> {
    const fallthrough = desiredFallthrough(split, arms);
    const instruction: Record<string, unknown> = { kind: 'updateFallthroughVariationOrRollout' };
    const idOf = (i: number): string | undefined => loaded.variations[i]?._id;
    if (fallthrough.rollout === undefined) {
      const id = idOf(fallthrough.variation as number);
      if (id === undefined) return { ok: false, kind: 'invalid', error: `${where(target.key)}: variation #${fallthrough.variation} has no _id to name in a semantic patch` };
      instruction['variationId'] = id;
    } else {
      const weights: Record<string, number> = {};
      for (const w of fallthrough.rollout.variations) {
        const id = idOf(w.variation);
        if (id === undefined) return { ok: false, kind: 'invalid', error: `${where(target.key)}: variation #${w.variation} has no _id to name in a semantic patch` };
        weights[id] = w.weight;
      }
      Object.assign(instruction, { rolloutWeights: weights, rolloutBucketBy: bucketBy, rolloutContextKind: contextKind });
    }
    return { ok: true, value: { environmentKey: environment, comment: comment(target, split), instructions: [instruction] } };
  }

  async function apply(target: TrafficTarget, split: TrafficSplit, options?: CallOptions): Promise<CallResult<ApplyAnswer>> {
    const key = target.key;
    if (split.mode === 'traffic' && !(split.weight >= 0 && split.weight <= 100)) return { ok: false, kind: 'invalid', error: `${label}: weight ${split.weight} is not a percentage` };
    if (split.segment !== undefined && (split.mode !== 'traffic' || !capabilities.segments)) {
      return { ok: false, kind: 'invalid', error: `${label}: a ring (segment) is served only in traffic mode on a flag, not ${split.mode} on ${kind === 'flag' ? 'a flag' : 'an AI Config'}` };
    }
    if (split.mode === 'shadow' && names.shadow === undefined) {
      return { ok: false, kind: 'invalid', error: `${label}: a shadow stage needs a variation that tells the application to mirror; create one and name it in the provider's variations.shadow` };
    }
    const loaded = await load(key, options);
    if (!loaded.ok) return loaded;
    const arms = armsOf(key, loaded.value.variations);
    if (!arms.ok) return arms;
    if (!settledAs(loaded.value.env, split, arms.value)) {
      if (kind === 'ai-config' && needsOn(loaded.value.env, split, arms.value)) {
        return { ok: false, kind: 'invalid', error: `${where(key)}: targeting is off, and a semantic patch cannot turn an AI Config's targeting on; turn it on in LaunchDarkly (serving '${names.champion}' by default)` };
      }
      const written = await write(target, loaded.value, split, arms.value, options);
      if (!written.ok) return written;
    }
    const back = await load(key, options);
    if (!back.ok) return back;
    const served = splitOf(key, back.value, arms.value);
    if (!served.ok) return served;
    if (!settledAs(back.value.env, split, arms.value)) {
      return { ok: false, kind: 'conflict', error: `${where(key)}: read back ${describe(served.value)} after applying ${describe(split)}; someone else changed it, the next tick reads it again` };
    }
    if (back.value.env.version > loaded.value.env.version + 1) deps.logger.warn(`${where(key)}: changed by someone else while Glidepath applied ${describe(split)} (version ${loaded.value.env.version} → ${back.value.env.version}); it reads as applied`);
    return { ok: true, value: { status: 'settled', split: served.value } };
  }

  async function write(target: TrafficTarget, loaded: Loaded, split: TrafficSplit, arms: Arms, options?: CallOptions): Promise<CallResult<void>> {
    const key = target.key;
    if (kind === 'ai-config') {
      const body = aiConfigPatch(target, loaded, split, arms);
      if (!body.ok) return body;
      const patched = await call<unknown>({ method: 'PATCH', url: resourceUrl(key), headers: { 'content-type': 'application/json; domain-model=launchdarkly.semanticpatch' }, body: body.value }, options);
      return patched.ok ? { ok: true, value: undefined } : explain(patched, key, true);
    }
    const patched = await call<unknown>({ method: 'PATCH', url: resourceUrl(key), body: { comment: comment(target, split), patch: flagPatch(loaded, split, arms) } }, options);
    if (patched.ok) return { ok: true, value: undefined };
    if (!/ answered (400|409|422)\b/.test(patched.error)) return explain(patched, key, true);
    // A failed `test`, or a retried write whose first attempt landed: a fresh read tells which.
    const again = await load(key, options);
    if (again.ok && settledAs(again.value.env, split, arms)) return { ok: true, value: undefined };
    if (again.ok && again.value.env.version !== loaded.env.version) {
      return { ok: false, kind: 'conflict', error: `${where(key)}: changed between Glidepath's read (version ${loaded.env.version}) and its write (now ${again.value.env.version}); nothing was applied, the next tick reads it again` };
    }
    return explain(patched, key, true);
  }

  return { ok: true, value: { kind: 'api', type: 'launchdarkly', capabilities, read, apply } };
}

/** A flag's and an AI Config's environment, in one shape, or what is wrong with it. */
function targetingOf(raw: unknown, kind: 'flag' | 'ai-config'): Targeting | string {
  if (raw === null || typeof raw !== 'object') return 'not an object';
  const r = raw as Record<string, unknown>;
  const on = kind === 'flag' ? r['on'] : r['enabled'];
  const version = kind === 'flag' ? r['version'] : r['_version'];
  if (typeof on !== 'boolean') return `${kind === 'flag' ? 'on' : 'enabled'} is not a boolean`;
  if (!Number.isInteger(version)) return 'no version';
  const fallthrough = r['fallthrough'];
  if (fallthrough === null || typeof fallthrough !== 'object') return 'no fallthrough';
  const rollout = (fallthrough as Record<string, unknown>)['rollout'];
  if (rollout !== undefined && !isRollout(rollout)) return 'the fallthrough rollout is malformed';
  const rules = r['rules'] ?? [];
  if (!Array.isArray(rules) || !rules.every((rule) => rule !== null && typeof rule === 'object' && Array.isArray((rule as Record<string, unknown>)['clauses'])
    && ((rule as Record<string, unknown>)['clauses'] as unknown[]).every((c) => c !== null && typeof c === 'object' && Array.isArray((c as Record<string, unknown>)['values'])))) return 'rules are malformed';
  const offVariation = r['offVariation'];
  return { on, version: version as number, fallthrough: fallthrough as VariationOrRollout, rules: rules as Rule[], ...(Number.isInteger(offVariation) ? { offVariation: offVariation as number } : {}) };
}

function isRollout(value: unknown): value is Rollout {
  if (value === null || typeof value !== 'object') return false;
  const variations = (value as Record<string, unknown>)['variations'];
  return Array.isArray(variations) && variations.every((w) => w !== null && typeof w === 'object' && Number.isInteger((w as Record<string, unknown>)['variation']) && Number.isInteger((w as Record<string, unknown>)['weight']));
}

/** RFC 6901: an environment key with `~` or `/` in it is still one segment of the pointer. */
function pointerEscape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * LaunchDarkly says when its rate-limit window resets in `X-Ratelimit-Reset` (epoch
 * milliseconds), and sends `Retry-After` only for IP limits: a 429 without the latter gets it
 * from the former, so the shared client waits the right time or reports how long to wait.
 */
function withRateLimitReset(fetch: typeof globalThis.fetch, clock: { now(): Date }): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.status !== 429 || response.headers.has('retry-after')) return response;
    const reset = response.headers.get('x-ratelimit-reset')?.trim();
    if (reset === undefined || !/^\d+$/.test(reset)) return response;
    const seconds = Math.max(0, Math.ceil((Number(reset) - clock.now().getTime()) / 1000));
    const headers = new Headers(response.headers);
    headers.set('retry-after', String(seconds));
    return new Response(await response.text(), { status: response.status, statusText: response.statusText, headers });
  };
}

function describe(split: TrafficSplit): string {
  const ring = split.segment ? ` with a ring on ${split.segment.attribute}` : '';
  return `${split.mode === 'traffic' ? `traffic ${split.weight}%` : split.mode}${ring}`;
}
