import { createRandom, type Random } from '../../test/support/random.js';

/** A rollout stage's own stream, independent of how many rollouts run before it. */
export function stageRandom(seed: number, index: number): Random {
  return createRandom((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
}
