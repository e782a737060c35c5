import { mannWhitneyTest, type HistogramBucket } from '../stats/index.js';
import type { ArmData } from '../metrics/arm-data.js';
import { distributionView } from '../metrics/distribution-view.js';

/**
 * The probability of superiority θ = P(X′ > Y) + ½·P(X′ = Y), with X′ = scale·X + shift the
 * canary moved by the gate's margin and Y the control, and its DeLong standard error: the
 * Mann–Whitney effect, asymptotically normal whatever the distributions, as a confidence
 * sequence needs.
 */
export interface Superiority {
  readonly theta: number;
  readonly standardError: number;
  readonly n: { readonly control: number; readonly canary: number };
}

/**
 * θ for two arms given as raw samples (the statistics core's Mann–Whitney, exact ranks) or
 * histogram buckets (grouped ranks, below). A samples arm facing a histogram arm is binned on
 * the histogram's bounds first. Undefined when an arm is neither.
 */
export function superiority(control: ArmData, canary: ArmData, scale = 1, shift = 0): Superiority | undefined {
  if (control.kind === 'samples' && canary.kind === 'samples') {
    const moved = scale === 1 && shift === 0 ? canary.values : canary.values.map((v) => scale * v + shift);
    const result = mannWhitneyTest(control.values, moved);
    return { theta: result.estimate, standardError: result.standardError, n: result.n };
  }
  const controlBuckets = bucketsOf(control, canary);
  const canaryBuckets = bucketsOf(canary, control);
  if (!controlBuckets || !canaryBuckets) return undefined;
  return groupedSuperiority(controlBuckets, canaryBuckets, scale, shift);
}

function bucketsOf(data: ArmData, other: ArmData): readonly HistogramBucket[] | undefined {
  if (data.kind === 'histogram') return distributionView(data)!.buckets();
  if (data.kind !== 'samples' || other.kind !== 'histogram') return undefined;
  const view = distributionView(data)!;
  const bounds = distributionView(other)!.buckets().map((b) => b.le);
  const n = view.n;
  return bounds.map((le) => ({ le, count: le === Infinity ? n : Math.round(view.cdf(le) * n) }));
}

/** A stretch of the line holding some of an arm's observations, spread evenly (a point when lower = upper). */
interface Cell {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
}

/**
 * θ and its standard error from two histograms, reading each bucket as uniform on its range
 * (Prometheus' reading). Both arms are spread over the union of their bounds; within a shared
 * stretch the two uniforms beat each other half the time, and the placements' within-stretch
 * spread (p²/12) is kept in the DeLong variance. Observations above the last finite bound
 * (the +Inf bucket) count as ties with each other and above everything else.
 */
export function groupedSuperiority(control: readonly HistogramBucket[], canary: readonly HistogramBucket[], scale = 1, shift = 0): Superiority {
  const controlCells = cellsOf(control, 1, 0);
  const canaryCells = cellsOf(canary, scale, shift);
  const edgeSet = new Set<number>();
  for (const cell of [...controlCells, ...canaryCells]) {
    if (Number.isFinite(cell.lower)) edgeSet.add(cell.lower);
    if (Number.isFinite(cell.upper)) edgeSet.add(cell.upper);
  }
  const edges = [...edgeSet].sort((a, b) => a - b);
  // Atoms in order: point at edges[0], stretch edges[0]–edges[1], point at edges[1], …, then the open top.
  const atoms = 2 * edges.length;
  const controlMass = spread(controlCells, edges, atoms);
  const canaryMass = spread(canaryCells, edges, atoms);
  const nControl = sum(controlMass);
  const nCanary = sum(canaryMass);
  const n = { control: Math.round(nControl), canary: Math.round(nCanary) };
  if (!(nControl > 0) || !(nCanary > 0)) return { theta: 0.5, standardError: Number.NaN, n };

  let controlBelow = 0;
  let theta = 0;
  for (let a = 0; a < atoms; a++) {
    const pc = controlMass[a]! / nControl;
    theta += (canaryMass[a]! / nCanary) * (controlBelow + pc / 2);
    controlBelow += pc;
  }
  let canaryAbove = 1;
  let controlBelowAgain = 0;
  let canarySquares = 0;
  let controlSquares = 0;
  for (let a = 0; a < atoms; a++) {
    const pc = controlMass[a]! / nControl;
    const pk = canaryMass[a]! / nCanary;
    canaryAbove -= pk;
    const stretch = a % 2 === 1 && a < atoms - 1;
    const within = stretch ? 1 / 12 : 0;
    const canaryPlacement = controlBelowAgain + pc / 2;
    const controlPlacement = canaryAbove + pk / 2;
    canarySquares += canaryMass[a]! * ((canaryPlacement - theta) ** 2 + within * pc * pc);
    controlSquares += controlMass[a]! * ((controlPlacement - theta) ** 2 + within * pk * pk);
    controlBelowAgain += pc;
  }
  const canaryVariance = nCanary > 1 ? canarySquares / (nCanary - 1) : 0;
  const controlVariance = nControl > 1 ? controlSquares / (nControl - 1) : 0;
  return { theta, standardError: Math.sqrt(canaryVariance / nCanary + controlVariance / nControl), n };
}

function cellsOf(histogram: readonly HistogramBucket[], scale: number, shift: number): Cell[] {
  const cells: Cell[] = [];
  let previousLe = Number.NaN;
  let previousCount = 0;
  for (const [i, bucket] of histogram.entries()) {
    const count = bucket.count - previousCount;
    if (count > 0) {
      const lower = i === 0 ? (bucket.le > 0 ? 0 : bucket.le) : previousLe;
      const upper = bucket.le;
      cells.push({ lower: upper === Infinity ? Infinity : scale * lower + shift, upper: scale * upper + shift, count });
    }
    previousLe = bucket.le;
    previousCount = bucket.count;
  }
  return cells;
}

/** Each cell's count spread over the atoms it covers, in proportion to length. */
function spread(cells: readonly Cell[], edges: readonly number[], atoms: number): Float64Array {
  const mass = new Float64Array(atoms);
  for (const cell of cells) {
    if (cell.lower === Infinity) {
      mass[atoms - 1]! += cell.count;
      continue;
    }
    const start = lowerIndex(edges, cell.lower);
    if (cell.upper === cell.lower) {
      mass[2 * start]! += cell.count;
      continue;
    }
    const width = cell.upper - cell.lower;
    for (let e = start; e < edges.length - 1 && edges[e]! < cell.upper; e++) {
      mass[2 * e + 1]! += (cell.count * (edges[e + 1]! - edges[e]!)) / width;
    }
  }
  return mass;
}

function lowerIndex(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
