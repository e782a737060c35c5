/**
 * The files `glidepath init` writes into a repository: a glidepath.yaml for the chosen provider,
 * the example policies, a first release with its prompts, the example workflows and the JSON
 * Schemas the files' modelines point at. Pure: the caller reads the package's templates and writes
 * the result, never over a file that exists.
 */

/** What a provider needs in glidepath.yaml and in a release's target, as YAML lines. */
export interface StarterProvider {
  /** The provider entry under `spec.providers`, indented for a list item (`    - name: …`). */
  readonly entry: readonly string[];
  /** The release's `spec.target`, as one flow mapping. */
  readonly target: (release: string) => string;
  /** What the person still has to do for this provider, shown after init. */
  readonly nextSteps: readonly string[];
}

/** Providers `init` can start from. A provider gains a starter by one entry here. */
export const STARTER_PROVIDERS: Readonly<Record<string, StarterProvider>> = {
  flagd: {
    entry: [
      '    # flagd serves this flag file; Glidepath writes it (GitOps) and flagd syncs it.',
      '    - name: flags',
      '      type: flagd',
      '      path: flags/glidepath.flagd.json',
    ],
    target: (release) => `{ provider: flags, key: ${release} }`,
    nextSteps: ['Point flagd at flags/glidepath.flagd.json (see docs/providers/flagd.md) and read the flag in your application through OpenFeature.'],
  },
};

export interface StarterTemplates {
  /** Policy files by name (`prompt-tweak.yaml`), as the examples hold them. */
  readonly policies: ReadonlyMap<string, string>;
  /** Workflow files by name (`pr.yml`). */
  readonly workflows: ReadonlyMap<string, string>;
  /** JSON Schema files by name (`release.schema.json`). */
  readonly schemas: ReadonlyMap<string, string>;
}

export interface StarterFile {
  readonly path: string;
  readonly content: string;
}

/** Where init puts the schemas: in the repository, so modelines resolve offline and follow the version that wrote them. */
export const SCHEMA_DIR = '.glidepath/schemas';

const MODELINE = /^# yaml-language-server: \$schema=\S+\n/;

function modeline(depth: number, schema: string): string {
  return `# yaml-language-server: $schema=${'../'.repeat(depth)}${SCHEMA_DIR}/${schema}\n`;
}

/** The starter files for `provider`, with a first release called `release`. */
export function starterFiles(input: { readonly provider: StarterProvider; readonly release: string; readonly templates: StarterTemplates }): StarterFile[] {
  const { provider, release, templates } = input;
  const files: StarterFile[] = [
    { path: 'glidepath.yaml', content: configFile(provider) },
    { path: `releases/${release}.yaml`, content: releaseFile(provider, release) },
    { path: `prompts/${release}-v1.md`, content: 'You are a helpful assistant. Answer in at most three sentences.\n' },
    { path: `prompts/${release}-v2.md`, content: 'You are a helpful assistant. Answer in at most three sentences, and say when you are unsure.\n' },
  ];
  for (const [name, text] of [...templates.policies].sort(([a], [b]) => a.localeCompare(b))) {
    files.push({ path: `policies/${name}`, content: modeline(1, 'rollout-policy.schema.json') + text.replace(MODELINE, '') });
  }
  for (const [name, text] of [...templates.workflows].sort(([a], [b]) => a.localeCompare(b))) {
    files.push({ path: `.github/workflows/glidepath-${name}`, content: text });
  }
  for (const [name, text] of [...templates.schemas].sort(([a], [b]) => a.localeCompare(b))) {
    files.push({ path: `${SCHEMA_DIR}/${name}`, content: text });
  }
  return files;
}

function configFile(provider: StarterProvider): string {
  return [
    modeline(0, 'config.schema.json').trimEnd(),
    '# Glidepath configuration: where traffic is shifted and where the numbers come from.',
    'apiVersion: glidepath.dev/v1',
    'kind: Config',
    'metadata:',
    '  name: my-ai-releases',
    'spec:',
    '  stateBranch: glidepath/state',
    '  providers:',
    ...provider.entry,
    '  metrics:',
    '    sources:',
    '      # A workflow step exports per-arm metrics to this file (docs/metrics-format.md);',
    '      # or read them from Prometheus and others (docs/metrics/).',
    '      - name: warehouse',
    '        type: file',
    '        path: metrics/{release}.json',
    '    definitions:',
    '      - { name: error_rate, source: warehouse, type: proportion, direction: lower-is-better }',
    '      - { name: task_completion, source: warehouse, type: proportion, direction: higher-is-better }',
    '      - { name: latency_ms, source: warehouse, type: continuous, direction: lower-is-better, unit: ms }',
    '      - { name: cost_per_call, source: warehouse, type: continuous, direction: lower-is-better, unit: USD }',
    '  traffic:',
    '    requestsPerHour: 10000',
    '',
  ].join('\n');
}

function releaseFile(provider: StarterProvider, release: string): string {
  return [
    modeline(1, 'release.schema.json').trimEnd(),
    '# Change the challenger in a pull request: Glidepath validates it, plans the rollout on the',
    '# pull request, and rolls it out stage by stage once it is merged.',
    'apiVersion: glidepath.dev/v1',
    'kind: Release',
    'metadata:',
    `  name: ${release}`,
    'spec:',
    '  policy: prompt-tweak',
    '  risk: low',
    `  target: ${provider.target(release)}`,
    '  champion:',
    '    model: openai/gpt-4o-mini-2024-07-18',
    `    prompt: prompts/${release}-v1.md`,
    '    parameters: { temperature: 0 }',
    '  challenger:',
    '    model: openai/gpt-4o-mini-2024-07-18',
    `    prompt: prompts/${release}-v2.md`,
    '    parameters: { temperature: 0 }',
    '',
  ].join('\n');
}
