import { SCHEMA_DIR, STARTER_PROVIDERS, starterFiles } from '../core/init/starter-files.js';
import type { PackageTemplates, WriteNewFiles } from '../ports/starter-files.js';
import { UsageError } from './errors.js';

export interface InitReport {
  readonly written: readonly string[];
  /** Files that existed and were left as they were. */
  readonly kept: readonly string[];
  readonly nextSteps: readonly string[];
}

const RELEASE_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * `glidepath init`: the starter files for a provider, written next to whatever the repository
 * has, never over it. Run twice, the second run writes nothing and says so.
 */
export async function initRepository(deps: { readonly templates: PackageTemplates; readonly writeNewFiles: WriteNewFiles }, root: string, options: { readonly provider: string; readonly release: string }): Promise<InitReport> {
  const provider = STARTER_PROVIDERS[options.provider];
  if (!provider) throw new UsageError(`--provider is '${options.provider}'; init has starters for: ${Object.keys(STARTER_PROVIDERS).join(', ')}`);
  if (!RELEASE_NAME.test(options.release)) throw new UsageError(`--release is '${options.release}'; use lower-case letters, digits and dashes, starting and ending with a letter or digit (at most 63)`);
  const [policies, workflows, schemas] = await Promise.all([
    deps.templates.readFolder('examples/quickstart/policies'),
    deps.templates.readFolder('examples/workflows'),
    deps.templates.readFolder('schemas'),
  ]);
  if (schemas.size === 0) throw new Error('the installed glidepath package has no schemas/ folder; reinstall it');
  const files = starterFiles({ provider, release: options.release, templates: { policies, workflows, schemas } });
  const { written, kept } = await deps.writeNewFiles(root, files);
  return {
    written,
    kept,
    nextSteps: [
      ...provider.nextSteps,
      `Edit releases/${options.release}.yaml: the champion is what serves today, the challenger what you want to ship.`,
      'Run `glidepath validate`, commit, and open a pull request: the plan appears on it.',
      ...(workflows.size > 0 ? ['Add the secrets your provider and metrics need to the repository, and the workflows in .github/workflows/ do the rest (README, "Set up in your repository").'] : []),
      `Editors that read yaml-language-server modelines check the files against ${SCHEMA_DIR}/.`,
    ],
  };
}
