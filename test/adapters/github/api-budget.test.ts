import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureApiBudget } from '../../../bench/api-budget.js';

// A count, not a time: the same on any machine. `npm run bench` measures it with 100 rollouts.
test('an evaluate tick with nothing to change costs at most five GitHub requests on a fresh runner, however many rollouts are active', async () => {
  const budget = await measureApiBudget(10);
  assert.ok(budget.quietTick <= 5, `${budget.quietTick} requests: ${budget.routes.join(', ')}`);
  assert.ok(budget.routes.every((route) => route.startsWith('GET ')), `a quiet tick only reads: ${budget.routes.join(', ')}`);
  assert.ok(budget.firstTick > budget.quietTick, 'the first tick records each rollout\'s hold, so it writes');
});
