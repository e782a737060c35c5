import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { compile } from 'json-schema-to-typescript';
// @ts-expect-error the composition script is plain JavaScript, without declarations
import { composeConfigSchema, composeUnion, readFragments } from '../../../scripts/compose-schemas.mjs';
import { trafficProviders } from '../../../src/adapters/providers/index.js';
import { metricsSources } from '../../../src/adapters/metrics/index.js';
import { buildProvider } from '../../../src/engine/workspace.js';
import type { Provider } from '../../../src/core/model/index.js';
import { silentLogger } from '../../../src/ports/logger.js';
import { systemClock } from '../../../src/ports/clock.js';
import { createWorkingTreeFiles } from '../../../src/adapters/fs/working-tree-files.js';
import { settleLaterProviderType } from '../../support/providers/settle-later.js';

const ROOT = join(import.meta.dirname, '../../..');
const PROVIDERS = join(ROOT, 'src/adapters/providers');
const SCHEMAS = join(ROOT, 'schemas');
type Fragment = { file: string; type: string; name: string; schema: Record<string, unknown> };
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('every provider and metrics source in a registry has its schema fragment beside it, and schemas/ is their composition', () => {
  assert.deepEqual((readFragments(PROVIDERS) as Fragment[]).map((f) => f.type), Object.keys(trafficProviders).sort());
  assert.deepEqual((readFragments(join(ROOT, 'src/adapters/metrics')) as Fragment[]).map((f) => f.type), Object.keys(metricsSources).sort());
  const committed = readJson(join(SCHEMAS, 'config.schema.json'));
  assert.deepEqual(composeConfigSchema(committed, ROOT), committed, 'run npm run generate');
});

test('a new provider type is one adapter file with its fragment plus one registry line: a test-only settle-later provider added that way is accepted, typed and built', async () => {
  // 1. The fragment, dropped beside the others, joins the schema's provider union.
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-fragments-'));
  dirs.push(dir);
  for (const file of readdirSync(PROVIDERS).filter((f) => f.endsWith('.schema.json'))) copyFileSync(join(PROVIDERS, file), join(dir, file));
  copyFileSync(join(ROOT, 'test/support/providers/settle-later.schema.json'), join(dir, 'settle-later.schema.json'));
  const config = composeUnion(readJson(join(SCHEMAS, 'config.schema.json')), 'provider', readFragments(dir)) as { definitions: Record<string, unknown> };
  const ajv = new Ajv({ strict: true, strictRequired: false, discriminator: true, allErrors: true });
  ajv.addSchema(readJson(join(SCHEMAS, 'common.schema.json')));
  ajv.addSchema(config);
  const validateProvider = ajv.getSchema(`${String((config as { $id?: string }).$id)}#/definitions/provider`)!;
  assert.equal(validateProvider({ name: 'endpoint', type: 'settle-later', path: 'flags/f.json' }), true, JSON.stringify(validateProvider.errors));
  assert.equal(validateProvider({ name: 'endpoint', type: 'settle-later' }), false, 'the fragment’s own rules apply');
  assert.equal(validateProvider({ name: 'endpoint', type: 'unheard-of', path: 'x' }), false);
  // 2. The generated `Provider` union gains its type, so the registry's type asks for its line.
  const types = await compile({ ...config, title: 'GlidepathConfig' } as Parameters<typeof compile>[0], 'GlidepathConfig', { cwd: SCHEMAS, bannerComment: '', additionalProperties: false, declareExternallyReferenced: true });
  assert.match(types, /export type Provider =[^;]*\| SettleLaterProvider\n[^;]*;/, 'the test-only type joins the generated union');
  // 3. One line in a registry, and the engine builds it with its dependencies, behind its guard.
  const registry = { ...trafficProviders, 'settle-later': settleLaterProviderType };
  const root = mkdtempSync(join(tmpdir(), 'glidepath-settle-later-'));
  dirs.push(root);
  const entry = { name: 'endpoint', type: 'settle-later', path: 'flags/f.json' } as const;
  // The only cast: this test's generated types do not include the test-only type (step 2 shows they would).
  const built = buildProvider({ root, providers: registry, adapterDeps: { env: {}, fetch, signal: new AbortController().signal }, flagFiles: createWorkingTreeFiles, logger: silentLogger, clock: systemClock }, entry as unknown as Provider);
  assert.equal(built.ok, true);
  assert.equal(built.ok && built.value.capabilities.settles, 'eventually');
  const target = { release: 'r', key: 'k', champion: { model: 'a' }, challenger: { model: 'b' } };
  const applied = built.ok ? await built.value.apply(target, { mode: 'traffic', weight: 5 }) : undefined;
  assert.equal(applied?.ok && applied.value.status, 'pending');
});
