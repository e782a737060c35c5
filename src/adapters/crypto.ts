import { createHash } from 'node:crypto';

/** SHA-256 of the UTF-8 text, lower-case hex: the core's injected `Sha256`. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
