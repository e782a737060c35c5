import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocumentFile } from '../../../src/core/validate/parse-document-file.js';
import { YAML_LIMITS } from '../../../src/core/yaml/limits.js';

const text = 'apiVersion: glidepath.dev/v1\nkind: Release\nmetadata:\n  name: cache-probe\n';

test('the same content handed over as two byte arrays is parsed once, as a host API decoding base64 twice would hand it', () => {
  const first = parseDocumentFile(new TextEncoder().encode(text), YAML_LIMITS);
  const second = parseDocumentFile(new TextEncoder().encode(text), YAML_LIMITS);
  assert.equal(first.kind, 'parsed');
  assert.equal(second, first);
});

test('different content in the same byte array is parsed afresh, never answered from the cache', () => {
  const bytes = new TextEncoder().encode(text);
  const before = parseDocumentFile(bytes, YAML_LIMITS);
  bytes.set(new TextEncoder().encode('x'), bytes.length - 2);
  const after = parseDocumentFile(bytes, YAML_LIMITS);
  assert.notEqual(after, before);
  assert.ok(after.kind === 'parsed' && after.text.endsWith('cache-probx\n'));
});
