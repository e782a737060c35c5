import commonSchema from '../../../schemas/common.schema.json' with { type: 'json' };
import configSchema from '../../../schemas/config.schema.json' with { type: 'json' };
import releaseSchema from '../../../schemas/release.schema.json' with { type: 'json' };
import rolloutPolicySchema from '../../../schemas/rollout-policy.schema.json' with { type: 'json' };
import validators from './generated/validators.cjs';
import type { DocumentKind } from '../model/index.js';
import type { PathSegment } from '../yaml/source-map.js';

/** The parts of draft-07 our schemas use, as far as error messages need them. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly oneOf?: readonly JsonSchema[];
  readonly discriminator?: { readonly propertyName: string };
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly required?: readonly string[];
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

/** The precompiled validator of each kind (ajv standalone, generated from schemas/). */
export const schemaValidators = validators;

const SCHEMA_FILES: Readonly<Record<string, JsonSchema>> = {
  'common.schema.json': commonSchema as JsonSchema,
  // The composed schema's JSON is wider than JsonSchema's declared keywords (if/then, discriminator).
  'config.schema.json': configSchema as unknown as JsonSchema,
  'release.schema.json': releaseSchema as JsonSchema,
  'rollout-policy.schema.json': rolloutPolicySchema as JsonSchema,
};

const KIND_FILES: Readonly<Record<DocumentKind, string>> = {
  Config: 'config.schema.json',
  RolloutPolicy: 'rollout-policy.schema.json',
  Release: 'release.schema.json',
};

/** A schema found for an instance location; `description` prefers the field's own words over the shared definition's. */
export interface SchemaLocation {
  readonly schema: JsonSchema;
  readonly description: string | undefined;
  /** The schema file `schema` sits in, against which its local `$ref`s resolve. */
  readonly file: string;
}

function resolveRef(ref: string, currentFile: string): { schema: JsonSchema; file: string } | undefined {
  const [filePart, pointer = ''] = ref.split('#');
  const file = filePart ? filePart : currentFile;
  let node: unknown = SCHEMA_FILES[file];
  for (const raw of pointer.split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node && typeof node === 'object' ? { schema: node as JsonSchema, file } : undefined;
}

function deref(schema: JsonSchema, file: string): { schema: JsonSchema; file: string } {
  let current = { schema, file };
  for (let hops = 0; current.schema.$ref !== undefined && hops < 16; hops++) {
    const next = resolveRef(current.schema.$ref, current.file);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * The schema that governs the value at `path` in a document of `kind`, following `$ref`s and
 * choosing a `oneOf` branch by its discriminator (`type: flagd`), as ajv does.
 */
export function schemaAt(kind: DocumentKind, path: readonly PathSegment[], root: unknown): SchemaLocation | undefined {
  const file = KIND_FILES[kind];
  let current = deref(SCHEMA_FILES[file] as JsonSchema, file);
  let description = current.schema.description;
  let value: unknown = root;
  const pick = (): void => {
    const { oneOf, discriminator } = current.schema;
    if (!oneOf || !discriminator || value === null || typeof value !== 'object') return;
    const tag = (value as Record<string, unknown>)[discriminator.propertyName];
    for (const branch of oneOf) {
      const resolved = deref(branch, current.file);
      if (resolved.schema.properties?.[discriminator.propertyName]?.const === tag) {
        current = resolved;
        return;
      }
    }
  };
  pick();
  for (const segment of path) {
    const { schema } = current;
    let next: JsonSchema | undefined;
    if (typeof segment === 'number' && schema.items) next = schema.items;
    else if (typeof segment === 'string' && schema.properties?.[segment]) next = schema.properties[segment];
    else if (typeof segment === 'string' && typeof schema.additionalProperties === 'object') next = schema.additionalProperties;
    if (!next) return undefined;
    description = next.description;
    current = deref(next, current.file);
    description ??= current.schema.description;
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
    pick();
  }
  return { schema: current.schema, description, file: current.file };
}

/** Discriminator values a `oneOf` accepts (`flagd`), in schema order. */
export function discriminatorValues(location: SchemaLocation | undefined): string[] {
  const oneOf = location?.schema.oneOf;
  const discriminator = location?.schema.discriminator;
  if (!location || !oneOf || !discriminator) return [];
  const tag = discriminator.propertyName;
  const values: string[] = [];
  for (const branch of oneOf) {
    const resolved = deref(branch, location.file);
    const value = resolved.schema.properties?.[tag]?.const;
    if (typeof value === 'string') values.push(value);
  }
  return values;
}

/** The schema a ref-style ajv `schemaPath` names (`common.schema.json#/definitions/name/pattern` → the `name` definition). */
export function schemaAtSchemaPath(schemaPath: string): JsonSchema | undefined {
  if (schemaPath.startsWith('#')) return undefined;
  const parent = schemaPath.slice(0, schemaPath.lastIndexOf('/'));
  return resolveRef(parent, '')?.schema;
}

/** The first sentence of a description, for messages and hints: without its full stop, lower-cased unless it starts with an acronym. */
export function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const match = /^(.*?[.!?])(?:\s|$)/.exec(text);
  const sentence = ((match ? match[1] : text) as string).replace(/\.$/, '');
  return /^[A-Z](?![A-Z])/.test(sentence) ? `${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}` : sentence;
}
