/**
 * SHA-256 of the UTF-8 encoding of `text`, as 64 lower-case hex digits. The core cannot import
 * node:crypto, so adapters pass theirs in (src/adapters/crypto.ts).
 */
export type Sha256 = (text: string) => string;

/** The `prevHash` of the first record of a log. */
export const GENESIS_HASH = '0'.repeat(64);

const HEX_64 = /^[0-9a-f]{64}$/;

/** True when `text` looks like a SHA-256 digest as Glidepath writes them. */
export function isSha256Hex(text: unknown): text is string {
  return typeof text === 'string' && HEX_64.test(text);
}
