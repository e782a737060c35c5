import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** One object as `git cat-file --batch` answers it; undefined when the name resolves to nothing. */
export interface GitObject {
  readonly oid: string;
  readonly type: string;
  readonly content: Buffer;
}

interface Pending {
  readonly resolve: (object: GitObject | undefined) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A long-lived `git cat-file --batch` that answers object names (`<rev>:<path>`, `<ref>^{commit}`)
 * over a pipe. Starting a process costs milliseconds; a state-branch read needs several lookups
 * per tick and a crowd of concurrent ticks needs thousands, so they share one process per
 * repository handle. Refs are resolved afresh on every request (git re-reads them), so a
 * long-lived reader never answers a stale branch head. The process does not keep Node alive and
 * exits when its input closes.
 */
export class GitObjectReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  /** Output not yet consumed, kept as the chunks it came in until an answer can be complete. */
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes the first owed answer needs before it can be parsed (0: its header is not in yet). */
  private needed = 0;
  /** Names asked for in this tick, written to git together. */
  private outgoing: string[] = [];
  private readonly queue: Pending[] = [];
  private stderr = '';

  constructor(
    private readonly git: string,
    private readonly repoDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The object `name` names, or undefined when it is missing (or ambiguous). */
  read(name: string): Promise<GitObject | undefined> {
    if (/[\n\0]/.test(name)) return Promise.reject(new Error(`git: object name ${JSON.stringify(name)} contains a newline`));
    const child = this.start();
    // Keep Node alive while an answer is owed; an idle reader does not.
    if (this.queue.length === 0) this.hold(child, true);
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      // A plan asks for a thousand objects at once; one write per burst instead of one per name.
      if (this.outgoing.push(name) === 1) queueMicrotask(() => this.flush(child));
    });
  }

  /** Ends the process (it also ends by itself when Node exits). */
  close(): void {
    // Reads asked for in this tick are still answered.
    if (this.child) this.flush(this.child);
    this.child?.stdin.end();
    this.child = undefined;
  }

  private flush(child: ChildProcessWithoutNullStreams): void {
    // The process may have died (its pending reads are rejected already) or been replaced.
    if (this.child !== child || this.outgoing.length === 0) return;
    const names = this.outgoing;
    this.outgoing = [];
    child.stdin.write(`${names.join('\n')}\n`);
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn(this.git, ['-C', this.repoDir, 'cat-file', '--batch'], { env: this.env, windowsHide: true });
    this.child = child;
    this.chunks = [];
    this.buffered = 0;
    this.needed = 0;
    this.outgoing = [];
    this.stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      // A large object arrives in many chunks: joining them once it is whole, not on every chunk.
      if (this.buffered < this.needed) return;
      const buffer = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.buffered);
      const rest = this.drain(buffer);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-2000);
    });
    const fail = (error: Error) => {
      if (this.child === child) this.child = undefined;
      for (const pending of this.queue.splice(0)) pending.reject(error);
    };
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`git cat-file --batch exited (${code ?? 'signal'}): ${this.stderr.trim() || 'no message'}`)));
    child.stdin.on('error', () => {});
    this.hold(child, false);
    return child;
  }

  private hold(child: ChildProcessWithoutNullStreams, alive: boolean): void {
    const handles = [child, child.stdin, child.stdout, child.stderr] as unknown as { ref?: () => void; unref?: () => void }[];
    for (const handle of handles) (alive ? handle.ref : handle.unref)?.call(handle);
  }

  /** Answers the owed reads that `buffer` completes; returns what is left of it. */
  private drain(input: Buffer): Buffer {
    let buffer = input;
    this.needed = 0;
    for (;;) {
      const pending = this.queue[0];
      if (!pending) return buffer;
      const eol = buffer.indexOf(0x0a);
      if (eol < 0) return buffer;
      const header = buffer.subarray(0, eol).toString('utf8');
      const match = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
      if (!match) {
        // `<name> missing`, `<name> ambiguous`: nothing follows the header.
        buffer = buffer.subarray(eol + 1);
        this.queue.shift();
        pending.resolve(undefined);
        if (this.queue.length === 0 && this.child) this.hold(this.child, false);
        continue;
      }
      const size = Number(match[3]);
      if (buffer.length < eol + 1 + size + 1) {
        this.needed = eol + 1 + size + 1;
        return buffer;
      }
      const content = Buffer.from(buffer.subarray(eol + 1, eol + 1 + size));
      buffer = buffer.subarray(eol + 1 + size + 1);
      this.queue.shift();
      pending.resolve({ oid: match[1]!, type: match[2]!, content });
      if (this.queue.length === 0 && this.child) this.hold(this.child, false);
    }
  }
}

/** One entry of a tree object. */
export interface TreeEntry {
  readonly mode: string;
  readonly name: string;
  readonly oid: string;
}

/**
 * Entries of a raw tree object: `<mode> <name>\0<binary object id>` each. Scanned byte by byte
 * in JavaScript: a tree of a thousand release files would otherwise cost several thousand calls
 * into Buffer's native indexOf and subarray, each dearer than the few bytes it looks at.
 */
export function parseTree(content: Buffer, oidBytes: number): TreeEntry[] {
  const entries: TreeEntry[] = [];
  const length = content.length;
  let offset = 0;
  while (offset < length) {
    let space = offset;
    while (space < length && content[space] !== 0x20) space++;
    let nul = space;
    let ascii = true;
    while (nul < length && content[nul] !== 0x00) {
      if ((content[nul] as number) > 0x7f) ascii = false;
      nul++;
    }
    if (space >= length || nul >= length) break;
    const mode = content.toString('latin1', offset, space);
    const name = content.toString(ascii ? 'latin1' : 'utf8', space + 1, nul);
    const oid = content.toString('hex', nul + 1, nul + 1 + oidBytes);
    entries.push({ mode, name, oid });
    offset = nul + 1 + oidBytes;
  }
  return entries;
}
