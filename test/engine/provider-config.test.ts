import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runStart } from '../../src/engine/run-start.js';
import { runTick } from '../../src/engine/run-tick.js';
import type { AdapterDeps } from '../../src/ports/adapter-deps.js';
import type { ProviderRegistry } from '../../src/ports/traffic-provider.js';
import { createEngineFixture, type EngineFixture } from '../support/engine-fixture.js';
import { flagdAs } from '../support/local-flagd.js';

const RELEASE = 'summarizer-prompt';
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

/** A provider that needs a credential from the environment, as every API provider does. */
function needsToken(seen: AdapterDeps[]): ProviderRegistry['flagd'] {
  const real = flagdAs((p) => p);
  return {
    ...real,
    create: (config, deps) => {
      seen.push(deps);
      if (!deps.env['FLAGS_TOKEN']) return { ok: false, error: 'environment variable FLAGS_TOKEN is not set: add it to the workflow’s env from a secret', field: ['path'] };
      return real.create(config, deps);
    },
  };
}

test('a provider whose credential is missing is reported when the rollout is resolved, at its glidepath.yaml line, and nothing moves', async () => {
  fx = createEngineFixture();
  const report = await runStart(fx.engine({ providers: { flagd: needsToken([]) } }), { release: RELEASE });
  assert.equal(report.failed, true);
  const outcome = report.outcomes.find((o) => o.release === RELEASE)!;
  assert.equal(outcome.decision, 'error');
  assert.match(outcome.reason, /^glidepath\.yaml:14: providers\[flags\]\.path: environment variable FLAGS_TOKEN is not set: add it to the workflow’s env from a secret$/);
  assert.equal(existsSync(join(fx.repo.dir, 'flags/glidepath.flagd.json')), false, 'no flag file is written');
  assert.equal((await fx.store().load()).states.get(RELEASE), undefined, 'no rollout is recorded');
});

test('provider factories get the run’s environment, fetch, logger, clock and signal, with the root', async () => {
  fx = createEngineFixture();
  const seen: AdapterDeps[] = [];
  const signal = new AbortController().signal;
  const fetch: typeof globalThis.fetch = () => Promise.reject(new Error('unused'));
  const engine = fx.engine({ providers: { flagd: needsToken(seen) }, adapterDeps: { env: { FLAGS_TOKEN: 't' }, fetch, signal } });
  const report = await runStart(engine, { release: RELEASE });
  assert.equal(report.failed, false, report.outcomes.map((o) => o.reason).join('\n'));
  const deps = seen[0]!;
  assert.equal(deps.root, engine.root);
  assert.equal(deps.env['FLAGS_TOKEN'], 't');
  assert.equal(deps.fetch, fetch);
  assert.equal(deps.signal, signal);
  assert.equal(deps.logger, engine.logger);
  assert.equal(deps.clock, engine.clock);
  const tick = await runTick(fx.engine({ providers: { flagd: needsToken([]) } }));
  assert.match(tick.outcomes.find((o) => o.release === RELEASE)!.reason, /glidepath\.yaml:14: providers\[flags\]\.path: environment variable FLAGS_TOKEN is not set/);
});
