import type { AdapterDeps } from '../ports/adapter-deps.js';
import type { EngineContext } from './context.js';

/** What the engine hands an adapter factory: the command's environment, fetch and cancellation, with the context's root, logger and clock. */
export function adapterDepsOf(ctx: Pick<EngineContext, 'root' | 'adapterDeps' | 'logger' | 'clock'>): AdapterDeps {
  return { root: ctx.root, env: ctx.adapterDeps.env, fetch: ctx.adapterDeps.fetch, signal: ctx.adapterDeps.signal, logger: ctx.logger, clock: ctx.clock };
}
