import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { standardStream } from '../../../src/adapters/fs/standard-streams.js';

function collector(): { readonly text: () => string; write: (chunk: string | Uint8Array) => boolean } {
  const chunks: string[] = [];
  return { text: () => chunks.join(''), write: (chunk) => { chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')); return true; } };
}

test('text written to a descriptor arrives whole, multi-byte characters and megabytes alike, without building the stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-streams-'));
  try {
    const path = join(dir, 'out.txt');
    const fd = openSync(path, 'w');
    const stream = collector();
    const write = standardStream(fd, () => stream);
    const big = `${'canary–control ≤ 0.3pp\n'.repeat(200_000)}`;
    write(big);
    write('end\n');
    closeSync(fd);
    assert.equal(readFileSync(path, 'utf8'), `${big}end\n`);
    assert.equal(stream.text(), '', 'the fallback stream was never needed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a write the descriptor refuses goes to the stream, and so does everything after it, in order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-streams-'));
  try {
    const fd = openSync(join(dir, 'closed.txt'), 'w');
    closeSync(fd);
    const stream = collector();
    const write = standardStream(fd, () => stream);
    write('first\n');
    write('second\n');
    assert.equal(stream.text(), 'first\nsecond\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
