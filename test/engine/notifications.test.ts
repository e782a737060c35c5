import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { notifiers } from '../../src/adapters/notify/index.js';
import type { EngineContext } from '../../src/engine/context.js';
import { runStart } from '../../src/engine/run-start.js';
import { runTick } from '../../src/engine/run-tick.js';
import { openApiChecker, specFile } from '../support/openapi-check.js';
import { BAD, createEngineFixture, HOUR, type EngineFixture } from '../support/engine-fixture.js';

const RELEASE = 'summarizer-prompt';
const KEY = 'R0UT1NGKEY0123456789abcdef012345';
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

/** The quickstart with a PagerDuty channel and a Slack channel that only hears rollbacks. */
function withChannels(): EngineFixture {
  const f = createEngineFixture();
  const config = readFileSync(join(f.repo.dir, 'glidepath.yaml'), 'utf8');
  f.repo.commit({ 'glidepath.yaml': `${config.trimEnd()}\n  notifications:\n    - { name: oncall, type: pagerduty, routingKeyEnv: PD_KEY }\n    - { name: team, type: slack, webhookUrlEnv: SLACK_URL, on: [rolled-back] }\n` }, 'page on rollbacks');
  return f;
}

function channels(sent: { url: string; body: unknown }[], answer: (url: string) => Response): Partial<EngineContext> {
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(input), body: JSON.parse(String(init?.body)) });
    return answer(String(input));
  }) as typeof globalThis.fetch;
  return { notifiers, adapterDeps: { env: { PD_KEY: KEY, SLACK_URL: 'https://hooks.slack.com/services/T/B/secret' }, fetch, signal: new AbortController().signal } };
}

test('a rollback pages PagerDuty with the release\'s dedup key and posts to Slack, each request as its service specifies', async () => {
  fx = withChannels();
  const sent: { url: string; body: unknown }[] = [];
  const ok = (url: string) => (url.includes('slack') ? new Response('ok') : Response.json({ status: 'success', message: 'Event processed' }, { status: 202 }));
  await runStart(fx.engine(channels(sent, ok)), { release: RELEASE });
  fx.metrics.set(RELEASE, BAD());
  fx.clock.advance(2 * HOUR + 60_000);
  const tick = await runTick(fx.engine(channels(sent, ok)));
  assert.equal(tick.outcomes[0]?.decision, 'rollback', tick.outcomes[0]?.reason);
  const page = sent.find((s) => s.url === 'https://events.pagerduty.com/v2/enqueue');
  assert.ok(page, 'PagerDuty was paged');
  assert.deepEqual(openApiChecker(specFile('pagerduty/openapiv3.json')).check('POST', page.url, page.body), []);
  const body = page.body as { event_action: string; dedup_key: string; routing_key: string; payload: { severity: string; summary: string } };
  assert.equal(body.event_action, 'trigger');
  assert.equal(body.dedup_key, `glidepath/${RELEASE}`);
  assert.match(body.payload.summary, /Glidepath rolled back summarizer-prompt at canary-10/);
  assert.ok(sent.some((s) => s.url.startsWith('https://hooks.slack.com/') && /:rotating_light: \*summarizer-prompt\*/.test((s.body as { text: string }).text)));
});

test('a channel that is down is a warning in the log, never a failed decision, and the other channels still hear it', async () => {
  fx = withChannels();
  const sent: { url: string; body: unknown }[] = [];
  const pagerDown = (url: string) => (url.includes('slack') ? new Response('ok') : Response.json({ status: 'invalid event', message: 'Event object is invalid' }, { status: 400 }));
  await runStart(fx.engine(channels(sent, pagerDown)), { release: RELEASE });
  fx.metrics.set(RELEASE, BAD());
  fx.clock.advance(2 * HOUR + 60_000);
  const warnings: string[] = [];
  const tick = await runTick(fx.engine({ ...channels(sent, pagerDown), logger: { info: () => {}, debug: () => {}, warn: (m) => warnings.push(m) } }));
  assert.equal(tick.outcomes[0]?.decision, 'rollback');
  assert.ok(warnings.some((w) => /notification oncall \(pagerduty\) failed: pagerduty 'oncall': POST \/v2\/enqueue answered 400/.test(w)), warnings.join('\n'));
  assert.ok(warnings.every((w) => !w.includes(KEY)));
  assert.ok(sent.some((s) => s.url.startsWith('https://hooks.slack.com/')), 'Slack still heard it');
});
