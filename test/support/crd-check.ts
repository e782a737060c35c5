import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Checks requests and objects against a Kubernetes CustomResourceDefinition (../shared/specs/kserve):
 * a request's path must be the resource's (group, a served version, plural, a namespace and a
 * name of DNS-1123 labels), a patch must say which patch it is, and an object must follow the
 * version's openAPIV3Schema: types, formats, enums, patterns, required fields and no field the
 * API server would prune. The CRD's schema is interpreted here rather than compiled by ajv:
 * compiling its 600 kB takes longer than the tests that use it.
 */
export interface CrdChecker {
  readonly kind: string;
  /** The problems with one request, empty when it addresses the resource as the API server serves it. */
  check(method: string, url: string, contentType: string | undefined): string[];
  /** The problems of a whole object (as stored after a write) against the schema. */
  validate(object: unknown): string[];
}

interface StructuralSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: StructuralSchema | boolean;
  items?: StructuralSchema;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

interface Crd {
  spec: { group: string; names: { kind: string; plural: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: StructuralSchema } }[] };
}

const LABEL = '[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?';
const PATCH_TYPES = ['application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];

/** Parsing the 2 MB CRD takes seconds on a busy machine: once per file and version per test process. */
const checkers = new Map<string, CrdChecker>();

export function crdChecker(file: string, version?: string): CrdChecker {
  const key = `${file}#${version ?? ''}`;
  const known = checkers.get(key);
  if (known !== undefined) return known;
  const checker = buildCrdChecker(file, version);
  checkers.set(key, checker);
  return checker;
}

function buildCrdChecker(file: string, version: string | undefined): CrdChecker {
  const crd = (parse(readFileSync(file, 'utf8')) as Crd);
  const served = crd.spec.versions.filter((v) => v.served);
  const chosen = served.find((v) => version === undefined || v.name === version);
  if (chosen === undefined) throw new Error(`${file} serves no version ${version}`);
  const path = new RegExp(`^/apis/${crd.spec.group.replace(/\./g, '\\.')}/(${served.map((v) => v.name).join('|')})/namespaces/${LABEL}/${crd.spec.names.plural}(/${LABEL})?$`);
  // Custom resources do not take strategic merge patches: the API server answers 415.
  const patchTypes = PATCH_TYPES.filter((t) => t !== 'application/strategic-merge-patch+json');

  function validate(schema: StructuralSchema, value: unknown, at: string, out: string[]): void {
    if (value === null) {
      if (schema.nullable !== true) out.push(`${at} is null`);
      return;
    }
    if (schema['x-kubernetes-int-or-string'] === true) {
      if (!(typeof value === 'string' || Number.isInteger(value))) out.push(`${at} is neither an integer nor a string`);
      return;
    }
    switch (schema.type) {
      case 'object': {
        if (typeof value !== 'object' || Array.isArray(value)) {
          out.push(`${at} is not an object`);
          return;
        }
        const record = value as Record<string, unknown>;
        for (const name of schema.required ?? []) if (!(name in record)) out.push(`${at}.${name} is required`);
        const open = schema['x-kubernetes-preserve-unknown-fields'] === true || (schema.properties === undefined && schema.additionalProperties === undefined);
        for (const [key, item] of Object.entries(record)) {
          const property = schema.properties?.[key];
          if (property !== undefined) validate(property, item, `${at}.${key}`, out);
          else if (typeof schema.additionalProperties === 'object') validate(schema.additionalProperties, item, `${at}.${key}`, out);
          else if (!open && schema.additionalProperties !== true) out.push(`${at}.${key} is not in the schema (the API server would prune it)`);
        }
        return;
      }
      case 'array':
        if (!Array.isArray(value)) out.push(`${at} is not an array`);
        else {
          if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`${at} has fewer than ${schema.minItems} items`);
          value.forEach((item, i) => validate(schema.items ?? {}, item, `${at}[${i}]`, out));
        }
        return;
      case 'string':
        if (typeof value !== 'string') out.push(`${at} ${JSON.stringify(value)} is not a string`);
        else {
          if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) out.push(`${at} '${value}' does not match ${schema.pattern}`);
          if (schema.minLength !== undefined && value.length < schema.minLength) out.push(`${at} is shorter than ${schema.minLength}`);
          if (schema.maxLength !== undefined && value.length > schema.maxLength) out.push(`${at} is longer than ${schema.maxLength}`);
          if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) out.push(`${at} '${value}' is not a date-time`);
          if (schema.enum !== undefined && !schema.enum.includes(value)) out.push(`${at} '${value}' is not one of ${schema.enum.join(', ')}`);
        }
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) out.push(`${at} ${JSON.stringify(value)} is not an integer`);
        else {
          if (schema.format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31)) out.push(`${at} ${value} is out of int32 range`);
          if (schema.minimum !== undefined && value < schema.minimum) out.push(`${at} ${value} is below ${schema.minimum}`);
          if (schema.maximum !== undefined && value > schema.maximum) out.push(`${at} ${value} is above ${schema.maximum}`);
        }
        return;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) out.push(`${at} ${JSON.stringify(value)} is not a number`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') out.push(`${at} ${JSON.stringify(value)} is not a boolean`);
        return;
      default:
        return;
    }
  }

  return {
    kind: crd.spec.names.kind,
    check(method, url, contentType) {
      const parsed = new URL(url);
      const where = `${method} ${parsed.pathname}`;
      const problems: string[] = [];
      if (!path.test(parsed.pathname)) problems.push(`${where}: not a ${crd.spec.names.kind} path of a served version (/apis/${crd.spec.group}/{version}/namespaces/{namespace}/${crd.spec.names.plural}/{name})`);
      if (method === 'PATCH' && !patchTypes.includes((contentType ?? '').split(';')[0]?.trim() ?? '')) problems.push(`${where}: Content-Type '${contentType}' is not a patch type custom resources take (${patchTypes.join(', ')})`);
      return problems;
    },
    validate(object) {
      const problems: string[] = [];
      validate(chosen.schema.openAPIV3Schema, object, crd.spec.names.kind, problems);
      const record = object as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; resourceVersion?: unknown } };
      if (record.apiVersion !== `${crd.spec.group}/${chosen.name}`) problems.push(`${crd.spec.names.kind}.apiVersion ${JSON.stringify(record.apiVersion)} is not ${crd.spec.group}/${chosen.name}`);
      if (record.kind !== crd.spec.names.kind) problems.push(`${crd.spec.names.kind}.kind ${JSON.stringify(record.kind)} is not ${crd.spec.names.kind}`);
      if (typeof record.metadata?.name !== 'string' || !new RegExp(`^${LABEL}$`).test(record.metadata.name)) problems.push(`${crd.spec.names.kind}.metadata.name is not a DNS-1123 label`);
      return problems;
    },
  };
}
