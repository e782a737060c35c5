import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { metricsSources } from '../../src/adapters/metrics/index.js';
import { runStart } from '../../src/engine/run-start.js';
import { runTick } from '../../src/engine/run-tick.js';
import { createEngineFixture, HOUR, type EngineFixture } from '../support/engine-fixture.js';

const RELEASE = 'summarizer-prompt';
let fx: EngineFixture;
afterEach(() => fx?.cleanup());

test('a canary with more trials than requests holds its stage, with a reason naming the file, the field and the rule', async () => {
  fx = createEngineFixture();
  await runStart(fx.engine({ metricsSources }), { release: RELEASE });
  mkdirSync(join(fx.repo.dir, 'metrics'), { recursive: true });
  writeFileSync(
    join(fx.repo.dir, 'metrics', `${RELEASE}.json`),
    JSON.stringify({
      window: { start: '2025-03-03T08:00:00Z', end: '2025-03-03T11:00:00Z' },
      requests: { control: 450_000, canary: 50_000 },
      arms: {
        control: { error_rate: { successes: 9_000, trials: 450_000 }, task_completion: { successes: 360_000, trials: 450_000 } },
        canary: { error_rate: { successes: 1_000, trials: 9_007_199_254_740_991 }, task_completion: { successes: 40_500, trials: 50_000 } },
      },
    }),
  );
  fx.clock.advance(3 * HOUR);
  const report = await runTick(fx.engine({ metricsSources }));
  const outcome = report.outcomes[0]!;
  assert.equal(outcome.decision, 'hold', outcome.reason);
  assert.match(outcome.reason, /metrics\/summarizer-prompt\.json: arms\.canary\.error_rate\.trials: 9007199254740991 exceeds requests\.canary \(50000\)/);
  assert.equal((await fx.store().load()).states.get(RELEASE)!.stage, 'canary-10');
});
