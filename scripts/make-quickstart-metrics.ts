// Writes examples/quickstart/metrics/{good,bad}/<stage>-<tick>.json: what a warehouse export
// would say about the support-assistant release at a few ticks of each stage of the
// model-upgrade policy, for a challenger that is better than the champion and one that is
// worse. Seeded, so the files only change when this script does.
//
//   node --import tsx scripts/make-quickstart-metrics.ts
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalCdf } from '../src/core/stats/index.js';
import { createRandom, type Random } from '../test/support/random.js';

const OUT = resolve(import.meta.dirname, '..', 'examples', 'quickstart', 'metrics');
const REQUESTS_PER_HOUR = 50_000;
const BATCH_MINUTES = 5;
/** Conversations (task_completion's denominator) per request: a conversation takes four calls. */
const CONVERSATIONS_PER_REQUEST = 0.25;
/** Prometheus-style latency buckets (ms), as a typical service exports them. */
const LATENCY_BOUNDS = [50, 100, 150, 200, 250, 300, 400, 500, 600, 700, 800, 900, 1000, 1200, 1400, 1600, 1800, 2000, 2250, 2500, 2750, 3000, 3500, 4000, 5000, 6000, 8000, 10000, Infinity];

interface Model {
  readonly errorRate: number;
  readonly completion: number;
  /** Log-normal latency. */
  readonly latencyMedianMs: number;
  readonly latencySigma: number;
  readonly costMean: number;
  readonly costSd: number;
}

const CHAMPION: Model = { errorRate: 0.01, completion: 0.72, latencyMedianMs: 650, latencySigma: 0.45, costMean: 0.012, costSd: 0.006 };
const CHALLENGERS: Record<'good' | 'bad', Model> = {
  // gpt-4.1 with the sharper prompt: fewer errors, resolves more, a little faster, cheaper (maxTokens 400).
  good: { errorRate: 0.009, completion: 0.74, latencyMedianMs: 620, latencySigma: 0.45, costMean: 0.0105, costSd: 0.0052 },
  // A regression: 60 % more errors, 25 % slower at every percentile, 15 % dearer.
  bad: { errorRate: 0.016, completion: 0.7, latencyMedianMs: 812, latencySigma: 0.45, costMean: 0.0138, costSd: 0.0069 },
};

/** The model-upgrade policy's stages: mode, canary weight, and the ticks (minutes since the stage started) to export. */
const STAGES = [
  { name: 'shadow', shadow: true, weight: 0, start: '2026-11-16T09:00:00Z', ticks: [30, 60] },
  { name: 'canary-5', shadow: false, weight: 5, start: '2026-11-16T10:00:00Z', ticks: [30, 60, 120] },
  { name: 'canary-25', shadow: false, weight: 25, start: '2026-11-16T12:00:00Z', ticks: [30, 120] },
  { name: 'full', shadow: false, weight: 100, start: '2026-11-16T14:00:00Z', ticks: [60, 120] },
] as const;

class Arm {
  requests = 0;
  errors = 0;
  conversations = 0;
  completed = 0;
  costSum = 0;
  costSquares = 0;
  readonly latency = new Array<number>(LATENCY_BOUNDS.length).fill(0);

  constructor(private readonly model: Model, private readonly random: Random) {}

  serve(n: number): void {
    const { model, random } = this;
    this.requests += n;
    this.errors += random.binomial(n, model.errorRate);
    const conversations = random.binomial(n, CONVERSATIONS_PER_REQUEST);
    this.conversations += conversations;
    this.completed += random.binomial(conversations, model.completion);
    for (let i = 0; i < n; i++) {
      const cost = Math.max(0, model.costMean + model.costSd * random.normal());
      this.costSum += cost;
      this.costSquares += cost * cost;
    }
    let remaining = n;
    let mass = 1;
    let previous = 0;
    for (let k = 0; k < LATENCY_BOUNDS.length && remaining > 0; k++) {
      const le = LATENCY_BOUNDS[k]!;
      const cdf = le === Infinity ? 1 : normalCdf((Math.log(le) - Math.log(model.latencyMedianMs)) / model.latencySigma);
      const p = cdf - previous;
      previous = cdf;
      const count = le === Infinity || mass <= p ? remaining : random.binomial(remaining, Math.min(1, Math.max(0, p / mass)));
      this.latency[k]! += count;
      remaining -= count;
      mass -= p;
    }
  }

  export(withCompletion: boolean): Record<string, unknown> {
    if (this.requests === 0) return {};
    const n = this.requests;
    const mean = this.costSum / n;
    const sd = Math.sqrt(Math.max(0, (this.costSquares - n * mean * mean) / (n - 1)));
    let running = 0;
    return {
      error_rate: { successes: this.errors, trials: n },
      ...(withCompletion ? { task_completion: { successes: this.completed, trials: this.conversations } } : {}),
      latency_ms: { buckets: LATENCY_BOUNDS.map((le, k) => ({ le: le === Infinity ? '+Inf' : le, count: (running += this.latency[k]!) })) },
      cost_per_call: { n, mean: round(mean, 6), sd: round(sd, 6) },
    };
  }
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

rmSync(join(OUT, 'good'), { recursive: true, force: true });
rmSync(join(OUT, 'bad'), { recursive: true, force: true });
let bytes = 0;
for (const [variant, challenger] of Object.entries(CHALLENGERS)) {
  mkdirSync(join(OUT, variant), { recursive: true });
  for (const [s, stage] of STAGES.entries()) {
    const random = createRandom(20261116 + 100 * s + (variant === 'good' ? 0 : 50));
    const control = new Arm(CHAMPION, random);
    const canary = new Arm(challenger, random);
    let minutes = 0;
    for (const [t, tick] of stage.ticks.entries()) {
      for (; minutes < tick; minutes += BATCH_MINUTES) {
        const total = random.poisson((REQUESTS_PER_HOUR * BATCH_MINUTES) / 60);
        if (stage.shadow) {
          // Mirrored: the champion serves every request and the challenger answers a copy of each.
          control.serve(total);
          canary.serve(total);
        } else {
          const toCanary = random.binomial(total, stage.weight / 100);
          control.serve(total - toCanary);
          canary.serve(toCanary);
        }
      }
      const start = Date.parse(stage.start);
      const file = {
        description: `support-assistant, ${variant} challenger, stage ${stage.name}, ${tick} minutes in (generated by scripts/make-quickstart-metrics.ts)`,
        window: { start: stage.start, end: new Date(start + tick * 60_000).toISOString().replace('.000Z', 'Z') },
        requests: { control: control.requests, canary: canary.requests },
        arms: {
          control: control.export(true),
          // A mirrored answer reaches nobody, so shadow traffic has no task completions to count.
          canary: canary.export(!stage.shadow),
        },
      };
      const text = `${JSON.stringify(file, null, 2)}\n`;
      bytes += text.length;
      writeFileSync(join(OUT, variant, `${stage.name}-${t + 1}.json`), text);
    }
  }
}
process.stderr.write(`wrote ${OUT}/{good,bad}: ${(bytes / 1024).toFixed(0)} KiB\n`);
