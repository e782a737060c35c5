import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRandom } from './random.js';

/**
 * A real Prometheus holding deterministic data, for the Prometheus metrics source's tests: the
 * data is written as OpenMetrics, backfilled with `promtool tsdb create-blocks-from openmetrics`,
 * and served by `prometheus` on a free local port. The data lies on a fixed day long past, so the
 * backfilled blocks sit before the (empty) head block and the tests query at fixed times.
 */

/** The first sample; samples follow every 15 s for two hours. */
export const DATA_START = Date.parse('2025-01-15T08:00:00Z');
export const STEP_MS = 15_000;
export const STEPS = 480;
export const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5] as const;

/** The releases in the data: in `steady` both arms behave alike; in `regressed` the canary errs more and answers slower. */
export const RELEASES = {
  steady: { control: { errorRate: 0.02, latencyMu: Math.log(0.4) }, canary: { errorRate: 0.02, latencyMu: Math.log(0.4) } },
  regressed: { control: { errorRate: 0.02, latencyMu: Math.log(0.4) }, canary: { errorRate: 0.12, latencyMu: Math.log(1.1) } },
} as const;
export type ReleaseName = keyof typeof RELEASES;
export const VARIANTS = { control: 'champion', canary: 'challenger' } as const;

type ArmName = 'control' | 'canary';

/** One arm's counters at every step, cumulative as Prometheus stores them. */
export interface ArmSeries {
  readonly requests: number[];
  readonly errors: number[];
  /** Cumulative bucket counts per step, one array per `le` of LATENCY_BUCKETS, then +Inf. */
  readonly buckets: number[][];
  readonly tokens: number[];
  readonly tokensSquared: number[];
  /** The output tokens of each request served at each step (those counted from the step before to this one). */
  readonly tokensByStep: number[][];
}

export type Dataset = Readonly<Record<ReleaseName, Readonly<Record<ArmName, ArmSeries>>>>;

/** The data the server holds, generated from fixed seeds, so tests compute what to expect from it. */
export function generateDataset(): Dataset {
  const out = {} as Record<ReleaseName, Record<ArmName, ArmSeries>>;
  let seed = 11;
  for (const release of Object.keys(RELEASES) as ReleaseName[]) {
    out[release] = {} as Record<ArmName, ArmSeries>;
    for (const arm of ['control', 'canary'] as const) {
      const behaviour = RELEASES[release][arm];
      const random = createRandom(seed++);
      const series: ArmSeries = { requests: [], errors: [], buckets: [...LATENCY_BUCKETS, Infinity].map(() => []), tokens: [], tokensSquared: [], tokensByStep: [] };
      let requests = 0, errors = 0, tokens = 0, squares = 0;
      const buckets = [...LATENCY_BUCKETS, Infinity].map(() => 0);
      for (let step = 0; step <= STEPS; step++) {
        // The first point is each counter at 0, as a client library starts it.
        const served = step === 0 ? 0 : (arm === 'control' ? 8 : 2) + random.integer(4);
        const stepTokens: number[] = [];
        for (let i = 0; i < served; i++) {
          requests++;
          if (random.uniform() < behaviour.errorRate) errors++;
          const latency = random.lognormal(behaviour.latencyMu, 0.5);
          buckets.forEach((_, b) => { if (latency <= ([...LATENCY_BUCKETS, Infinity][b] as number)) buckets[b]!++; });
          const t = 200 + random.integer(300);
          stepTokens.push(t);
          tokens += t;
          squares += t * t;
        }
        series.requests.push(requests);
        series.errors.push(errors);
        buckets.forEach((c, b) => series.buckets[b]!.push(c));
        series.tokens.push(tokens);
        series.tokensSquared.push(squares);
        series.tokensByStep.push(stepTokens);
      }
      out[release][arm] = series;
    }
  }
  return out;
}

/** The step a time falls on (the tests pick windows on sample times). */
export function stepAt(time: Date): number {
  const step = (time.getTime() - DATA_START) / STEP_MS;
  if (!Number.isInteger(step) || step < 0 || step > STEPS) throw new RangeError(`${time.toISOString()} is not a sample time of the data`);
  return step;
}

/** The data as OpenMetrics text: each family contiguous, each series in time order. */
export function toOpenMetrics(data: Dataset): string {
  const lines: string[] = [];
  const times = Array.from({ length: STEPS + 1 }, (_, step) => (DATA_START + step * STEP_MS) / 1000);
  const each = (pick: (s: ArmSeries) => number[], sample: (labels: string) => string) => {
    for (const release of Object.keys(data) as ReleaseName[]) {
      for (const arm of ['control', 'canary'] as const) {
        const values = pick(data[release][arm]);
        const name = sample(`release="${release}",variant="${VARIANTS[arm]}"`);
        values.forEach((v, i) => lines.push(`${name} ${v} ${times[i]}`));
      }
    }
  };
  lines.push('# TYPE llm_requests counter');
  each((s) => s.requests, (l) => `llm_requests_total{${l}}`);
  lines.push('# TYPE llm_errors counter');
  each((s) => s.errors, (l) => `llm_errors_total{${l}}`);
  lines.push('# TYPE llm_output_tokens counter');
  each((s) => s.tokens, (l) => `llm_output_tokens_total{${l}}`);
  lines.push('# TYPE llm_output_tokens_squared counter');
  each((s) => s.tokensSquared, (l) => `llm_output_tokens_squared_total{${l}}`);
  lines.push('# TYPE llm_latency_seconds histogram');
  [...LATENCY_BUCKETS, Infinity].forEach((le, b) => {
    each((s) => s.buckets[b]!, (l) => `llm_latency_seconds_bucket{${l},le="${le === Infinity ? '+Inf' : le}"}`);
  });
  lines.push('# EOF', '');
  return lines.join('\n');
}

export interface PrometheusServer {
  /** Base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly data: Dataset;
  /** From writing the data to /-/ready answering, in ms (backfill included). */
  readonly startupMs: number;
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** Backfills the data into a fresh directory and starts Prometheus on it; call `stop()` in `after`. */
export async function startPrometheus(): Promise<PrometheusServer> {
  const began = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-prometheus-'));
  const data = generateDataset();
  const input = join(dir, 'data.om.txt');
  const tsdb = join(dir, 'tsdb');
  writeFileSync(input, toOpenMetrics(data));
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
  let child: ChildProcess | undefined;
  try {
    await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, tsdb]);
    const port = await freePort();
    const output: string[] = [];
    child = spawn('prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${tsdb}`,
      // The data is from a fixed day in the past: a shorter retention would delete it on start.
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => { if (output.length < 50) output.push(chunk.toString()); });
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url, child, output);
    const started = child;
    return {
      url,
      data,
      startupMs: Math.round(performance.now() - began),
      async stop() {
        if (started.exitCode === null) {
          const exited = new Promise((resolve) => started.once('exit', resolve));
          started.kill('SIGTERM');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function waitReady(url: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode} before it was ready:\n${output.join('')}`);
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`prometheus at ${url} was not ready within 60 s:\n${output.join('')}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
