import type { Plan } from '../plan/build-plan.js';

/**
 * The plan as `--format json` prints it: exactly `JSON.stringify(plan, null, 2)`, written faster,
 * in the pieces it is written from. A plan of a thousand releases holds each policy's stages,
 * gates, handling and blast radius once in memory, shared by every release that follows the
 * policy (build-plan works them out once per policy and traffic figure), but plain JSON.stringify
 * writes each copy out afresh; and joining the pieces would copy megabytes once more, when a
 * writer can take them as they are and encode each recurring piece (the same string) once.
 */
export function renderPlanJson(plan: Plan): readonly string[] {
  return stringifySharing(plan);
}

/**
 * The pieces of `JSON.stringify(value, null, 2)` for plain data that holds the same objects many
 * times: the first `levels` levels are walked here, and every object below them is written by
 * the native serializer once per identity and indentation and handed out again where it recurs.
 * No pieces for a value JSON leaves out (undefined, a function).
 */
export function stringifySharing(value: unknown, levels = 3): readonly string[] {
  const out: string[] = [];
  return writeValue(value, '', levels, { texts: new Map(), keys: new Map() }, out) ? out : [];
}

/** What one serialization remembers: native texts by indentation and object, and key prefixes by indentation and key. */
interface Memo {
  readonly texts: Map<string, Map<object, string>>;
  readonly keys: Map<string, Map<string, readonly [first: string, next: string]>>;
}

/** Appends `value`'s text to `out`; false, appending nothing, for a value JSON leaves out (undefined, a function). */
function writeValue(value: unknown, indent: string, levels: number, memo: Memo, out: string[]): boolean {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value) as string | undefined;
    if (text === undefined) return false;
    out.push(text);
    return true;
  }
  if (levels === 0 || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const text = nativeText(value, indent, memo);
    if (text === undefined) return false;
    out.push(text);
    return true;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return true;
    }
    out.push('[\n');
    for (let index = 0; index < value.length; index++) {
      out.push(index === 0 ? inner : `,\n${inner}`);
      if (!writeValue(value[index], inner, levels - 1, memo, out)) out.push('null');
    }
    out.push(`\n${indent}]`);
    return true;
  }
  const record = value as Record<string, unknown>;
  let keys = memo.keys.get(inner);
  if (!keys) {
    keys = new Map();
    memo.keys.set(inner, keys);
  }
  let written = 0;
  for (const key of Object.keys(record)) {
    const mark = out.length;
    let prefix = keys.get(key);
    if (!prefix) {
      const quoted = JSON.stringify(key);
      prefix = [`{\n${inner}${quoted}: `, `,\n${inner}${quoted}: `];
      keys.set(key, prefix);
    }
    out.push(prefix[written === 0 ? 0 : 1]);
    if (writeValue(record[key], inner, levels - 1, memo, out)) written++;
    else out.length = mark;
  }
  out.push(written === 0 ? '{}' : `\n${indent}}`);
  return true;
}

function nativeText(value: object, indent: string, memo: Memo): string | undefined {
  let byObject = memo.texts.get(indent);
  if (!byObject) {
    byObject = new Map();
    memo.texts.set(indent, byObject);
  }
  let text = byObject.get(value);
  if (text === undefined) {
    const native = JSON.stringify(value, null, 2) as string | undefined;
    if (native === undefined) return undefined;
    text = indent === '' ? native : native.replaceAll('\n', `\n${indent}`);
    byObject.set(value, text);
  }
  return text;
}
