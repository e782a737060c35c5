import { Composer, isAlias, isMap, isScalar, isSeq, Parser, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import { prescanTokens } from './prescan-tokens.js';
import { readSourceMap, readValue } from './read-value.js';
import type { PathSegment, SourceComment, SourceNode, SourceScalar } from './source-map.js';
import type { TextProblem } from './text-problem.js';
import { YAML_LIMITS, type YamlLimits } from './limits.js';

/** One YAML file, read safely. */
export interface ParsedYaml {
  /** The document as plain data; undefined when the file could not be read as one document. */
  readonly value: unknown;
  /** Problems with the YAML itself; any error means `value` is undefined. */
  readonly problems: readonly TextProblem[];
  /**
   * Where each value sits (a single empty node when the file was not composed), worked out on
   * first call, so files without problems never pay for it.
   */
  readonly sourceMap: () => SourceNode;
  /**
   * Scalars as written (keys and values, with their paths), for the secret scanner. For files the
   * value reader took, the full parser runs on the first call of this or `comments`.
   */
  readonly scalars: () => readonly SourceScalar[];
  readonly comments: () => readonly SourceComment[];
}

/** What the full parser knows about a file beyond its value: positions and literals as written. */
interface SourceView {
  readonly root: SourceNode;
  readonly scalars: readonly SourceScalar[];
  readonly comments: readonly SourceComment[];
}

const EMPTY_NODE: SourceNode = { start: 0, end: 0 };

/**
 * Parses one Glidepath file: exactly one YAML 1.2 document, without anchors, aliases, tags or
 * directives, nested at most `limits.maxDepth` deep. Never throws on any input: every way the text
 * can be wrong is a problem at an offset.
 *
 * Values and positions come from js-yaml (`readValue`, `readSourceMap`), which is fast; every
 * file it declines, and the literals the secret scanner asks for, come from the `yaml` package,
 * whose messages users see. See docs/decisions/0010-one-yaml-parser.md.
 */
export function parseYaml(text: string, limits: YamlLimits = YAML_LIMITS): ParsedYaml {
  // The lexer makes at most two tokens per character (a scalar comes with a marker token), so a
  // shorter file cannot reach the token cap; a longer one goes where the pre-scan counts them.
  const read = text.length * 2 < limits.maxTokens ? readValue(text, limits.maxDepth) : undefined;
  if (!read?.ok) return parseWithFullParser(text, limits);
  let view: SourceView | undefined;
  let root: SourceNode | undefined;
  const source = (): SourceView => {
    view ??= readSource(text, limits);
    return view;
  };
  return {
    value: read.value,
    problems: [],
    sourceMap: () => {
      root ??= view?.root ?? readSourceMap(text, limits.maxDepth);
      return root;
    },
    scalars: () => source().scalars,
    comments: () => source().comments,
  };
}

function readSource(text: string, limits: YamlLimits): SourceView {
  const full = parseWithFullParser(text, limits);
  return { root: full.sourceMap(), scalars: full.scalars(), comments: full.comments() };
}

const emptyMap = (): SourceNode => EMPTY_NODE;

/**
 * The `yaml` package alone: values, problems in our words, positions, literals as written.
 * `parseYaml` uses it for files the value reader declines, and for the secret scanner's literals.
 */
export function parseWithFullParser(text: string, limits: YamlLimits = YAML_LIMITS): ParsedYaml {
  const scan = prescanTokens(text, limits.maxDepth, limits.maxTokens);
  const scanned = { scalars: () => scan.scalars, comments: () => scan.comments };
  if (scan.problems.length > 0) {
    return { value: undefined, sourceMap: emptyMap, ...scanned, problems: scan.problems };
  }
  let documents: Document.Parsed[];
  try {
    const parser = new Parser();
    const cst = [];
    for (const token of scan.tokens) for (const node of parser.next(token)) cst.push(node);
    for (const node of parser.end()) cst.push(node);
    // The composer's own duplicate-key check compares every key with every other (quadratic in a
    // mapping's size); duplicates are found below with a set instead.
    documents = Array.from(new Composer({ prettyErrors: false, uniqueKeys: false, strict: true }).compose(cst, true, text.length));
  } catch {
    // The pre-scan exists so that this cannot happen; if the parser still gives up, say so plainly.
    return {
      value: undefined, sourceMap: emptyMap, ...scanned,
      problems: [{ offset: 0, severity: 'error', rule: 'yaml/syntax', message: 'the YAML parser could not read this file', hint: 'simplify the file; Glidepath files are plain mappings and lists' }],
    };
  }
  const problems: TextProblem[] = [];
  const document = documents[0];
  if (documents.length > 1) {
    const second = documents[1] as Document.Parsed;
    problems.push({
      offset: documentStart(second, text),
      severity: 'error',
      rule: 'yaml/multiple-documents',
      message: `this file holds ${documents.length} YAML documents; Glidepath reads exactly one document per file`,
      hint: 'move each document after a `---` into its own file',
    });
  }
  if (!document) {
    return { value: undefined, sourceMap: emptyMap, ...scanned, problems: [emptyFile(), ...problems] };
  }
  for (const error of document.errors.slice(0, limits.maxProblemsPerFile)) problems.push(fromYamlError(error, text, 'error'));
  if (document.errors.length > limits.maxProblemsPerFile) {
    problems.push({ offset: text.length, severity: 'error', rule: 'yaml/syntax', message: `${document.errors.length - limits.maxProblemsPerFile} more YAML syntax errors in this file` });
  }
  for (const warning of document.warnings.slice(0, limits.maxProblemsPerFile)) problems.push(fromYamlError(warning, text, 'warning'));
  const scalars: SourceScalar[] = [];
  const duplicates: number[] = [];
  const root = document.contents ? toSourceNode(document.contents, [], scalars, duplicates) : EMPTY_NODE;
  for (const offset of duplicates.slice(0, limits.maxProblemsPerFile)) {
    problems.push({ offset, severity: 'error', rule: 'yaml/duplicate-key', message: `duplicate key${quoteKey(text, offset)}; each key may appear only once in a mapping`, hint: 'remove one of them or merge their contents' });
  }
  if (document.contents === null || (isScalar(document.contents) && document.contents.value === null && document.contents.source === '')) {
    if (problems.length === 0) problems.push(emptyFile());
  }
  let value: unknown;
  if (!problems.some((p) => p.severity === 'error')) {
    try {
      value = document.toJS({ maxAliasCount: 0 });
    } catch {
      problems.push({ offset: 0, severity: 'error', rule: 'yaml/syntax', message: 'the YAML document could not be converted to data' });
    }
  }
  return { value, sourceMap: () => root, scalars: () => scalars, comments: () => scan.comments, problems };
}

function emptyFile(): TextProblem {
  return {
    offset: 0,
    severity: 'error',
    rule: 'yaml/empty',
    message: 'the file is empty; a Glidepath file holds one document with apiVersion, kind, metadata and spec',
    hint: 'fill it in or delete it',
  };
}

function documentStart(document: Document.Parsed, text: string): number {
  const start = document.range[0];
  // The range starts after the `---` marker; point at the marker the user typed.
  const marker = text.lastIndexOf('---', start);
  return marker !== -1 && start - marker <= 4 ? marker : start;
}

/** Where the full parser's own messages could quote the file, say it in our words instead. */
const MESSAGES: Readonly<Record<string, { rule: string; message: (error: YAMLError, text: string) => string; hint?: string }>> = {
  DUPLICATE_KEY: {
    rule: 'yaml/duplicate-key',
    message: (error, text) => `duplicate key${quoteKey(text, error.pos[0])}; each key may appear only once in a mapping`,
    hint: 'remove one of them or merge their contents',
  },
  TAB_AS_INDENT: {
    rule: 'yaml/tab-indent',
    message: () => 'a tab is used for indentation; YAML indents with spaces only',
    hint: 'replace the tab with spaces',
  },
  MULTIPLE_DOCS: {
    rule: 'yaml/multiple-documents',
    message: () => 'this file holds more than one YAML document; Glidepath reads exactly one document per file',
    hint: 'move each document after a `---` into its own file',
  },
  BAD_DQ_ESCAPE: { rule: 'yaml/syntax', message: () => 'invalid escape sequence in a double-quoted string', hint: 'use single quotes, or escape the backslash as `\\\\`' },
  TAG_RESOLVE_FAILED: { rule: 'yaml/tag', message: () => 'unknown YAML tag', hint: 'remove the tag' },
  BAD_ALIAS: { rule: 'yaml/alias', message: () => 'YAML aliases are not allowed in Glidepath files' },
  BAD_SCALAR_START: { rule: 'yaml/syntax', message: (error) => `YAML syntax error: ${error.message}`, hint: 'quote the value' },
  BLOCK_AS_IMPLICIT_KEY: { rule: 'yaml/syntax', message: (error) => `YAML syntax error: ${error.message}`, hint: 'put a space after each `:` and start nested mappings on a new, indented line' },
  MULTILINE_IMPLICIT_KEY: { rule: 'yaml/syntax', message: () => 'YAML syntax error: a key must fit on one line (a `:` may be missing on the line before)' },
  MISSING_CHAR: { rule: 'yaml/syntax', message: (error) => `YAML syntax error: ${error.message}` },
  BAD_INDENT: { rule: 'yaml/syntax', message: (error) => `YAML syntax error: ${error.message}`, hint: 'check the indentation of this line against the lines around it' },
  UNEXPECTED_TOKEN: {
    rule: 'yaml/syntax',
    message: (error) => (/^Unexpected (?:,|[a-z-]+ token|[a-z-]+ at node end|empty item)/.test(error.message) ? `YAML syntax error: ${error.message}` : 'YAML syntax error: unexpected characters here'),
  },
};

const SAFE_CODES = new Set(['BAD_DIRECTIVE', 'BAD_COLLECTION_TYPE', 'BAD_PROP_ORDER', 'COMMENT_SPACE', 'IMPOSSIBLE', 'KEY_OVER_1024_CHARS', 'MISSING_ANCHOR', 'UNEXPECTED_TOKEN']);

function fromYamlError(error: YAMLError, text: string, severity: 'error' | 'warning'): TextProblem {
  const known = MESSAGES[error.code];
  if (known) {
    return { offset: error.pos[0], severity, rule: known.rule, message: known.message(error, text), ...(known.hint ? { hint: known.hint } : {}) };
  }
  const message = SAFE_CODES.has(error.code) && error.message.length <= 160 && !error.message.includes(':') ? error.message : 'the YAML here cannot be read';
  return { offset: error.pos[0], severity, rule: severity === 'error' ? 'yaml/syntax' : 'yaml/warning', message: `YAML ${severity === 'error' ? 'syntax error' : 'warning'}: ${message}` };
}

function quoteKey(text: string, offset: number): string {
  const match = /^[A-Za-z0-9_./-]{1,64}(?=\s*:)/.exec(text.slice(offset, offset + 80));
  return match ? ` \`${match[0]}\`` : '';
}

/** Mirrors a composed document as source nodes, collecting its scalars on the way (depth is capped by the pre-scan). */
function toSourceNode(node: YamlNode, path: PathSegment[], scalars: SourceScalar[], duplicates: number[]): SourceNode {
  const [start, end] = node.range ?? [0, 0];
  if (isMap(node)) {
    const children = new Map<PathSegment, SourceNode>();
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key)) continue;
      const name = String(key.value ?? '');
      const keyStart = key.range?.[0] ?? start;
      const childPath = [...path, name];
      scalars.push({ text: name, start: keyStart, end: key.range?.[1] ?? keyStart, path: childPath, isKey: true });
      const value = pair.value;
      const child = value && typeof value === 'object' && 'range' in value
        ? toSourceNode(value as YamlNode, childPath, scalars, duplicates)
        : { start: key.range?.[1] ?? keyStart, end: key.range?.[1] ?? keyStart };
      if (children.has(name)) duplicates.push(keyStart);
      else children.set(name, { ...child, keyStart });
    }
    return { start, end, children };
  }
  if (isSeq(node)) {
    const children = new Map<PathSegment, SourceNode>();
    node.items.forEach((item, index) => {
      if (item && typeof item === 'object' && 'range' in item) children.set(index, toSourceNode(item as YamlNode, [...path, index], scalars, duplicates));
    });
    return { start, end, children };
  }
  if (isScalar(node)) {
    const text = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
    scalars.push({ text: String(text), start, end, path, isKey: false });
  } else if (isAlias(node)) {
    return { start, end };
  }
  return { start, end };
}
