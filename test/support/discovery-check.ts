import { readFileSync } from 'node:fs';

/**
 * Checks requests against a Google API discovery document (../shared/specs/vertex-ai), which is
 * not OpenAPI: the method must exist for the HTTP method and path (its `flatPath`), every path
 * parameter must match its `pattern`, every query parameter must be the method's or a global one
 * of the right type (an update mask may only name fields of the request body), and the body must
 * follow the method's request schema: no unknown fields, no output-only fields, the right types.
 * Fakes also check their own answers with `checkSchema`, so a fake cannot drift from the API.
 */
export interface DiscoveryChecker {
  /** The problems with one request, empty when it follows the discovery document. */
  check(method: string, url: string, body: unknown): string[];
  /** The problems of a value (an answer) against a named schema, e.g. `GoogleCloudAiplatformV1Endpoint`. */
  checkSchema(schema: string, value: unknown): string[];
}

interface Parameter {
  type?: string;
  location?: string;
  pattern?: string;
  required?: boolean;
  enum?: string[];
  format?: string;
  description?: string;
  repeated?: boolean;
}

interface Method {
  id: string;
  httpMethod: string;
  path: string;
  flatPath?: string;
  parameters?: Record<string, Parameter>;
  request?: { $ref: string };
}

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: string[];
  readOnly?: boolean;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  items?: Schema;
}

interface Resource {
  methods?: Record<string, Method>;
  resources?: Record<string, Resource>;
}

interface Discovery extends Resource {
  rootUrl: string;
  servicePath: string;
  parameters: Record<string, Parameter>;
  schemas: Record<string, Schema>;
}

/** The 3 MB document is read once per test process. */
const checkers = new Map<string, DiscoveryChecker>();

export function discoveryChecker(file: string): DiscoveryChecker {
  const known = checkers.get(file);
  if (known !== undefined) return known;
  const checker = buildDiscoveryChecker(file);
  checkers.set(file, checker);
  return checker;
}

function buildDiscoveryChecker(file: string): DiscoveryChecker {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Discovery;
  const basePath = new URL(doc.rootUrl + doc.servicePath).pathname;
  const methods: { method: Method; pattern: RegExp }[] = [];
  const walk = (resource: Resource): void => {
    for (const method of Object.values(resource.methods ?? {})) {
      // Ids never hold `/` or `:` (a custom method's `:verb` follows the last one).
      methods.push({ method, pattern: new RegExp(`^${escape(method.flatPath ?? method.path).replace(/\\\{[^}]+\\\}/g, '[^/:]+')}$`) });
    }
    for (const child of Object.values(resource.resources ?? {})) walk(child);
  };
  walk(doc);

  function validate(schema: Schema, value: unknown, at: string, request: boolean, out: string[]): void {
    if (schema.$ref !== undefined) {
      const named = doc.schemas[schema.$ref];
      if (named === undefined) {
        out.push(`${at}: schema ${schema.$ref} is not in the document`);
        return;
      }
      validate(named, value, at, request, out);
      return;
    }
    switch (schema.type) {
      case 'object': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          out.push(`${at} is not an object`);
          return;
        }
        for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
          const property = schema.properties?.[key];
          if (property !== undefined) {
            if (request && property.readOnly === true) out.push(`${at}.${key} is output only`);
            validate(property, item, `${at}.${key}`, request, out);
          } else if (schema.additionalProperties !== undefined) {
            validate(schema.additionalProperties, item, `${at}.${key}`, request, out);
          } else {
            out.push(`${at}.${key} is not a field of this message`);
          }
        }
        return;
      }
      case 'array':
        if (!Array.isArray(value)) out.push(`${at} is not an array`);
        else value.forEach((item, i) => validate(schema.items ?? {}, item, `${at}[${i}]`, request, out));
        return;
      case 'string':
        if (typeof value !== 'string') out.push(`${at} is not a string`);
        else if (schema.enum !== undefined && !schema.enum.includes(value)) out.push(`${at} '${value}' is not one of ${schema.enum.join(', ')}`);
        else if ((schema.format === 'int64' || schema.format === 'uint64') && !/^-?\d+$/.test(value)) out.push(`${at} '${value}' is not a ${schema.format} string`);
        else if (schema.format === 'google-datetime' && Number.isNaN(Date.parse(value))) out.push(`${at} '${value}' is not a timestamp`);
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) out.push(`${at} ${JSON.stringify(value)} is not an integer`);
        else if (schema.format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31)) out.push(`${at} ${value} is out of int32 range`);
        else if (schema.format === 'uint32' && (value < 0 || value >= 2 ** 32)) out.push(`${at} ${value} is out of uint32 range`);
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

  function queryProblem(name: string, value: string, parameter: Parameter, method: Method): string | undefined {
    if (parameter.type === 'boolean' && value !== 'true' && value !== 'false') return `query ${name}=${value} is not a boolean`;
    if (parameter.type === 'integer' && !/^-?\d+$/.test(value)) return `query ${name}=${value} is not an integer`;
    if (parameter.enum !== undefined && !parameter.enum.includes(value)) return `query ${name}=${value} is not one of ${parameter.enum.join(', ')}`;
    if (parameter.format === 'google-fieldmask') {
      const body = method.request ? doc.schemas[method.request.$ref] : undefined;
      for (const path of value.split(',')) {
        const first = camel(path.split('.')[0] ?? '');
        if (body?.properties?.[first] === undefined) return `query ${name}: '${path}' is not a field of ${method.request?.$ref ?? 'the request'}`;
        if (body.properties[first]?.readOnly === true) return `query ${name}: '${path}' is output only`;
      }
    }
    return undefined;
  }

  return {
    check(httpMethod, url, body) {
      const parsed = new URL(url);
      const path = decodeURIComponent(parsed.pathname);
      const relative = path.startsWith(basePath) ? path.slice(basePath.length) : path;
      const where = `${httpMethod} ${parsed.pathname}`;
      const found = methods.find((m) => m.method.httpMethod === httpMethod.toUpperCase() && m.pattern.test(relative));
      if (found === undefined) return [`${where}: no such method in ${file}`];
      const { method } = found;
      const problems: string[] = [];

      const names: string[] = [];
      const template = new RegExp(`^${escape(method.path).replace(/\\\{\\\+([^}]+)\\\}/g, (_, n: string) => { names.push(n); return '(.+)'; }).replace(/\\\{([^}]+)\\\}/g, (_, n: string) => { names.push(n); return '([^/]+)'; })}$`);
      const values = template.exec(relative);
      if (values === null) problems.push(`${where}: does not follow ${method.id}'s path ${method.path}`);
      else names.forEach((name, i) => {
        const pattern = method.parameters?.[name]?.pattern;
        if (pattern !== undefined && !new RegExp(pattern).test(values[i + 1] ?? '')) problems.push(`${where}: path parameter ${name} '${values[i + 1]}' does not match ${pattern}`);
      });

      for (const [name, value] of parsed.searchParams) {
        const parameter = method.parameters?.[name] ?? doc.parameters[name];
        if (parameter === undefined || parameter.location !== 'query') {
          problems.push(`${where}: query parameter ${name} is not one of ${method.id}'s`);
          continue;
        }
        const problem = queryProblem(name, value, parameter, method);
        if (problem !== undefined) problems.push(`${where}: ${problem}`);
      }
      for (const [name, parameter] of Object.entries(method.parameters ?? {})) {
        // Discovery marks most required query parameters only in their description.
        const required = parameter.required === true || parameter.description?.startsWith('Required.') === true;
        if (parameter.location === 'query' && required && !parsed.searchParams.has(name)) problems.push(`${where}: required query parameter ${name} is missing`);
      }

      if (method.request === undefined) {
        if (body !== undefined) problems.push(`${where}: ${method.id} takes no body`);
      } else if (body === undefined) {
        problems.push(`${where}: ${method.id} needs a ${method.request.$ref} body`);
      } else {
        validate({ $ref: method.request.$ref }, body, 'body', true, problems);
      }
      return problems.map((p) => (p.startsWith(where) ? p : `${where}: ${p}`));
    },
    checkSchema(schema, value) {
      const problems: string[] = [];
      validate({ $ref: schema }, value, schema, false, problems);
      return problems;
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
}

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
