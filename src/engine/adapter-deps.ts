import type { AdapterDeps } from '../ports/adapter-deps.js';
import type { EngineContext } from './context.js';

/**
 * What the engine hands an adapter factory: the deps the command built (environment, fetch,
 * cancellation), else ones made from the context alone — no environment, so a source that needs
 * a credential says it is missing instead of reading a global.
 */
export function adapterDepsOf(ctx: EngineContext): AdapterDeps {
  if (ctx.adapterDeps) return ctx.adapterDeps;
  return { root: ctx.root, env: {}, fetch: globalThis.fetch, logger: ctx.logger, clock: ctx.clock, signal: new AbortController().signal };
}
