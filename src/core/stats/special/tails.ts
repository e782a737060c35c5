/** Both tails of a distribution, each computed without cancellation where it is small. */
export interface Tails {
  /** P[X ≤ x] */
  readonly lower: number;
  /** P[X > x] */
  readonly upper: number;
}
