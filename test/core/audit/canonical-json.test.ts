import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from '../../../src/core/audit/canonical-json.js';

test('canonical JSON sorts keys at every depth and has no whitespace', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } }), '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
});

test('canonical JSON prints numbers as JavaScript does and non-finite numbers as null', () => {
  assert.equal(canonicalJson([0.1, 1e21, -0, 1.5e-7, Number.NaN, Number.POSITIVE_INFINITY]), '[0.1,1e+21,0,1.5e-7,null,null]');
});

test('canonical JSON leaves out undefined members and writes undefined array items as null', () => {
  assert.equal(canonicalJson({ a: undefined, b: [undefined, 1] }), '{"b":[null,1]}');
});

test('canonical JSON escapes strings as JSON.stringify does', () => {
  assert.equal(canonicalJson({ 'é': 'line\nbreak "quoted" \u0001' }), '{"é":"line\\nbreak \\"quoted\\" \\u0001"}');
});

test('parsing canonical JSON and serialising it again gives the same text', () => {
  const value = { z: [1, 2.5, 'x', { k: null, j: true }], a: { nested: { deeper: -3.25e-9 } } };
  const text = canonicalJson(value);
  assert.equal(canonicalJson(JSON.parse(text)), text);
});
