import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commentMarker } from '../../../src/core/report/comment-marker.js';

test('the plan and each release rollout have their own hidden comment marker', () => {
  assert.equal(commentMarker('plan'), '<!-- glidepath:plan -->');
  assert.equal(commentMarker('rollout', 'support-assistant'), '<!-- glidepath:rollout:support-assistant -->');
  assert.notEqual(commentMarker('rollout', 'a'), commentMarker('rollout', 'b'));
});
