import { loadWorkspaceFiles } from './load-workspace.js';
import { formatProblem, type Problem } from '../core/problem.js';
import { bundleHash } from '../core/rollout/bundle-hash.js';
import { stageCapabilityGaps } from '../core/validate/rules/provider-capability-rules.js';
import type { GlidepathConfig, GlidepathRepository, Provider, Release, RolloutPolicy } from '../core/model/index.js';
import type { ReadRepository } from '../ports/repository-files.js';
import type { ApiProvider, ProviderAdapter, ProviderCapabilities, ProviderRegistry, ProviderType, TrafficTarget } from '../ports/traffic-provider.js';
import type { Built } from '../ports/adapter-deps.js';
import { DEFAULT_FLAG_BRANCH } from './branch-flag-files.js';
import type { EngineContext } from './context.js';
import { guardProvider } from './guarded-port.js';
import { gitOpsAsApi } from './gitops-provider.js';

/** The repository's Glidepath files as the engine sees them: loaded, with the loader's problems. */
export interface Workspace {
  readonly repository: GlidepathRepository;
  readonly problems: readonly Problem[];
}

/** Everything needed to act on one release: its documents, its provider and the provider's target. */
export interface RolloutSetup {
  readonly name: string;
  readonly release: Release;
  /** Root-relative path of the release file (the revert restores it, through ctx.scm, scoped to the root). */
  readonly releaseFile: string;
  readonly policy: RolloutPolicy;
  readonly config: GlidepathConfig | undefined;
  readonly providerConfig: Provider;
  /** The provider as the engine drives it (a GitOps provider through its file store), guarded. */
  readonly provider: ApiProvider;
  readonly capabilities: ProviderCapabilities;
  readonly target: TrafficTarget;
  /** bundleHash of the challenger as the files say now. */
  readonly bundleHash: string;
}

export async function loadWorkspace(root: string, readRepository: ReadRepository): Promise<Workspace> {
  const { repository, problems } = await loadWorkspaceFiles(root, readRepository);
  return { repository, problems };
}

/**
 * Resolves a release to its policy, provider and target, or says what is missing in words a user
 * can act on. Problems in other files do not stop a release whose own documents are sound.
 */
export function resolveRollout(ctx: ProviderContext & Pick<EngineContext, 'sha256'>, workspace: Workspace, name: string): RolloutSetup | { readonly error: string } {
  const { repository } = workspace;
  const releaseDoc = repository.releases.get(name);
  if (!releaseDoc) return { error: `release ${name}: no releases/*.yaml with metadata.name ${name} loads cleanly${problemsFor(workspace, 'releases/')}` };
  const release = releaseDoc.value;
  const policyDoc = repository.policies.get(release.spec.policy);
  if (!policyDoc) return { error: `${releaseDoc.file}: spec.policy names ${release.spec.policy}, but no policies/*.yaml with that name loads cleanly${problemsFor(workspace, 'policies/')}` };
  const config = repository.config?.value;
  if (!config) return { error: `glidepath.yaml is missing or does not load, so release ${name} has no provider${problemsFor(workspace, 'glidepath.yaml')}` };
  const providerConfig = config.spec.providers.find((p) => p.name === release.spec.target.provider);
  if (!providerConfig) {
    return { error: `${releaseDoc.file}: spec.target.provider names ${release.spec.target.provider}, but glidepath.yaml has no provider with that name (it has ${config.spec.providers.map((p) => p.name).join(', ')})` };
  }
  const built = buildProvider(ctx, providerConfig, config.spec.flagBranch ?? DEFAULT_FLAG_BRANCH);
  if (!built.ok) {
    const index = config.spec.providers.indexOf(providerConfig);
    const at = repository.config?.locate(['spec', 'providers', index, ...(built.field ?? [])]);
    const where = at ? `glidepath.yaml:${at.line}` : 'glidepath.yaml';
    const field = built.field && built.field.length > 0 ? `.${built.field.join('.')}` : '';
    return { error: `${where}: providers[${providerConfig.name}]${field}: ${built.error}` };
  }
  const provider = built.value;
  const gaps = policyDoc.value.spec.stages.flatMap((stage, index) =>
    stageCapabilityGaps(stage, provider.capabilities, `provider ${providerConfig.name} (${providerConfig.type})`).map((gap) => {
      const at = policyDoc.locate(['spec', 'stages', index, gap.field]);
      return `${at.file}:${at.line}: ${gap.message}, which release ${name} uses; ${gap.hint}`;
    }),
  );
  if (gaps.length > 0) return { error: gaps.join('\n') };
  const { provider: _provider, key, ...fields } = release.spec.target as Release['spec']['target'] & Record<string, unknown>;
  const target: TrafficTarget = { release: name, key, champion: release.spec.champion, challenger: release.spec.challenger, ...(Object.keys(fields).length > 0 ? { fields } : {}) };
  const promptPath = release.spec.challenger.prompt;
  const promptText = promptPath === undefined ? undefined : repository.files.get(promptPath);
  if (promptPath !== undefined && promptText === undefined) {
    return { error: `${releaseDoc.file}: spec.challenger.prompt names ${promptPath}, which cannot be read; its content is part of the bundle hash the audit records` };
  }
  return {
    name,
    release,
    releaseFile: releaseDoc.file,
    policy: policyDoc.value,
    config,
    providerConfig,
    provider,
    capabilities: provider.capabilities,
    target,
    bundleHash: bundleHash(release.spec.challenger, promptText, ctx.sha256),
  };
}

/** What building a provider needs from the engine context. */
export type ProviderContext = Pick<EngineContext, 'root' | 'providers' | 'adapterDeps' | 'flagFiles' | 'logger' | 'clock' | 'deadlines'>;

/**
 * Builds the provider an entry of glidepath.yaml names, with its dependencies, as the engine
 * drives it: a GitOps provider through the file store, and every call behind the guard (a
 * deadline, and throws or garbage as failed calls). A configuration error is answered, not thrown.
 */
export function buildProvider(ctx: ProviderContext, config: Provider, flagBranch: string = DEFAULT_FLAG_BRANCH): Built<ApiProvider> {
  const factory = factoryFor(ctx.providers, config.type)?.create;
  if (typeof factory !== 'function') {
    return { ok: false, error: `type ${config.type} is not one this Glidepath supports (it supports ${Object.keys(ctx.providers).join(', ')})`, field: ['type'] };
  }
  let built: Built<ProviderAdapter>;
  try {
    built = factory(config, { root: ctx.root, env: ctx.adapterDeps.env, fetch: ctx.adapterDeps.fetch, signal: ctx.adapterDeps.signal, logger: ctx.logger, clock: ctx.clock });
  } catch (error) {
    return { ok: false, error: `could not be set up (type ${config.type}): ${(error as Error).message}` };
  }
  if (!built.ok) return built;
  const adapter = built.value;
  const api = adapter.kind === 'gitops' ? gitOpsAsApi(adapter, ctx.flagFiles(ctx.root, flagBranch)) : adapter;
  return { ok: true, value: guardProvider(api, { label: config.name, ...(ctx.deadlines?.providerMs !== undefined ? { timeoutMs: ctx.deadlines.providerMs } : {}) }) };
}

/** The factory for one type, typed for that type's entries (the registry is keyed by the schema's union). */
/**
 * The registry entry for an entry's type, typed for the whole union: TypeScript cannot tie
 * `registry[config.type]` to `config`'s own member, but the registry's type guarantees each
 * entry builds its own type's config, which is the one it is called with.
 */
function factoryFor(registry: Partial<ProviderRegistry>, type: Provider['type']): ProviderType<Provider> | undefined {
  return registry[type] as ProviderType<Provider> | undefined;
}

function problemsFor(workspace: Workspace, prefix: string): string {
  const relevant = workspace.problems.filter((p) => p.severity === 'error' && p.file.startsWith(prefix)).slice(0, 3);
  return relevant.length === 0 ? '' : `:\n  ${relevant.map(formatProblem).join('\n  ')}`;
}
