/** The value at `path` in an untyped payload (a webhook event), or undefined where the path leaves objects. */
export function payloadField(value: unknown, ...path: string[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
