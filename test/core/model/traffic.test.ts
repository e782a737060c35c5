import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GlidepathConfig } from '../../../src/core/model/index.js';
import { expectedTraffic, requestsPerHourOf } from '../../../src/core/model/traffic.js';
import { CONFIG, makeRelease } from '../../support/rollout-fixtures.js';

const withDefault: GlidepathConfig = { ...CONFIG, spec: { ...CONFIG.spec, traffic: { requestsPerHour: 9_000 } } };

const cases = [
  { name: "the release's own figure wins over the config's default", release: makeRelease('medium', 1_200), config: withDefault, expected: { requestsPerHour: 1_200, source: 'release' } },
  { name: "the config's default serves a release that declares none", release: makeRelease('medium'), config: withDefault, expected: { requestsPerHour: 9_000, source: 'config' } },
  { name: 'no figure anywhere is no estimate, not zero', release: makeRelease('medium'), config: undefined, expected: undefined },
] as const;

for (const c of cases) {
  test(`requests per hour: ${c.name}`, () => {
    assert.deepEqual(expectedTraffic(c.release, c.config), c.expected);
    assert.equal(requestsPerHourOf(c.release, c.config), c.expected?.requestsPerHour);
  });
}
