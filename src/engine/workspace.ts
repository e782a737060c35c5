import { loadWorkspaceFiles } from './load-workspace.js';
import { formatProblem, type Problem } from '../core/problem.js';
import { bundleHash } from '../core/rollout/bundle-hash.js';
import type { GlidepathConfig, GlidepathRepository, Provider, Release, RolloutPolicy } from '../core/model/index.js';
import type { ReadRepository } from '../ports/repository-files.js';
import type { TrafficProvider, TrafficTarget } from '../ports/traffic-provider.js';
import type { EngineContext } from './context.js';
import { guardProvider } from './guarded-port.js';

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
  readonly provider: TrafficProvider;
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
export function resolveRollout(ctx: Pick<EngineContext, 'root' | 'providers' | 'sha256' | 'deadlines'>, workspace: Workspace, name: string): RolloutSetup | { readonly error: string } {
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
  const factory = ctx.providers[providerConfig.type];
  if (!factory) return { error: `glidepath.yaml: provider ${providerConfig.name} has type ${providerConfig.type}, which this Glidepath does not support (it supports ${Object.keys(ctx.providers).join(', ')})` };
  let provider: TrafficProvider;
  try {
    // Every call the engine makes to the provider goes through this one guard: a deadline, and throws or garbage as failed calls.
    provider = guardProvider(factory(providerConfig, { root: ctx.root }), { label: providerConfig.name, ...(ctx.deadlines?.providerMs !== undefined ? { timeoutMs: ctx.deadlines.providerMs } : {}) });
  } catch (error) {
    return { error: `glidepath.yaml: provider ${providerConfig.name} (type ${providerConfig.type}) could not be set up: ${(error as Error).message}` };
  }
  const target: TrafficTarget = { release: name, key: release.spec.target.key, champion: release.spec.champion, challenger: release.spec.challenger };
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
    target,
    bundleHash: bundleHash(release.spec.challenger, promptText, ctx.sha256),
  };
}

function problemsFor(workspace: Workspace, prefix: string): string {
  const relevant = workspace.problems.filter((p) => p.severity === 'error' && p.file.startsWith(prefix)).slice(0, 3);
  return relevant.length === 0 ? '' : `:\n  ${relevant.map(formatProblem).join('\n  ')}`;
}
