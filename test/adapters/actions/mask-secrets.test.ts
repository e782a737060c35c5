import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskConfiguredSecrets, secretEnvNames } from '../../../src/adapters/actions/mask-secrets.js';
import type { GlidepathConfig, GlidepathRepository } from '../../../src/core/model/index.js';

const config = {
  apiVersion: 'glidepath.dev/v1',
  kind: 'Config',
  metadata: { name: 'x' },
  spec: {
    providers: [{ name: 'ld', type: 'launchdarkly', projectKey: 'p', apiTokenEnv: 'LD_API_TOKEN' }, { name: 'k', type: 'kserve', caDataEnv: 'KUBE_CA' }],
    metrics: { sources: [{ name: 'dd', type: 'datadog', apiKeyEnv: 'DD_API_KEY', appKeyEnv: 'DD_APP_KEY' }] },
    notifications: [{ type: 'pagerduty', routingKeyEnv: 'PD_ROUTING_KEY' }, { type: 'slack', webhookUrlEnv: 'SLACK_WEBHOOK_URL' }],
  },
} as unknown as GlidepathConfig;
const repository: GlidepathRepository = { config: { file: 'glidepath.yaml', value: config, locate: () => ({ file: 'glidepath.yaml', line: 1, col: 1 }) }, policies: new Map(), releases: new Map(), files: new Map() };

test('every variable a field ending in Env names is a secret, with the AWS defaults, but not a CA certificate', () => {
  assert.deepEqual(secretEnvNames(repository), ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'DD_API_KEY', 'DD_APP_KEY', 'LD_API_TOKEN', 'PD_ROUTING_KEY', 'SLACK_WEBHOOK_URL']);
});

test('the values of the named variables that are set are masked, multi-line ones line by line, and only their names are returned', () => {
  const masked: string[] = [];
  const names = maskConfiguredSecrets(secretEnvNames(repository), { DD_API_KEY: 'dd-secret', PD_ROUTING_KEY: 'line-one\nline-two', SLACK_WEBHOOK_URL: '  ', LD_API_TOKEN: undefined, OTHER: 'not named' }, (value) => masked.push(value));
  assert.deepEqual(names, ['DD_API_KEY', 'PD_ROUTING_KEY']);
  assert.deepEqual(masked, ['dd-secret', 'line-one\nline-two', 'line-one', 'line-two']);
});
