/** The first place a JSON text breaks: where, what is there, and why. */
export interface JsonFault {
  /** 1-based, counting UTF-16 code units as V8 does. */
  readonly line: number;
  readonly column: number;
  /** The offending token as written (shortened when long), or "end of text". */
  readonly token: string;
  /**
   * `not-a-number`: NaN or ±Infinity, which JSON lacks; `overflow`: a number literal beyond the
   * range of a double, which JSON.parse silently turns into Infinity; `syntax`: anything else.
   */
  readonly kind: 'not-a-number' | 'overflow' | 'syntax';
}

/**
 * Whether a parsed JSON value holds an infinite number, which only an overflowing literal such as
 * 1e400 can produce: a walk of the parsed value costs milliseconds where scanning the text
 * costs a second per hundred megabytes, so the text is scanned only when this says so.
 */
export function holdsInfinity(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'number') {
      if (next === Infinity || next === -Infinity) return true;
    } else if (Array.isArray(next)) {
      // A plain loop: sample arrays run to millions, and spreading them would overflow the stack.
      for (let i = 0; i < next.length; i++) {
        const item: unknown = next[i];
        if (typeof item === 'number') {
          if (item === Infinity || item === -Infinity) return true;
        } else if (typeof item === 'object' && item !== null) pending.push(item);
      }
    } else if (typeof next === 'object' && next !== null) {
      for (const item of Object.values(next)) pending.push(item);
    }
  }
  return false;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const WORD = /-?[A-Za-z_$][\w$]*/y;

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

/**
 * Walks JSON text without building it and returns the first fault, or undefined when the text is
 * JSON whose numbers all fit in a double. V8's JSON.parse names no position for an unexpected
 * token such as NaN and says nothing at all about 1e400, so the file's author would otherwise get
 * no line to look at. Iterative, so deep nesting cannot overflow the stack.
 */
export function findJsonFault(text: string): JsonFault | undefined {
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const length = text.length;
  const fault = (at: number, token: string, kind: JsonFault['kind']): JsonFault => ({ ...lineColumn(text, at), token: shorten(token), kind });
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');
  while (true) {
    while (i < length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
    if (i >= length) return expect === 'end' ? undefined : fault(i, 'end of text', 'syntax');
    const c = text[i]!;
    switch (expect) {
      case 'value':
      case 'value-or-close':
        if (c === ']' && expect === 'value-or-close') {
          stack.pop();
          i++;
          expect = afterValue();
        } else if (c === '{') {
          stack.push('{');
          i++;
          expect = 'key-or-close';
        } else if (c === '[') {
          stack.push('[');
          i++;
          expect = 'value-or-close';
        } else if (c === '"') {
          const end = stringEnd(text, i);
          if (end === undefined) return fault(i, text.slice(i, i + 20), 'syntax');
          i = end;
          expect = afterValue();
        } else {
          const code = c === '-' ? text.charCodeAt(i + 1) : c.charCodeAt(0);
          if (code >= 48 && code <= 57) {
            NUMBER.lastIndex = i;
            const literal = NUMBER.exec(text)![0];
            // Only an exponent or 309 digits can leave the range of a double; skip the conversion otherwise.
            if ((literal.length > 308 || /[eE]/.test(literal)) && !Number.isFinite(Number(literal))) return fault(i, literal, 'overflow');
            i += literal.length;
          } else {
            WORD.lastIndex = i;
            const word = WORD.exec(text)?.[0];
            if (word === undefined) return fault(i, c, 'syntax');
            if (/^-?(NaN|Infinity)$/.test(word)) return fault(i, word, 'not-a-number');
            if (word !== 'true' && word !== 'false' && word !== 'null') return fault(i, word, 'syntax');
            i += word.length;
          }
          expect = afterValue();
        }
        break;
      case 'key':
      case 'key-or-close':
        if (c === '}' && expect === 'key-or-close') {
          stack.pop();
          i++;
          expect = afterValue();
        } else if (c === '"') {
          const end = stringEnd(text, i);
          if (end === undefined) return fault(i, text.slice(i, i + 20), 'syntax');
          i = end;
          expect = 'colon';
        } else {
          return fault(i, c, 'syntax');
        }
        break;
      case 'colon':
        if (c !== ':') return fault(i, c, 'syntax');
        i++;
        expect = 'value';
        break;
      case 'comma-or-close':
        if (c === ',') {
          i++;
          expect = stack[stack.length - 1] === '{' ? 'key' : 'value';
        } else if ((c === '}' && stack[stack.length - 1] === '{') || (c === ']' && stack[stack.length - 1] === '[')) {
          stack.pop();
          i++;
          expect = afterValue();
        } else {
          return fault(i, c, 'syntax');
        }
        break;
      case 'end':
        return fault(i, c, 'syntax');
    }
  }
}

/** Line and column (both 1-based) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offset just past the string that opens at `start`, or undefined when it never closes on its line. */
function stringEnd(text: string, start: number): number | undefined {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
    else if (c === '\n') return undefined;
  }
  return undefined;
}

/** A token fit for a one-line message: control characters escaped, long ones cut. */
function shorten(token: string): string {
  const cut = token.length > 40 ? `${token.slice(0, 20)}…${token.slice(-8)}` : token;
  return JSON.stringify(cut).slice(1, -1);
}
