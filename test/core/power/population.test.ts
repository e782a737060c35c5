// The saturating users-to-hours model of a finite population (decision 0021), by table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distinctUsersSeen, hoursToReach, newUsersPerHour } from '../../../src/core/power/unit-power.js';

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

test('distinct users seen follow s·N·(1 − e^(−t·r/N)): linear at first, never above s·N', () => {
  const population = { activeUsers: 40_000 };
  const cases: [hours: number, share: number, r: number, expected: number][] = [
    [0, 0.05, 1_000, 0],
    [1, 0.05, 1_000, 0.05 * 40_000 * (1 - Math.exp(-1_000 / 40_000))],
    [24, 0.25, 1_000, 0.25 * 40_000 * (1 - Math.exp(-24_000 / 40_000))],
    [10_000, 0.05, 1_000, 2_000],
  ];
  for (const [hours, share, r, expected] of cases) close(distinctUsersSeen(hours, share, population, r), expected, `${hours} h at ${share}`);
  // While t ≪ N/r it is the linear r·s·t the plan used before.
  assert.ok(Math.abs(distinctUsersSeen(0.01, 0.05, population, 1_000) / (1_000 * 0.05 * 0.01) - 1) < 1e-3);
});

test('hours to reach invert distinct users seen, and are infinite at or past s·N', () => {
  const population = { activeUsers: 40_000 };
  const cases: [users: number, share: number, r: number][] = [[100, 0.05, 1_000], [1_999, 0.05, 1_000], [5_000, 0.25, 300]];
  for (const [users, share, r] of cases) close(distinctUsersSeen(hoursToReach(users, share, population, r), share, population, r), users, `${users} at ${share}`);
  assert.equal(hoursToReach(2_000, 0.05, population, 1_000), Number.POSITIVE_INFINITY);
  assert.equal(hoursToReach(6_649, 0.05, population, 1_000), Number.POSITIVE_INFINITY);
  assert.equal(hoursToReach(0, 0.05, population, 1_000), 0);
});

test('the arrival rate comes from usersPerDay, else from requests per hour over requests per user, and is undefined when it cannot exist', () => {
  const cases: [population: { activeUsers: number; usersPerDay?: number }, rph: number | undefined, m: number, expected: number | undefined][] = [
    [{ activeUsers: 40_000, usersPerDay: 20_000 }, 50_000, 48, (-40_000 / 24) * Math.log(0.5)],
    [{ activeUsers: 40_000 }, 50_000, 48, 50_000 / 48],
    [{ activeUsers: 40_000 }, undefined, 48, undefined],
    [{ activeUsers: 40_000, usersPerDay: 40_000 }, 50_000, 48, undefined],
  ];
  for (const [population, rph, m, expected] of cases) {
    const r = newUsersPerHour(population, rph, m);
    if (expected === undefined) assert.equal(r, undefined);
    else close(r!, expected, JSON.stringify(population));
  }
  // usersPerDay users are indeed seen in 24 h at that rate.
  close(distinctUsersSeen(24, 1, { activeUsers: 40_000 }, newUsersPerHour({ activeUsers: 40_000, usersPerDay: 20_000 }, undefined, 1)!), 20_000, 'a day');
});
