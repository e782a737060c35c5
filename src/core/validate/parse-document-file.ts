import type { UndecodableReason } from '../yaml/decode-text.js';
import { decodeText } from '../yaml/decode-text.js';
import type { YamlLimits } from '../yaml/limits.js';
import { parseYaml, type ParsedYaml } from '../yaml/parse-yaml.js';

/** A Glidepath file's bytes, read as a YAML document or refused before parsing. */
export type DocumentFile =
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'undecodable'; readonly reason: UndecodableReason; readonly line: number; readonly col: number }
  | { readonly kind: 'parsed'; readonly text: string; readonly yaml: ParsedYaml };

/** Enough for the largest repository the benchmarks load (1,101 files) twice over, in a long-running `watch`. */
const MAX_REMEMBERED = 4096;
const parsedFiles = new Map<string, { readonly limits: YamlLimits; readonly file: DocumentFile }>();

/**
 * Size check, strict UTF-8 decoding and safe parsing of one Glidepath file. Remembered by
 * content, not by byte array: a reader looking into releases for prompt paths and the loader
 * validating them, or a plan reading two revisions, hand over the same file as different arrays
 * (a host API decodes base64 afresh each time), and each content is parsed once. Results are
 * never mutated; the same content answers the same object.
 */
export function parseDocumentFile(bytes: Uint8Array, limits: YamlLimits): DocumentFile {
  if (bytes.length > limits.maxFileBytes) return { kind: 'too-large', size: bytes.length };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { kind: 'undecodable', reason: decoded.reason, line: decoded.line, col: decoded.col };
  const cached = parsedFiles.get(decoded.text);
  if (cached && cached.limits === limits) return cached.file;
  const file: DocumentFile = { kind: 'parsed', text: decoded.text, yaml: parseYaml(decoded.text, limits) };
  if (parsedFiles.size >= MAX_REMEMBERED) parsedFiles.delete(parsedFiles.keys().next().value as string);
  parsedFiles.set(decoded.text, { limits, file });
  return file;
}
