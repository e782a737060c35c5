import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPagerDutyNotifier, dedupKey } from '../../../src/adapters/notify/pagerduty.js';
import { createSlackNotifier } from '../../../src/adapters/notify/slack.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { Notice, Notifier } from '../../../src/ports/notifier.js';
import { openApiChecker, specFile } from '../../support/openapi-check.js';

const PAGERDUTY_SPEC = specFile('pagerduty/openapiv3.json');
const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdef012345';
const WEBHOOK = 'https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX';

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
}

/** A fetch that records each request and answers from a script (default: PagerDuty's 202). */
function fakeFetch(answers: (Response | (() => Response))[] = []): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({ method: init?.method ?? 'GET', url: String(input), body: init?.body === undefined ? undefined : JSON.parse(String(init.body)) });
    const next = answers.shift();
    if (next) return typeof next === 'function' ? next() : next;
    return Response.json({ status: 'success', message: 'Event processed', dedup_key: 'x' }, { status: 202 });
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

function deps(fetch: typeof globalThis.fetch, env: Record<string, string> = {}, waits: number[] = []): AdapterDeps & { sleep: (ms: number) => Promise<void> } {
  return { root: '/repo', env, fetch, logger: silentLogger, clock: fixedClock(new Date('2026-03-02T10:00:00Z')), signal: new AbortController().signal, sleep: async (ms) => { waits.push(ms); } };
}

function built(result: ReturnType<typeof createPagerDutyNotifier>): Notifier {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.value;
}

const rollback: Notice = { release: 'support-assistant', kind: 'rolled-back', summary: 'rolled back at canary-5: error_rate rose by 3pp', at: '2026-03-02T10:00:00.000Z', stage: 'canary-5', links: [{ href: 'https://github.com/o/r/pull/9', text: 'revert pull request' }], details: { trigger: 'criterion' } };

test('a rollback triggers one PagerDuty alert per release, in a body that follows the Events API v2 specification', async () => {
  const { fetch, sent } = fakeFetch();
  const pager = built(createPagerDutyNotifier({ name: 'oncall', type: 'pagerduty', routingKeyEnv: 'PD_KEY' }, deps(fetch, { PD_KEY: ROUTING_KEY })));
  assert.deepEqual(await pager.send(rollback), { ok: true, value: undefined });
  assert.equal(sent.length, 1);
  assert.equal(sent[0]?.url, 'https://events.pagerduty.com/v2/enqueue');
  assert.deepEqual(openApiChecker(PAGERDUTY_SPEC).check('POST', sent[0]!.url, sent[0]!.body), []);
  assert.deepEqual(sent[0]?.body, {
    routing_key: ROUTING_KEY,
    event_action: 'trigger',
    dedup_key: 'glidepath/support-assistant',
    client: 'Glidepath',
    payload: { summary: rollback.summary, timestamp: rollback.at, severity: 'error', source: 'glidepath/support-assistant', component: 'support-assistant', class: 'rolled-back', group: 'canary-5', custom_details: { trigger: 'criterion' } },
    links: [{ href: 'https://github.com/o/r/pull/9', text: 'revert pull request' }],
  });
});

test('the release recovering resolves the alert its rollback opened', async () => {
  const { fetch, sent } = fakeFetch();
  const pager = built(createPagerDutyNotifier({ name: 'oncall', type: 'pagerduty', routingKeyEnv: 'PD_KEY' }, deps(fetch, { PD_KEY: ROUTING_KEY })));
  await pager.send({ ...rollback, kind: 'recovered', summary: 'started again after approval' });
  assert.deepEqual(sent[0]?.body, { routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: dedupKey('support-assistant') });
  assert.deepEqual(openApiChecker(PAGERDUTY_SPEC).check('POST', sent[0]!.url, sent[0]!.body), []);
});

test('a routing key variable that is not set is a configuration error naming the field, and nothing is sent', () => {
  const result = createPagerDutyNotifier({ name: 'oncall', type: 'pagerduty', routingKeyEnv: 'PD_KEY' }, deps(fakeFetch().fetch, {}));
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.deepEqual(result.field, ['routingKeyEnv']);
  assert.match(result.error, /oncall: environment variable PD_KEY \(routingKeyEnv\) is not set; add it to the workflow's env from a secret/);
});

test('PagerDuty throttling is retried after the wait it asked for', async () => {
  const waits: number[] = [];
  const { fetch, sent } = fakeFetch([Response.json({ status: 'throttled', message: 'Requests for this service are arriving too quickly' }, { status: 429, headers: { 'retry-after': '2' } })]);
  const pager = built(createPagerDutyNotifier({ name: 'oncall', type: 'pagerduty', routingKeyEnv: 'PD_KEY' }, deps(fetch, { PD_KEY: ROUTING_KEY }, waits)));
  const answer = await pager.send(rollback);
  assert.equal(answer.ok, true);
  assert.equal(sent.length, 2);
  assert.deepEqual(waits, [2000]);
});

test('a PagerDuty error that echoes the routing key never shows the key', async () => {
  const { fetch } = fakeFetch([Response.json({ status: 'invalid event', message: `Event object is invalid for key ${ROUTING_KEY}`, errors: ['payload.summary too long'] }, { status: 400 })]);
  const pager = built(createPagerDutyNotifier({ name: 'oncall', type: 'pagerduty', routingKeyEnv: 'PD_KEY' }, deps(fetch, { PD_KEY: ROUTING_KEY })));
  const answer = await pager.send(rollback);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'invalid');
  assert.ok(!answer.error.includes(ROUTING_KEY), answer.error);
  assert.match(answer.error, /pagerduty 'oncall': POST \/v2\/enqueue answered 400/);
});

test('a channel receives only the notices its entry asks for', () => {
  const pager = built(createPagerDutyNotifier({ name: 'oncall', type: 'pagerduty', routingKeyEnv: 'PD_KEY', on: ['rolled-back'] }, deps(fakeFetch().fetch, { PD_KEY: ROUTING_KEY })));
  assert.deepEqual((['rolled-back', 'needs-attention', 'recovered', 'completed'] as const).map((kind) => pager.wants(kind)), [true, false, false, false]);
});

test('a Slack message escapes user text so a reason cannot ping the channel or fake a link', async () => {
  const { fetch, sent } = fakeFetch([new Response('ok', { status: 200 })]);
  const slack = built(createSlackNotifier({ name: 'team', type: 'slack', webhookUrlEnv: 'SLACK_URL' }, deps(fetch, { SLACK_URL: WEBHOOK })));
  const answer = await slack.send({ ...rollback, summary: 'rolled back <!channel> see <https://evil.example|the dashboard> & more' });
  assert.deepEqual(answer, { ok: true, value: undefined });
  assert.equal(sent[0]?.url, WEBHOOK);
  assert.deepEqual(sent[0]?.body, {
    text: ':rotating_light: *support-assistant* (canary-5): rolled back &lt;!channel&gt; see &lt;https://evil.example|the dashboard&gt; &amp; more\n<https://github.com/o/r/pull/9|revert pull request>',
  });
});

test('a failing Slack webhook is reported without its URL, which is the credential', async () => {
  const { fetch } = fakeFetch([new Response(`no_service for ${WEBHOOK}`, { status: 404 })]);
  const slack = built(createSlackNotifier({ name: 'team', type: 'slack', webhookUrlEnv: 'SLACK_URL' }, deps(fetch, { SLACK_URL: WEBHOOK })));
  const answer = await slack.send(rollback);
  assert.ok(!answer.ok);
  assert.equal(answer.kind, 'not-found');
  assert.ok(!answer.error.includes('XXXXsecretXXXX') && !answer.error.includes('/services/'), answer.error);
  assert.match(answer.error, /slack 'team': POST \(URL withheld: it is a credential\) answered 404/);
});

test('a Slack variable that does not hold an https URL is a configuration error', () => {
  const result = createSlackNotifier({ name: 'team', type: 'slack', webhookUrlEnv: 'SLACK_URL' }, deps(fakeFetch().fetch, { SLACK_URL: 'T000/B000/XXXX' }));
  assert.ok(!result.ok);
  assert.match(result.error, /SLACK_URL \(webhookUrlEnv\) does not hold an https:\/\/ webhook URL/);
});

test('the specification check refuses a body PagerDuty would refuse, so the checks above are not vacuous', () => {
  const problems = openApiChecker(PAGERDUTY_SPEC).check('POST', 'https://events.pagerduty.com/v2/enqueue', { event_action: 'explode', payload: { summary: 's' } });
  assert.ok(problems.some((p) => /must have required property 'routing_key'/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /event_action must be equal to one of the allowed values/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /payload must have required property 'severity'/.test(p)), problems.join('\n'));
  assert.deepEqual(openApiChecker(PAGERDUTY_SPEC).check('POST', 'https://events.pagerduty.com/v2/nope', {}), [`POST /v2/nope: no such operation in ${PAGERDUTY_SPEC}`]);
});
