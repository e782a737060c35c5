import module from 'node:module';

// Required, not imported: an ES import of node:fs builds its namespace, whose `promises` getter
// loads node:fs/promises with streams and readline behind it (see src/cli.ts on node:util).
const { writeSync } = module.createRequire(import.meta.url)('node:fs') as typeof import('node:fs');

/**
 * Writes to standard output or error straight to the file descriptor. `process.stdout` is built on
 * first use, with net or tty streams behind it (about 5 ms of a 150 ms `validate`); a synchronous
 * write needs none of it. Once a write would block (a full pipe: EAGAIN) or fails in any other
 * way, the rest goes through the stream, which queues it and fails as Node always has, and so does
 * everything after it, so that output keeps its order.
 */
export function standardStream(fd: number, fallback: () => Pick<NodeJS.WritableStream, 'write'> = () => (fd === 2 ? process.stderr : process.stdout)): (text: string) => void {
  let stream: Pick<NodeJS.WritableStream, 'write'> | undefined;
  return (text) => {
    if (stream) {
      stream.write(text);
      return;
    }
    const bytes = Buffer.from(text);
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    } catch {
      stream = fallback();
      stream.write(bytes.subarray(written));
    }
  };
}
