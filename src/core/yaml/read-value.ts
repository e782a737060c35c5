import { constructFromEvents, CORE_SCHEMA, defineMappingTag, defineScalarTag, EVENT_ID, floatCoreTag, getScalarValue, NOT_RESOLVED, parseEvents, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';
import type { PathSegment, SourceNode } from './source-map.js';

/** The value of a file js-yaml read, or a refusal that sends the file to the full parser. */
export type ValueRead = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false };

const DECLINED: ValueRead = { ok: false };

/**
 * Mappings as plain objects with string keys only. A key of any other type (`1:`, `null:`,
 * `[a]:`) makes js-yaml throw, so the file goes to the full parser, which turns such keys into
 * strings in its own way; `__proto__` becomes an own property, never the prototype.
 */
const stringKeyMapTag = defineMappingTag<Record<string, unknown>>('tag:yaml.org,2002:map', {
  create: () => ({}),
  identify: (data) => data !== null && typeof data === 'object' && !Array.isArray(data),
  addPair: (map, key, value) => {
    if (typeof key !== 'string') return 'only text keys are read here';
    if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, configurable: true, writable: true });
    else map[key] = value;
    return '';
  },
  has: (map, key) => typeof key === 'string' && Object.hasOwn(map, key),
  keys: (map) => Object.keys(map),
  get: (map, key) => (typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : null),
});

const FINITE_FORM = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

/** Core-schema floats, except that a number too large for a double is ±Infinity, as `yaml` reads it (js-yaml leaves it a string). */
const floatTag = defineScalarTag<number>('tag:yaml.org,2002:float', {
  implicit: true,
  implicitFirstChars: ['-', '+', '.', ...'0123456789'],
  resolve: (source, isExplicit, tagName) => {
    const value = floatCoreTag.resolve(source, isExplicit, tagName);
    return value === NOT_RESOLVED && FINITE_FORM.test(source) ? Number.parseFloat(source) : value;
  },
  identify: floatCoreTag.identify,
  represent: floatCoreTag.represent,
});

/** YAML 1.2's core schema, the one `yaml` reads with: `yes`, `on` and dates stay text. */
const SCHEMA = CORE_SCHEMA.withTags(stringKeyMapTag, floatTag);

/**
 * Reads the value of a Glidepath file with js-yaml, or declines. It declines every file whose
 * reading the full parser (`yaml`) must judge or might read differently: any syntax error,
 * duplicate key, anchor, alias, tag, directive, more than one document, nesting deeper than
 * `maxDepth`, a key that is not text, a root that is not a mapping, and two forms the parsers
 * read differently: block scalars with an explicit indentation indicator (`|2`, trailing spaces)
 * and escaped line breaks in double-quoted text followed by empty lines. What is left is the
 * plain YAML every real Glidepath file is written in, which both parsers read alike (tests
 * compare them on fixtures and generated documents).
 *
 * Why: js-yaml reads a typical file several times faster than `yaml` builds its syntax tree, and
 * a plan or a validation reads every file of the repository.
 */
export function readValue(text: string, maxDepth: number): ValueRead {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth });
  } catch {
    return DECLINED;
  }
  let documents = 0;
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        documents += 1;
        if (documents > 1 || event.directives.length > 0) return DECLINED;
        break;
      case EVENT_ID.ALIAS:
        return DECLINED;
      case EVENT_ID.SCALAR:
        if (event.anchorStart !== -1 || event.tagStart !== -1) return DECLINED;
        if ((event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) && hasIndentationIndicator(text, event.valueStart)) return DECLINED;
        if (event.style === SCALAR_STYLE.DOUBLE_QUOTED && ESCAPED_LINE_BREAK.test(text.slice(event.valueStart, event.valueEnd))) return DECLINED;
        break;
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
        if (event.anchorStart !== -1 || event.tagStart !== -1) return DECLINED;
        break;
      default:
        break;
    }
  }
  let value: unknown;
  try {
    value = constructFromEvents(events, { source: text, schema: SCHEMA, maxAliases: 0 })[0];
  } catch {
    return DECLINED;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return DECLINED;
  return { ok: true, value: value as Record<string, unknown> };
}

const ESCAPED_LINE_BREAK = /\\\r?\n/;
const INDENTATION_INDICATOR = /[|>][-+]?[1-9]/;

/** The header of a block scalar (`|2-`) is the line before its content. */
function hasIndentationIndicator(text: string, valueStart: number): boolean {
  const headerStart = text.lastIndexOf('\n', valueStart - 2) + 1;
  return INDENTATION_INDICATOR.test(text.slice(headerStart, valueStart));
}

/** `sourceMapFromEvents` for a file `readValue` read: its events again (cheap), kept only while placing. */
export function readSourceMap(text: string, maxDepth: number): SourceNode {
  return sourceMapFromEvents(text, parseEvents(text, { maxDepth }));
}

/**
 * Where each value sits, from js-yaml's events: the same offsets the full parser gives (a test
 * compares them), without building its syntax tree. Keys are placed at their first character,
 * scalars at theirs (a block scalar at its `|` or `>`), collections at their first key, `-`,
 * `[` or `{`, and an empty value just after its key's `:`.
 */
export function sourceMapFromEvents(text: string, events: readonly Event[]): SourceNode {
  const stack: Frame[] = [];
  let root: MutableNode = { start: 0, end: 0 };
  const attach = (node: MutableNode): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = node;
      return;
    }
    if (top.isMap && top.key) {
      node.keyStart = top.key.start;
      if (!top.node.children?.has(top.key.name)) top.node.children?.set(top.key.name, node);
      top.key = undefined;
    } else if (!top.isMap) {
      top.node.children?.set(top.index, node);
      top.index += 1;
    }
    top.node.end = Math.max(top.node.end, node.end);
  };
  for (const event of events) {
    if (event.type === EVENT_ID.SCALAR) {
      const top = stack[stack.length - 1];
      const start = scalarStart(text, event);
      if (top?.isMap && !top.key) {
        top.key = { name: getScalarValue(text, event), start, end: scalarEnd(event) };
        continue;
      }
      const at = event.valueStart !== -1 ? start : emptyValueAt(text, top);
      attach({ start: at, end: event.valueStart === -1 ? at : scalarEnd(event) });
    } else if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      const node: MutableNode = { start: event.start, end: event.start, children: new Map() };
      attach(node);
      stack.push({ node, isMap: event.type === EVENT_ID.MAPPING, index: 0, key: undefined });
    } else if (event.type === EVENT_ID.POP) {
      const done = stack.pop();
      const parent = stack[stack.length - 1];
      if (done && parent) parent.node.end = Math.max(parent.node.end, done.node.end);
    }
  }
  return root;
}

interface Frame {
  readonly node: MutableNode;
  readonly isMap: boolean;
  index: number;
  key: { readonly name: string; readonly start: number; readonly end: number } | undefined;
}

/** An empty value sits after its key's `:` and the spaces that follow, or just after its `-`. */
function emptyValueAt(text: string, parent: Frame | undefined): number {
  if (!parent) return 0;
  let at: number;
  if (parent.key) {
    at = text.indexOf(':', parent.key.end) + 1;
  } else {
    const previous = parent.index > 0 ? (parent.node.children?.get(parent.index - 1)?.end ?? parent.node.start) : parent.node.start;
    at = text.indexOf('-', previous) + 1;
  }
  if (at === 0) return parent.node.start;
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at += 1;
  return at;
}

interface MutableNode {
  start: number;
  end: number;
  keyStart?: number;
  children?: Map<PathSegment, SourceNode>;
}

/** js-yaml's range of a quoted scalar lies inside its quotes. */
function isQuoted(event: ScalarEvent): boolean {
  return event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
}

/** Just past a scalar as written (past its closing quote). */
function scalarEnd(event: ScalarEvent): number {
  return isQuoted(event) ? event.valueEnd + 1 : event.valueEnd;
}

/** The first character of a scalar as written: its quote, or its block header. */
function scalarStart(text: string, event: ScalarEvent): number {
  if (event.valueStart === -1) return -1;
  if (isQuoted(event)) return event.valueStart - 1;
  if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) {
    const headerLine = text.lastIndexOf('\n', event.valueStart - 2) + 1;
    const header = text.slice(headerLine, event.valueStart).search(/[|>][-+0-9]*[ \t]*(?:#.*)?\r?\n?$/);
    return header === -1 ? event.valueStart : headerLine + header;
  }
  return event.valueStart;
}
