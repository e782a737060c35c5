import module from 'node:module';

// Required, not imported: an ES import of node:fs builds its namespace, whose `promises` getter
// loads node:fs/promises with streams and readline behind it (see src/cli.ts on node:util).
const { writevSync } = module.createRequire(import.meta.url)('node:fs') as typeof import('node:fs');

/** Buffers per writev call (Linux takes at most 1,024). */
const BUFFERS_PER_WRITE = 1024;

/**
 * Writes to standard output or error straight to the file descriptor: a text, or one in pieces,
 * which are never joined. `process.stdout` is built on first use, with net or tty streams behind
 * it (about 5 ms of a 150 ms `validate`); a synchronous write needs none of it. Once a write would
 * block (a full pipe: EAGAIN) or fails in any other way, the rest goes through the stream, which
 * queues it and fails as Node always has, and so does everything after it, so that output keeps
 * its order.
 */
export function standardStream(fd: number, fallback: () => Pick<NodeJS.WritableStream, 'write'> = () => (fd === 2 ? process.stderr : process.stdout)): (text: string | readonly string[]) => void {
  let stream: Pick<NodeJS.WritableStream, 'write'> | undefined;
  return (text) => {
    const buffers = typeof text === 'string' ? [Buffer.from(text)] : encodePieces(text);
    const left = stream ? buffers : writeAll(fd, buffers);
    if (left.length === 0) return;
    stream ??= fallback();
    for (const buffer of left) stream.write(buffer);
  };
}

/** Writes the buffers in order; once a write fails, the ones left (the first cut where it stopped). */
function writeAll(fd: number, buffers: readonly Buffer[]): Buffer[] {
  let index = 0;
  let offset = 0;
  try {
    while (index < buffers.length) {
      const group = buffers.slice(index, index + BUFFERS_PER_WRITE);
      if (offset > 0) group[0] = (group[0] as Buffer).subarray(offset);
      const wrote = writevSync(fd, group);
      if (wrote === 0 && group.some((buffer) => buffer.length > 0)) throw new Error('the descriptor took nothing');
      // A pipe may take part of a writev: skip what went whole, and go on inside the buffer it stopped in.
      let written = offset + wrote;
      while (index < buffers.length && written >= (buffers[index] as Buffer).length) {
        written -= (buffers[index] as Buffer).length;
        index += 1;
      }
      offset = written;
    }
    return [];
  } catch {
    return [(buffers[index] as Buffer).subarray(offset), ...buffers.slice(index + 1)];
  }
}

/**
 * UTF-8 of a text given in pieces, a buffer per piece: a piece that recurs (a policy's stages,
 * once per release; a key and its indentation) is the same string, encoded once. No string of the
 * whole text is built: joining megabytes costs more than handing the kernel many small buffers.
 */
function encodePieces(pieces: readonly string[]): Buffer[] {
  const encoded = new Map<string, Buffer>();
  return pieces.map((piece) => {
    let bytes = encoded.get(piece);
    if (!bytes) {
      bytes = Buffer.from(piece);
      encoded.set(piece, bytes);
    }
    return bytes;
  });
}
