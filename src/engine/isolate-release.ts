import type { RolloutState } from '../core/rollout/types.js';
import type { EngineContext } from './context.js';
import { errorOutcome, type ReleaseOutcome } from './retry-on-conflict.js';

/**
 * Runs one release's part of a command so that nothing it throws reaches the others: a bug, a
 * policy that lost the stage a rollout is at, a state branch write that failed. The release gets
 * an error outcome naming what happened (the command exits 1); the releases after it, including
 * ones that must roll back, are still evaluated.
 */
export async function isolateRelease<T extends ReleaseOutcome | undefined>(
  ctx: Pick<EngineContext, 'logger'>,
  release: string,
  state: RolloutState | undefined,
  work: () => Promise<T>,
): Promise<T | ReleaseOutcome> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.stack) ctx.logger.debug(`${release}: ${error.stack}`);
    return errorOutcome(release, `${release} could not be evaluated: ${message}`, state);
  }
}
