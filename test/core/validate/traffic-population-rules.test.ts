// The population a plan caps users with (decision 0021): usersPerDay is a day's share of activeUsers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIG, RELEASE_BODY, assertAt, loadWith, onlyProblem, positionOf, release } from './repo-fixture.js';

const R = 'releases/assistant.yaml';

test('a release declaring its active users and users a day is valid', () => {
  const text = release('assistant', `${RELEASE_BODY}traffic: { requestsPerHour: 50000, activeUsers: 40000, usersPerDay: 20000 }\n`);
  assert.deepEqual(loadWith({ [R]: text }).problems, []);
});

test('usersPerDay not fewer than activeUsers is an error at its value', () => {
  const text = release('assistant', `${RELEASE_BODY}traffic: { requestsPerHour: 50000, activeUsers: 40000, usersPerDay: 40000 }\n`);
  const problem = onlyProblem(loadWith({ [R]: text }), 'traffic/population');
  assertAt(problem, R, positionOf(text, '40000 }'));
  assert.match(problem.message, /must be fewer than `activeUsers` \(40000\)/);
});

test('usersPerDay without activeUsers in glidepath.yaml is an error at its key', () => {
  const text = `${CONFIG}  traffic:\n    requestsPerHour: 1000\n    usersPerDay: 500\n`;
  const problem = onlyProblem(loadWith({ 'glidepath.yaml': text }), 'traffic/population');
  assertAt(problem, 'glidepath.yaml', positionOf(text, 'usersPerDay'));
});
