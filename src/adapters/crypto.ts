import module from 'node:module';

type NodeCrypto = typeof import('node:crypto');
let loaded: NodeCrypto | undefined;

/**
 * node:crypto, loaded on first use: loading it takes some 15 ms, which `validate` and `plan`
 * would pay at every start without ever hashing. Required, not imported, so that loading stays synchronous.
 */
function nodeCrypto(): NodeCrypto {
  loaded ??= module.createRequire(import.meta.url)('node:crypto') as NodeCrypto;
  return loaded;
}

/** SHA-256 of the UTF-8 text, lower-case hex: the core's injected `Sha256`. */
export function sha256(text: string): string {
  return nodeCrypto().createHash('sha256').update(text, 'utf8').digest('hex');
}

/** HMAC-SHA-256 of the UTF-8 text under `secret`, lower-case hex. */
export function hmacSha256(secret: string, text: string): string {
  return nodeCrypto().createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/** `bytes` random bytes as lower-case hex (unique temporary names). */
export function randomHex(bytes: number): string {
  return nodeCrypto().randomBytes(bytes).toString('hex');
}
