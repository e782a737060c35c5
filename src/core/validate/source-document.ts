import type { Problem } from '../problem.js';
import type { DocumentKind, LoadedDocument, SourcePosition } from '../model/index.js';
import type { LineIndex } from '../yaml/line-index.js';
import { findSourceNode, type PathSegment, type SourceNode } from '../yaml/source-map.js';
import { formatFieldPath } from './field-path.js';
import type { FieldProblem } from './schema-problems.js';

/** A loaded document as the validator sees it: the public view plus ways to report at a field. */
export interface SourceDocument<T> extends LoadedDocument<T> {
  readonly kind: DocumentKind;
  /** Position of the value at `path` (its first character), or of the nearest existing parent. */
  readonly locateValue: (path: readonly PathSegment[]) => SourcePosition;
  /** The problem, placed at its field. */
  readonly report: (problem: FieldProblem) => Problem;
}

/** Offset of the field at `path`: its key for mapping entries (`at: 'key'`), else its value. */
export function offsetOf(root: SourceNode, path: readonly PathSegment[], at: 'key' | 'value'): number {
  const { node, exact } = findSourceNode(root, path);
  if (at === 'key' || !exact) return node.keyStart ?? node.start;
  return node.start;
}

export function toProblem(file: string, lines: LineIndex, root: SourceNode, problem: FieldProblem): Problem {
  const { line, col } = lines.position(offsetOf(root, problem.path, problem.at));
  const field = formatFieldPath(problem.path);
  return {
    file, line, col,
    severity: problem.severity,
    message: problem.message,
    rule: problem.rule,
    ...(problem.hint ? { hint: problem.hint } : {}),
    ...(field ? { field } : {}),
  };
}

/** `sourceMap` is called only when a position is asked for: valid documents never build one. */
export function createSourceDocument<T>(file: string, kind: DocumentKind, value: T, sourceMap: () => SourceNode, lines: LineIndex): SourceDocument<T> {
  return {
    file,
    kind,
    value,
    locate: (path) => ({ file, ...lines.position(offsetOf(sourceMap(), path, 'key')) }),
    locateValue: (path) => ({ file, ...lines.position(offsetOf(sourceMap(), path, 'value')) }),
    report: (problem) => toProblem(file, lines, sourceMap(), problem),
  };
}
