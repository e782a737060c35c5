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
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as { servers?: { url: string }[]; paths: Record<string, Record<string, unknown>> };
  const basePath = new URL(spec.servers?.[0]?.url ?? 'https://x/').pathname.replace(/\/$/, '');
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
      // An operation without a request body (a GET) has no schema to compile: it only must not be sent one.
      if ((spec.paths[match.template]?.[verb] as { requestBody?: unknown }).requestBody === undefined) return body === undefined ? [] : [`${method} ${path}: the operation takes no body`];
      const pointer = `spec#/paths/${match.template.replace(/~/g, '~0').replace(/\//g, '~1')}/${verb}/requestBody/content/application~1json/schema`;
      let validate = validators.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: pointer });
        validators.set(pointer, validate);
      }
      if (validate(body)) return [];
      return (validate.errors ?? []).map((e) => `${method} ${path}: body${e.instancePath} ${e.message ?? 'is invalid'}`);
    },
  };
}

/**
 * A file of the provider specifications beside the project (`../shared/specs`, see its README);
 * worktrees of the project sit elsewhere and use the workplace's copy.
 */
export function specFile(relative: string): string {
  const beside = new URL(`../../../shared/specs/${relative}`, import.meta.url).pathname;
  return existsSync(beside) ? beside : `/work/shared/specs/${relative}`;
}
