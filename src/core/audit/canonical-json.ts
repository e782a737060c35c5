/**
 * Canonical JSON: the one serialisation every hash in Glidepath is computed over (see
 * docs/audit-format.md). Object keys sorted by UTF-16 code units, no whitespace, strings and
 * numbers exactly as JSON.stringify prints them, non-finite numbers as `null`, `undefined` object
 * members left out (and `undefined` array items as `null`), as JSON.stringify does. Parsing the
 * output and serialising again gives the same text, which is what makes a stored line verifiable.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return canonicalObject(value);
    default:
      // bigint, symbol, function: not data; a caller passing one is a bug.
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}

function canonicalObject(value: object): string {
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => (item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(',')}}`;
}
