import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailure, CallResult } from '../../ports/call.js';
import type { FileChange } from '../../ports/scm.js';
import type { GitOpsProvider, ProviderCapabilities, TrafficTarget } from '../../ports/traffic-provider.js';
import type { TrafficSplit } from '../../core/model/traffic-split.js';

/** A glidepath.yaml provider entry of type `litellm` (schema: litellm.schema.json beside this file). */
export interface LitellmProviderConfig {
  readonly name: string;
  readonly type: 'litellm';
  readonly description?: string;
  /** The proxy's config file (the one `litellm --config` is started with), relative to the repository root. */
  readonly path: string;
}

export const litellmCapabilities: ProviderCapabilities = {
  // The router sends each request to one deployment; nothing mirrors it.
  shadow: 'none',
  // Tag-based routing could carry rings, but Glidepath writes only the two weights.
  segments: false,
  // `weight` is any non-negative number; Glidepath writes percents to two decimals.
  weightStep: 0.01,
  settles: 'now',
  // simple-shuffle draws `random.choices(deployments, weights)` on every request, with no key.
  stickiness: 'per-request',
};

/** Routing strategies that read `litellm_params.weight`; every other one (latency-, usage-, cost-based) ignores it. */
const WEIGHTED_STRATEGIES = ['simple-shuffle'];

interface Deployment {
  readonly item: YAMLMap;
  readonly params: YAMLMap;
  readonly index: number;
}

interface Loaded {
  readonly doc: Document;
  readonly lines: LineCounter;
  /** The model group's deployments in file order (the order the router sees them in). */
  readonly group: Deployment[];
  readonly champion: Deployment;
  readonly challenger: Deployment;
}

/**
 * The LiteLLM proxy as a traffic provider, through its config file committed by the GitOps path.
 * A release's target `key` is a `model_name`; its two deployments are the entries of that group
 * whose `litellm_params.model` is the champion's and the challenger's model. Glidepath rewrites
 * only their `litellm_params.weight` (percents), leaving every other byte of the file, comments
 * included, as it was. `rpm`/`tpm` stay: they are rate limits as well as routing hints, and a
 * `weight` on the group's first deployment takes precedence over them in simple-shuffle.
 */
export function createLitellmProvider(config: LitellmProviderConfig, _deps: AdapterDeps): Built<GitOpsProvider> {
  const path = config.path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (path === '' || path.startsWith('/') || /^[a-z]:/i.test(path) || path.split('/').includes('..')) {
    return { ok: false, field: ['path'], error: `providers[${config.name}]: path '${config.path}' is not inside the repository; give the proxy's config file relative to the repository root, e.g. litellm/config.yaml` };
  }

  function load(target: TrafficTarget, files: ReadonlyMap<string, string>): CallResult<Loaded & { text: string }> {
    const text = files.get(path);
    if (text === undefined) return { ok: false, kind: 'not-found', error: `${path}: no such file; point the provider's path at the LiteLLM proxy config (the file litellm --config reads)` };
    const loaded = locate(path, text, target);
    return loaded.ok ? { ok: true, value: { ...loaded.value, text } } : loaded;
  }

  return {
    ok: true,
    value: {
      kind: 'gitops',
      type: 'litellm',
      capabilities: litellmCapabilities,
      paths: () => [path],
      read(target, files) {
        const loaded = load(target, files);
        return loaded.ok ? splitOf(loaded.value, path) : loaded;
      },
      render(target, split, files) {
        const loaded = load(target, files);
        if (!loaded.ok) return loaded;
        const where = `${path}: model_name '${target.key}'`;
        if (split.mode === 'shadow') return { ok: false, kind: 'invalid', error: `${where}: LiteLLM cannot mirror requests, so a shadow stage cannot run on it; remove the stage or use a provider with shadow support` };
        if (split.segment) return { ok: false, kind: 'invalid', error: `${where}: Glidepath cannot route a ring (segment ${split.segment.attribute}) through LiteLLM weights; remove the stage's segment` };
        if (!Number.isFinite(split.weight) || split.weight < 0 || split.weight > 100) return { ok: false, kind: 'invalid', error: `${where}: weight ${split.weight} is not a percentage` };
        const challenger = split.mode === 'off' ? 0 : Math.round(split.weight * 100) / 100;
        const champion = Math.round((100 - challenger) * 100) / 100;
        const { text } = loaded.value;
        if (weightOf(loaded.value.champion) === champion && weightOf(loaded.value.challenger) === challenger) return { ok: true, value: [] };
        const next = rewriteWeights(text, loaded.value, champion, challenger);
        // The text edit is checked by reading it back; a layout it cannot edit goes through the Document API, which keeps comments but may respace lines.
        const checked = (candidate: string): boolean => {
          const again = locate(path, candidate, target);
          return again.ok && weightOf(again.value.champion) === champion && weightOf(again.value.challenger) === challenger;
        };
        let content = next;
        if (content === undefined || !checked(content)) {
          loaded.value.champion.params.set('weight', champion);
          loaded.value.challenger.params.set('weight', challenger);
          content = loaded.value.doc.toString({ lineWidth: 0 });
        }
        const changes: FileChange[] = [{ path, content }];
        return { ok: true, value: changes };
      },
    },
  };
}

function locate(path: string, text: string, target: TrafficTarget): CallResult<Loaded> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    return { ok: false, kind: 'invalid', error: `${path}${line ? `:${line}` : ''}: not valid YAML (${first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}); fix the LiteLLM config` };
  }
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined): string => (node?.range ? `:${lines.linePos(node.range[0]).line}` : '');
  const list = doc.get('model_list', true);
  if (!isSeq(list)) return { ok: false, kind: 'invalid', error: `${path}${lineOf(list as never)}: has no model_list sequence; it is not a LiteLLM proxy config` };
  const group: Deployment[] = [];
  for (const [index, item] of list.items.entries()) {
    if (!isMap(item)) return { ok: false, kind: 'invalid', error: `${path}${lineOf(item as never)}: model_list[${index}] is not a mapping` };
    if (String(item.get('model_name')) !== target.key) continue;
    const params = item.get('litellm_params', true);
    if (!isMap(params)) return { ok: false, kind: 'invalid', error: `${path}${lineOf(item)}: model_list[${index}] ('${target.key}') has no litellm_params mapping` };
    group.push({ item, params, index });
  }
  const where = `${path}: model_name '${target.key}'`;
  if (group.length === 0) {
    return { ok: false, kind: 'not-found', error: `${where}: no deployments; add two model_list entries with model_name '${target.key}' and litellm_params.model '${target.champion.model}' and '${target.challenger.model}' (docs/providers/litellm.md)` };
  }
  if (target.champion.model === target.challenger.model) {
    return { ok: false, kind: 'invalid', error: `${where}: champion and challenger both use model '${target.champion.model}'; LiteLLM deployments are told apart by litellm_params.model, so a prompt-only change needs a flag provider` };
  }
  const arm = (model: string, role: string): Deployment | CallFailure => {
    const found = group.filter((d) => String(d.params.get('model')) === model);
    if (found.length === 1) return found[0] as Deployment;
    if (found.length === 0) return { ok: false, kind: 'not-found', error: `${where}: no deployment with litellm_params.model '${model}' (the ${role}); add one to the group` };
    return { ok: false, kind: 'invalid', error: `${where}: ${found.length} deployments have litellm_params.model '${model}' (lines ${found.map((d) => lineOf(d.item).slice(1)).join(', ')}); Glidepath steps exactly one per arm` };
  };
  const champion = arm(target.champion.model, 'champion');
  if ('ok' in champion) return champion;
  const challenger = arm(target.challenger.model, 'challenger');
  if ('ok' in challenger) return challenger;
  const foreign = group.find((d) => d !== champion && d !== challenger);
  if (foreign) {
    return { ok: false, kind: 'invalid', error: `${path}${lineOf(foreign.item)}: model_list[${foreign.index}] ('${String(foreign.params.get('model'))}') is a third deployment of '${target.key}' and would take a share of its traffic; move it to another model_name` };
  }
  const strategy = doc.getIn(['router_settings', 'routing_strategy']);
  if (strategy !== undefined && !WEIGHTED_STRATEGIES.includes(String(strategy))) {
    return { ok: false, kind: 'invalid', error: `${path}${lineOf(doc.getIn(['router_settings', 'routing_strategy'], true) as never)}: router_settings.routing_strategy is '${String(strategy)}', which ignores deployment weights; use simple-shuffle (the default) for a weighted split` };
  }
  for (const d of [champion, challenger]) {
    const weight = d.params.get('weight');
    if (weight !== undefined && !(typeof weight === 'number' && Number.isFinite(weight) && weight >= 0)) {
      return { ok: false, kind: 'invalid', error: `${path}${lineOf(d.params.get('weight', true) as never)}: litellm_params.weight of '${String(d.params.get('model'))}' is not a non-negative number` };
    }
  }
  return { ok: true, value: { doc, lines, group, champion, challenger } };
}

/**
 * What simple-shuffle serves: when the group's first deployment has a `weight`, a draw by the
 * weights (a missing one counts 0); else by `rpm`, else by `tpm`; else each deployment alike.
 */
function splitOf(loaded: Loaded, path: string): CallResult<TrafficSplit> {
  const first = loaded.group[0] as Deployment;
  const field = ['weight', 'rpm', 'tpm'].find((f) => first.params.get(f) !== undefined);
  const share = (d: Deployment): number => {
    if (field === undefined) return 1;
    const value = d.params.get(field);
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
  };
  const total = share(loaded.champion) + share(loaded.challenger);
  if (total === 0) return { ok: false, kind: 'invalid', error: `${path}: the ${field ?? 'weight'}s of both deployments are 0, so the router cannot pick one; give the champion a weight` };
  const weight = Math.round((share(loaded.challenger) / total) * 100 * 1e6) / 1e6;
  return { ok: true, value: weight === 0 ? { mode: 'off', weight: 0 } : { mode: 'traffic', weight } };
}

function weightOf(d: Deployment): number | undefined {
  const value = d.params.get('weight');
  return typeof value === 'number' ? value : undefined;
}

/**
 * The file with the two weights changed in place: an existing `weight` scalar is replaced where it
 * stands; a missing one is added as the last key of its `litellm_params` (a line in a block
 * mapping, `, weight: n` in a flow one). Undefined when the layout is not one it can edit.
 */
function rewriteWeights(text: string, loaded: Loaded, champion: number, challenger: number): string | undefined {
  const edits: { at: number; end: number; insert: string }[] = [];
  for (const [d, value] of [[loaded.champion, champion], [loaded.challenger, challenger]] as const) {
    const node = d.params.get('weight', true);
    if (isScalar(node) && node.range) {
      edits.push({ at: node.range[0], end: node.range[1], insert: String(value) });
      continue;
    }
    if (node !== undefined) return undefined;
    const edit = insertion(text, d.params, value);
    if (edit === undefined) return undefined;
    edits.push(edit);
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, edit.at) + edit.insert + out.slice(edit.end);
  return out;
}

function insertion(text: string, params: YAMLMap, value: number): { at: number; end: number; insert: string } | undefined {
  if (!params.range) return undefined;
  if (params.flow) {
    const close = text.lastIndexOf('}', params.range[1]);
    if (close < params.range[0]) return undefined;
    if (text.slice(params.range[0] + 1, close).trim() === '') return { at: close, end: close, insert: `weight: ${value}` };
    let at = close;
    while (text[at - 1] === ' ' || text[at - 1] === '\n') at -= 1;
    return { at, end: at, insert: `, weight: ${value}` };
  }
  const pairs = params.items as Pair[];
  const firstKey = pairs[0]?.key as Scalar | undefined;
  const last = pairs.at(-1);
  const lastNode = (last?.value ?? last?.key) as Scalar | undefined;
  if (!firstKey?.range || !lastNode?.range) return undefined;
  const lineStart = text.lastIndexOf('\n', firstKey.range[0] - 1) + 1;
  const indent = text.slice(lineStart, firstKey.range[0]);
  if (!/^ *$/.test(indent)) return undefined;
  // After the last pair's line (its trailing comment included), or before the newline a nested block ends with.
  let at = lastNode.range[1];
  if (text[at - 1] === '\n') at -= 1;
  else {
    const newline = text.indexOf('\n', at);
    at = newline === -1 ? text.length : newline;
  }
  return { at, end: at, insert: `\n${indent}weight: ${value}` };
}
