/**
 * Fields to change in a test fixture, where `undefined` removes a field (the fixture spreads it
 * over its defaults). With exactOptionalPropertyTypes an optional field cannot be given
 * `undefined` otherwise.
 */
export type Overrides<T> = { [K in keyof T]?: T[K] | undefined };

/** `base` with `overrides` applied: a field given `undefined` is removed, not set to undefined. */
export function applyOverrides<T extends object>(base: T, overrides: Overrides<T> | undefined): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  // Every field is the base's or an override of the same type; removed ones were optional or the test means it.
  return out as T;
}
