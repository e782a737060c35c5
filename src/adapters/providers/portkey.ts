import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailure, CallOptions, CallResult } from '../../ports/call.js';
import type { FileChange } from '../../ports/scm.js';
import type { ApiProvider, GitOpsProvider, ProviderCapabilities, TrafficTarget } from '../../ports/traffic-provider.js';
import type { TrafficSplit } from '../../core/model/traffic-split.js';
import { requestJson, type HttpDeps } from '../http/http-json.js';

/** A glidepath.yaml provider entry of type `portkey` (schema: portkey.schema.json beside this file). */
export interface PortkeyProviderConfig {
  readonly name: string;
  readonly type: 'portkey';
  readonly description?: string;
  /**
   * Where the gateway config lives. `control-plane`: a saved config on Portkey's API, the release
   * target's `key` is its slug. `file`: a JSON config file in this repository (for the self-hosted
   * open-source gateway), the release target's `key` is its path; Glidepath commits it.
   */
  readonly source: 'control-plane' | 'file';
  /** control-plane only: the environment variable holding a Portkey API key with config read and write. */
  readonly apiKeyEnv?: string;
  /** control-plane only: the API base (default `https://api.portkey.ai/v1`; a self-hosted control plane's otherwise). */
  readonly url?: string;
  /** The `name` of the config target serving the champion (default `champion`). */
  readonly championTarget?: string;
  /** The `name` of the config target serving the challenger (default `challenger`). */
  readonly challengerTarget?: string;
}

export const PORTKEY_API = 'https://api.portkey.ai/v1';

export const portkeyCapabilities: ProviderCapabilities = {
  // A loadbalance strategy sends each request to one target; nothing mirrors it to another.
  shadow: 'none',
  // Rings would need a `conditional` strategy on request metadata, which Glidepath does not write.
  segments: false,
  // Weights are any non-negative numbers; Glidepath writes percents to two decimals.
  weightStep: 0.01,
  settles: 'now',
  // The gateway (1.15.2, `tryTargetsRecursively`) draws a loadbalance target with
  // `Math.random() * sum(weights)` on every request, with no key and no session: the same user or
  // conversation can land on either arm from one request to the next (test/adapters/providers/portkey-gateway.test.ts).
  stickiness: 'per-request',
};

/** The strategy modes the gateway's config schema accepts (its zod `strategy.mode` refinement). */
const STRATEGY_MODES = ['single', 'loadbalance', 'fallback', 'conditional'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Arms {
  readonly champion: string;
  readonly challenger: string;
}

/** Where the two arms sit in a config: the loadbalance node whose targets carry both names. */
interface Located {
  readonly node: JsonObject;
  readonly targets: JsonObject[];
  readonly champion: JsonObject;
  readonly challenger: JsonObject;
  /** A JSON path to the node, for messages (`$`, `$.targets[1]`). */
  readonly path: string;
}

/**
 * Portkey's AI gateway as a traffic provider. The config (saved on Portkey's control plane, or a
 * file the self-hosted gateway is given as `x-portkey-config`) has a `loadbalance` strategy whose
 * targets include two named `champion` and `challenger` (names configurable): the user writes
 * them with their providers, keys and models; Glidepath only ever rewrites their two `weight`s,
 * as percents, and leaves everything else in the config as it was.
 */
export function createPortkeyProvider(config: PortkeyProviderConfig, deps: AdapterDeps & Partial<Pick<HttpDeps, 'sleep' | 'random'>>): Built<ApiProvider | GitOpsProvider> {
  const entry = `providers[${config.name}]`;
  const arms: Arms = { champion: config.championTarget ?? 'champion', challenger: config.challengerTarget ?? 'challenger' };
  if (arms.champion === arms.challenger) {
    return { ok: false, field: ['challengerTarget'], error: `${entry}: championTarget and challengerTarget are both '${arms.champion}'; name two different targets of the config` };
  }
  if (config.source === 'file') return { ok: true, value: fileProvider(arms) };

  const apiKey = config.apiKeyEnv === undefined ? undefined : deps.env[config.apiKeyEnv];
  if (config.apiKeyEnv === undefined) {
    return { ok: false, field: ['apiKeyEnv'], error: `${entry}: source 'control-plane' needs apiKeyEnv, the environment variable holding a Portkey API key (or use source: file for a config file in the repository)` };
  }
  if (apiKey === undefined || apiKey.trim() === '') {
    return { ok: false, field: ['apiKeyEnv'], error: `${entry}: environment variable ${config.apiKeyEnv} (apiKeyEnv) is not set: add it to the workflow's env from a secret holding a Portkey API key that can read and write configs` };
  }
  let base: URL;
  try {
    base = new URL(config.url ?? PORTKEY_API);
  } catch {
    return { ok: false, field: ['url'], error: `${entry}: url '${config.url}' is not a URL; use Portkey's API base, e.g. ${PORTKEY_API}` };
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    return { ok: false, field: ['url'], error: `${entry}: url '${config.url}' is not http(s); use Portkey's API base, e.g. ${PORTKEY_API}` };
  }
  return { ok: true, value: controlPlaneProvider(config.name, base.href.replace(/\/+$/, ''), apiKey.trim(), arms, deps) };
}

function fileProvider(arms: Arms): GitOpsProvider {
  function load(target: TrafficTarget, files: ReadonlyMap<string, string>): CallResult<{ path: string; doc: JsonObject; text: string }> {
    const path = configPath(target.key);
    if (typeof path !== 'string') return path;
    const text = files.get(path);
    if (text === undefined) {
      return { ok: false, kind: 'not-found', error: `${path}: no such file; write the gateway config there with a loadbalance strategy and two targets named '${arms.champion}' and '${arms.challenger}' (docs/providers/portkey.md has one)` };
    }
    const doc = parseConfigText(path, text);
    return doc.ok ? { ok: true, value: { path, doc: doc.value, text } } : doc;
  }

  return {
    kind: 'gitops',
    type: 'portkey',
    capabilities: portkeyCapabilities,
    paths(target) {
      const path = configPath(target.key);
      return typeof path === 'string' ? [path] : [];
    },
    read(target, files) {
      const loaded = load(target, files);
      if (!loaded.ok) return loaded;
      return readConfigSplit(loaded.value.doc, arms, loaded.value.path);
    },
    render(target, split, files) {
      const loaded = load(target, files);
      if (!loaded.ok) return loaded;
      const { path, doc, text } = loaded.value;
      const next = setConfigSplit(doc, split, arms, path);
      if (!next.ok) return next;
      if (sameJson(next.value, doc)) return { ok: true, value: [] };
      const changes: FileChange[] = [{ path, content: `${JSON.stringify(next.value, null, indentOf(text))}\n` }];
      return { ok: true, value: changes };
    },
  };
}

function controlPlaneProvider(name: string, root: string, apiKey: string, arms: Arms, deps: AdapterDeps & Partial<Pick<HttpDeps, 'sleep' | 'random'>>): ApiProvider {
  const label = `portkey '${name}'`;
  const http: HttpDeps = { fetch: deps.fetch, ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.random ? { random: deps.random } : {}) };
  const headers = { 'x-portkey-api-key': apiKey };
  const configUrl = (slug: string): string => `${root}/configs/${encodeURIComponent(slug)}`;
  const signalOf = (options?: CallOptions): AbortSignal => (options?.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal);
  const where = (slug: string): string => `${label}: config '${slug}'`;

  function explain(failure: CallFailure, slug: string): CallFailure {
    if (failure.kind === 'unauthorized') return { ...failure, error: `${failure.error}; the API key needs the Configs read and write permission in the config's workspace` };
    if (failure.kind === 'not-found') return { ...failure, error: `${failure.error}; no config with slug '${slug}': create it in Portkey (Configs) with a loadbalance strategy and targets named '${arms.champion}' and '${arms.challenger}', and use its slug as the release target's key` };
    return failure;
  }

  async function fetchConfig(slug: string, options?: CallOptions): Promise<CallResult<JsonObject>> {
    const answer = await requestJson<unknown>(http, { url: configUrl(slug), headers }, { label, signal: signalOf(options) });
    if (!answer.ok) return explain(answer, slug);
    const body = answer.value.body as { data?: { config?: unknown }; config?: unknown } | undefined;
    // The spec wraps the config in `data`; Portkey's API has also answered it unwrapped, and as a JSON string.
    let raw = body?.data?.config ?? body?.config;
    if (typeof raw === 'string') {
      const parsed = parseConfigText(`${where(slug)} (as answered)`, raw);
      if (!parsed.ok) return parsed;
      raw = parsed.value;
    }
    if (!isObject(raw)) return { ok: false, kind: 'invalid', error: `${where(slug)}: the answer has no data.config object; is url the Portkey API base (${PORTKEY_API})?` };
    return { ok: true, value: raw };
  }

  async function read(target: TrafficTarget, options?: CallOptions): Promise<CallResult<TrafficSplit>> {
    const current = await fetchConfig(target.key, options);
    if (!current.ok) return current;
    return readConfigSplit(current.value, arms, where(target.key));
  }

  return {
    kind: 'api',
    type: 'portkey',
    capabilities: portkeyCapabilities,
    read,
    async apply(target, split, options) {
      const current = await fetchConfig(target.key, options);
      if (!current.ok) return current;
      const next = setConfigSplit(current.value, split, arms, where(target.key));
      if (!next.ok) return next;
      if (!sameJson(next.value, current.value)) {
        const put = await requestJson<unknown>(http, { method: 'PUT', url: configUrl(target.key), headers, body: { config: next.value } }, { label, signal: signalOf(options) });
        if (!put.ok) return explain(put, target.key);
      }
      // The API has no compare-and-swap: a config that differs from what was written, anywhere,
      // means someone else saved it in between, and whose weights serve is not known.
      const after = await fetchConfig(target.key, options);
      if (!after.ok) return after;
      if (!sameJson(after.value, next.value)) {
        return { ok: false, kind: 'conflict', error: `${where(target.key)}: changed by someone else while Glidepath wrote the weights; it will read it again on the next tick` };
      }
      const served = readConfigSplit(after.value, arms, where(target.key));
      return served.ok ? { ok: true, value: { status: 'settled', split: served.value } } : served;
    },
  };
}

/**
 * The split a gateway config serves: the challenger's share of the loadbalance node's weights
 * (a target without a weight counts 1, as the gateway does).
 */
export function readConfigSplit(config: Json, arms: Arms, where: string): CallResult<TrafficSplit> {
  const located = locate(config, arms, where);
  if (!located.ok) return located;
  const { targets, champion, challenger, path } = located.value;
  let total = 0;
  for (const [index, t] of targets.entries()) {
    const weight = weightOf(t);
    if (weight === undefined) return { ok: false, kind: 'invalid', error: `${where}: ${path}.targets[${index}].weight is not a non-negative number` };
    if (weight > 0 && t !== champion && t !== challenger) {
      return { ok: false, kind: 'invalid', error: `${where}: ${path}.targets[${index}] ('${String(t['name'] ?? 'unnamed')}') has weight ${weight}: only '${arms.champion}' and '${arms.challenger}' may carry traffic in the node Glidepath steps; set its weight to 0 or move it out` };
    }
    total += weight;
  }
  if (total === 0) return { ok: false, kind: 'invalid', error: `${where}: the weights of ${path}.targets sum to 0, so the gateway serves nothing; give '${arms.champion}' a weight` };
  const share = Math.round(((weightOf(challenger) ?? 0) / total) * 100 * 1e6) / 1e6;
  return { ok: true, value: share === 0 ? { mode: 'off', weight: 0 } : { mode: 'traffic', weight: share } };
}

/**
 * The config with the two arms' weights set for `split` (champion 100 - w, challenger w), every
 * other field as it was. Checked against the gateway's config schema before it is written.
 */
export function setConfigSplit(config: Json, split: TrafficSplit, arms: Arms, where: string): CallResult<JsonObject> {
  if (split.mode === 'shadow') return { ok: false, kind: 'invalid', error: `${where}: Portkey cannot mirror requests, so a shadow stage cannot run on it; use a provider with shadow support for that stage or remove it` };
  if (split.segment) return { ok: false, kind: 'invalid', error: `${where}: Portkey's loadbalance strategy cannot route a ring (segment ${split.segment.attribute}); remove the stage's segment` };
  if (!Number.isFinite(split.weight) || split.weight < 0 || split.weight > 100) return { ok: false, kind: 'invalid', error: `${where}: weight ${split.weight} is not a percentage` };
  const copy = structuredClone(config);
  const located = locate(copy, arms, where);
  if (!located.ok) return located;
  const challenger = split.mode === 'off' ? 0 : Math.round(split.weight * 100) / 100;
  located.value.challenger['weight'] = challenger;
  located.value.champion['weight'] = Math.round((100 - challenger) * 100) / 100;
  const problems = gatewayConfigProblems(copy);
  if (problems.length > 0) return { ok: false, kind: 'invalid', error: `${where}: the gateway would refuse this config: ${problems.slice(0, 3).join('; ')}` };
  return { ok: true, value: copy as JsonObject };
}

/**
 * What the gateway's own config schema (the zod schema `x-portkey-config` is parsed with in
 * @portkey-ai/gateway 1.15.2) would refuse, for the fields Glidepath relies on: strategy modes,
 * targets as arrays of configs, numeric weights, string providers and names. Empty when fine.
 */
export function gatewayConfigProblems(config: Json, path = '$'): string[] {
  if (!isObject(config)) return [`${path} is not an object`];
  const problems: string[] = [];
  const strategy = config['strategy'];
  if (strategy !== undefined) {
    if (!isObject(strategy) || typeof strategy['mode'] !== 'string' || !STRATEGY_MODES.includes(strategy['mode'])) problems.push(`${path}.strategy.mode must be one of ${STRATEGY_MODES.join(', ')}`);
    if (config['targets'] === undefined) problems.push(`${path} has a strategy but no targets`);
  }
  for (const field of ['provider', 'api_key', 'virtual_key', 'custom_host', 'name']) {
    if (config[field] !== undefined && typeof config[field] !== 'string') problems.push(`${path}.${field} must be a string`);
  }
  const weight = config['weight'];
  if (weight !== undefined && typeof weight !== 'number') problems.push(`${path}.weight must be a number`);
  const targets = config['targets'];
  if (targets !== undefined) {
    if (!Array.isArray(targets)) problems.push(`${path}.targets must be an array`);
    else targets.forEach((t, i) => problems.push(...gatewayConfigProblems(t, `${path}.targets[${i}]`)));
  }
  return problems;
}

function locate(config: Json, arms: Arms, where: string): CallResult<Located> {
  const found: Located[] = [];
  const visit = (node: Json, path: string): void => {
    if (!isObject(node)) return;
    const targets = node['targets'];
    if (!Array.isArray(targets)) return;
    const objects = targets.filter(isObject);
    const champion = objects.find((t) => t['name'] === arms.champion);
    const challenger = objects.find((t) => t['name'] === arms.challenger);
    if (champion && challenger) found.push({ node, targets: objects, champion, challenger, path });
    targets.forEach((t, i) => visit(t, `${path}.targets[${i}]`));
  };
  visit(config, '$');
  if (found.length === 0) {
    return { ok: false, kind: 'not-found', error: `${where}: no targets list has both a target named '${arms.champion}' and one named '${arms.challenger}'; add them under a loadbalance strategy (docs/providers/portkey.md)` };
  }
  if (found.length > 1) return { ok: false, kind: 'invalid', error: `${where}: targets named '${arms.champion}' and '${arms.challenger}' appear in ${found.map((f) => f.path).join(' and ')}; Glidepath steps exactly one loadbalance node` };
  const located = found[0] as Located;
  const mode = isObject(located.node['strategy']) ? located.node['strategy']['mode'] : undefined;
  if (mode !== 'loadbalance') {
    return { ok: false, kind: 'invalid', error: `${where}: ${located.path}.strategy.mode is ${JSON.stringify(mode ?? null)}; the node holding '${arms.champion}' and '${arms.challenger}' needs strategy: { mode: 'loadbalance' } for weights to split traffic` };
  }
  return { ok: true, value: located };
}

function weightOf(target: JsonObject): number | undefined {
  const weight = target['weight'];
  if (weight === undefined) return 1;
  return typeof weight === 'number' && Number.isFinite(weight) && weight >= 0 ? weight : undefined;
}

/** A repository-relative path for the target's key, or why it is not one. */
function configPath(key: string): string | CallFailure {
  const path = key.replace(/\\/g, '/').replace(/^\.\//, '');
  if (path === '' || path.startsWith('/') || /^[a-z]:/i.test(path) || path.split('/').includes('..')) {
    return { ok: false, kind: 'invalid', error: `release target key '${key}' is not a path inside the repository; name the gateway config file relative to the repository root, e.g. gateway/config.json` };
  }
  return path;
}

/** Parses a config's JSON text, or says where (file and line) it is broken. */
function parseConfigText(where: string, text: string): CallResult<JsonObject> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    return { ok: false, kind: 'invalid', error: `${where}${line === undefined ? '' : `:${line}`}: not valid JSON (${message.replace(/\s*\(line \d+ column \d+\)/, '')}); fix the gateway config` };
  }
  if (!isObject(value)) return { ok: false, kind: 'invalid', error: `${where}:1: a gateway config is a JSON object` };
  return { ok: true, value };
}

function indentOf(text: string): string | number {
  const match = /\n([ \t]+)"/.exec(text);
  return match ? (match[1] as string) : 2;
}

function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
