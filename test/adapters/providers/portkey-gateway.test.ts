import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createPortkeyProvider } from '../../../src/adapters/providers/portkey.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { systemClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { GitOpsProvider, TrafficTarget } from '../../../src/ports/traffic-provider.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';
import { startPortkeyGateway, type RunningGateway } from '../../support/portkey-gateway.js';

/**
 * The real open-source gateway routes requests with the config Glidepath writes: the observed
 * challenger share must be what the weight says, within a binomial bound.
 */
const PATH = 'gateway/support-assistant.json';
const target: TrafficTarget = { release: 'support-assistant', key: PATH, champion: { model: 'openai/gpt-4o' }, challenger: { model: 'openai/gpt-4.1' } };
const deps: AdapterDeps = { root: '/repo', env: {}, fetch: globalThis.fetch, logger: silentLogger, clock: systemClock, signal: new AbortController().signal };

let gateway: RunningGateway;

before(async () => {
  gateway = await startPortkeyGateway();
  // Start-up time matters in CI: the report quotes it.
  console.log(`# Portkey gateway answered ${gateway.startupMs} ms after spawn`);
});

after(() => gateway?.stop());

function fileProvider(): GitOpsProvider {
  const built = createPortkeyProvider({ name: 'gateway', type: 'portkey', source: 'file' }, deps);
  assert.ok(built.ok && built.value.kind === 'gitops');
  return built.value;
}

/** The config a user commits: the two arms with their providers and models, the champion serving everything. */
function userConfig(): string {
  return `${JSON.stringify({
    strategy: { mode: 'loadbalance' },
    retry: { attempts: 0 },
    targets: [
      { name: 'champion', provider: 'openai', api_key: 'sk-fake-champion', custom_host: gateway.hostFor('champion'), override_params: { model: 'gpt-4o' }, weight: 1 },
      { name: 'challenger', provider: 'openai', api_key: 'sk-fake-challenger', custom_host: gateway.hostFor('challenger'), override_params: { model: 'gpt-4.1' }, weight: 0 },
    ],
  }, null, 2)}\n`;
}

/** The file Glidepath commits for `split`, as the gateway's x-portkey-config header. */
function rendered(split: TrafficSplit): string {
  const files = new Map([[PATH, userConfig()]]);
  const changes = fileProvider().render(target, split, files);
  assert.ok(changes.ok, changes.ok ? '' : changes.error);
  const content = changes.value[0]?.content;
  assert.ok(typeof content === 'string');
  return JSON.stringify(JSON.parse(content));
}

/**
 * Sends `count` chat completions through the gateway, some at a time, and counts which arm
 * answered each. On this shared two-core machine a request now and then dies in transit (a reset
 * socket, a time-out); those are asked again once, and any left are counted apart, never as an arm.
 */
async function send(config: string, count: number, user?: string): Promise<{ arms: Map<string, number>; failures: string[] }> {
  const arms = new Map<string, number>();
  const failures: string[] = [];
  const attempt = async (): Promise<string> => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-config': config, ...(user ? { 'x-portkey-metadata': JSON.stringify({ _user: user }) } : {}) },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Which arm are you?' }], ...(user ? { user } : {}) }),
    });
    const body = (await response.json()) as { choices?: { message?: { content?: string } }[] };
    const arm = body.choices?.[0]?.message?.content;
    if (response.status !== 200 || arm === undefined) throw new Error(`${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    return arm;
  };
  const one = async (): Promise<void> => {
    try {
      const arm = await attempt().catch(attempt);
      arms.set(arm, (arms.get(arm) ?? 0) + 1);
    } catch (error) {
      failures.push((error as Error).message);
    }
  };
  for (let sent = 0; sent < count; sent += 25) {
    await Promise.all(Array.from({ length: Math.min(25, count - sent) }, one));
  }
  // A config the gateway refused fails every request: far more than the odd lost one.
  assert.ok(failures.length <= count / 100, `${failures.length} of ${count} requests failed, e.g. ${failures.slice(0, 3).join(' | ')}; the gateway's output:\n${gateway.output().slice(-2000)}`);
  return { arms, failures };
}

test('the gateway sends the challenger the share of requests the weight Glidepath writes says, within four standard deviations', async () => {
  const n = 1000;
  const p = 0.2;
  const { arms, failures } = await send(rendered({ mode: 'traffic', weight: 20 }), n);
  const served = n - failures.length;
  const challenger = arms.get('challenger') ?? 0;
  assert.equal(challenger + (arms.get('champion') ?? 0), served);
  const bound = 4 * Math.sqrt(served * p * (1 - p));
  assert.ok(Math.abs(challenger - served * p) <= bound, `challenger served ${challenger} of ${served}; expected ${served * p} ± ${bound.toFixed(1)}`);
});

test('with the split off the gateway sends every request to the champion: a zero weight is never drawn', async () => {
  const { arms, failures } = await send(rendered({ mode: 'off', weight: 0 }), 100);
  assert.deepEqual([...arms], [['champion', 100 - failures.length]]);
});

test('a keyed user is not kept on one arm: the gateway draws a target per request, as the provider declares', async () => {
  assert.equal(fileProvider().capabilities.stickiness, 'per-request');
  // At 50 % the chance one user stays on one arm for 100 requests is 2 × 0.5^100.
  const { arms } = await send(rendered({ mode: 'traffic', weight: 50 }), 100, 'user-42');
  assert.ok((arms.get('champion') ?? 0) > 0 && (arms.get('challenger') ?? 0) > 0, `user-42 was served only by ${[...arms.keys()].join(', ')}`);
});
