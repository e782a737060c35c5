import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, test } from 'node:test';
import { createLaunchDarklyProvider, LD_API_VERSION, RING_DESCRIPTION, type LaunchDarklyProviderConfig } from '../../../src/adapters/providers/launchdarkly.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { ApiProvider, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';
import { aiConfigOf, flagOf, launchDarklyFake, LD_TOKEN, variation, VERSION_HEADER, type LaunchDarklyFake } from '../../support/launchdarkly-fake.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const target: TrafficTarget = { release: 'support-assistant', key: 'assistant-model', champion: { model: 'openai/gpt-4o' }, challenger: { model: 'openai/gpt-4.1' } };

let fake: LaunchDarklyFake;
let waits: number[];

beforeEach(() => {
  fake = launchDarklyFake();
  fake.flags.set(target.key, flagOf(target.key));
  fake.aiConfigs.set(target.key, aiConfigOf(target.key));
  waits = [];
});

afterEach(() => {
  assert.deepEqual(fake.violations, [], 'every request follows LaunchDarkly\'s OpenAPI description');
});

function deps(env: Record<string, string> = { LD_API_TOKEN: LD_TOKEN }): AdapterDeps & { sleep: (ms: number) => Promise<void> } {
  return { root: '/repo', env, fetch: fake.fetch, logger: silentLogger, clock: fixedClock(NOW), signal: new AbortController().signal, sleep: async (ms) => { waits.push(ms); } };
}

function provider(config: Partial<LaunchDarklyProviderConfig> = {}, env?: Record<string, string>): ApiProvider {
  const built = createLaunchDarklyProvider({ name: 'ld', type: 'launchdarkly', url: 'https://app.launchdarkly.com', projectKey: 'ai', environmentKey: 'production', apiTokenEnv: 'LD_API_TOKEN', ...config }, deps(env));
  assert.ok(built.ok, built.ok ? '' : built.error);
  return built.value;
}

function production(key = target.key): Record<string, unknown> {
  return ((fake.flags.get(key) as Record<string, unknown>)['environments'] as Record<string, Record<string, unknown>>)['production'] as Record<string, unknown>;
}

const patches = (): LaunchDarklyFake['requests'] => fake.requests.filter((r) => r.method === 'PATCH');

test('a LaunchDarkly provider reads the default rule as the split: the challenger\'s rollout weight in thousandths of a percent', async () => {
  const ld = provider();
  assert.deepEqual(await ld.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  production()['fallthrough'] = { rollout: { variations: [{ variation: 0, weight: 87_500 }, { variation: 1, weight: 12_500 }], bucketBy: 'key', contextKind: 'user' } };
  assert.deepEqual(await ld.read(target), { ok: true, value: { mode: 'traffic', weight: 12.5 } });
  production()['fallthrough'] = { variation: 1 };
  assert.deepEqual(await ld.read(target), { ok: true, value: { mode: 'traffic', weight: 100 } });
  const get = fake.requests[0];
  assert.equal(get?.url.pathname, '/api/v2/flags/ai/assistant-model');
  assert.equal(get?.url.searchParams.get('env'), 'production');
});

test('every request carries the bare access token as Authorization and the pinned LD-API-Version', async () => {
  const ld = provider();
  await ld.apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(fake.requests.length >= 3);
  for (const request of fake.requests) {
    assert.equal(request.headers.get('authorization'), LD_TOKEN);
    assert.equal(request.headers.get('ld-api-version'), VERSION_HEADER);
  }
  assert.equal(LD_API_VERSION, VERSION_HEADER);
});

test('applying a split sends one JSON Patch that tests the environment version, then reads it back; applying it again sends nothing', async () => {
  const ld = provider({ bucketBy: 'conversationId' });
  assert.deepEqual(await ld.apply(target, { mode: 'traffic', weight: 2.5 }), { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 2.5 } } });
  const [patch] = patches();
  assert.deepEqual(patch?.body, {
    comment: 'Glidepath: release support-assistant to 2.5% challenger',
    patch: [
      { op: 'test', path: '/environments/production/version', value: 7 },
      { op: 'replace', path: '/environments/production/fallthrough', value: { rollout: { variations: [{ variation: 0, weight: 97_500 }, { variation: 1, weight: 2_500 }], bucketBy: 'conversationId', contextKind: 'user' } } },
    ],
  });
  assert.equal(patch?.headers.get('content-type'), 'application/json');
  assert.equal(fake.requests.at(-1)?.method, 'GET', 'the split is read back after the write');
  assert.equal(production()['version'], 8);

  assert.deepEqual(await ld.apply(target, { mode: 'traffic', weight: 2.5 }), { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 2.5 } } });
  assert.equal(patches().length, 1, 'the second apply found the split in place');

  assert.deepEqual(await ld.apply(target, { mode: 'off', weight: 0 }), { ok: true, value: { status: 'settled', split: { mode: 'off', weight: 0 } } });
  assert.deepEqual(production()['fallthrough'], { variation: 0 });
});

test('a split on a flag whose targeting is off turns targeting on in the same patch', async () => {
  fake.flags.set(target.key, flagOf(target.key, { on: false }));
  const ld = provider();
  assert.deepEqual(await ld.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
  const applied = await ld.apply(target, { mode: 'traffic', weight: 1 });
  assert.ok(applied.ok, applied.ok ? '' : applied.error);
  assert.equal(production()['on'], true);
  assert.deepEqual((patches()[0]?.body as { patch: unknown[] }).patch.at(-1), { op: 'replace', path: '/environments/production/on', value: true });
});

test('variations are found by name wherever they sit, and a flag without them is refused with what to create', async () => {
  fake.flags.set(target.key, flagOf(target.key, { variations: [variation('a', 'legacy', 'x'), variation('b', 'gpt-4.1', 'y'), variation('c', 'gpt-4o', 'z')] }));
  const named = provider({ variations: { champion: 'gpt-4o', challenger: 'gpt-4.1' } });
  const applied = await named.apply(target, { mode: 'traffic', weight: 10 });
  assert.ok(applied.ok, applied.ok ? '' : applied.error);
  assert.deepEqual(production()['fallthrough'], { rollout: { variations: [{ variation: 1, weight: 10_000 }, { variation: 2, weight: 90_000 }], bucketBy: 'key', contextKind: 'user' } });

  const unnamed = await provider().read(target);
  assert.ok(!unnamed.ok);
  assert.equal(unnamed.kind, 'invalid');
  assert.match(unnamed.error, /no variation named 'champion'.*variations\.champion/);
});

test('a default rule serving a variation that is neither arm, or rollout weight on a third variation, is an unknown split, not a guess', async () => {
  fake.flags.set(target.key, flagOf(target.key, { variations: [variation('a', 'champion', 1), variation('b', 'challenger', 2), variation('c', 'other', 3)], fallthrough: { variation: 2 } }));
  const ld = provider();
  const third = await ld.read(target);
  assert.ok(!third.ok && third.kind === 'invalid' && /serves variation 'other'/.test(third.error));
  production()['fallthrough'] = { rollout: { variations: [{ variation: 0, weight: 90_000 }, { variation: 1, weight: 5_000 }, { variation: 2, weight: 5_000 }] } };
  const stray = await ld.read(target);
  assert.ok(!stray.ok && stray.kind === 'invalid' && /5% to variation 'other'/.test(stray.error));
});

test('a ring is one rule described glidepath-ring, first, serving the challenger to the listed values; it is updated in place and removed when the ring ends', async () => {
  fake.flags.set(target.key, flagOf(target.key, { rules: [{ _id: 'theirs', description: 'internal testers', clauses: [{ _id: 'c1', attribute: 'email', op: 'endsWith', values: ['@example.com'], negate: false, contextKind: 'user' }], variation: 1, trackEvents: false }] }));
  const ld = provider();
  const ring: TrafficSplit = { mode: 'traffic', weight: 0, segment: { attribute: 'tenant', values: ['globex', 'acme'] } };
  assert.deepEqual(await ld.apply(target, ring), { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 0, segment: { attribute: 'tenant', values: ['acme', 'globex'] } } } });
  const rules = production()['rules'] as Record<string, unknown>[];
  assert.equal(rules.length, 2);
  assert.equal(rules[0]?.['description'], RING_DESCRIPTION);
  assert.equal(rules[0]?.['variation'], 1);
  assert.deepEqual(rules[0]?.['clauses'], [{ contextKind: 'user', attribute: 'tenant', op: 'in', values: ['acme', 'globex'], negate: false }]);

  const wider: TrafficSplit = { mode: 'traffic', weight: 5, segment: { attribute: 'tenant', values: ['acme', 'globex', 'initech'] } };
  const applied = await ld.apply(target, wider);
  assert.ok(applied.ok, applied.ok ? '' : applied.error);
  assert.deepEqual((production()['rules'] as Record<string, Record<string, unknown>[]>[])[0]?.['clauses']?.[0]?.['values'], ['acme', 'globex', 'initech']);
  assert.deepEqual(await ld.read(target), { ok: true, value: wider });

  assert.deepEqual(await ld.apply(target, { mode: 'traffic', weight: 5 }), { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 5 } } });
  assert.deepEqual((production()['rules'] as Record<string, unknown>[]).map((r) => r['_id']), ['theirs'], 'the user\'s own rule is left alone');
});

test('a rollout Glidepath writes keeps each context on its arm as the weight grows (LaunchDarkly\'s SDK bucketing)', async () => {
  const ld = provider();
  const salt = production()['salt'] as string;
  const contexts = Array.from({ length: 4000 }, (_, i) => `user-${i}`);
  let previous = new Set<string>();
  for (const weight of [1, 5, 25, 50, 100]) {
    const applied = await ld.apply(target, { mode: 'traffic', weight });
    assert.ok(applied.ok, applied.ok ? '' : applied.error);
    const rollout = (production()['fallthrough'] as { rollout: { variations: { variation: number; weight: number }[] } }).rollout;
    const onChallenger = new Set(contexts.filter((key) => variationFor(rollout.variations, bucket(target.key, salt, key)) === 1));
    for (const key of previous) assert.ok(onChallenger.has(key), `${key} was on the challenger at a lower weight and left it at ${weight}%`);
    assert.ok(Math.abs(onChallenger.size / contexts.length - weight / 100) < 0.03, `${onChallenger.size} of ${contexts.length} on the challenger at ${weight}%`);
    previous = onChallenger;
  }
});

/** LaunchDarkly's server-side SDKs: sha1 of `<flag key>.<salt>.<bucketBy value>`, the first 15 hex digits over 0xFFFFFFFFFFFFFFF. */
function bucket(flagKey: string, salt: string, value: string): number {
  return parseInt(createHash('sha1').update(`${flagKey}.${salt}.${value}`).digest('hex').slice(0, 15), 16) / LONG_SCALE;
}

/** The SDKs' 0xFFFFFFFFFFFFFFF, written so that no literal claims more precision than a double has. */
const LONG_SCALE = parseInt('f'.repeat(15), 16);

/** The SDKs walk the rollout's variations in their stored order, summing weights, and take the first whose sum passes the bucket. */
function variationFor(variations: readonly { variation: number; weight: number }[], at: number): number {
  let sum = 0;
  for (const v of variations) {
    sum += v.weight / 100_000;
    if (at < sum) return v.variation;
  }
  return variations.at(-1)?.variation ?? -1;
}

test('a shadow stage serves the variation named as the shadow marker, and a provider without one declares shadow none and refuses it', async () => {
  fake.flags.set(target.key, flagOf(target.key, { variations: [variation('a', 'champion', 'gpt-4o'), variation('b', 'challenger', 'gpt-4.1'), variation('c', 'mirror', 'gpt-4o+mirror:gpt-4.1')] }));
  const marked = provider({ variations: { shadow: 'mirror' } });
  assert.equal(marked.capabilities.shadow, 'marker');
  assert.deepEqual(await marked.apply(target, { mode: 'shadow', weight: 0 }), { ok: true, value: { status: 'settled', split: { mode: 'shadow', weight: 0 } } });
  assert.deepEqual(production()['fallthrough'], { variation: 2 });

  const plain = provider();
  assert.deepEqual(plain.capabilities, { shadow: 'none', segments: true, weightStep: 0.001, settles: 'now', stickiness: 'sticky' });
  const refused = await plain.apply(target, { mode: 'shadow', weight: 0 });
  assert.ok(!refused.ok && refused.kind === 'invalid' && /variations\.shadow/.test(refused.error));
});

test('an AI Config is stepped with a semantic patch of updateFallthroughVariationOrRollout, weights keyed by variation id, and read back', async () => {
  const ld = provider({ kind: 'ai-config' });
  assert.deepEqual(ld.capabilities, { shadow: 'none', segments: false, weightStep: 0.001, settles: 'now', stickiness: 'sticky' });
  assert.deepEqual(await ld.apply(target, { mode: 'traffic', weight: 20 }), { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 20 } } });
  const [patch] = patches();
  assert.equal(patch?.url.pathname, '/api/v2/projects/ai/ai-configs/assistant-model/targeting');
  assert.equal(patch?.headers.get('content-type'), 'application/json; domain-model=launchdarkly.semanticpatch');
  assert.deepEqual(patch?.body, {
    environmentKey: 'production',
    comment: 'Glidepath: release support-assistant to 20% challenger',
    instructions: [{ kind: 'updateFallthroughVariationOrRollout', rolloutWeights: { 'ai-champ': 80_000, 'ai-chall': 20_000 }, rolloutBucketBy: 'key', rolloutContextKind: 'user' }],
  });
  assert.deepEqual(await ld.read(target), { ok: true, value: { mode: 'traffic', weight: 20 } });
  assert.deepEqual(await ld.apply(target, { mode: 'traffic', weight: 20 }), { ok: true, value: { status: 'settled', split: { mode: 'traffic', weight: 20 } } });
  assert.equal(patches().length, 1);
  assert.deepEqual(await ld.apply(target, { mode: 'off', weight: 0 }), { ok: true, value: { status: 'settled', split: { mode: 'off', weight: 0 } } });
  assert.deepEqual((patches()[1]?.body as { instructions: unknown[] }).instructions, [{ kind: 'updateFallthroughVariationOrRollout', variationId: 'ai-champ' }]);
});

test('an AI Config whose targeting is off cannot be turned on by semantic patch: the apply says so and writes nothing', async () => {
  fake.aiConfigs.set(target.key, aiConfigOf(target.key, { enabled: false }));
  const ld = provider({ kind: 'ai-config' });
  const answer = await ld.apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'invalid');
  assert.match(answer.error, /targeting is off.*turn it on/);
  assert.equal(patches().length, 0);
});

test('an AI Config changed by someone else between the read and the semantic patch is reported as a conflict when the read-back differs', async () => {
  // The other writer lands after ours: the read-back is theirs.
  const real = fake.fetch;
  let patched = false;
  const racing: typeof globalThis.fetch = async (input, init) => {
    const response = await real(input, init);
    if (init?.method === 'PATCH') {
      patched = true;
      const env = ((fake.aiConfigs.get(target.key) as Record<string, unknown>)['environments'] as Record<string, Record<string, unknown>>)['production'] as Record<string, unknown>;
      env['fallthrough'] = { variation: 1 };
      env['_version'] = (env['_version'] as number) + 1;
    }
    return response;
  };
  const built = createLaunchDarklyProvider({ name: 'ld', type: 'launchdarkly', kind: 'ai-config', projectKey: 'ai', environmentKey: 'production', apiTokenEnv: 'LD_API_TOKEN' }, { ...deps(), fetch: racing });
  assert.ok(built.ok);
  const answer = await built.value.apply(target, { mode: 'traffic', weight: 5 });
  assert.ok(patched);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'conflict');
  assert.match(answer.error, /read back traffic 100% after applying traffic 5%/);
});
