import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const fragment = JSON.parse(read('src/adapters/providers/sagemaker.schema.json')) as { $id: string };
const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true });
ajv.addSchema(JSON.parse(read('schemas/common.schema.json')) as object);
ajv.addSchema(fragment);
const provider = ajv.getSchema(`${fragment.$id}#/definitions/provider`);
const target = ajv.getSchema(`${fragment.$id}#/definitions/target`);

/** The YAML blocks of docs/providers/sagemaker.md, by the file their first comment names. */
function documented(file: string): unknown[] {
  const blocks = [...read('docs/providers/sagemaker.md').matchAll(/```yaml\n# ([^\n]+)\n([\s\S]*?)```/g)];
  return blocks.filter((b) => (b[1] as string).startsWith(file)).map((b) => parse(b[2] as string) as unknown);
}

test('the SageMaker fragment accepts the documented provider entry and release target', () => {
  assert.ok(provider && target);
  const [config] = documented('glidepath.yaml') as { spec: { providers: unknown[] } }[];
  const [release] = documented('releases/') as { spec: { target: unknown } }[];
  assert.ok(config && release);
  for (const entry of config.spec.providers) assert.ok(provider(entry), JSON.stringify(provider.errors));
  assert.ok(target(release.spec.target), JSON.stringify(target.errors));
});

test('the SageMaker fragment refuses a target without both variant names, a variant name SageMaker would refuse, and half a credential pair', () => {
  assert.ok(provider && target);
  assert.ok(!target({ provider: 'aws-prod', key: 'support-assistant', championVariant: 'v1' }));
  assert.ok(!target({ provider: 'aws-prod', key: 'support-assistant', championVariant: 'v1', challengerVariant: 'v2_new' }));
  assert.ok(!provider({ name: 'aws-prod', type: 'sagemaker', region: 'eu-west-1', credentials: { accessKeyIdEnv: 'AWS_ACCESS_KEY_ID' } }));
  assert.ok(!provider({ name: 'aws-prod', type: 'sagemaker' }));
});
