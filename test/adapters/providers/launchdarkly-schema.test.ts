import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { createLaunchDarklyProvider, type LaunchDarklyProviderConfig } from '../../../src/adapters/providers/launchdarkly.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'));
const fragment = read('src/adapters/providers/launchdarkly.schema.json') as { $id: string };

function validator(definition: 'provider' | 'target') {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(read('schemas/common.schema.json') as object);
  ajv.addSchema(fragment as object);
  return ajv.compile({ $ref: `${fragment.$id}#/definitions/${definition}` });
}

/** The YAML blocks of the provider's page, parsed. */
function examples(): Record<string, unknown>[] {
  const page = readFileSync(new URL('../../../docs/providers/launchdarkly.md', import.meta.url), 'utf8');
  return [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1] as string) as Record<string, unknown>);
}

test('the provider entries and release target on the LaunchDarkly page are valid against its schema fragment, and build', () => {
  const provider = validator('provider');
  const target = validator('target');
  const [config, release] = examples() as [{ spec: { providers: LaunchDarklyProviderConfig[] } }, { spec: { target: unknown } }];
  assert.equal(config.spec.providers.length, 2);
  for (const entry of config.spec.providers) {
    assert.ok(provider(entry), JSON.stringify(provider.errors));
    const built = createLaunchDarklyProvider(entry, { root: '/repo', env: { LD_API_TOKEN: 'api-x' }, fetch: globalThis.fetch, logger: silentLogger, clock: fixedClock(new Date(0)), signal: new AbortController().signal });
    assert.ok(built.ok, built.ok ? '' : built.error);
  }
  assert.ok(target(release.spec.target), JSON.stringify(target.errors));
});

test('the schema fragment refuses a token in the URL, an unknown kind and a lower-case variable name', () => {
  const provider = validator('provider');
  const base = { name: 'ld', type: 'launchdarkly', projectKey: 'ai', environmentKey: 'production', apiTokenEnv: 'LD_API_TOKEN' };
  assert.ok(provider(base));
  assert.ok(!provider({ ...base, url: 'https://api-123@app.launchdarkly.com' }));
  assert.ok(!provider({ ...base, kind: 'segment' }));
  assert.ok(!provider({ ...base, apiTokenEnv: 'ld_token' }));
  assert.ok(!provider({ ...base, variations: { champion: 'a', extra: 'b' } }));
});
