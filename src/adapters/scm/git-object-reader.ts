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
  private buffer: Buffer = Buffer.alloc(0);
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
      child.stdin.write(`${name}\n`);
    });
  }

  /** Ends the process (it also ends by itself when Node exits). */
  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn(this.git, ['-C', this.repoDir, 'cat-file', '--batch'], { env: this.env, windowsHide: true });
    this.child = child;
    this.buffer = Buffer.alloc(0);
    this.stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
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

  private drain(): void {
    for (;;) {
      const pending = this.queue[0];
      if (!pending) return;
      const eol = this.buffer.indexOf(0x0a);
      if (eol < 0) return;
      const header = this.buffer.subarray(0, eol).toString('utf8');
      const match = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
      if (!match) {
        // `<name> missing`, `<name> ambiguous`: nothing follows the header.
        this.buffer = this.buffer.subarray(eol + 1);
        this.queue.shift();
        pending.resolve(undefined);
        if (this.queue.length === 0 && this.child) this.hold(this.child, false);
        continue;
      }
      const size = Number(match[3]);
      if (this.buffer.length < eol + 1 + size + 1) return;
      const content = Buffer.from(this.buffer.subarray(eol + 1, eol + 1 + size));
      this.buffer = this.buffer.subarray(eol + 1 + size + 1);
      this.queue.shift();
      pending.resolve({ oid: match[1]!, type: match[2]!, content });
      if (this.queue.length === 0 && this.child) this.hold(this.child, false);
    }
  }
}

/** Entries of a raw tree object: `<mode> <name>\0<binary object id>` each. */
export function parseTree(content: Buffer, oidBytes: number): { mode: string; name: string; oid: string }[] {
  const entries: { mode: string; name: string; oid: string }[] = [];
  let offset = 0;
  while (offset < content.length) {
    const space = content.indexOf(0x20, offset);
    const nul = content.indexOf(0x00, space);
    if (space < 0 || nul < 0) break;
    const mode = content.subarray(offset, space).toString('ascii');
    const name = content.subarray(space + 1, nul).toString('utf8');
    const oid = content.subarray(nul + 1, nul + 1 + oidBytes).toString('hex');
    entries.push({ mode, name, oid });
    offset = nul + 1 + oidBytes;
  }
  return entries;
}
