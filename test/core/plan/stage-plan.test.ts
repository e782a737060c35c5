import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RolloutPolicy } from '../../../src/core/model/index.js';
import { computeBlastRadius } from '../../../src/core/plan/blast-radius.js';
import { renderRampChart } from '../../../src/core/plan/ramp-chart.js';
import { planStages } from '../../../src/core/plan/stage-plan.js';
import { assertSnapshot } from '../report/snapshot.js';

function policy(stages: RolloutPolicy['spec']['stages']): RolloutPolicy {
  return { apiVersion: 'glidepath.dev/v1', kind: 'RolloutPolicy', metadata: { name: 'p' }, spec: { strategy: 'canary', stages, rollback: [{ metric: 'error_rate', increase: '2pp' }] } };
}

test('a stage lasts its bake time when that collects enough samples', () => {
  const [stage] = planStages(policy([{ name: 'canary-10', weight: 10, minDuration: '2h', minSamples: 1000 }]), 10_000);
  assert.equal(stage?.minimumHours, 2);
  assert.equal(stage?.servedRequests, 2000);
});

test('a stage lasts longer than its bake time when the challenger arm needs more samples', () => {
  // 5% of 10,000 req/h is 500 req/h: 4,000 samples take 8 hours.
  const [stage] = planStages(policy([{ name: 'canary-5', weight: 5, minDuration: '1h', minSamples: 4000 }]), 10_000);
  assert.equal(stage?.minimumHours, 8);
  assert.equal(stage?.servedRequests, 4000);
});

test('above 50% the control arm is the smaller one and sets the pace', () => {
  // At 80% the control sees 20% = 2,000 req/h: 4,000 samples take 2 hours, in which the challenger serves 16,000.
  const [stage] = planStages(policy([{ name: 'canary-80', weight: 80, minSamples: 4000 }]), 10_000);
  assert.equal(stage?.minimumHours, 2);
  assert.equal(stage?.servedRequests, 16_000);
});

test('a shadow stage serves nobody and answers mirrored requests', () => {
  const [stage] = planStages(policy([{ name: 'shadow', mode: 'shadow', minDuration: '3h' }]), 1000);
  assert.equal(stage?.share, 0);
  assert.equal(stage?.servedRequests, undefined);
  assert.equal(stage?.mirroredRequests, 3000);
});

test('the blast radius sums the challenger requests before 100% and names ring tenants', () => {
  const stages = planStages(policy([
    { name: 'shadow', mode: 'shadow', minDuration: '1h' },
    { name: 'ring-0', weight: 0, segment: { attribute: 'tenantId', values: ['internal', 'beta'] }, minDuration: '1h' },
    { name: 'canary-10', weight: 10, minDuration: '2h' },
    { name: 'canary-50', weight: 50, minDuration: '1h' },
    { name: 'full', weight: 100, watch: '3h' },
  ]), 1000);
  const radius = computeBlastRadius(stages, 1000, 'release');
  assert.equal(radius.exposedBeforeFull, 200 + 500);
  assert.equal(radius.exposureComplete, false, 'the ring stage serves an unknown share of traffic');
  assert.equal(radius.peakShareBeforeFull, 50);
  assert.equal(radius.peakShare, 100);
  assert.equal(radius.hoursToFull, 1 + 1 + 2 + 1);
  assert.equal(radius.watchHours, 3);
  assert.deepEqual(radius.tenants, ['internal', 'beta']);
});

test('without a traffic figure the exposure is unknown but the bake times still add up', () => {
  const stages = planStages(policy([{ name: 'canary-10', weight: 10, minDuration: '2h' }, { name: 'full', weight: 100 }]), undefined);
  const radius = computeBlastRadius(stages, undefined, 'none');
  assert.equal(radius.exposedBeforeFull, undefined);
  assert.equal(radius.hoursToFull, 2);
});

test('the ramp chart is valid xychart-beta text with one bar per stage', () => {
  const stages = planStages(policy([
    { name: 'mirror', mode: 'shadow', minDuration: '1h' },
    { name: 'canary-5', weight: 5 },
    { name: 'canary-25', weight: 25 },
    { name: 'full', weight: 100 },
  ]), 1000);
  assertSnapshot('ramp-chart.mmd', `${renderRampChart('support-assistant', stages)}\n`);
});
