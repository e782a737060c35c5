/** A step into a parsed value: a mapping key or a list index. */
export type PathSegment = string | number;

/**
 * Where one value of a parsed document sits in its text (offsets into the decoded string).
 * `keyStart` is set for mapping values: the position of their key, which is what a user reads
 * as "the field".
 */
export interface SourceNode {
  readonly start: number;
  readonly end: number;
  readonly keyStart?: number;
  readonly children?: ReadonlyMap<PathSegment, SourceNode>;
}

/** A scalar as written (key or value), for scanners that read literals such as the secret scanner. */
export interface SourceScalar {
  /** The value's text (decoded for quoted scalars, as written for numbers and booleans). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly path: readonly PathSegment[];
  readonly isKey: boolean;
}

export interface SourceComment {
  readonly text: string;
  readonly start: number;
}

export interface SourceHit {
  readonly node: SourceNode;
  /** False when the path stops early: `node` is then the deepest ancestor that exists. */
  readonly exact: boolean;
}

/** The node at `path`, or its deepest existing ancestor. */
export function findSourceNode(root: SourceNode, path: readonly PathSegment[]): SourceHit {
  let node = root;
  for (const segment of path) {
    const child = node.children?.get(segment) ?? (typeof segment === 'number' ? undefined : node.children?.get(Number(segment)));
    if (!child) return { node, exact: false };
    node = child;
  }
  return { node, exact: true };
}
