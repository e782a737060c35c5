import type { ProviderCapabilities } from '../../ports/traffic-provider.js';
import type { Problem } from '../problem.js';
import type { DocumentKind, GlidepathConfig, GlidepathRepository, MetricDefinition, Release, RolloutPolicy } from '../model/index.js';
import { decodeText } from '../yaml/decode-text.js';
import { formatBytes, totalTooLargeMessage, YAML_LIMITS, type YamlLimits } from '../yaml/limits.js';
import { LineIndex } from '../yaml/line-index.js';
import { findSourceNode, type SourceNode } from '../yaml/source-map.js';
import { CONFIG_PATH, checkDocumentIdentity, expectedKind, isIdentityError, KIND_HOMES } from './document-kinds.js';
import { formatFieldPath } from './field-path.js';
import { findInlineSecrets, mayHoldInlineSecrets, redactSecrets, type SecretFinding } from './inline-secrets.js';
import { semanticRules, type RuleContext } from './rules/index.js';
import { parseDocumentFile, type DocumentFile } from './parse-document-file.js';
import { explainSchemaErrors } from './schema-problems.js';
import { schemaValidators } from './schema-registry.js';
import { createSourceDocument, toProblem, type SourceDocument } from './source-document.js';

/** What a reader hands the loader: the repository's Glidepath files, as bytes, at one revision. */
export interface RepoSnapshot {
  /** Repository-relative paths (forward slashes) → raw bytes, for glidepath.yaml, policies/**, releases/** and every file they refer to (prompt files). */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Problems found while reading (oversized, symlink leaving the repo, unreadable). */
  readonly problems: readonly Problem[];
}

export interface LoadOptions {
  /** The registry's provider capabilities by type: stages are checked against the provider each release uses. */
  readonly providerCapabilities?: Readonly<Record<string, ProviderCapabilities>>;
  /**
   * false: only what decides which documents load (YAML, identity, schema, secrets). The rules
   * after that never leave a document out, so a plan's base revision, whose problems are
   * nobody's to fix in this change, loads the same without them.
   */
  readonly semanticRules?: boolean;
}

export interface LoadResult {
  readonly repository: GlidepathRepository;
  /** The reader's problems and the loader's, sorted by file, line and column. */
  readonly problems: Problem[];
  /** How many Glidepath documents (config, policies, releases) were examined. */
  readonly documentCount: number;
}

/** Where a document stands after reading: loaded, or known only by name (so that references to it are not reported twice). */
interface DocumentOutcome {
  readonly file: string;
  readonly kind: DocumentKind;
  readonly document: SourceDocument<unknown> | undefined;
  readonly name: string | undefined;
  readonly problems: Problem[];
}

const SECRET_HINT = 'remove it from the file and rotate it: it is in the git history now';

/**
 * Parses, checks and indexes every Glidepath file of a snapshot. Pure and linear in the size of
 * the snapshot: each file is parsed once, line:col is computed only for files with problems, and
 * cross-file rules look names up in maps.
 *
 * Documents that fail their schema, or hold an inline secret, are left out of `repository` (their
 * problems say why); documents that only break semantic rules are kept. Problems never quote a
 * secret's value.
 */
export function loadRepository(snapshot: RepoSnapshot, limits: YamlLimits = YAML_LIMITS, options: LoadOptions = {}): LoadResult {
  const problems: Problem[] = [...snapshot.problems];
  const paths = [...snapshot.files.keys()].sort();
  let documentPaths = paths.filter((p) => expectedKind(p) !== undefined);
  if (documentPaths.length > limits.maxFiles) {
    const skipped = documentPaths[limits.maxFiles] as string;
    problems.push({
      file: skipped, line: 1, col: 1, severity: 'error', rule: 'file/too-many',
      message: `the repository has ${documentPaths.length} Glidepath files; at most ${limits.maxFiles} are read, so this file and the ones after it were skipped`,
      hint: 'remove files that are no longer needed',
    });
    documentPaths = documentPaths.slice(0, limits.maxFiles);
  }
  if (snapshot.files.has('glidepath.yml')) {
    problems.push({
      file: 'glidepath.yml', line: 1, col: 1, severity: snapshot.files.has(CONFIG_PATH) ? 'warning' : 'error', rule: 'document/location',
      message: snapshot.files.has(CONFIG_PATH) ? 'glidepath.yml is ignored: Glidepath reads glidepath.yaml' : 'Glidepath reads its configuration from glidepath.yaml, not glidepath.yml',
      hint: snapshot.files.has(CONFIG_PATH) ? 'delete glidepath.yml' : 'rename the file to glidepath.yaml',
    });
  }

  let total = 0;
  const within = documentPaths.findIndex((file) => (total += (snapshot.files.get(file) as Uint8Array).length) > limits.maxTotalBytes);
  if (within !== -1) {
    problems.push({ file: documentPaths[within] as string, line: 1, col: 1, severity: 'error', rule: 'repository/too-large', message: totalTooLargeMessage(limits), hint: 'Glidepath files are small; remove files that are not Glidepath documents from policies/ and releases/' });
    documentPaths = documentPaths.slice(0, within);
  }
  const outcomes = documentPaths.map((file) => readDocument(file, snapshot.files.get(file) as Uint8Array, expectedKind(file) as DocumentKind, limits));
  for (const outcome of outcomes) problems.push(...outcome.problems);

  const files = new Map<string, string>();
  for (const path of paths) {
    if (expectedKind(path) !== undefined || path === 'glidepath.yml') continue;
    const bytes = snapshot.files.get(path) as Uint8Array;
    if (bytes.length > limits.maxFileBytes) {
      problems.push(fileTooLarge(path, bytes.length, limits));
      continue;
    }
    const decoded = decodeText(bytes);
    if (decoded.ok) files.set(path, decoded.text);
    else problems.push(undecodable(path, decoded.reason, decoded.line, decoded.col));
  }

  let config: SourceDocument<GlidepathConfig> | undefined;
  const policies = new Map<string, SourceDocument<RolloutPolicy>>();
  const releases = new Map<string, SourceDocument<Release>>();
  const knownPolicies = new Set<string>();
  const firstByName: Record<'RolloutPolicy' | 'Release', Map<string, SourceDocument<unknown>>> = { RolloutPolicy: new Map(), Release: new Map() };
  for (const outcome of outcomes) {
    if (outcome.kind === 'Config') {
      config = outcome.document as SourceDocument<GlidepathConfig> | undefined;
      continue;
    }
    if (outcome.kind === 'RolloutPolicy' && outcome.name !== undefined) knownPolicies.add(outcome.name);
    const document = outcome.document;
    if (!document || outcome.name === undefined) continue;
    const earlier = firstByName[outcome.kind].get(outcome.name);
    if (earlier) {
      const at = earlier.locate(['metadata', 'name']);
      problems.push(document.report({
        path: ['metadata', 'name'], at: 'value', severity: 'error', rule: 'repository/duplicate-name',
        message: `a ${outcome.kind} named \`${outcome.name}\` is already defined in ${at.file}:${at.line}`,
        hint: `names are unique among the files in ${KIND_HOMES[outcome.kind]}; rename one of them`,
      }));
      continue;
    }
    firstByName[outcome.kind].set(outcome.name, document);
    if (outcome.kind === 'RolloutPolicy') policies.set(outcome.name, document as SourceDocument<RolloutPolicy>);
    else releases.set(outcome.name, document as SourceDocument<Release>);
  }

  const configPresent = snapshot.files.has(CONFIG_PATH);
  if (!configPresent) {
    problems.push({
      file: CONFIG_PATH, line: 1, col: 1, severity: 'error', rule: 'repository/missing-config',
      message: 'glidepath.yaml is missing; it names the providers that shift traffic and the metrics that gates read',
      hint: 'create glidepath.yaml at the repository root; examples/quickstart has one to start from',
    });
  }

  const repository = { config, policies, releases, files };
  let metrics: Map<string, MetricDefinition> | undefined;
  if (config) {
    metrics = new Map();
    for (const definition of config.value.spec.metrics.definitions) if (!metrics.has(definition.name)) metrics.set(definition.name, definition);
  }
  const context: RuleContext = { repository, knownPolicies, configPresent, paths, metrics, providerCapabilities: options.providerCapabilities };
  if (options.semanticRules !== false) for (const rule of semanticRules) problems.push(...rule(context));

  return { repository, problems: sortProblems(dedupeProblems(problems.map(withoutControlCharacters))), documentCount: documentPaths.length };
}

const readDocuments = new WeakMap<DocumentFile, Map<string, DocumentOutcome>>();

/**
 * `checkDocument`, remembered per content (parseDocumentFile answers one object per content) and
 * path: a plan loads two revisions whose unchanged files would otherwise be checked twice.
 * Outcomes are never mutated (the loader copies their problems out).
 */
function readDocument(file: string, bytes: Uint8Array, kind: DocumentKind, limits: YamlLimits): DocumentOutcome {
  const read = parseDocumentFile(bytes, limits);
  if (read.kind !== 'parsed') return checkDocument(file, read, kind, limits);
  let byFile = readDocuments.get(read);
  if (!byFile) {
    byFile = new Map();
    readDocuments.set(read, byFile);
  }
  const key = `${kind}\u0000${file}`;
  const cached = byFile.get(key);
  if (cached) return cached;
  const outcome = checkDocument(file, read, kind, limits);
  byFile.set(key, outcome);
  return outcome;
}

function checkDocument(file: string, read: DocumentFile, kind: DocumentKind, limits: YamlLimits): DocumentOutcome {
  const fail = (problems: Problem[], name?: string): DocumentOutcome => ({ file, kind, document: undefined, name, problems });
  if (read.kind === 'too-large') return fail([fileTooLarge(file, read.size, limits)]);
  if (read.kind === 'undecodable') return fail([undecodable(file, read.reason, read.line, read.col)]);
  const { text, yaml: parsed } = read;
  const lines = new LineIndex(text);
  const at = (offset: number): { line: number; col: number } => lines.position(offset);

  const secrets = mayHoldInlineSecrets(text, parsed.value) ? findInlineSecrets(parsed.scalars(), parsed.comments()) : [];
  const problems: Problem[] = secrets.map((secret) => secretProblem(file, secret, at(secret.start)));
  for (const problem of parsed.problems) {
    problems.push({ file, ...at(problem.offset), severity: problem.severity, message: problem.message, rule: problem.rule, ...(problem.hint ? { hint: problem.hint } : {}) });
  }
  const secretValues = secrets.map((s) => s.value);
  const finish = (document: SourceDocument<unknown> | undefined, name: string | undefined): DocumentOutcome => ({
    file, kind, document, name,
    problems: secretValues.length > 0 ? problems.map((p) => redactProblem(p, secretValues)) : problems,
  });
  if (parsed.value === undefined || parsed.problems.some((p) => p.severity === 'error')) return finish(undefined, undefined);

  const value = parsed.value;
  const name = documentName(value);
  const identity = checkDocumentIdentity(value, kind);
  for (const problem of identity.problems) problems.push(toProblem(file, lines, parsed.sourceMap(), problem));
  if (identity.skipSchema) return finish(undefined, name);

  const validate = schemaValidators[kind];
  let schemaValid = validate(value);
  if (!schemaValid) {
    const errors = (validate.errors ?? []).filter((e) => !isIdentityError(e.instancePath, e.keyword, e.params['missingProperty']));
    schemaValid = errors.length === 0 && identity.problems.length === 0;
    for (const problem of explainSchemaErrors(errors, kind, value)) {
      if (secrets.length > 0 && coversSecret(parsed.sourceMap(), problem.path, secrets)) continue;
      problems.push(toProblem(file, lines, parsed.sourceMap(), problem));
    }
  }
  if (!schemaValid || identity.problems.length > 0 || secrets.length > 0) return finish(undefined, name);
  return finish(createSourceDocument(file, kind, value, parsed.sourceMap, lines), name);
}

function documentName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const metadata = (value as Record<string, unknown>)['metadata'];
  if (metadata === null || typeof metadata !== 'object') return undefined;
  const name = (metadata as Record<string, unknown>)['name'];
  return typeof name === 'string' ? name : undefined;
}

/** A schema complaint about a field that holds a secret would only distract from (or repeat) the secret. */
function coversSecret(root: SourceNode, path: readonly (string | number)[], secrets: readonly SecretFinding[]): boolean {
  const { node, exact } = findSourceNode(root, path);
  if (!exact) return false;
  const from = node.keyStart ?? node.start;
  return secrets.some((s) => s.start >= from && s.start <= node.end);
}

function secretProblem(file: string, secret: SecretFinding, position: { line: number; col: number }): Problem {
  const subject = secret.inComment ? 'a comment here' : secret.path.length > 0 ? `\`${formatFieldPath(secret.path)}\`` : 'a value here';
  const field = secret.path.length > 0 ? formatFieldPath(secret.path) : undefined;
  return {
    file, ...position, severity: 'error', rule: 'secret/inline',
    message: `${subject} looks like a secret written inline (${secret.kind}); store it in a GitHub secret and name the environment variable instead (e.g. \`tokenEnv: UNLEASH_TOKEN\`)`,
    hint: SECRET_HINT,
    ...(field ? { field } : {}),
  };
}

function redactProblem(problem: Problem, secrets: readonly string[]): Problem {
  return {
    ...problem,
    message: redactSecrets(problem.message, secrets),
    ...(problem.hint !== undefined ? { hint: redactSecrets(problem.hint, secrets) } : {}),
    ...(problem.field !== undefined ? { field: redactSecrets(problem.field, secrets) } : {}),
  };
}

function fileTooLarge(file: string, size: number, limits: YamlLimits): Problem {
  return {
    file, line: 1, col: 1, severity: 'error', rule: 'file/too-large',
    message: `the file is ${formatBytes(size)}; Glidepath reads files of at most ${formatBytes(limits.maxFileBytes)}`,
    hint: 'Glidepath files are small; check that this is the file you meant',
  };
}

function undecodable(file: string, reason: 'nul' | 'utf8', line: number, col: number): Problem {
  return reason === 'nul'
    ? { file, line, col, severity: 'error', rule: 'file/binary', message: 'the file holds binary data (a NUL byte here); Glidepath files are UTF-8 text', hint: 'check that this is the file you meant' }
    : { file, line, col, severity: 'error', rule: 'file/encoding', message: 'the file is not valid UTF-8 (the first invalid byte is here)', hint: 'save the file as UTF-8' };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** Keys quoted back from a file may hold line breaks; printed raw they could forge output lines. */
function withoutControlCharacters(problem: Problem): Problem {
  const clean = (text: string): string => text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (!HAS_CONTROL.test(`${problem.message}${problem.hint ?? ''}${problem.field ?? ''}`)) return problem;
  return {
    ...problem,
    message: clean(problem.message),
    ...(problem.hint !== undefined ? { hint: clean(problem.hint) } : {}),
    ...(problem.field !== undefined ? { field: clean(problem.field) } : {}),
  };
}

function dedupeProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\u0000${p.line}\u0000${p.col}\u0000${p.rule}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** By file, line, column; errors before warnings at the same place. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
    || a.line - b.line
    || a.col - b.col
    || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)
    || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}
