import { CST, Lexer } from 'yaml';
import type { SourceComment, SourceScalar } from './source-map.js';
import type { TextProblem } from './text-problem.js';

/** The lexer's view of a file that the full YAML parser is about to compose. */
export interface TokenScan {
  /** Lexer tokens, to feed the CST parser without lexing twice. */
  readonly tokens: readonly string[];
  /** Problems that make composing unsafe or unwanted (too deep, anchors, aliases, tags, directives). */
  readonly problems: readonly TextProblem[];
  /** Scalars and comments as written, for scanners that must run even when the file is not composed. */
  readonly scalars: readonly SourceScalar[];
  readonly comments: readonly SourceComment[];
}

interface Level {
  readonly col: number;
  readonly indicator: boolean;
}

/**
 * One linear pass over the lexer's tokens, before the (recursive) composer sees them.
 *
 * The nesting estimate must never be lower than the depth the composer would recurse to, so
 * that `maxDepth` protects the stack: flow brackets count one level each; in block context every
 * node start at a column pushes a level and pops the levels at or right of it (a `-` at the
 * column of a mapping key nests inside that mapping, as YAML allows).
 *
 * Anchors and aliases are rejected outright rather than expanded with a cap: Glidepath files are
 * short, aliases hide what a reviewer approves, and a file without them cannot be an alias bomb.
 */
export function prescanTokens(text: string, maxDepth: number, maxTokens = Number.POSITIVE_INFINITY): TokenScan {
  const tokens: string[] = [];
  const problems: TextProblem[] = [];
  const scalars: SourceScalar[] = [];
  const comments: SourceComment[] = [];
  const levels: Level[] = [];
  let offset = 0;
  let lineStart = 0;
  let flowDepth = 0;
  let atScalar = false;
  let anchors = 0;
  let aliases = 0;
  let tags = 0;
  let directives = 0;
  let firstAnchor = -1;
  let firstAlias = -1;
  let firstTag = -1;
  let firstTagText = '';
  let firstDirective = -1;
  let hasContent = false;
  let extraDocuments = 0;
  let secondDocument = -1;

  const pushLevel = (col: number, indicator: boolean): boolean => {
    while (levels.length > 0) {
      const top = levels[levels.length - 1] as Level;
      if (top.col > col || (top.col === col && (indicator ? top.indicator : true))) levels.pop();
      else break;
    }
    levels.push({ col, indicator });
    return levels.length + flowDepth <= maxDepth;
  };
  const tooDeep = (at: number): TokenScan => {
    problems.push({
      offset: at,
      severity: 'error',
      rule: 'yaml/too-deep',
      message: `values are nested more than ${maxDepth} levels deep here; Glidepath files need only a few levels`,
      hint: 'flatten the structure; the parser stops here to protect itself',
    });
    return finish(true);
  };

  /** Adds what the scan found so far (anchors, aliases, tags, directives, more documents). */
  const finish = (truncated = false): TokenScan => {
    const more = (n: number): string => (n > 1 ? `; this file has ${n}` : '');
    if (secondDocument >= 0) {
      problems.push({
        offset: secondDocument, severity: 'error', rule: 'yaml/multiple-documents',
        message: `this file holds ${truncated ? 'at least ' : ''}${extraDocuments + 1} YAML documents; Glidepath reads exactly one document per file`,
        hint: 'move each document after a `---` into its own file',
      });
    }
    if (firstAnchor >= 0) {
      problems.push({
        offset: firstAnchor, severity: 'error', rule: 'yaml/anchor',
        message: `YAML anchors (\`&name\`) are not allowed in Glidepath files${more(anchors)}`,
        hint: 'write each value out in full, so that reviewers see exactly what rolls out',
      });
    }
    if (firstAlias >= 0) {
      problems.push({
        offset: firstAlias, severity: 'error', rule: 'yaml/alias',
        message: `YAML aliases (\`*name\`) are not allowed in Glidepath files${more(aliases)}`,
        hint: 'write each value out in full; aliases are rejected so that no file can expand into a huge document',
      });
    }
    if (firstTag >= 0) {
      const shown = /^!{1,2}[A-Za-z0-9/._:-]{0,38}$/.test(firstTagText) ? `\`${firstTagText}\`` : 'explicit tags';
      problems.push({
        offset: firstTag, severity: 'error', rule: 'yaml/tag',
        message: `YAML tags such as ${shown} are not allowed in Glidepath files${more(tags)}`,
        hint: 'remove the tag; quote the value if it must be read as text',
      });
    }
    if (firstDirective >= 0) {
      problems.push({
        offset: firstDirective, severity: 'error', rule: 'yaml/directive',
        message: `YAML directives (\`%YAML\`, \`%TAG\`) are not allowed in Glidepath files${more(directives)}`,
        hint: 'remove the directive line; Glidepath reads YAML 1.2',
      });
    }
    return { tokens, problems, scalars, comments };
  };

  for (const token of new Lexer().lex(text)) {
    tokens.push(token);
    if (tokens.length > maxTokens) {
      problems.push({
        offset, severity: 'error', rule: 'yaml/too-complex',
        message: `the file holds more than ${maxTokens.toLocaleString('en-US')} YAML tokens; Glidepath files are a few hundred`,
        hint: 'check that this is the file you meant; split very long lists',
      });
      return finish(true);
    }
    const start = offset;
    if (atScalar) {
      atScalar = false;
      hasContent = true;
      offset += token.length;
      scalars.push({ text: token, start, end: offset, path: [], isKey: false });
      if (flowDepth === 0 && !pushLevel(start - lineStart, false)) return tooDeep(start);
      continue;
    }
    const type = CST.tokenType(token);
    if (type === 'scalar') { atScalar = true; continue; }
    if (type === 'doc-mode' || type === 'flow-error-end') continue;
    offset += token.length;
    if (type !== 'newline' && type !== 'space' && type !== 'comment' && type !== 'byte-order-mark' && type !== 'directive-line' && type !== 'doc-start' && type !== 'doc-end') hasContent = true;
    switch (type) {
      case 'doc-start':
        // A `---` after content starts a second document; the composer need not build thousands of them to say so.
        if (hasContent) {
          extraDocuments += 1;
          if (secondDocument < 0) secondDocument = start;
        }
        break;
      case 'newline':
        lineStart = offset;
        break;
      case 'comment':
        comments.push({ text: token, start });
        break;
      case 'flow-map-start':
      case 'flow-seq-start':
        if (flowDepth === 0 && !pushLevel(start - lineStart, false)) return tooDeep(start);
        flowDepth += 1;
        if (levels.length + flowDepth > maxDepth) return tooDeep(start);
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flowDepth = Math.max(0, flowDepth - 1);
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
        if (flowDepth === 0 && !pushLevel(start - lineStart, true)) return tooDeep(start);
        break;
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar-header':
        if (type !== 'block-scalar-header') scalars.push({ text: token, start, end: offset, path: [], isKey: false });
        if (flowDepth === 0 && !pushLevel(start - lineStart, false)) return tooDeep(start);
        break;
      case 'anchor':
        anchors += 1;
        if (firstAnchor < 0) firstAnchor = start;
        break;
      case 'alias':
        aliases += 1;
        if (firstAlias < 0) firstAlias = start;
        break;
      case 'tag':
        tags += 1;
        if (firstTag < 0) { firstTag = start; firstTagText = token.slice(0, 40); }
        break;
      case 'directive-line':
        directives += 1;
        if (firstDirective < 0) firstDirective = start;
        break;
      default:
        break;
    }
  }

  return finish();
}
