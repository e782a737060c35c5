import type { PathSegment, SourceComment, SourceNode, SourceScalar } from './source-map.js';

/** Decides which scalars a parse without positions hands back (the parent key is the last path segment). */
export type ScalarFilter = (text: string, key: PathSegment | undefined, isKey: boolean) => boolean;

export interface PlainYamlOptions {
  /** Record where every value sits and hand back every scalar; off for the common case of a valid file. */
  readonly positions: boolean;
  /** Without positions: the scalars worth handing back (by default none). */
  readonly keepScalar?: ScalarFilter;
}

/** A document read by the fast path: its value, and (when asked) where each value sits; its literals. */
export interface PlainYaml {
  readonly value: unknown;
  /** Present when parsed with `positions`. */
  readonly root: SourceNode | undefined;
  readonly scalars: readonly SourceScalar[];
  readonly comments: readonly SourceComment[];
}

/**
 * Reads the plain YAML Glidepath files are written in — block mappings and lists, one-line
 * scalars and flow collections, `|` and `>` block scalars, comments — or answers `undefined`
 * for anything else, which then goes to the full parser (`yaml`).
 *
 * Why it exists: the full parser costs close to a millisecond per file, and validating a
 * repository of a thousand releases must take well under a second. It never decides that input
 * is wrong: on anything unusual (tabs, anchors, tags, escapes, multi-line plain scalars, duplicate
 * keys, odd indentation) it steps aside, so every error message comes from one place. Its values
 * are checked against the full parser's in tests.
 */
export function parsePlainYaml(text: string, maxDepth: number, options: PlainYamlOptions = { positions: true }): PlainYaml | undefined {
  if (UNSUPPORTED_CHARACTERS.test(text)) return undefined;
  try {
    return new PlainParser(text, maxDepth, options).parse();
  } catch (error) {
    if (error === STEP_ASIDE) return undefined;
    throw error;
  }
}

// Tabs, CR, control characters, Unicode line breaks and BOMs all have rules the fast path leaves to the full parser.
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/;

const STEP_ASIDE: unique symbol = Symbol('step aside');

function stepAside(): never {
  throw STEP_ASIDE;
}

interface Line {
  /** Offset of the line's first character. */
  readonly start: number;
  /** The whole line without its newline. */
  readonly text: string;
  /** Column (0-based) where this line's content is read from: its indentation, or further for `- key: v`. */
  readonly col: number;
}

interface MutableNode {
  start: number;
  end: number;
  keyStart?: number;
  children?: Map<PathSegment, SourceNode>;
}

interface Parsed {
  readonly value: unknown;
  readonly node: MutableNode | undefined;
}

/** A mapping key and its colon, matched in place at `lastIndex` (no slicing of every line). */
const KEY_AT = /(?:([A-Za-z0-9_][A-Za-z0-9_./-]*)|"([^"\\]*)"|'([^']*)'):(?= |$)/y;

function keyAt(text: string, col: number): RegExpExecArray | null {
  KEY_AT.lastIndex = col;
  return KEY_AT.exec(text);
}
const FLOW_PLAIN = /[^,[\]{}#]*/y;
const BLOCK_SCALAR_HEADER = /^([|>])([+-]?)(?: +(#.*)?)?$/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const OTHER_NUMBER = /^(?:[-+]?0[ox]|[-+]?\.(?:inf|Inf|INF)$|\.(?:nan|NaN|NAN)$)/;
const PLAIN_START_FORBIDDEN = /^(?:[&*!|>%@`'"#,[\]{}]|[-?:](?: |$))/;

/** A block sequence entry (`- ` or a lone `-`) starts at `col`. */
function isDashAt(text: string, col: number): boolean {
  return text.charCodeAt(col) === 45 && (col + 1 === text.length || text.charCodeAt(col + 1) === 32);
}

/** The value of a plain scalar under YAML 1.2's core schema, or a step aside where that is subtle. */
function resolvePlain(text: string): unknown {
  if (text === '') return null;
  const first = text.charCodeAt(0);
  // Most scalars start with a letter that no null, boolean or number can start with.
  if (!(first >= 48 && first <= 57) && first !== 43 && first !== 45 && first !== 46 && first !== 126 && !/^[nNtTfF]/.test(text)) return text;
  if (NULL.test(text)) return null;
  if (TRUE.test(text)) return true;
  if (FALSE.test(text)) return false;
  if (OTHER_NUMBER.test(text)) stepAside();
  if (INT.test(text)) {
    if (text.replace(/^[-+]/, '').length > 15) stepAside();
    return Number(text);
  }
  if (FLOAT.test(text)) {
    if (text.length > 24) stepAside();
    return Number.parseFloat(text);
  }
  return text;
}

class PlainParser {
  readonly #lines: Line[] = [];
  #i = 0;
  readonly #scalars: SourceScalar[] = [];
  readonly #comments: SourceComment[] = [];
  readonly #endsWithNewline: boolean;
  /** The path to the value being read, shared and mutated in place: copied only for scalars that are kept. */
  readonly #path: PathSegment[] = [];
  readonly #positions: boolean;
  readonly #keep: ScalarFilter | undefined;

  constructor(private readonly text: string, private readonly maxDepth: number, options: PlainYamlOptions) {
    this.#positions = options.positions;
    this.#keep = options.keepScalar;
    this.#endsWithNewline = text.endsWith('\n');
    let start = 0;
    while (start < text.length) {
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : nl;
      const line = text.slice(start, end);
      let col = 0;
      while (line.charCodeAt(col) === 32) col += 1;
      this.#lines.push({ start, text: line, col });
      start = end + 1;
    }
  }

  parse(): PlainYaml {
    this.#skipBlank();
    const first = this.#lines[this.#i];
    if (first && first.col === 0 && /^---(?: +(#.*)?)?$/.test(first.text)) {
      this.#finishLine(first, 3);
      this.#i += 1;
      this.#skipBlank();
    }
    const line = this.#lines[this.#i];
    if (!line || line.col !== 0 || !keyAt(line.text, 0)) stepAside();
    const { value, node } = this.#parseMap(0, 1);
    this.#skipBlank();
    if (this.#i < this.#lines.length) stepAside();
    return { value, root: node, scalars: this.#scalars, comments: this.#comments };
  }

  #node(start: number, end: number, children?: Map<PathSegment, SourceNode>): MutableNode | undefined {
    if (!this.#positions) return undefined;
    return children ? { start, end, children } : { start, end };
  }

  #scalar(text: string, start: number, end: number, isKey: boolean): void {
    const path = this.#path;
    if (this.#positions || this.#keep?.(text, path[path.length - 1], isKey)) {
      this.#scalars.push({ text, start, end, path: [...path], isKey });
    }
  }

  #isBlank(line: Line): boolean {
    return line.col === line.text.length || line.text.charCodeAt(line.col) === 35; // '#'
  }

  #skipBlank(): void {
    while (this.#i < this.#lines.length) {
      const line = this.#lines[this.#i] as Line;
      if (!this.#isBlank(line)) return;
      if (line.col < line.text.length) this.#comments.push({ text: line.text.slice(line.col), start: line.start + line.col });
      this.#i += 1;
    }
  }

  #parseBlock(col: number, depth: number): Parsed {
    const line = this.#lines[this.#i] as Line;
    if (isDashAt(line.text, line.col)) return this.#parseSeq(col, depth);
    if (keyAt(line.text, line.col)) return this.#parseMap(col, depth);
    return stepAside();
  }

  #parseMap(col: number, depth: number): Parsed {
    if (depth > this.maxDepth) stepAside();
    const value: Record<string, unknown> = {};
    const children = this.#positions ? new Map<PathSegment, SourceNode>() : undefined;
    let start = -1;
    let end = -1;
    for (;;) {
      this.#skipBlank();
      const line = this.#lines[this.#i];
      if (!line || line.col < col) break;
      if (line.col > col) stepAside();
      const match = keyAt(line.text, col);
      if (!match) stepAside();
      const key = match[1] ?? match[2] ?? match[3] ?? '';
      if (match[1] !== undefined && typeof resolvePlain(key) !== 'string') stepAside();
      if (key === '__proto__' || Object.hasOwn(value, key)) stepAside();
      const keyStart = line.start + col;
      const keyEnd = keyStart + match[0].length - 1;
      if (start < 0) start = keyStart;
      this.#path.push(key);
      this.#scalar(key, keyStart, keyEnd, true);
      const parsed = this.#parseValue(line, col + match[0].length, col, 'map', depth + 1, keyEnd + 1);
      this.#path.pop();
      value[key] = parsed.value;
      if (parsed.node) {
        parsed.node.keyStart = keyStart;
        children?.set(key, parsed.node);
        end = Math.max(end, parsed.node.end);
      }
    }
    return { value, node: this.#node(start, end, children) };
  }

  #parseSeq(col: number, depth: number): Parsed {
    if (depth > this.maxDepth) stepAside();
    const value: unknown[] = [];
    const children = this.#positions ? new Map<PathSegment, SourceNode>() : undefined;
    let start = -1;
    let end = -1;
    for (;;) {
      this.#skipBlank();
      const line = this.#lines[this.#i];
      if (!line || line.col < col) break;
      if (line.col > col) stepAside();
      if (!isDashAt(line.text, col)) break;
      if (start < 0) start = line.start + col;
      const index = value.length;
      let itemCol = col + 1;
      while (line.text.charCodeAt(itemCol) === 32) itemCol += 1;
      this.#path.push(index);
      let parsed: Parsed;
      if (itemCol < line.text.length && line.text.charCodeAt(itemCol) !== 35 && keyAt(line.text, itemCol)) {
        // `- name: x` opens a mapping whose keys line up with `name`.
        this.#lines[this.#i] = { start: line.start, text: line.text, col: itemCol };
        parsed = this.#parseMap(itemCol, depth + 1);
      } else {
        parsed = this.#parseValue(line, itemCol, col, 'seq', depth + 1, line.start + col + 1);
      }
      this.#path.pop();
      value.push(parsed.value);
      if (parsed.node) {
        children?.set(index, parsed.node);
        end = Math.max(end, parsed.node.end);
      }
    }
    return { value, node: this.#node(start, end, children) };
  }

  /**
   * The value after `key:` or `- ` on `line`, from column `from`. `parentCol` is the column of
   * the key or dash: anything on later lines that is indented further belongs to this value.
   */
  #parseValue(line: Line, from: number, parentCol: number, context: 'map' | 'seq', depth: number, emptyAt: number): Parsed {
    let c = from;
    while (line.text.charCodeAt(c) === 32) c += 1;
    const text = line.text;
    if (c === text.length || text.charCodeAt(c) === 35) {
      if (c < text.length) this.#comments.push({ text: text.slice(c), start: line.start + c });
      this.#i += 1;
      this.#skipBlank();
      const next = this.#lines[this.#i];
      if (next && next.col > parentCol) return this.#parseBlock(next.col, depth);
      if (next && context === 'map' && next.col === parentCol && isDashAt(next.text, next.col)) return this.#parseSeq(parentCol, depth);
      return { value: null, node: this.#node(emptyAt, emptyAt) };
    }
    const first = text.charAt(c);
    if (first === '|' || first === '>') return this.#parseBlockScalar(line, c, parentCol);
    let parsed: Parsed;
    let after: number;
    if (first === '[' || first === '{') {
      const flow = new FlowReader(text, line.start, this.maxDepth, this.#path, (t, s, e, k) => this.#scalar(t, s, e, k), (s, e, ch) => this.#node(s, e, ch), this.#positions);
      ({ parsed, end: after } = flow.read(c, depth));
    } else if (first === '"' || first === "'") {
      const quoted = readQuoted(text, c);
      const start = line.start + c;
      this.#scalar(quoted.value, start, line.start + quoted.end, false);
      parsed = { value: quoted.value, node: this.#node(start, line.start + quoted.end) };
      after = quoted.end;
    } else {
      const rest = c === 0 ? text : text.slice(c);
      if (PLAIN_START_FORBIDDEN.test(rest)) stepAside();
      const hash = rest.indexOf(' #');
      const raw = (hash === -1 ? rest : rest.slice(0, hash)).trimEnd();
      if (raw.includes(': ') || raw.endsWith(':')) stepAside();
      const start = line.start + c;
      this.#scalar(raw, start, start + raw.length, false);
      parsed = { value: resolvePlain(raw), node: this.#node(start, start + raw.length) };
      after = c + raw.length;
    }
    this.#finishLine(line, after);
    this.#i += 1;
    this.#skipBlank();
    const next = this.#lines[this.#i];
    // A more-indented line after a one-line value continues a multi-line scalar (or is an error): not ours.
    if (next && next.col > parentCol) stepAside();
    return parsed;
  }

  /** After a value only spaces and a comment may follow on its line. */
  #finishLine(line: Line, after: number): void {
    const text = line.text;
    let p = after;
    while (text.charCodeAt(p) === 32) p += 1;
    if (p === text.length) return;
    if (p === after || text.charCodeAt(p) !== 35) stepAside();
    this.#comments.push({ text: text.slice(p), start: line.start + p });
  }

  #parseBlockScalar(line: Line, c: number, parentCol: number): Parsed {
    const header = BLOCK_SCALAR_HEADER.exec(line.text.slice(c));
    if (!header) stepAside();
    if (header[3]) this.#comments.push({ text: header[3], start: line.start + line.text.length - header[3].length });
    const folded = header[1] === '>';
    const chomping = header[2];
    this.#i += 1;
    let j = this.#i;
    let longestLeadingBlank = 0;
    while (j < this.#lines.length && (this.#lines[j] as Line).col === (this.#lines[j] as Line).text.length) {
      longestLeadingBlank = Math.max(longestLeadingBlank, (this.#lines[j] as Line).text.length);
      j += 1;
    }
    const firstContent = this.#lines[j];
    if (!firstContent || firstContent.col <= parentCol || longestLeadingBlank > firstContent.col) stepAside();
    const indent = firstContent.col;
    const body: string[] = [];
    let k = this.#i;
    let lastContent = -1;
    for (; k < this.#lines.length; k++) {
      const l = this.#lines[k] as Line;
      const blank = l.col === l.text.length;
      if (!blank && l.col < indent) break;
      if (blank && l.text.length > indent) stepAside();
      const piece = blank ? '' : l.text.slice(indent);
      if (folded && piece.startsWith(' ')) stepAside();
      body.push(piece);
      if (!blank) lastContent = body.length - 1;
    }
    if (k >= this.#lines.length && !this.#endsWithNewline) stepAside();
    const content = body.slice(0, lastContent + 1);
    const trailing = body.length - content.length;
    let value: string;
    if (folded) {
      value = '';
      let pendingBlank = 0;
      let started = false;
      for (const piece of content) {
        if (piece === '') { pendingBlank += 1; continue; }
        if (!started) value += '\n'.repeat(pendingBlank);
        else value += pendingBlank === 0 ? ' ' : '\n'.repeat(pendingBlank);
        value += piece;
        pendingBlank = 0;
        started = true;
      }
    } else {
      value = content.join('\n');
    }
    if (chomping === '') value += '\n';
    else if (chomping === '+') value += '\n'.repeat(1 + trailing);
    const lastLine = this.#lines[this.#i + lastContent] as Line;
    const start = line.start + c;
    const end = lastLine.start + lastLine.text.length;
    this.#i = k;
    this.#scalar(value, start, end, false);
    return { value, node: this.#node(start, end) };
  }
}

function readQuoted(text: string, at: number): { value: string; end: number } {
  const quote = text.charAt(at);
  if (quote === '"') {
    const close = text.indexOf('"', at + 1);
    if (close === -1) stepAside();
    const inner = text.slice(at + 1, close);
    if (inner.includes('\\')) stepAside();
    return { value: inner, end: close + 1 };
  }
  let value = '';
  let p = at + 1;
  for (;;) {
    const close = text.indexOf("'", p);
    if (close === -1) stepAside();
    value += text.slice(p, close);
    if (text.charAt(close + 1) === "'") {
      value += "'";
      p = close + 2;
      continue;
    }
    return { value, end: close + 1 };
  }
}

/** One-line flow collections (`[a, b]`, `{ team: x }`); anything spanning lines steps aside. */
class FlowReader {
  constructor(
    private readonly text: string,
    private readonly lineStart: number,
    private readonly maxDepth: number,
    private readonly path: PathSegment[],
    private readonly scalar: (text: string, start: number, end: number, isKey: boolean) => void,
    private readonly node: (start: number, end: number, children?: Map<PathSegment, SourceNode>) => MutableNode | undefined,
    private readonly positions: boolean,
  ) {}

  read(at: number, depth: number): { parsed: Parsed; end: number } {
    return this.#value(at, depth);
  }

  #skipSpaces(p: number): number {
    while (this.text.charCodeAt(p) === 32) p += 1;
    return p;
  }

  #value(at: number, depth: number): { parsed: Parsed; end: number } {
    const ch = this.text.charAt(at);
    if (ch === '[') return this.#seq(at, depth);
    if (ch === '{') return this.#map(at, depth);
    if (ch === '"' || ch === "'") {
      const quoted = readQuoted(this.text, at);
      const start = this.lineStart + at;
      const end = this.lineStart + quoted.end;
      this.scalar(quoted.value, start, end, false);
      return { parsed: { value: quoted.value, node: this.node(start, end) }, end: quoted.end };
    }
    const raw = this.#plain(at);
    const start = this.lineStart + at;
    const end = start + raw.length;
    this.scalar(raw, start, end, false);
    return { parsed: { value: resolvePlain(raw), node: this.node(start, end) }, end: at + raw.length };
  }

  #plain(at: number): string {
    FLOW_PLAIN.lastIndex = at;
    const raw = (FLOW_PLAIN.exec(this.text) as RegExpExecArray)[0].trimEnd();
    if (raw === '' || PLAIN_START_FORBIDDEN.test(raw) || raw.includes(':') || raw.includes(' #')) stepAside();
    return raw;
  }

  #seq(at: number, depth: number): { parsed: Parsed; end: number } {
    if (depth > this.maxDepth) stepAside();
    const value: unknown[] = [];
    const children = this.positions ? new Map<PathSegment, SourceNode>() : undefined;
    let p = this.#skipSpaces(at + 1);
    if (this.text.charAt(p) !== ']') {
      for (;;) {
        const index = value.length;
        this.path.push(index);
        const item = this.#value(p, depth + 1);
        this.path.pop();
        value.push(item.parsed.value);
        if (item.parsed.node) children?.set(index, item.parsed.node);
        p = this.#skipSpaces(item.end);
        const ch = this.text.charAt(p);
        if (ch === ']') break;
        if (ch !== ',') stepAside();
        p = this.#skipSpaces(p + 1);
        if (this.text.charAt(p) === ']') stepAside();
      }
    }
    return { parsed: { value, node: this.node(this.lineStart + at, this.lineStart + p + 1, children) }, end: p + 1 };
  }

  #map(at: number, depth: number): { parsed: Parsed; end: number } {
    if (depth > this.maxDepth) stepAside();
    const value: Record<string, unknown> = {};
    const children = this.positions ? new Map<PathSegment, SourceNode>() : undefined;
    let p = this.#skipSpaces(at + 1);
    if (this.text.charAt(p) !== '}') {
      for (;;) {
        const match = keyAt(this.text, p);
        if (!match) stepAside();
        const key = match[1] ?? match[2] ?? match[3] ?? '';
        if (match[1] !== undefined && typeof resolvePlain(key) !== 'string') stepAside();
        if (key === '__proto__' || Object.hasOwn(value, key)) stepAside();
        const keyStart = this.lineStart + p;
        this.path.push(key);
        this.scalar(key, keyStart, keyStart + match[0].length - 1, true);
        p = this.#skipSpaces(p + match[0].length);
        const ch = this.text.charAt(p);
        if (ch === ',' || ch === '}' || ch === '') stepAside();
        const item = this.#value(p, depth + 1);
        this.path.pop();
        if (item.parsed.node) {
          item.parsed.node.keyStart = keyStart;
          children?.set(key, item.parsed.node);
        }
        value[key] = item.parsed.value;
        p = this.#skipSpaces(item.end);
        const next = this.text.charAt(p);
        if (next === '}') break;
        if (next !== ',') stepAside();
        p = this.#skipSpaces(p + 1);
        if (this.text.charAt(p) === '}') stepAside();
      }
    }
    return { parsed: { value, node: this.node(this.lineStart + at, this.lineStart + p + 1, children) }, end: p + 1 };
  }
}
