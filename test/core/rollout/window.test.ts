import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RolloutPolicy } from '../../../src/core/model/index.js';
import { windowStatus } from '../../../src/core/rollout/window.js';
import { makePolicy } from '../../support/rollout-fixtures.js';

function windowed(window: NonNullable<RolloutPolicy['spec']['window']>, freezes?: RolloutPolicy['spec']['freezes']): RolloutPolicy {
  return makePolicy({ window, ...(freezes ? { freezes } : {}) });
}

const berlin = windowed({ days: ['sun', 'mon'], hours: '09:00-16:00', timezone: 'Europe/Berlin' });

const cases: { name: string; policy: RolloutPolicy; now: string; open: boolean; opensAt?: string }[] = [
  // 2026-03-29: Berlin switches from CET (+01) to CEST (+02) at 01:00 UTC.
  { name: 'spring-forward Sunday 08:59 CEST is closed', policy: berlin, now: '2026-03-29T06:59:00Z', open: false, opensAt: '2026-03-29T07:00:00.000Z' },
  { name: 'spring-forward Sunday 09:00 CEST opens (07:00 UTC, not 08:00)', policy: berlin, now: '2026-03-29T07:00:00Z', open: true },
  { name: 'spring-forward Sunday 15:59 CEST is open', policy: berlin, now: '2026-03-29T13:59:00Z', open: true },
  { name: 'spring-forward Sunday 16:00 CEST closes; Monday 09:00 CEST is next', policy: berlin, now: '2026-03-29T14:00:00Z', open: false, opensAt: '2026-03-30T07:00:00.000Z' },
  { name: 'Saturday night before the switch points at 07:00 UTC on Sunday', policy: berlin, now: '2026-03-28T20:00:00Z', open: false, opensAt: '2026-03-29T07:00:00.000Z' },
  // 2026-10-25: back from CEST to CET at 01:00 UTC.
  { name: 'fall-back Sunday 08:59 CET is closed', policy: berlin, now: '2026-10-25T07:59:00Z', open: false, opensAt: '2026-10-25T08:00:00.000Z' },
  { name: 'fall-back Sunday 09:00 CET opens (08:00 UTC)', policy: berlin, now: '2026-10-25T08:00:00Z', open: true },
  { name: 'fall-back Saturday night points at 08:00 UTC on Sunday', policy: berlin, now: '2026-10-24T20:00:00Z', open: false, opensAt: '2026-10-25T08:00:00.000Z' },
  { name: 'a day not listed is closed', policy: berlin, now: '2026-03-31T10:00:00Z', open: false, opensAt: '2026-04-05T07:00:00.000Z' },
  // A window inside the skipped hour opens when the clocks jump (03:00 CEST), not an hour later.
  { name: 'a window starting in the skipped hour opens at the jump', policy: windowed({ days: ['sun'], hours: '02:30-04:00', timezone: 'Europe/Berlin' }), now: '2026-03-29T00:00:00Z', open: false, opensAt: '2026-03-29T01:00:00.000Z' },
  // In the repeated hour the first 02:30 (CEST) counts.
  { name: 'a window starting in the repeated hour opens at its first occurrence', policy: windowed({ days: ['sun'], hours: '02:30-04:00', timezone: 'Europe/Berlin' }), now: '2026-10-24T23:00:00Z', open: false, opensAt: '2026-10-25T00:30:00.000Z' },
  { name: '24:00 ends the window at midnight', policy: windowed({ hours: '22:00-24:00', timezone: 'UTC' }), now: '2026-05-05T23:59:00Z', open: true },
  { name: 'midnight is outside a window ending at 24:00', policy: windowed({ hours: '22:00-24:00', timezone: 'UTC' }), now: '2026-05-06T00:00:00Z', open: false, opensAt: '2026-05-06T22:00:00.000Z' },
  { name: 'the start minute is inside, the end minute outside', policy: windowed({ hours: '09:00-09:01', timezone: 'UTC' }), now: '2026-05-06T09:01:00Z', open: false, opensAt: '2026-05-07T09:00:00.000Z' },
  { name: 'no window and no freeze is always open', policy: makePolicy(), now: '2026-05-06T03:00:00Z', open: true },
];

for (const c of cases) {
  test(`deploy window: ${c.name}`, () => {
    const status = windowStatus(c.policy, new Date(c.now));
    assert.equal(status.open, c.open);
    if (!status.open) assert.equal(status.opensAt, c.opensAt);
  });
}

test('a freeze closes an open window and says its reason and end', () => {
  const policy = windowed({ hours: '09:00-16:00', timezone: 'UTC' }, [{ from: '2026-05-06T00:00:00Z', until: '2026-05-06T12:00:00Z', reason: 'launch day' }]);
  const status = windowStatus(policy, new Date('2026-05-06T10:00:00Z'));
  assert.equal(status.open, false);
  assert.ok(!status.open);
  assert.match(status.reason, /frozen until 2026-05-06T12:00:00.000Z \(launch day\)/);
  assert.equal(status.opensAt, '2026-05-06T12:00:00.000Z');
});

test('a freeze ending after the window closes points at the next window', () => {
  const policy = windowed({ hours: '09:00-16:00', timezone: 'UTC' }, [{ from: '2026-05-06T00:00:00Z', until: '2026-05-06T17:00:00Z' }]);
  const status = windowStatus(policy, new Date('2026-05-06T10:00:00Z'));
  assert.ok(!status.open);
  assert.equal(status.opensAt, '2026-05-07T09:00:00.000Z');
});

test('a freeze is over at its until instant', () => {
  const policy = makePolicy({ freezes: [{ from: '2026-05-06T00:00:00+02:00', until: '2026-05-06T12:00:00+02:00' }] });
  assert.equal(windowStatus(policy, new Date('2026-05-06T09:59:59Z')).open, false);
  assert.equal(windowStatus(policy, new Date('2026-05-06T10:00:00Z')).open, true);
});

test('overlapping freezes hold until the last one ends', () => {
  const policy = makePolicy({ freezes: [
    { from: '2026-05-01T00:00:00Z', until: '2026-05-03T00:00:00Z' },
    { from: '2026-05-02T00:00:00Z', until: '2026-05-05T00:00:00Z' },
  ] });
  const status = windowStatus(policy, new Date('2026-05-01T12:00:00Z'));
  assert.ok(!status.open);
  assert.equal(status.opensAt, '2026-05-05T00:00:00.000Z');
});

test('a window the engine cannot read is closed and names the field to fix', () => {
  const across = windowStatus(windowed({ hours: '22:00-06:00', timezone: 'UTC' }), new Date('2026-05-06T23:00:00Z'));
  assert.ok(!across.open);
  assert.match(across.reason, /spec\.window\.hours `22:00-06:00` ends before it starts/);
  const zone = windowStatus(windowed({ timezone: 'Europe/Berlinn' }), new Date('2026-05-06T23:00:00Z'));
  assert.ok(!zone.open);
  assert.match(zone.reason, /spec\.window\.timezone `Europe\/Berlinn` is not an IANA time zone/);
});
