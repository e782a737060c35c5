import module from 'node:module';

const requireBuiltin = module.createRequire(import.meta.url);
let loaded: typeof import('node:fs/promises') | undefined;

/**
 * node:fs/promises, loaded on first use: it brings streams, readline and the REPL history (some
 * thirty internal modules, a few ms at every start), and a command that only reads a repository
 * through git (`plan`) never needs it. Required, not imported, for the same reason (decision 0014).
 */
export function fsPromises(): typeof import('node:fs/promises') {
  loaded ??= requireBuiltin('node:fs/promises') as typeof import('node:fs/promises');
  return loaded;
}
