import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256 } from '../../../src/adapters/crypto.js';
import { bundleHash } from '../../../src/core/rollout/bundle-hash.js';

const bundle = { model: 'openai/gpt-4.1', prompt: 'prompts/a.md', parameters: { temperature: 0.2, maxTokens: 400 }, tools: ['search'] };

test('the bundle hash is the SHA-256 of the canonical JSON of model, prompt hash, parameters and tools', () => {
  const expected = sha256(`{"model":"openai/gpt-4.1","parameters":{"maxTokens":400,"temperature":0.2},"promptSha256":"${sha256('Be brief.')}","tools":["search"]}`);
  assert.equal(bundleHash(bundle, 'Be brief.', sha256), expected);
});

test('the prompt counts by content: a renamed file is the same bundle, an edited one is not', () => {
  const renamed = bundleHash({ ...bundle, prompt: 'prompts/b.md' }, 'Be brief.', sha256);
  assert.equal(renamed, bundleHash(bundle, 'Be brief.', sha256));
  assert.notEqual(bundleHash(bundle, 'Be brief!', sha256), renamed);
});

test('parameter key order does not matter, absent parameters equal empty ones', () => {
  assert.equal(bundleHash({ ...bundle, parameters: { maxTokens: 400, temperature: 0.2 } }, 'x', sha256), bundleHash(bundle, 'x', sha256));
  assert.equal(bundleHash({ model: 'm' }, undefined, sha256), bundleHash({ model: 'm', parameters: {}, tools: [] }, undefined, sha256));
});
