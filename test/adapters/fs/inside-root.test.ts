import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveInsideRoot } from '../../../src/adapters/fs/inside-root.js';

const root = '/repo';
const cases: { path: string; expected: string | undefined }[] = [
  { path: 'flags/glidepath.flagd.json', expected: '/repo/flags/glidepath.flagd.json' },
  { path: '..flags.json', expected: '/repo/..flags.json' },
  { path: 'metrics/../metrics/x.json', expected: '/repo/metrics/x.json' },
  { path: '.', expected: '/repo' },
  { path: '../elsewhere/flags.json', expected: undefined },
  { path: 'metrics/../../etc/passwd', expected: undefined },
  { path: '..', expected: undefined },
  { path: '/etc/passwd', expected: undefined },
];

for (const { path, expected } of cases) {
  test(`a path written as ${path} is ${expected === undefined ? 'refused: it leaves the repository' : 'read inside the repository'}`, () => {
    assert.equal(resolveInsideRoot(root, path), expected);
  });
}
