import type { GlidepathConfig, GlidepathRepository, LoadedDocument, Release, RolloutPolicy } from '../model/index.js';
import { deepEqual } from './deep-equal.js';

export type ChangeKind = 'added' | 'modified' | 'removed';

/** A release whose rollout differs between base and head, and why. */
export interface ReleaseChange {
  readonly name: string;
  readonly kind: ChangeKind;
  /** Human reasons, in a stable order: `new release`, ``policy `model-upgrade` changed``, … */
  readonly reasons: readonly string[];
  readonly base?: LoadedDocument<Release>;
  readonly head?: LoadedDocument<Release>;
}

/** A policy whose file differs between base and head. */
export interface PolicyChange {
  readonly name: string;
  readonly kind: ChangeKind;
  readonly base?: LoadedDocument<RolloutPolicy>;
  readonly head?: LoadedDocument<RolloutPolicy>;
  /** Head releases that follow it. */
  readonly usedBy: readonly string[];
}

interface Reason {
  readonly text: string;
  /** Files the reason comes from; with `changedPaths`, a reason counts only when one of them changed. */
  readonly paths: readonly string[];
}

const CONFIG_FILE = 'glidepath.yaml';
const RELEASE_FIELDS = ['policy', 'target', 'traffic', 'champion', 'challenger', 'risk', 'owner', 'offlineGate'] as const;

/**
 * Releases added, modified or removed between two revisions. A release changes when its own file
 * does (comments and formatting aside), when the policy it follows changes, when a prompt file it
 * names changes (its offline eval results too), or when the config's default traffic or its provider does.
 *
 * `changedPaths` (the pull request's files, merge-base semantics) restricts reasons to files
 * the pull request touched: when the base branch has moved on since the branch point, its newer
 * files differ from head without the pull request changing them.
 */
export function findChangedReleases(base: GlidepathRepository, head: GlidepathRepository, changedPaths?: readonly string[]): ReleaseChange[] {
  const touched = changedPaths ? new Set(changedPaths) : undefined;
  const counts = (reason: Reason): boolean => !touched || reason.paths.some((p) => touched.has(p));
  const names = [...new Set([...base.releases.keys(), ...head.releases.keys()])].sort();
  const changes: ReleaseChange[] = [];
  const memo: ComparisonMemo = { policies: new Map(), providers: new Map() };
  for (const name of names) {
    const before = base.releases.get(name);
    const after = head.releases.get(name);
    let kind: ChangeKind;
    let reasons: Reason[];
    if (!before && after) {
      kind = 'added';
      reasons = [{ text: 'new release', paths: [after.file] }];
    } else if (before && !after) {
      kind = 'removed';
      reasons = [{ text: 'release removed', paths: [before.file] }];
    } else {
      kind = 'modified';
      reasons = modificationReasons(base, head, before as LoadedDocument<Release>, after as LoadedDocument<Release>, memo);
    }
    const kept = reasons.filter(counts);
    if (kept.length === 0) continue;
    changes.push({ name, kind, reasons: kept.map((r) => r.text), ...(before ? { base: before } : {}), ...(after ? { head: after } : {}) });
  }
  return changes;
}

/** Answers shared by the releases that follow one policy or provider: each is worked out once per call. */
interface ComparisonMemo {
  /** Policy name → whether its base and head versions differ. */
  readonly policies: Map<string, boolean>;
  /** Provider name → whether the config's entry for it differs. */
  readonly providers: Map<string, boolean>;
  defaultTraffic?: boolean;
}

function remember<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  cache.set(key, value);
  return value;
}

function modificationReasons(base: GlidepathRepository, head: GlidepathRepository, before: LoadedDocument<Release>, after: LoadedDocument<Release>, memo: ComparisonMemo): Reason[] {
  const reasons: Reason[] = [];
  const releasePaths = [...new Set([before.file, after.file])];
  const b = before.value.spec;
  const a = after.value.spec;
  if (b.policy !== a.policy) reasons.push({ text: `switches policy \`${b.policy}\` → \`${a.policy}\``, paths: releasePaths });
  const fields: string[] = RELEASE_FIELDS.filter((f) => f !== 'policy' && !deepEqual(b[f], a[f]));
  if (!deepEqual(before.value.metadata, after.value.metadata)) fields.push('metadata');
  if (fields.length > 0) reasons.push({ text: `release changed: ${fields.join(', ')}`, paths: releasePaths });

  if (b.policy === a.policy) {
    const policyBefore = base.policies.get(b.policy);
    const policyAfter = head.policies.get(a.policy);
    if (policyBefore && policyAfter && remember(memo.policies, a.policy, () => !deepEqual(policyBefore.value, policyAfter.value))) {
      reasons.push({ text: `policy \`${a.policy}\` changed`, paths: [...new Set([policyBefore.file, policyAfter.file])] });
    }
  }
  for (const role of ['champion', 'challenger'] as const) {
    const path = a[role].prompt;
    if (path === undefined || path !== b[role].prompt) continue;
    if (base.files.get(path) !== head.files.get(path)) reasons.push({ text: `${role} prompt \`${path}\` changed`, paths: [path] });
  }
  const results = a.offlineGate?.results;
  if (results !== undefined && results === b.offlineGate?.results && base.files.get(results) !== head.files.get(results)) {
    reasons.push({ text: `offline eval results \`${results}\` changed`, paths: [results] });
  }
  if (base.config && head.config) {
    const cb = base.config.value.spec;
    const ca = head.config.value.spec;
    if (!a.traffic && (memo.defaultTraffic ??= !deepEqual(cb.traffic, ca.traffic))) reasons.push({ text: 'default traffic changed', paths: [CONFIG_FILE] });
    const provider = (c: GlidepathConfig['spec']): unknown => c.providers.find((p) => p.name === a.target.provider);
    if (b.target.provider === a.target.provider && remember(memo.providers, a.target.provider, () => !deepEqual(provider(cb), provider(ca)))) {
      reasons.push({ text: `provider \`${a.target.provider}\` changed`, paths: [CONFIG_FILE] });
    }
  }
  return reasons;
}

/** Policies added, modified or removed, with the head releases that follow each. */
export function findChangedPolicies(base: GlidepathRepository, head: GlidepathRepository, changedPaths?: readonly string[]): PolicyChange[] {
  const touched = changedPaths ? new Set(changedPaths) : undefined;
  const names = [...new Set([...base.policies.keys(), ...head.policies.keys()])].sort();
  const changes: PolicyChange[] = [];
  for (const name of names) {
    const before = base.policies.get(name);
    const after = head.policies.get(name);
    if (before && after && deepEqual(before.value, after.value)) continue;
    const files = [before?.file, after?.file].filter((f): f is string => f !== undefined);
    if (touched && !files.some((f) => touched.has(f))) continue;
    const usedBy = [...head.releases.values()].filter((r) => r.value.spec.policy === name).map((r) => r.value.metadata.name).sort();
    changes.push({
      name,
      kind: !before ? 'added' : !after ? 'removed' : 'modified',
      ...(before ? { base: before } : {}),
      ...(after ? { head: after } : {}),
      usedBy,
    });
  }
  return changes;
}
