import { templatesProblem } from './templates.js';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly field: readonly (string | number)[] };

/** Per query kind: the text fields it must have (each a query in the source's language) and the options it may have. */
export type QueryKinds = Readonly<Record<string, { readonly fields: readonly string[]; readonly options: readonly string[] }>>;

/**
 * The shape the metrics sources' query objects share, checked as their schema fragments do: an
 * object of a known kind, no field the kind does not have, and every text field non-empty and
 * using only the templates the source fills. What is particular to a source is checked after.
 */
export function parseQueryShape(value: unknown, shape: {
  readonly kinds: QueryKinds;
  /** Said when the query is not an object: which objects a metric on this source needs. */
  readonly needs: string;
  /** What a text field must be, e.g. `a PromQL selector or expression`. */
  readonly text: string;
  readonly templates: readonly string[];
}): Parsed<Readonly<Record<string, unknown>> & { readonly kind: string }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, field: [], error: shape.needs };
  const q = value as Record<string, unknown>;
  const kind = q['kind'];
  const names = Object.keys(shape.kinds);
  const spec = typeof kind === 'string' && Object.hasOwn(shape.kinds, kind) ? shape.kinds[kind] : undefined;
  if (spec === undefined) return { ok: false, field: ['kind'], error: `kind is ${JSON.stringify(kind)}; expected ${names.slice(0, -1).join(', ')} or ${names.at(-1)}` };
  const allowed = ['kind', ...spec.fields, ...spec.options];
  const extra = Object.keys(q).find((k) => !allowed.includes(k));
  if (extra !== undefined) return { ok: false, field: [extra], error: `${extra} is not a field of a ${kind as string} query; it has ${allowed.join(', ')}` };
  for (const field of spec.fields) {
    const problem = textProblem(q[field], field, shape);
    if (problem !== undefined) return { ok: false, field: [field], error: problem };
  }
  return { ok: true, value: q as Record<string, unknown> & { kind: string } };
}

/** Why `value`, the text of `field`, is not a query in the source's language with only its templates; undefined when it is. */
export function textProblem(value: unknown, field: string, shape: { readonly text: string; readonly templates: readonly string[] }): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return `${field} must be ${shape.text}`;
  const problem = templatesProblem(value, shape.templates);
  return problem === undefined ? undefined : `${field} ${problem}`;
}

/** A histogram's `scale` (bucket bounds × scale = the metric's unit), when it is not a positive number. */
export function scaleProblem(q: Readonly<Record<string, unknown>>): Parsed<never> | undefined {
  const scale = q['scale'];
  if (scale === undefined || (typeof scale === 'number' && Number.isFinite(scale) && scale > 0)) return undefined;
  return { ok: false, field: ['scale'], error: `scale is ${JSON.stringify(scale)}; expected a positive number (1000 turns seconds into milliseconds)` };
}
