import type { Problem } from '../../problem.js';
import type { GlidepathConfig } from '../../model/index.js';
import { didYouMean } from '../did-you-mean.js';
import { formatFieldPath } from '../field-path.js';
import { findRepoPathProblem } from '../repo-path.js';
import type { SourceDocument } from '../source-document.js';
import type { SemanticRule } from './rule-context.js';

type ListPath = readonly ['spec', 'providers'] | readonly ['spec', 'metrics', 'sources'] | readonly ['spec', 'metrics', 'definitions'];

const NAMED_LISTS: readonly { readonly path: ListPath; readonly noun: string; readonly get: (c: GlidepathConfig) => readonly { name: string }[] }[] = [
  { path: ['spec', 'providers'], noun: 'provider', get: (c) => c.spec.providers },
  { path: ['spec', 'metrics', 'sources'], noun: 'metric source', get: (c) => c.spec.metrics.sources },
  { path: ['spec', 'metrics', 'definitions'], noun: 'metric', get: (c) => c.spec.metrics.definitions },
];

/** Names within each list of glidepath.yaml are unique: releases, gates and metrics refer to them. */
const uniqueConfigNames: SemanticRule = ({ repository: { config } }) => {
  if (!config) return [];
  const problems: Problem[] = [];
  for (const list of NAMED_LISTS) {
    const first = new Map<string, number>();
    list.get(config.value).forEach((item, index) => {
      const earlier = first.get(item.name);
      if (earlier === undefined) {
        first.set(item.name, index);
        return;
      }
      const line = config.locate([...list.path, earlier, 'name']).line;
      problems.push(config.report({
        path: [...list.path, index, 'name'], at: 'value', severity: 'error', rule: 'config/duplicate-name',
        message: `${list.noun} name \`${item.name}\` is used twice (first on line ${line})`,
        hint: `rename one of them; names in ${list.path.join('.')} must be unique`,
      }));
    });
  }
  return problems;
};

/** Every metric definition reads from a source that exists. */
const metricSourcesExist: SemanticRule = ({ repository: { config } }) => {
  if (!config) return [];
  const sources = config.value.spec.metrics.sources.map((s) => s.name);
  const problems: Problem[] = [];
  config.value.spec.metrics.definitions.forEach((definition, index) => {
    if (sources.includes(definition.source)) return;
    problems.push(config.report({
      path: ['spec', 'metrics', 'definitions', index, 'source'], at: 'value', severity: 'error', rule: 'config/unknown-source',
      message: `metric \`${definition.name}\` reads from source \`${definition.source}\`, which spec.metrics.sources does not define`,
      hint: didYouMean(definition.source, sources) ?? `defined sources: ${sources.join(', ')}`,
    }));
  });
  return problems;
};

/** Files that providers write and sources read stay inside the repository. */
const configPathsInsideRepository: SemanticRule = ({ repository: { config } }) => {
  if (!config) return [];
  const problems: Problem[] = [];
  config.value.spec.providers.forEach((provider, index) => {
    if ('path' in provider && typeof provider.path === 'string') checkPath(config, ['spec', 'providers', index, 'path'], provider.path, problems);
  });
  config.value.spec.metrics.sources.forEach((source, index) => {
    if ('path' in source && typeof source.path === 'string') checkPath(config, ['spec', 'metrics', 'sources', index, 'path'], source.path.replace(/\{(release|stage)\}/g, 'x'), problems);
  });
  return problems;
};

function checkPath(config: SourceDocument<GlidepathConfig>, path: (string | number)[], value: string, problems: Problem[]): void {
  const reason = findRepoPathProblem(value);
  if (!reason) return;
  problems.push(config.report({ path, at: 'value', severity: 'error', rule: 'path/outside-repository', message: `\`${formatFieldPath(path)}\` ${reason}` }));
}

export const configRules: readonly SemanticRule[] = [uniqueConfigNames, metricSourcesExist, configPathsInsideRepository];

