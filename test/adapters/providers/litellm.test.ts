import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { createLitellmProvider } from '../../../src/adapters/providers/litellm.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { systemClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { GitOpsProvider, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';

const PATH = 'litellm/config.yaml';
const target: TrafficTarget = { release: 'support-assistant', key: 'support', champion: { model: 'openai/gpt-4o' }, challenger: { model: 'anthropic/claude-sonnet-4' } };
const deps: AdapterDeps = { root: '/repo', env: {}, fetch: globalThis.fetch, logger: silentLogger, clock: systemClock, signal: new AbortController().signal };

function litellm(): GitOpsProvider {
  const built = createLitellmProvider({ name: 'proxy', type: 'litellm', path: PATH }, deps);
  assert.ok(built.ok, built.ok ? '' : built.error);
  return built.value;
}

/** A proxy config as people write them: comments, odd spacing, a flow mapping, other groups and settings. */
const config = `# LiteLLM proxy for the support team
model_list:
  - model_name: embeddings        # not ours
    litellm_params:
      model: openai/text-embedding-3-small
      api_key: os.environ/OPENAI_API_KEY
  - model_name: support   # what the app calls
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY   # from the secret store
      rpm: 600
    model_info:
      id: support-gpt-4o
  - model_name: support
    litellm_params: {model: anthropic/claude-sonnet-4, api_key: "os.environ/ANTHROPIC_API_KEY"}

router_settings:
  routing_strategy: simple-shuffle   # weights need this
  num_retries: 2

general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
`;

function render(files: Map<string, string>, split: TrafficSplit): string {
  const changes = litellm().render(target, split, files);
  assert.ok(changes.ok, changes.ok ? '' : changes.error);
  assert.equal(changes.value.length, 1);
  assert.equal(changes.value[0]?.path, PATH);
  return changes.value[0]?.content as string;
}

test('without weights the proxy splits by rpm of the first deployment, and read says so', () => {
  // rpm 600 on the champion and none on the challenger: simple-shuffle gives the challenger nothing.
  assert.deepEqual(litellm().read(target, new Map([[PATH, config]])), { ok: true, value: { mode: 'off', weight: 0 } });
  assert.deepEqual(litellm().paths(target), [PATH]);
});

test('the config round-trips: what render writes, read answers', () => {
  let text = config;
  for (const split of [{ mode: 'traffic', weight: 5 }, { mode: 'traffic', weight: 37.5 }, { mode: 'off', weight: 0 }, { mode: 'traffic', weight: 100 }] as TrafficSplit[]) {
    text = render(new Map([[PATH, text]]), split);
    assert.deepEqual(litellm().read(target, new Map([[PATH, text]])), { ok: true, value: split });
  }
});

test('the first render adds a weight to each deployment and changes no other line, comments included', () => {
  const text = render(new Map([[PATH, config]]), { mode: 'traffic', weight: 5 });
  const expected = config
    .replace('      rpm: 600\n', '      rpm: 600\n      weight: 95\n')
    .replace('api_key: "os.environ/ANTHROPIC_API_KEY"}', 'api_key: "os.environ/ANTHROPIC_API_KEY", weight: 5}');
  assert.equal(text, expected);
});

test('a later render replaces the two weights where they stand', () => {
  const five = render(new Map([[PATH, config]]), { mode: 'traffic', weight: 5 });
  const twenty = render(new Map([[PATH, five]]), { mode: 'traffic', weight: 20 });
  assert.equal(twenty, five.replace('weight: 95', 'weight: 80').replace('weight: 5}', 'weight: 20}'));
});

test('rendering the split the file already says changes nothing', () => {
  const once = render(new Map([[PATH, config]]), { mode: 'traffic', weight: 25 });
  assert.deepEqual(litellm().render(target, { mode: 'traffic', weight: 25 }, new Map([[PATH, once]])), { ok: true, value: [] });
});

test('content Glidepath does not own is untouched: other groups, settings and the arms\' other fields', () => {
  const text = render(new Map([[PATH, config]]), { mode: 'traffic', weight: 40 });
  const before = parse(config) as { model_list: { litellm_params: Record<string, unknown> }[] };
  const after = parse(text) as typeof before;
  assert.deepEqual(after.model_list.map((d) => d.litellm_params['weight']), [undefined, 60, 40]);
  for (const d of after.model_list) delete d.litellm_params['weight'];
  assert.deepEqual(after, before);
});

test('a block mapping ending in a nested mapping gets its weight on the right line', () => {
  const nested = 'model_list:\n  - model_name: support\n    litellm_params:\n      model: openai/gpt-4o\n      extra_headers:\n        x-team: support\n  - model_name: support\n    litellm_params:\n      model: anthropic/claude-sonnet-4\n';
  const text = render(new Map([[PATH, nested]]), { mode: 'traffic', weight: 10 });
  assert.equal(text, 'model_list:\n  - model_name: support\n    litellm_params:\n      model: openai/gpt-4o\n      extra_headers:\n        x-team: support\n      weight: 90\n  - model_name: support\n    litellm_params:\n      model: anthropic/claude-sonnet-4\n      weight: 10\n');
});

test('a malformed config is invalid, naming the file and line', () => {
  const broken = 'model_list:\n  - model_name: support\n    litellm_params:\n      model: [openai/gpt-4o\n  - model_name: other\n';
  const answer = litellm().read(target, new Map([[PATH, broken]]));
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'invalid');
  assert.match(answer.error, /^litellm\/config\.yaml:\d+: not valid YAML/);
  const weight = litellm().read(target, new Map([[PATH, config.replace('rpm: 600', 'rpm: 600\n      weight: lots')]]));
  assert.ok(!weight.ok);
  assert.match(weight.error, /^litellm\/config\.yaml:12: litellm_params\.weight of 'openai\/gpt-4o' is not a non-negative number/);
});

test('a missing arm, a third deployment, a strategy that ignores weights and a missing file are refused with the fix', () => {
  const provider = litellm();
  const noChallenger = provider.read({ ...target, challenger: { model: 'openai/gpt-4.1' } }, new Map([[PATH, config]]));
  assert.ok(!noChallenger.ok && noChallenger.kind === 'not-found');
  assert.match(noChallenger.error, /no deployment with litellm_params\.model 'openai\/gpt-4\.1' \(the challenger\)/);
  const third = provider.render(target, { mode: 'traffic', weight: 5 }, new Map([[PATH, `${config.replace('router_settings:', '  - model_name: support\n    litellm_params:\n      model: openai/gpt-4.1\n\nrouter_settings:')}`]]));
  assert.ok(!third.ok && third.kind === 'invalid');
  assert.match(third.error, /^litellm\/config\.yaml:17: model_list\[3\] \('openai\/gpt-4\.1'\) is a third deployment of 'support'/);
  const latency = provider.read(target, new Map([[PATH, config.replace('routing_strategy: simple-shuffle', 'routing_strategy: latency-based-routing')]]));
  assert.ok(!latency.ok && latency.kind === 'invalid');
  assert.match(latency.error, /^litellm\/config\.yaml:18: router_settings\.routing_strategy is 'latency-based-routing'/);
  const missing = provider.read(target, new Map());
  assert.ok(!missing.ok && missing.kind === 'not-found');
  const shadow = provider.render(target, { mode: 'shadow', weight: 0 }, new Map([[PATH, config]]));
  assert.ok(!shadow.ok && shadow.kind === 'invalid');
  assert.equal(provider.capabilities.stickiness, 'per-request');
});

test('a path outside the repository is a configuration error naming the field', () => {
  const built = createLitellmProvider({ name: 'proxy', type: 'litellm', path: '../proxy/config.yaml' }, deps);
  assert.ok(!built.ok);
  assert.deepEqual(built.field, ['path']);
});

test('the schema fragment accepts a repository path and refuses one outside it', async () => {
  const { Ajv } = await import('ajv');
  const { readFileSync } = await import('node:fs');
  const ajv = new Ajv({ strict: false });
  ajv.addSchema(JSON.parse(readFileSync(new URL('../../../schemas/common.schema.json', import.meta.url), 'utf8')) as object);
  const fragment = JSON.parse(readFileSync(new URL('../../../src/adapters/providers/litellm.schema.json', import.meta.url), 'utf8')) as { $id: string };
  ajv.addSchema(fragment);
  const valid = ajv.compile({ $ref: `${fragment.$id}#/definitions/provider` });
  assert.ok(valid({ name: 'proxy', type: 'litellm', path: 'litellm/config.yaml' }));
  assert.ok(!valid({ name: 'proxy', type: 'litellm', path: '../config.yaml' }));
  assert.ok(!valid({ name: 'proxy', type: 'litellm', path: '/etc/litellm/config.yaml' }));
});

test('a layout the in-place edit cannot handle still gets its weights through the Document API, comments kept', () => {
  const trailingComma = 'model_list: # groups\n  - model_name: support\n    litellm_params: {model: openai/gpt-4o, rpm: 10,}\n  - model_name: support\n    litellm_params:\n      model: anthropic/claude-sonnet-4\n';
  const text = render(new Map([[PATH, trailingComma]]), { mode: 'traffic', weight: 30 });
  assert.match(text, /# groups/);
  assert.deepEqual(litellm().read(target, new Map([[PATH, text]])), { ok: true, value: { mode: 'traffic', weight: 30 } });
});
