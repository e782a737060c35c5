import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureApiBudget } from '../../../bench/api-budget.js';

// A count, not a time: the same on any machine. `npm run bench` measures it with 100 rollouts.
test('an evaluate tick with nothing to change costs the same few GitHub reads on a fresh runner, however many rollouts are active', async () => {
  const few = await measureApiBudget(4);
  const more = await measureApiBudget(12);
  assert.equal(more.quietTick, few.quietTick, `${few.quietTick} requests for 6 rollouts, ${more.quietTick} for 14`);
  // The state branch: ref, tree, tarball; the flagd file on the flag branch: one contents call.
  assert.ok(more.quietTick <= 4, `${more.quietTick} requests: ${more.routes.join(', ')}`);
  assert.equal(more.routes.filter((route) => route.includes('/contents/')).length, 1, `the flag file is read once for every rollout: ${more.routes.join(', ')}`);
  assert.ok(more.routes.every((route) => route.startsWith('GET ')), `a quiet tick only reads: ${more.routes.join(', ')}`);
  assert.ok(more.firstTick > more.quietTick, 'the first tick records each rollout\'s hold, so it writes');
});

test('the first tick after many starts records every rollout\'s hold in one state commit, at the same cost however many there are', async () => {
  const few = await measureApiBudget(4);
  const more = await measureApiBudget(12);
  assert.equal(more.firstTickStateCommits, 1);
  assert.equal(more.firstTick, few.firstTick, `${few.firstTick} requests for 6 rollouts, ${more.firstTick} for 14`);
  // The quiet tick's reads, then one tree, one commit and one ref update.
  assert.ok(more.firstTick <= more.quietTick + 3, `${more.firstTick} requests`);
  assert.equal(more.advanced, 12, 'every assistant advances in the advancing tick');
});
