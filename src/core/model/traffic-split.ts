/** The split a provider serves for one release. */
export interface TrafficSplit {
  /** `off`: champion only. `shadow`: champion serves, challenger mirrored. `traffic`: weighted split. */
  readonly mode: 'off' | 'shadow' | 'traffic';
  /** Percent of requests the challenger serves (0 for off and shadow). */
  readonly weight: number;
  /** Ring: context attribute values always routed to the challenger. */
  readonly segment?: { readonly attribute: string; readonly values: readonly string[] };
}
