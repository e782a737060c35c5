import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderStatus } from '../../../src/core/rollout/status.js';
import { at, iso, makePolicy, makeState } from '../../support/rollout-fixtures.js';

const policy = makePolicy();
const states = [
  makeState(policy, 2, 1, { release: 'zeta', lastDecision: { decision: 'hold', at: iso(2), reason: 'bake time', code: 'bake-time' } }),
  makeState(policy, 1, 0, { release: 'alpha', phase: 'paused', phaseReason: 'errors gate failed', lastDecision: { decision: 'pause', at: iso(1), reason: 'errors failed', code: 'judgement:fail' } }),
];

test('status as text lists every rollout sorted by release in aligned columns', () => {
  const text = renderStatus(states, at(3), 'text');
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0] ?? '', /^release\s+phase\s+stage\s+traffic\s+in stage\s+last decision$/);
  assert.match(lines[1] ?? '', /^alpha\s+paused\s+2\. canary-5\s+traffic 5%\s+3h\s+pause 2h ago: errors gate failed$/);
  assert.match(lines[2] ?? '', /^zeta\s+progressing\s+3\. canary-25\s+traffic 25%\s+2h\s+hold 1h ago: bake time$/);
  assert.equal(lines[1]?.indexOf('paused'), lines[2]?.indexOf('progressing'));
});

test('status as markdown is a table', () => {
  const md = renderStatus(states, at(3), 'md');
  assert.match(md, /^\| release \| phase \| stage \| traffic \| in stage \| last decision \|\n\|---\|---\|---\|---\|---\|---\|\n\| alpha \| paused \|/);
});

test('status without rollouts says so', () => {
  assert.equal(renderStatus([], at(0), 'text'), 'No rollouts.\n');
});
