import type { ErrorObject } from 'ajv';
import type { DocumentKind } from '../model/index.js';
import type { PathSegment } from '../yaml/source-map.js';
import { didYouMean, suggest } from './did-you-mean.js';
import { formatFieldPath, parseInstancePath, valueAt } from './field-path.js';
import { isSecretKey } from './inline-secrets.js';
import { discriminatorValues, firstSentence, schemaAt, schemaAtSchemaPath } from './schema-registry.js';

/** A problem tied to a field of one document; the loader turns `path` into line:col. */
export interface FieldProblem {
  readonly path: readonly PathSegment[];
  /** Point at the field's key (`weight:`) or at its value (`abc`). */
  readonly at: 'key' | 'value';
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly message: string;
  readonly hint?: string;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'text',
  object: 'a mapping (`key: value` lines)',
  array: 'a list',
  boolean: '`true` or `false`',
  null: 'empty',
};

/** Which list a discriminated item sits in decides what to call its `type`. */
const TYPE_NOUNS: Readonly<Record<string, string>> = { providers: 'provider', sources: 'metric source' };
const NAME_NOUNS: Readonly<Record<string, string>> = { gates: 'gate', labels: 'label' };

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return `\`${String(value)}\``;
  return typeof value;
}

function fieldName(path: readonly PathSegment[]): string {
  return path.length === 0 ? 'the document' : `\`${formatFieldPath(path)}\``;
}

function where(path: readonly PathSegment[]): string {
  return path.length === 0 ? 'at the top level' : `in ${formatFieldPath(path)}`;
}

/** A value short and plain enough to quote back (never one that could be a credential). */
function quotable(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9 ._:/@+-]{1,40}$/.test(value);
}

function hintOf(text: string | undefined): { hint?: string } {
  return text ? { hint: text } : {};
}

/**
 * ajv's errors for one document as messages a person can act on: one problem per mistake
 * (a failed `oneOf` reports once, not once per branch), pointing at the field, naming what is
 * allowed, and suggesting the likely intended word.
 */
export function explainSchemaErrors(errors: readonly ErrorObject[], kind: DocumentKind, root: unknown): FieldProblem[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'discriminator').map((e) => e.instancePath));
  const renamedProperties = new Set(errors.filter((e) => e.keyword === 'propertyNames').map((e) => `${e.instancePath}\u0000${String(e.params['propertyName'])}`));
  const out: FieldProblem[] = [];
  for (const error of errors) {
    if (error.keyword !== 'oneOf' && error.keyword !== 'discriminator' && oneOfPaths.has(error.instancePath) && (error.schemaPath.includes('/oneOf/') || (error.keyword === 'required' && error.params['missingProperty'] === 'type'))) continue;
    if (error.propertyName !== undefined && renamedProperties.has(`${error.instancePath}\u0000${error.propertyName}`)) continue;
    const problem = explainOne(error, kind, root);
    if (problem) out.push(problem);
  }
  return out;
}

function explainOne(error: ErrorObject, kind: DocumentKind, root: unknown): FieldProblem | undefined {
  const path = parseInstancePath(error.instancePath, root);
  const value = valueAt(root, path);
  const params = error.params as Record<string, unknown>;
  const base = { path, severity: 'error' as const };
  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String(params['additionalProperty']);
      const allowed = Object.keys(schemaAt(kind, path, root)?.schema.properties ?? {});
      const guess = didYouMean(property, allowed);
      const hint = guess
        ?? (isSecretKey(property) ? 'credentials are never written in Glidepath files; name the environment variable that holds them instead' : undefined)
        ?? (allowed.length > 0 && allowed.length <= 12 ? `allowed here: ${allowed.join(', ')}` : undefined);
      return { ...base, path: [...path, property], at: 'key', rule: 'schema/unknown-field', message: `unknown field \`${property}\` ${where(path)}`, ...hintOf(hint) };
    }
    case 'required': {
      const property = String(params['missingProperty']);
      const location = schemaAt(kind, [...path, property], root);
      return { ...base, at: 'key', rule: 'schema/missing-field', message: `missing required field \`${property}\` ${where(path)}`, ...hintOf(firstSentence(location?.description)) };
    }
    case 'type': {
      const expected = String(params['type']).split(',').map((t) => TYPE_WORDS[t] ?? t).join(' or ');
      const got = describeValue(value);
      const hint = value === null
        ? 'write a value after the colon, or remove the line'
        : typeof value === 'string' && (params['type'] === 'number' || params['type'] === 'integer') && /^[0-9.]+\s*[a-z%]*$/i.test(value)
          ? 'write the number on its own, without quotes or units'
          : undefined;
      return { ...base, at: 'value', rule: 'schema/type', message: `${fieldName(path)} must be ${expected}, not ${got}`, ...hintOf(hint) };
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      const guess = typeof value === 'string' ? suggest(value, allowed) : undefined;
      return { ...base, at: 'value', rule: 'schema/enum', message: `${fieldName(path)} must be one of: ${allowed.join(', ')}`, ...hintOf(guess ? `did you mean \`${guess}\`?` : undefined) };
    }
    case 'const':
      return { ...base, at: 'value', rule: 'schema/const', message: `${fieldName(path)} must be \`${String(params['allowedValue'])}\`` };
    case 'pattern': {
      // The definition that holds the pattern says what the form is; the field's own words say what it is for.
      const description = firstSentence(schemaAtSchemaPath(error.schemaPath)?.description ?? schemaAt(kind, path, root)?.schema.description);
      const named = error.schemaPath.includes('/definitions/name/') && typeof value === 'string' ? nameSuggestion(value) : undefined;
      return {
        ...base, at: 'value', rule: 'schema/format',
        message: `${fieldName(path)} is not in the expected form${description ? `: ${description}` : ''}`,
        ...hintOf(named ? `try \`${named}\`` : undefined),
      };
    }
    case 'format':
      return { ...base, at: 'value', rule: 'schema/format', message: `${fieldName(path)} must be a date and time with an offset (RFC 3339), such as \`2025-12-24T18:00:00Z\`` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'greater than', '<': 'less than' };
      return { ...base, at: 'value', rule: 'schema/range', message: `${fieldName(path)} must be ${words[String(params['comparison'])] ?? String(params['comparison'])} ${String(params['limit'])}` };
    }
    case 'minLength':
      return { ...base, at: 'value', rule: 'schema/length', message: Number(params['limit']) <= 1 ? `${fieldName(path)} must not be empty` : `${fieldName(path)} must be at least ${String(params['limit'])} characters long` };
    case 'maxLength':
      return { ...base, at: 'value', rule: 'schema/length', message: `${fieldName(path)} is too long: at most ${String(params['limit'])} characters` };
    case 'minItems': {
      const limit = Number(params['limit']);
      return { ...base, at: 'key', rule: 'schema/items', message: `${fieldName(path)} needs at least ${limit} ${limit === 1 ? 'item' : 'items'}` };
    }
    case 'maxItems':
      return { ...base, at: 'key', rule: 'schema/items', message: `${fieldName(path)} has too many items: at most ${String(params['limit'])}` };
    case 'uniqueItems': {
      const later = Math.max(Number(params['i']), Number(params['j']));
      const earlier = Math.min(Number(params['i']), Number(params['j']));
      return { ...base, path: [...path, later], at: 'value', rule: 'schema/unique', message: `${fieldName(path)} lists the same value twice (items ${earlier + 1} and ${later + 1})`, hint: 'remove the repeated item' };
    }
    case 'oneOf':
      if (error.schemaPath.includes('/definitions/margin/')) {
        return { ...base, at: 'value', rule: 'schema/margin', message: `${fieldName(path)} must be a margin: \`0.5pp\` (percentage points), \`10%\` (relative to control) or a number of at least 0 (in the metric's unit)` };
      }
      return { ...base, at: 'value', rule: 'schema/invalid', message: `${fieldName(path)} does not match any allowed form`, ...hintOf(firstSentence(schemaAt(kind, path, root)?.description)) };
    case 'discriminator': {
      const parent = path[path.length - 2];
      const noun = (typeof parent === 'string' ? TYPE_NOUNS[parent] : undefined) ?? 'item';
      const supported = discriminatorValues(schemaAt(kind, path, root));
      const list = supported.length > 0 ? `; supported: ${supported.join(', ')}` : '';
      const tag = String(params['tag'] ?? 'type');
      if (params['error'] === 'mapping') {
        const tagValue = params['tagValue'];
        const guess = typeof tagValue === 'string' ? didYouMean(tagValue, supported) : undefined;
        const shown = quotable(tagValue) ? ` \`${tagValue}\`` : '';
        return { ...base, path: [...path, tag], at: 'value', rule: 'schema/unknown-type', message: `unknown ${noun} type${shown}${list}`, ...hintOf(guess) };
      }
      return { ...base, at: 'key', rule: 'schema/unknown-type', message: `${fieldName(path)} needs a \`${tag}\`${list}` };
    }
    case 'propertyNames': {
      const name = String(params['propertyName']);
      const last = path[path.length - 1];
      const noun = (typeof last === 'string' ? NAME_NOUNS[last] : undefined) ?? 'key';
      const description = nameRule(last);
      const fixed = last === 'gates' ? nameSuggestion(name) : undefined;
      return {
        ...base, path: [...path, name], at: 'key', rule: 'schema/name',
        message: `${noun} name${quotable(name) ? ` \`${name}\`` : ''} is not valid${description ? `: ${description}` : ''}`,
        ...hintOf(fixed && fixed !== name ? `try \`${fixed}\`` : undefined),
      };
    }
    default:
      return { ...base, at: 'value', rule: 'schema/invalid', message: `${fieldName(path)} ${error.message ?? 'is not valid'}` };
  }
}

function nameRule(last: PathSegment | undefined): string | undefined {
  if (last === 'gates') return 'use lower-case letters, digits and dashes, starting and ending with a letter or digit, at most 63 characters';
  if (last === 'labels') return 'letters, digits, `.`, `_`, `/` and `-`, starting with a letter or digit, at most 63 characters';
  return undefined;
}

/** The closest valid lower-case name, or undefined when none is close. */
function nameSuggestion(value: string): string | undefined {
  const fixed = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return fixed.length > 0 && fixed !== value ? fixed : undefined;
}
