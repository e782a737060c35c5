import { API_VERSION, type DocumentKind } from '../model/index.js';
import { suggest } from './did-you-mean.js';
import type { FieldProblem } from './schema-problems.js';

/** Where each kind of document lives, in the words error messages use. */
export const KIND_HOMES: Readonly<Record<DocumentKind, string>> = {
  Config: 'glidepath.yaml',
  RolloutPolicy: 'policies/',
  Release: 'releases/',
};

export const CONFIG_PATH = 'glidepath.yaml';

const YAML_FILE = /\.ya?ml$/;

/** The kind a file must hold by where it sits, or undefined for files that are not Glidepath documents. */
export function expectedKind(path: string): DocumentKind | undefined {
  if (path === CONFIG_PATH) return 'Config';
  if (!YAML_FILE.test(path)) return undefined;
  if (path.startsWith('policies/')) return 'RolloutPolicy';
  if (path.startsWith('releases/')) return 'Release';
  return undefined;
}

const ALL_KINDS = Object.keys(KIND_HOMES) as DocumentKind[];
const KIND_LIST = ALL_KINDS.map((k) => `${k} (${KIND_HOMES[k]})`).join(', ');

/**
 * Checks that a parsed value is a mapping of the right `kind` and `apiVersion` for where it sits.
 * `skipSchema` means the schema would only repeat these problems in worse words.
 */
export function checkDocumentIdentity(value: unknown, expected: DocumentKind): { problems: FieldProblem[]; skipSchema: boolean } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      problems: [{ path: [], at: 'value', severity: 'error', rule: 'document/not-a-mapping', message: `the document must be a mapping with apiVersion, kind, metadata and spec, not ${Array.isArray(value) ? 'a list' : 'a single value'}`, hint: `start with \`apiVersion: ${API_VERSION}\` and \`kind: ${expected}\`` }],
      skipSchema: true,
    };
  }
  const record = value as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  let skipSchema = false;
  const kind = record['kind'];
  const home = KIND_HOMES[expected];
  if (kind === undefined) {
    problems.push({ path: [], at: 'key', severity: 'error', rule: 'document/kind', message: `missing \`kind\`; ${home === CONFIG_PATH ? home : `files in ${home}`} hold \`kind: ${expected}\``, hint: `add \`kind: ${expected}\`` });
    skipSchema = true;
  } else if (kind !== expected) {
    skipSchema = true;
    if (typeof kind === 'string' && (ALL_KINDS as string[]).includes(kind)) {
      problems.push({ path: ['kind'], at: 'value', severity: 'error', rule: 'document/kind', message: `a ${kind} belongs in ${KIND_HOMES[kind as DocumentKind]}, but this file is ${expected === 'Config' ? CONFIG_PATH : `in ${home}`}, which holds ${expected}`, hint: `move the file to ${KIND_HOMES[kind as DocumentKind]}, or change \`kind\` to \`${expected}\`` });
    } else {
      const guess = typeof kind === 'string' ? suggest(kind, ALL_KINDS) : undefined;
      problems.push({ path: ['kind'], at: 'value', severity: 'error', rule: 'document/kind', message: `unknown kind; Glidepath kinds are ${KIND_LIST}`, hint: guess ? `did you mean \`${guess}\`?` : `this file needs \`kind: ${expected}\`` });
    }
  }
  const apiVersion = record['apiVersion'];
  if (apiVersion === undefined) {
    problems.push({ path: [], at: 'key', severity: 'error', rule: 'document/api-version', message: `missing \`apiVersion\``, hint: `add \`apiVersion: ${API_VERSION}\`` });
  } else if (apiVersion !== API_VERSION) {
    problems.push({ path: ['apiVersion'], at: 'value', severity: 'error', rule: 'document/api-version', message: `unsupported apiVersion; this version of Glidepath reads \`${API_VERSION}\``, hint: `write \`apiVersion: ${API_VERSION}\`` });
  }
  return { problems, skipSchema };
}

/** ajv errors that `checkDocumentIdentity` already reported better. */
export function isIdentityError(instancePath: string, keyword: string, missing: unknown): boolean {
  if (instancePath === '/apiVersion' || instancePath === '/kind') return true;
  return instancePath === '' && keyword === 'required' && (missing === 'apiVersion' || missing === 'kind');
}
