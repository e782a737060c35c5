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
  return writeValue(value, '', levels, new Map(), out) ? out : [];
}

/** Appends `value`'s text to `out`; false, appending nothing, for a value JSON leaves out (undefined, a function). */
function writeValue(value: unknown, indent: string, levels: number, memo: Map<object, Map<string, string>>, out: string[]): boolean {
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
  let written = 0;
  for (const key of Object.keys(record)) {
    const mark = out.length;
    out.push(written === 0 ? `{\n${inner}${JSON.stringify(key)}: ` : `,\n${inner}${JSON.stringify(key)}: `);
    if (writeValue(record[key], inner, levels - 1, memo, out)) written++;
    else out.length = mark;
  }
  out.push(written === 0 ? '{}' : `\n${indent}}`);
  return true;
}

function nativeText(value: object, indent: string, memo: Map<object, Map<string, string>>): string | undefined {
  let byIndent = memo.get(value);
  if (!byIndent) {
    byIndent = new Map();
    memo.set(value, byIndent);
  }
  let text = byIndent.get(indent);
  if (text === undefined) {
    const native = JSON.stringify(value, null, 2) as string | undefined;
    if (native === undefined) return undefined;
    text = indent === '' ? native : native.replaceAll('\n', `\n${indent}`);
    byIndent.set(indent, text);
  }
  return text;
}
