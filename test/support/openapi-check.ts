import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Checks requests against a provider's published OpenAPI 3 description (../shared/specs): the
 * operation must exist for the method and path, and a JSON body must match its request schema.
 * Fakes call `check` on every request and tests assert the list of violations is empty.
 */
export interface OpenApiChecker {
  /** The problems with one request, empty when it follows the spec. */
  check(method: string, url: string, body: unknown): string[];
}

export function openApiChecker(specFile: string): OpenApiChecker {
  return openApiCheckerFromObject(JSON.parse(readFileSync(specFile, 'utf8')), specFile);
}

/**
 * The same checker over a description already parsed (a YAML spec loaded with js-yaml), named
 * `label` in violations. With `queryParameters`, the query string is checked too: every required
 * query parameter present, no unknown one, integers where the spec says integer.
 */
export function openApiCheckerFromObject(parsed: unknown, label: string, options: { readonly queryParameters?: boolean } = {}): OpenApiChecker {
  const spec = parsed as { servers?: { url: string }[]; paths: Record<string, Record<string, unknown>> };
  const specFile = label;
  // A server URL with templated host parts (Datadog's `https://{subdomain}.{site}`) still has a plain path.
  const basePath = new URL((spec.servers?.[0]?.url ?? 'https://x/').replace(/\{[^}]*\}/g, 'x')).pathname.replace(/\/$/, '');
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  for (const format of ['url', 'uri']) ajv.addFormat(format, (s: string) => URL.canParse(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addSchema({ ...spec, $id: 'spec' } as object);
  const validators = new Map<string, ValidateFunction>();
  const templates = Object.keys(spec.paths).map((template) => ({ template, pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`) }));

  return {
    check(method, url, body) {
      const path = new URL(url).pathname;
      const relative = path.startsWith(basePath) ? path.slice(basePath.length) : path;
      const match = templates.find((t) => t.pattern.test(relative));
      const verb = method.toLowerCase();
      if (!match || spec.paths[match.template]?.[verb] === undefined) return [`${method} ${path}: no such operation in ${specFile}`];
      const parameterProblems = options.queryParameters ? checkQueryParameters(spec.paths[match.template]![verb] as Operation, new URL(url).searchParams, `${method} ${path}`) : [];
      if (options.queryParameters && (verb === 'get' || verb === 'delete')) return parameterProblems;
      const pointer = `spec#/paths/${match.template.replace(/~/g, '~0').replace(/\//g, '~1')}/${verb}/requestBody/content/application~1json/schema`;
      let validate = validators.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: pointer });
        validators.set(pointer, validate);
      }
      if (validate(body)) return parameterProblems;
      return [...parameterProblems, ...(validate.errors ?? []).map((e) => `${method} ${path}: body${e.instancePath} ${e.message ?? 'is invalid'}`)];
    },
  };
}

interface Operation {
  readonly parameters?: readonly { readonly in?: string; readonly name?: string; readonly required?: boolean; readonly schema?: { readonly type?: string } }[];
}

function checkQueryParameters(operation: Operation, params: URLSearchParams, where: string): string[] {
  const declared = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const problems: string[] = [];
  for (const p of declared) {
    const value = params.get(p.name ?? '');
    if (value === null) {
      if (p.required) problems.push(`${where}: query parameter ${p.name} is required`);
    } else if (p.schema?.type === 'integer' && !/^-?\d+$/.test(value)) {
      problems.push(`${where}: query parameter ${p.name} must be an integer, not ${value}`);
    }
  }
  for (const name of new Set(params.keys())) {
    if (!declared.some((p) => p.name === name)) problems.push(`${where}: query parameter ${name} is not in the spec`);
  }
  return problems;
}

/**
 * A file of the provider specifications beside the project (`../shared/specs`, see its README);
 * worktrees of the project sit elsewhere and use the workplace's copy.
 */
export function specFile(relative: string): string {
  const beside = new URL(`../../../shared/specs/${relative}`, import.meta.url).pathname;
  return existsSync(beside) ? beside : `/work/shared/specs/${relative}`;
}
