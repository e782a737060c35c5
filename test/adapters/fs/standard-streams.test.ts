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

/** Runs `body` with a file descriptor (open, or already closed so that every write fails) and a stream to fall back on. */
function withDescriptor(open: boolean, body: (write: ReturnType<typeof standardStream>, stream: ReturnType<typeof collector>, finish: () => string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-streams-'));
  try {
    const path = join(dir, 'out.txt');
    const fd = openSync(path, 'w');
    if (!open) closeSync(fd);
    const stream = collector();
    body(standardStream(fd, () => stream), stream, () => {
      if (open) closeSync(fd);
      return readFileSync(path, 'utf8');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('text written to a descriptor arrives whole, multi-byte characters and megabytes alike, without building the stream', () => {
  withDescriptor(true, (write, stream, finish) => {
    const big = `${'canary–control ≤ 0.3pp\n'.repeat(200_000)}`;
    write(big);
    write('end\n');
    assert.equal(finish(), `${big}end\n`);
    assert.equal(stream.text(), '', 'the fallback stream was never needed');
  });
});

test('a text given in pieces arrives whole and in order, its recurring pieces written each time they recur', () => {
  withDescriptor(true, (write, stream, finish) => {
    const stages = `{\n  "stages": "${'canary–control ≤ 0.3pp '.repeat(40)}"\n}`;
    const pieces = ['[\n', ...Array.from({ length: 3000 }, (_, i) => [i === 0 ? '  ' : ',\n  ', `{"name": "release-${i}", "stages": `, stages, '}']).flat(), '\n]', ''];
    write(pieces);
    const written = finish();
    assert.equal(written, pieces.join(''));
    assert.equal(JSON.parse(written).length, 3000);
    assert.equal(stream.text(), '', 'the fallback stream was never needed');
  });
});

test('a write the descriptor refuses goes to the stream, and so does everything after it, texts and pieces, in order', () => {
  withDescriptor(false, (write, stream) => {
    const long = 'x'.repeat(1000);
    write('first\n');
    write(['a', long, 'b', long, 'c']);
    write('d');
    assert.equal(stream.text(), `first\na${long}b${long}cd`);
  });
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
