import { resolveInsideRoot } from '../fs/inside-root.js';
import type { FlagdProvider } from '../../core/model/index.js';
import type { CallResult } from '../../ports/call.js';
import type { GitOpsProvider, ProviderCapabilities, ProviderFactory, ProviderType, TrafficTarget } from '../../ports/traffic-provider.js';
import type { FileChange } from '../../ports/scm.js';
import type { TrafficSplit } from '../../core/model/traffic-split.js';

/** The two variants every Glidepath-managed flag has. */
export const CHAMPION = 'champion';
export const CHALLENGER = 'challenger';

/** flagd's flag-definition schema, so editors check the file. */
const FLAGD_SCHEMA = 'https://flagd.dev/schema/v0/flags.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** One flag as flagd reads it (the fields Glidepath writes). */
export interface FlagdFlag {
  state: 'ENABLED' | 'DISABLED';
  variants: Record<string, Json>;
  defaultVariant: string | null;
  targeting?: JsonObject;
  metadata?: Record<string, string | number | boolean>;
}

/**
 * flagd stores integer bucket weights: whole percents, or basis points for fractions of a percent
 * (see fractionalRule). It cannot mirror requests, so shadow is a marker the application reads.
 */
export const FLAGD_CAPABILITIES: ProviderCapabilities = { shadow: 'marker', segments: true, weightStep: 0.01, settles: 'now', stickiness: 'sticky' };

/**
 * OpenFeature flagd as a GitOps provider. Glidepath owns one flag per release (the target key):
 * two object variants, champion and challenger, split by flagd's `fractional` operation, whose
 * murmurhash3 bucketing keeps a user on the challenger as its weight grows. The file is shared
 * with flags Glidepath does not own, so a render changes just its flag and keeps the rest; the
 * engine writes it (atomically in the working tree, as a commit on the flag branch in Actions).
 */
export const createFlagdProvider: ProviderFactory<FlagdProvider> = (provider, deps) => {
  if (resolveInsideRoot(deps.root, provider.path) === undefined) {
    return { ok: false, error: `providers[${provider.name}].path '${provider.path}' is outside the repository; use a path relative to the repository root`, field: ['path'] };
  }
  return { ok: true, value: flagdFiles(provider) };
};

export const flagdProviderType: ProviderType<FlagdProvider> = { capabilities: FLAGD_CAPABILITIES, create: createFlagdProvider };

/** The pure part of flagd: where the flag lives, what it says, and the file that says a split. */
export function flagdFiles(provider: Pick<FlagdProvider, 'path' | 'bucketBy'>): GitOpsProvider {
  const shown = provider.path;

  function load(files: ReadonlyMap<string, string>): CallResult<JsonObject> {
    const text = files.get(provider.path);
    if (text === undefined) return { ok: true, value: { $schema: FLAGD_SCHEMA, flags: {} } };
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      return { ok: false, error: `${shown}: not valid JSON (${(error as Error).message}); fix the file or delete it so Glidepath writes it afresh`, kind: 'invalid' };
    }
    if (!isObject(doc) || !(isObject(doc['flags']) || Array.isArray(doc['flags']))) {
      return { ok: false, error: `${shown}: not a flagd flag-definition file (needs a "flags" object); see https://flagd.dev/reference/flag-definitions/`, kind: 'invalid' };
    }
    return { ok: true, value: doc };
  }

  return {
    kind: 'gitops',
    type: 'flagd',
    capabilities: FLAGD_CAPABILITIES,
    paths: () => [provider.path],
    read(target, files) {
      const loaded = load(files);
      if (!loaded.ok) return loaded;
      const flag = findFlag(loaded.value, target.key);
      if (flag === undefined) return { ok: true, value: { mode: 'off', weight: 0 } };
      const split = parseFlagSplit(flag);
      if (typeof split === 'string') return { ok: false, error: `${shown}: flag '${target.key}': ${split}`, kind: 'invalid' };
      return { ok: true, value: split };
    },
    render(target, split, files): CallResult<readonly FileChange[]> {
      const loaded = load(files);
      if (!loaded.ok) return loaded;
      const content = `${JSON.stringify(setFlag(loaded.value, target.key, buildFlag(target, split, provider.bucketBy)), null, 2)}\n`;
      return { ok: true, value: content === files.get(provider.path) ? [] : [{ path: provider.path, content }] };
    },
  };
}

/** The flag Glidepath writes for a split. Exported for tests and for the plan's provider preview. */
export function buildFlag(target: TrafficTarget, split: TrafficSplit, bucketBy?: string): FlagdFlag {
  const flag: FlagdFlag = {
    state: 'ENABLED',
    variants: { [CHAMPION]: toJson(target.champion), [CHALLENGER]: toJson(target.challenger) },
    defaultVariant: CHAMPION,
    metadata: { managedBy: 'glidepath', release: target.release, mode: split.mode, weight: split.mode === 'traffic' ? split.weight : 0 },
  };
  if (split.mode === 'shadow') {
    // flagd cannot mirror requests: everyone gets the champion, and the metadata (returned with
    // every evaluation as flagMetadata) tells the application or gateway to mirror to the challenger.
    flag.metadata = { ...flag.metadata, shadowVariant: CHALLENGER };
    return flag;
  }
  if (split.mode === 'off') return flag;
  const fractional = fractionalRule(split.weight, bucketBy);
  flag.targeting = split.segment
    ? { if: [{ in: [{ var: split.segment.attribute }, [...split.segment.values]] }, CHALLENGER, fractional] }
    : fractional;
  return flag;
}

function fractionalRule(weight: number, bucketBy: string | undefined): JsonObject {
  const w = Math.min(100, Math.max(0, weight));
  // flagd weights are integers: whole percents stay readable; fractions of a percent go to basis points.
  const scale = Number.isInteger(w) ? 1 : 100;
  const challenger = Math.round(w * scale);
  const buckets: Json[] = [[CHAMPION, 100 * scale - challenger], [CHALLENGER, challenger]];
  // Champion first: a user's bucket stays fixed, so the challenger's range [100-w, 100) only grows with w.
  if (bucketBy === undefined || bucketBy === 'targetingKey') return { fractional: buckets };
  return { fractional: [{ cat: [{ var: '$flagd.flagKey' }, { var: bucketBy }] }, ...buckets] };
}

/** Reads back the split a flag serves, or says why the flag is not one Glidepath can read. */
export function parseFlagSplit(flag: Json): TrafficSplit | string {
  if (!isObject(flag)) return 'not an object';
  if (flag['state'] === 'DISABLED') return { mode: 'off', weight: 0 };
  const variants = flag['variants'];
  if (!isObject(variants) || !(CHAMPION in variants) || !(CHALLENGER in variants)) {
    return `needs variants "${CHAMPION}" and "${CHALLENGER}"; it is not a Glidepath-managed flag or was edited by hand`;
  }
  const targeting = flag['targeting'];
  const metadata = isObject(flag['metadata']) ? flag['metadata'] : {};
  if (targeting === undefined || targeting === null || (isObject(targeting) && Object.keys(targeting).length === 0)) {
    if (flag['defaultVariant'] === CHALLENGER) return { mode: 'traffic', weight: 100 };
    return metadata['mode'] === 'shadow' ? { mode: 'shadow', weight: 0 } : { mode: 'off', weight: 0 };
  }
  if (!isObject(targeting)) return 'targeting is not an object';
  if ('fractional' in targeting) return readFractional(targeting['fractional']);
  const branches = targeting['if'];
  if (Array.isArray(branches) && branches.length === 3 && branches[1] === CHALLENGER && isObject(branches[2]) && 'fractional' in branches[2]) {
    const condition = branches[0];
    const inArgs = isObject(condition) ? condition['in'] : undefined;
    const attribute = Array.isArray(inArgs) && isObject(inArgs[0]) ? inArgs[0]['var'] : undefined;
    const values = Array.isArray(inArgs) ? inArgs[1] : undefined;
    if (typeof attribute === 'string' && Array.isArray(values) && values.every((v) => typeof v === 'string')) {
      const rest = readFractional(branches[2]['fractional']);
      if (typeof rest === 'string') return rest;
      return { ...rest, segment: { attribute, values: values as string[] } };
    }
  }
  return 'targeting is not a form Glidepath writes (fractional, or if-in-segment then fractional); Glidepath will not guess the split';
}

function readFractional(args: Json | undefined): TrafficSplit | string {
  if (!Array.isArray(args)) return 'fractional is not an array';
  const buckets = args.filter((a): a is Json[] => Array.isArray(a));
  let total = 0;
  let challenger = 0;
  for (const bucket of buckets) {
    const weight = bucket.length >= 2 ? bucket[1] : 1;
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0) return 'fractional weights must be non-negative integers';
    total += weight;
    if (bucket[0] === CHALLENGER) challenger += weight;
    else if (bucket[0] !== CHAMPION) return `fractional names variant ${JSON.stringify(bucket[0])}; only "${CHAMPION}" and "${CHALLENGER}" are expected`;
  }
  if (total === 0) return 'fractional weights sum to 0';
  return { mode: 'traffic', weight: Math.round((challenger / total) * 100 * 1e6) / 1e6 };
}

function findFlag(doc: JsonObject, key: string): Json | undefined {
  const flags = doc['flags'];
  if (Array.isArray(flags)) return flags.find((f) => isObject(f) && f['key'] === key);
  return isObject(flags) && Object.hasOwn(flags, key) ? flags[key] : undefined;
}

function setFlag(doc: JsonObject, key: string, flag: FlagdFlag): JsonObject {
  const value = flag as unknown as JsonObject;
  const flags = doc['flags'];
  if (Array.isArray(flags)) {
    const at = flags.findIndex((f) => isObject(f) && f['key'] === key);
    const next = [...flags];
    if (at >= 0) next[at] = { key, ...value };
    else next.push({ key, ...value });
    return { ...doc, flags: next };
  }
  return { ...doc, flags: { ...(isObject(flags) ? flags : {}), [key]: value } };
}

function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
