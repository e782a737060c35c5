import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWindowHours } from '../../../src/core/rollout/window-hours.js';
import { windowStatus } from '../../../src/core/rollout/window.js';
import { makePolicy } from '../../support/rollout-fixtures.js';

const cases: { hours: string; expected: ReturnType<typeof parseWindowHours> }[] = [
  { hours: '09:00-16:00', expected: { ok: true, start: 540, end: 960 } },
  { hours: '00:00-24:00', expected: { ok: true, start: 0, end: 1440 } },
  { hours: '10:75-12:00', expected: { ok: false, problem: 'not-a-range' } },
  { hours: '09:00-24:30', expected: { ok: false, problem: 'not-a-range' } },
  { hours: '24:00-24:00', expected: { ok: false, problem: 'not-a-range' } },
  { hours: '9:00-16:00', expected: { ok: false, problem: 'not-a-range' } },
  { hours: '09:00-16:00-18:00', expected: { ok: false, problem: 'not-a-range' } },
  { hours: '22:00-06:00', expected: { ok: false, problem: 'ends-before-start' } },
  { hours: '09:00-09:00', expected: { ok: false, problem: 'ends-before-start' } },
];

for (const { hours, expected } of cases) {
  test(`deploy window hours ${hours} read as ${expected.ok ? `${expected.start}–${expected.end} minutes` : expected.problem}`, () => {
    assert.deepEqual(parseWindowHours(hours), expected);
  });
}

test('the engine holds on hours the validator rejects, such as 10:75, instead of reading them as 11:15', () => {
  const policy = makePolicy({ window: { hours: '10:75-12:00', timezone: 'UTC' } });
  const status = windowStatus(policy, new Date('2026-05-06T11:30:00Z'));
  assert.ok(!status.open);
  assert.match(status.reason, /spec\.window\.hours `10:75-12:00` is not a time range: write `HH:MM-HH:MM`/);
});
