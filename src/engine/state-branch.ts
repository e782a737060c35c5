import { DEFAULT_STATE_BRANCH } from './state-store.js';
import { formatProblem } from '../core/problem.js';
import type { Workspace } from './workspace.js';
import { ConfigurationError } from './errors.js';

const CONFIG_FILES = new Set(['glidepath.yaml', 'glidepath.yml']);

/** The branch that holds the rollouts and their audit logs, or why it cannot be known. */
export type StateBranchResolution = { readonly branch: string } | { readonly error: string };

/**
 * The state branch glidepath.yaml names (default glidepath/state). Fails closed: when
 * glidepath.yaml does not load, the branch it names is unknown, and reading the default instead
 * would show no rollouts, verify no logs and judge no gates, all with exit 0, while the live
 * rollouts go unwatched on their own branch.
 */
export function resolveStateBranch(workspace: Workspace): StateBranchResolution {
  const config = workspace.repository.config;
  if (config) return { branch: config.value.spec.stateBranch ?? DEFAULT_STATE_BRANCH };
  const problems = workspace.problems.filter((p) => p.severity === 'error' && CONFIG_FILES.has(p.file)).map(formatProblem);
  const listed = problems.length > 0 ? problems : ['glidepath.yaml:1:1: error: the file does not load'];
  return {
    error: 'glidepath.yaml does not load, so the branch that holds the rollouts and their audit logs is unknown; ' +
      `rollout commands stop rather than read another branch:\n  ${listed.join('\n  ')}\n` +
      'Fix glidepath.yaml (`glidepath validate` lists every problem), then run the command again.',
  };
}

/** The state branch, or a ConfigurationError (exit 2) that lists glidepath.yaml's problems. */
export function requireStateBranch(workspace: Workspace): string {
  const resolved = resolveStateBranch(workspace);
  if ('error' in resolved) throw new ConfigurationError(resolved.error);
  return resolved.branch;
}
