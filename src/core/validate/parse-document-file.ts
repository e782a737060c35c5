import type { UndecodableReason } from '../yaml/decode-text.js';
import { decodeText } from '../yaml/decode-text.js';
import type { YamlLimits } from '../yaml/limits.js';
import { parseYaml, type ParsedYaml } from '../yaml/parse-yaml.js';

/** A Glidepath file's bytes, read as a YAML document or refused before parsing. */
export type DocumentFile =
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'undecodable'; readonly reason: UndecodableReason; readonly line: number; readonly col: number }
  | { readonly kind: 'parsed'; readonly text: string; readonly yaml: ParsedYaml };

const parsedFiles = new WeakMap<Uint8Array, { readonly limits: YamlLimits; readonly file: DocumentFile }>();

/**
 * Size check, strict UTF-8 decoding and safe parsing of one Glidepath file. Remembered per byte
 * array, so that a reader looking into releases for prompt paths and the loader validating them
 * parse each file once (byte arrays are treated as immutable, results are never mutated).
 */
export function parseDocumentFile(bytes: Uint8Array, limits: YamlLimits): DocumentFile {
  const cached = parsedFiles.get(bytes);
  if (cached && cached.limits === limits) return cached.file;
  const file = readFile(bytes, limits);
  parsedFiles.set(bytes, { limits, file });
  return file;
}

function readFile(bytes: Uint8Array, limits: YamlLimits): DocumentFile {
  if (bytes.length > limits.maxFileBytes) return { kind: 'too-large', size: bytes.length };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { kind: 'undecodable', reason: decoded.reason, line: decoded.line, col: decoded.col };
  return { kind: 'parsed', text: decoded.text, yaml: parseYaml(decoded.text, limits) };
}
