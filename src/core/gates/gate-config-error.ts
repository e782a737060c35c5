/**
 * A policy the judge cannot apply (a gate without a bound, a metric nobody defines). `validate`
 * reports these at the YAML line; reaching the judge with one is a configuration error, not a
 * verdict, so it is thrown rather than reported as data.
 */
export class GateConfigError extends Error {
  override readonly name = 'GateConfigError';
}
