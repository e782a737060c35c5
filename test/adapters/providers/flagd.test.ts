import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { FlagdCore } from '@openfeature/flagd-core';
import { createFlagdProvider } from '../../../src/adapters/providers/flagd.js';
import { localFlagd, settled, testDeps } from '../../support/local-flagd.js';
import { trafficProviders } from '../../../src/adapters/providers/index.js';
import type { FlagdProvider } from '../../../src/core/model/index.js';
import type { TrafficTarget } from '../../../src/ports/traffic-provider.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';

const SPECS = '/work/shared/specs/flagd';

/** flagd's three schema files $ref each other relatively; registered under their $ids they resolve. */
function flagdValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const name of ['targeting.json', 'flags.json']) ajv.addSchema(JSON.parse(readFileSync(join(SPECS, name), 'utf8')) as object);
  return ajv.compile(JSON.parse(readFileSync(join(SPECS, 'flagd.json'), 'utf8')) as object);
}
const validateFlagd = flagdValidator();

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempRoot(): string {
  const d = mkdtempSync(join(tmpdir(), 'glidepath-flagd-'));
  dirs.push(d);
  return d;
}

const config: FlagdProvider = { name: 'flags', type: 'flagd', path: 'flags/glidepath.flagd.json' };
const target: TrafficTarget = {
  release: 'support-assistant',
  key: 'support-assistant-model',
  champion: { model: 'openai/gpt-4o-2024-08-06', prompt: 'prompts/support-v1.md', parameters: { temperature: 0.2, maxTokens: 512 }, tools: ['search_docs'] },
  challenger: { model: 'openai/gpt-4.1-2025-04-14', prompt: 'prompts/support-v2.md', parameters: { temperature: 0.2, maxTokens: 400 }, tools: ['search_docs'] },
};

function fileOf(root: string): string {
  return readFileSync(join(root, config.path), 'utf8');
}

function assertValidFlagd(text: string): void {
  const ok = validateFlagd(JSON.parse(text));
  assert.equal(ok, true, `flagd schema: ${JSON.stringify(validateFlagd.errors, null, 1)}`);
}

function core(text: string): FlagdCore {
  const c = new FlagdCore();
  c.setConfigurations(text);
  return c;
}

function variantOf(c: FlagdCore, key: string, ctx: Record<string, string>): string | undefined {
  return c.resolveObjectEvaluation(key, {}, ctx).variant;
}

const KEYS = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);

function challengerShare(text: string, extra: Record<string, string> = {}): { share: number; onChallenger: Set<string> } {
  const c = core(text);
  const onChallenger = new Set<string>();
  for (const k of KEYS) if (variantOf(c, target.key, { targetingKey: k, ...extra }) === 'challenger') onChallenger.add(k);
  return { share: (onChallenger.size / KEYS.length) * 100, onChallenger };
}

test('the flagd schema used here rejects a malformed flag, so passing it means something', () => {
  assert.equal(validateFlagd({ flags: { f: { state: 'ON', variants: { a: 1 } } } }), false);
  assert.equal(validateFlagd({ flags: { f: { state: 'ENABLED', variants: { a: {}, b: {} }, targeting: { fractional: [['a', 1.5], ['b', 2]] } } } }), false);
  assert.equal(validateFlagd({ flags: { f: { state: 'ENABLED', variants: { a: {}, b: {} }, targeting: { fractional: [['a', 1], ['b', 2]] } } } }), true);
});

test('the registry builds a flagd provider from its config entry', () => {
  const built = trafficProviders.flagd.create(config, testDeps(tempRoot()));
  assert.equal(built.ok && built.value.type, 'flagd');
  assert.equal(built.ok && built.value.kind, 'gitops', 'flagd only renders files; the engine commits them');
});

test('a missing flag file reads as off: the champion serves everyone', async () => {
  const provider = localFlagd(config, tempRoot());
  assert.deepEqual(await provider.read(target), { ok: true, value: { mode: 'off', weight: 0 } });
});

test('every split Glidepath writes is a valid flagd file that reads back as the same split', async () => {
  const root = tempRoot();
  const provider = localFlagd(config, root);
  const splits: TrafficSplit[] = [
    { mode: 'off', weight: 0 },
    { mode: 'shadow', weight: 0 },
    { mode: 'traffic', weight: 0 },
    { mode: 'traffic', weight: 5 },
    { mode: 'traffic', weight: 0.5 },
    { mode: 'traffic', weight: 25 },
    { mode: 'traffic', weight: 100 },
    { mode: 'traffic', weight: 10, segment: { attribute: 'tenantId', values: ['acme', 'globex'] } },
  ];
  for (const split of splits) {
    const applied = await provider.apply(target, split);
    assert.deepEqual(applied, settled(split), `apply ${JSON.stringify(split)}`);
    assertValidFlagd(fileOf(root));
    assert.deepEqual(await provider.read(target), { ok: true, value: split });
  }
});

test('the flag carries both bundles as object variants with the champion as default', async () => {
  const root = tempRoot();
  await localFlagd(config, root).apply(target, { mode: 'traffic', weight: 5 });
  const doc = JSON.parse(fileOf(root)) as { flags: Record<string, { state: string; defaultVariant: string; variants: Record<string, unknown>; targeting: unknown; metadata: Record<string, unknown> }> };
  const flag = doc.flags[target.key]!;
  assert.equal(flag.state, 'ENABLED');
  assert.equal(flag.defaultVariant, 'champion');
  assert.deepEqual(flag.variants, { champion: target.champion, challenger: target.challenger });
  assert.deepEqual(flag.targeting, { fractional: [['champion', 95], ['challenger', 5]] });
  assert.equal(flag.metadata['release'], 'support-assistant');
  const c = core(fileOf(root));
  const resolved = c.resolveObjectEvaluation(target.key, {}, { targetingKey: KEYS.find((k) => variantOf(c, target.key, { targetingKey: k }) === 'challenger')! });
  assert.deepEqual(resolved.value, target.challenger);
});

test('flagd serves the challenger to the configured share of 20,000 users, within one point', async () => {
  const root = tempRoot();
  const provider = localFlagd(config, root);
  for (const weight of [5, 25, 50]) {
    await provider.apply(target, { mode: 'traffic', weight });
    const { share } = challengerShare(fileOf(root));
    assert.ok(Math.abs(share - weight) <= 1, `weight ${weight}: observed ${share.toFixed(2)}%`);
  }
});

test('a user on the challenger at 5% stays on it at 25% and 100%: flagd bucketing is sticky as the weight grows', async () => {
  const root = tempRoot();
  const provider = localFlagd(config, root);
  await provider.apply(target, { mode: 'traffic', weight: 5 });
  const at5 = challengerShare(fileOf(root)).onChallenger;
  await provider.apply(target, { mode: 'traffic', weight: 25 });
  const at25 = challengerShare(fileOf(root)).onChallenger;
  await provider.apply(target, { mode: 'traffic', weight: 100 });
  const at100 = challengerShare(fileOf(root)).onChallenger;
  assert.ok(at5.size > 800, `5% of 20,000 is about 1,000; got ${at5.size}`);
  for (const k of at5) assert.ok(at25.has(k), `${k} left the challenger when the weight grew`);
  assert.equal(at100.size, KEYS.length);
});

test('off and shadow serve the champion to everyone; shadow says so in the flag metadata', async () => {
  const root = tempRoot();
  const provider = localFlagd(config, root);
  for (const mode of ['off', 'shadow'] as const) {
    await provider.apply(target, { mode, weight: 0 });
    assert.equal(challengerShare(fileOf(root)).share, 0, mode);
  }
  const c = core(fileOf(root));
  const meta = c.resolveObjectEvaluation(target.key, {}, { targetingKey: 'u' }).flagMetadata;
  assert.equal(meta['mode'], 'shadow');
  assert.equal(meta['shadowVariant'], 'challenger');
});

test('ring segment values always get the challenger, the rest get the fractional share', async () => {
  const root = tempRoot();
  await localFlagd(config, root).apply(target, { mode: 'traffic', weight: 10, segment: { attribute: 'tenantId', values: ['acme', 'globex'] } });
  assert.equal(challengerShare(fileOf(root), { tenantId: 'acme' }).share, 100);
  assert.equal(challengerShare(fileOf(root), { tenantId: 'globex' }).share, 100);
  const others = challengerShare(fileOf(root), { tenantId: 'initech' }).share;
  assert.ok(Math.abs(others - 10) <= 1, `outside the ring: ${others.toFixed(2)}%`);
});

test('bucketBy keys the split on that attribute, salted with the flag key', async () => {
  const root = tempRoot();
  const provider = localFlagd({ ...config, bucketBy: 'accountId' }, root);
  await provider.apply(target, { mode: 'traffic', weight: 30 });
  assertValidFlagd(fileOf(root));
  const c = core(fileOf(root));
  const byAccount = KEYS.filter((k) => variantOf(c, target.key, { targetingKey: 'same-user', accountId: k }) === 'challenger').length;
  assert.ok(Math.abs((byAccount / KEYS.length) * 100 - 30) <= 1, `by account: ${byAccount}`);
  const oneAccount = new Set(KEYS.slice(0, 200).map((k) => variantOf(c, target.key, { targetingKey: k, accountId: 'acct-7' })));
  assert.equal(oneAccount.size, 1, 'every user of one account lands on the same arm');
  assert.deepEqual(await provider.read(target), { ok: true, value: { mode: 'traffic', weight: 30 } });
});

test('flags Glidepath does not own are kept as they were, in object and array form', async () => {
  const root = tempRoot();
  mkdirSync(join(root, 'flags'));
  const other = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off', targeting: { if: [{ '==': [{ var: 'email' }, 'a@b.c'] }, 'on'] } };
  writeFileSync(join(root, config.path), JSON.stringify({ $schema: 'https://flagd.dev/schema/v0/flags.json', metadata: { flagSetId: 'x' }, flags: { 'new-checkout': other } }));
  const provider = localFlagd(config, root);
  await provider.apply(target, { mode: 'traffic', weight: 5 });
  const doc = JSON.parse(fileOf(root)) as { metadata: unknown; flags: Record<string, unknown> };
  assert.deepEqual(doc.flags['new-checkout'], other);
  assert.deepEqual(doc.metadata, { flagSetId: 'x' });
  assertValidFlagd(fileOf(root));

  writeFileSync(join(root, config.path), JSON.stringify({ flags: [{ key: 'new-checkout', ...other }] }));
  await provider.apply(target, { mode: 'traffic', weight: 25 });
  const arr = JSON.parse(fileOf(root)) as { flags: { key: string }[] };
  assert.deepEqual(arr.flags.map((f) => f.key), ['new-checkout', target.key]);
  assert.deepEqual(arr.flags[0], { key: 'new-checkout', ...other });
  assert.deepEqual(await provider.read(target), { ok: true, value: { mode: 'traffic', weight: 25 } });
  assert.deepEqual(readdirSync(join(root, 'flags')), ['glidepath.flagd.json'], 'no temp file is left behind');
});

test('a flag file that is not JSON is an error result naming the file, not an exception, and is left alone', async () => {
  const root = tempRoot();
  mkdirSync(join(root, 'flags'));
  writeFileSync(join(root, config.path), '{ "flags": ');
  const provider = localFlagd(config, root);
  const readResult = await provider.read(target);
  assert.equal(readResult.ok, false);
  assert.match(readResult.ok ? '' : readResult.error, /flags\/glidepath\.flagd\.json: not valid JSON/);
  assert.equal(readResult.ok ? undefined : readResult.kind, 'invalid', 'a person must fix the file: waiting will not help');
  const applied = await provider.apply(target, { mode: 'traffic', weight: 5 });
  assert.equal(applied.ok, false);
  assert.equal(fileOf(root), '{ "flags": ');
});

test('a flag file that cannot be read is an error result, not a throw', async () => {
  const root = tempRoot();
  // A folder where the file should be is unreadable for every user, root included (EISDIR).
  mkdirSync(join(root, config.path), { recursive: true });
  const result = await localFlagd(config, root).read(target);
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.error, /flags\/glidepath\.flagd\.json: cannot read the file \(EISDIR\)/);
});

test('an unwritable flag folder is an error result and the flag is not reported as changed', async () => {
  const root = tempRoot();
  writeFileSync(join(root, 'flags'), 'a file where the folder should be');
  const result = await localFlagd(config, root).apply(target, { mode: 'traffic', weight: 5 });
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.error, /cannot (read|write) the file/);
});

test('a flag whose targeting was edited by hand is reported, not guessed', async () => {
  const root = tempRoot();
  mkdirSync(join(root, 'flags'));
  const provider = localFlagd(config, root);
  await provider.apply(target, { mode: 'traffic', weight: 5 });
  const doc = JSON.parse(fileOf(root)) as { flags: Record<string, { targeting: unknown }> };
  doc.flags[target.key]!.targeting = { if: [{ '==': [{ var: 'email' }, 'boss@example.com'] }, 'challenger', 'champion'] };
  writeFileSync(join(root, config.path), JSON.stringify(doc));
  const result = await provider.read(target);
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.error, /flag 'support-assistant-model': targeting is not a form Glidepath writes/);
});

test('a provider path outside the repository is refused', async () => {
  const built = createFlagdProvider({ ...config, path: '../elsewhere.json' }, testDeps(tempRoot()));
  assert.equal(built.ok, false, 'a configuration error, answered when the provider is built');
  assert.match(built.ok ? '' : built.error, /outside the repository/);
  assert.deepEqual(built.ok ? undefined : built.field, ['path']);
});
