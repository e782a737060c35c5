import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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

test('a text given in pieces arrives whole and in order, its recurring long pieces written each time they recur', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-streams-'));
  try {
    const path = join(dir, 'out.txt');
    const fd = openSync(path, 'w');
    const stream = collector();
    const write = standardStream(fd, () => stream);
    const stages = `{\n  "stages": "${'canary–control ≤ 0.3pp '.repeat(40)}"\n}`;
    const pieces = ['[\n', ...Array.from({ length: 3000 }, (_, i) => [i === 0 ? '  ' : ',\n  ', `{"name": "release-${i}", "stages": `, stages, '}']).flat(), '\n]', ''];
    write(pieces);
    closeSync(fd);
    const written = readFileSync(path, 'utf8');
    assert.equal(written, pieces.join(''));
    assert.equal(JSON.parse(written).length, 3000);
    assert.equal(stream.text(), '', 'the fallback stream was never needed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pieces the descriptor refuses go to the stream whole and in order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-streams-'));
  try {
    const fd = openSync(join(dir, 'closed.txt'), 'w');
    closeSync(fd);
    const stream = collector();
    const write = standardStream(fd, () => stream);
    const long = 'x'.repeat(1000);
    write(['a', long, 'b', long, 'c']);
    write('d');
    assert.equal(stream.text(), `a${long}b${long}cd`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('megabytes of pieces reach a reader whole through a non-blocking pipe that fills, part written directly and the rest through the stream', () => {
  // Building process.stdout first makes the pipe non-blocking, as a parent's shared pipe can be:
  // a writev then takes part of its buffers, and one that would block throws EAGAIN.
  const child = `
    import { standardStream } from ${JSON.stringify(new URL('../../../src/adapters/fs/standard-streams.ts', import.meta.url).href)};
    process.stdout;
    const long = 'stage '.repeat(100);
    standardStream(1)(Array.from({ length: 20000 }, (_, i) => [String(i), ':', long, '\\n']).flat());
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.equal(lines.length, 20001);
  assert.ok(lines.slice(0, 20000).every((line, i) => line === `${i}:${'stage '.repeat(100)}`), 'every line whole, in order');
});
