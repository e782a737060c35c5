import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsAttention, rolloutExitCode } from '../../src/engine/exit-code.js';
import type { PortFault } from '../../src/engine/guarded-port.js';
import { errorOutcome, type ReleaseOutcome } from '../../src/engine/retry-on-conflict.js';

const base = errorOutcome('r', '');
const outcome = (decision: ReleaseOutcome['decision'], extra: Partial<ReleaseOutcome> = {}): ReleaseOutcome => ({ ...base, decision, reason: decision, ...extra });
const fault = (port: PortFault['port'], kind: PortFault['kind']): PortFault => ({ port, call: port === 'provider' ? 'read' : 'query', kind, error: kind });
const refusedWrite: ReleaseOutcome['execution'] = { status: 'committed', sha: 'abc', records: [], traffic: [], decision: 'hold', reason: 'refused', providerFailure: 'HTTP 503' };

test('every rollout outcome maps to the exit code the README table gives its class', () => {
  const table: [string, ReleaseOutcome, 0 | 1, ('rollback' | undefined)?][] = [
    ['an advance', outcome('advance'), 0],
    ['a hold', outcome('hold'), 0],
    ['a completed rollout', outcome('complete'), 0],
    ['a hold on metrics not exported yet', outcome('hold', { faults: [fault('metrics', 'not-found')] }), 0],
    ['a rollback the person asked for', outcome('rollback'), 0, 'rollback'],
    ['an automatic rollback', outcome('rollback'), 1],
    ['a pause', outcome('pause'), 1],
    ['a freeze', outcome('freeze'), 1],
    ['a release that could not be evaluated', outcome('error'), 1],
    ['a refusal by the planner', outcome('refused'), 1],
    ['a provider that refused a write', outcome('hold', { execution: refusedWrite }), 1],
    ['a provider that could not be read', outcome('hold', { faults: [fault('provider', 'unavailable')] }), 1],
    ['a provider that timed out', outcome('hold', { faults: [fault('provider', 'timeout')] }), 1],
    ['a metrics source that answered garbage', outcome('hold', { faults: [fault('metrics', 'invalid')] }), 1],
  ];
  for (const [what, o, code, asked] of table) assert.equal(rolloutExitCode([o], asked), code, what);
});

test('the exit code is the worst over the releases, and none at all is 0', () => {
  assert.equal(rolloutExitCode([]), 0);
  assert.equal(rolloutExitCode([outcome('advance'), outcome('hold', { faults: [fault('provider', 'timeout')] }), outcome('hold')]), 1);
  assert.equal(needsAttention(outcome('hold', { faults: [fault('provider', 'timeout')] })), true);
});
