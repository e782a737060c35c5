import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { openApiChecker, specFile, type OpenApiChecker } from './openapi-check.js';

/**
 * The gateway's config shape, transcribed from the zod schema @portkey-ai/gateway 1.15.2 parses
 * `x-portkey-config` with (build/start-server.js): the fields a loadbalance config uses, typed as
 * there, targets recursive, and its refinement that a node names a provider with a key, or a
 * strategy with targets, or a cache, retry or timeout. The control plane's own spec leaves
 * `config` untyped, so the fake checks every config written against this.
 */
const gatewayConfigSchema = {
  $id: 'portkey-config',
  type: 'object',
  properties: {
    strategy: {
      type: 'object',
      required: ['mode'],
      properties: {
        mode: { enum: ['single', 'loadbalance', 'fallback', 'conditional'] },
        on_status_codes: { type: 'array', items: { type: 'number' } },
        conditions: { type: 'array', items: { type: 'object', required: ['query', 'then'], properties: { query: { type: 'object' }, then: { type: 'string' } } } },
        default: { type: 'string' },
      },
    },
    provider: { type: 'string' },
    api_key: { type: 'string' },
    virtual_key: { type: 'string' },
    cache: { type: 'object', required: ['mode'], properties: { mode: { enum: ['simple', 'semantic'] }, max_age: { type: 'number' } } },
    retry: { type: 'object', required: ['attempts'], properties: { attempts: { type: 'number' }, on_status_codes: { type: 'array', items: { type: 'number' } }, use_retry_after_header: { type: 'boolean' } } },
    weight: { type: 'number' },
    on_status_codes: { type: 'array', items: { type: 'number' } },
    targets: { type: 'array', items: { $ref: 'portkey-config' } },
    request_timeout: { type: 'number' },
    custom_host: { type: 'string' },
    forward_headers: { type: 'array', items: { type: 'string' } },
    override_params: { type: 'object' },
    name: { type: 'string' },
  },
  anyOf: [
    { required: ['provider', 'api_key'] },
    { required: ['virtual_key'] },
    { required: ['strategy', 'targets'] },
    { required: ['cache'] },
    { required: ['retry'] },
    { required: ['request_timeout'] },
  ],
} as const;

const ajv = new Ajv({ strict: false, allErrors: true });
const validateConfig = ajv.compile(gatewayConfigSchema);

/** What the gateway would refuse in a config, empty when it would accept it. */
export function portkeyConfigViolations(config: unknown): string[] {
  if (validateConfig(config)) return [];
  return (validateConfig.errors ?? []).map((e) => `config${e.instancePath} ${e.message ?? 'is invalid'}`);
}

let checker: OpenApiChecker | undefined;

/** Portkey's control-plane spec (../shared/specs/portkey/openapi.yaml), converted to JSON once for the checker. */
export function portkeySpecChecker(): OpenApiChecker {
  if (checker) return checker;
  const dir = mkdtempSync(join(tmpdir(), 'portkey-spec-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(parse(readFileSync(specFile('portkey/openapi.yaml'), 'utf8'), { maxAliasCount: -1 })));
  checker = openApiChecker(file);
  return checker;
}
