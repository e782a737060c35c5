import type { StateStore } from './state-store.js';
import { CHAMPION_ONLY, describeSplit, sameSplit, servesUsers } from '../core/rollout/split.js';
import type { Action, RolloutState } from '../core/rollout/types.js';
import type { EngineContext } from './context.js';
import { errorOutcome, type ReleaseOutcome } from './retry-on-conflict.js';
import { resolveRollout, type ProviderContext, type RolloutSetup, type Workspace } from './workspace.js';
import type { TrafficSplit } from '../core/model/traffic-split.js';
import { settledSplit } from './apply-answer.js';

/**
 * Traffic moves before the state commit. When that commit cannot be made (the races were all lost,
 * the branch is locked, the commit failed), the provider would serve a split nothing records until
 * some later run reconciles it, and a run that fails the same way every tick would keep it there.
 * So the provider is set back to the split the branch records now (champion only when nothing is
 * recorded, or when the record is for another challenger: the provider's variants are this run's),
 * and read back. Returns the sentence the outcome's reason ends with.
 */
export async function putBackRecordedSplit(
  ctx: Pick<EngineContext, 'logger'>,
  store: StateStore,
  setup: Pick<RolloutSetup, 'name' | 'provider' | 'capabilities' | 'target' | 'bundleHash'>,
  /** The state the failed attempt planned from, used when the branch cannot be read now. */
  planned: RolloutState | undefined,
): Promise<string> {
  let recorded = planned;
  try {
    recorded = (await store.load()).states.get(setup.name);
  } catch (error) {
    ctx.logger.debug(`${setup.name}: the state branch could not be re-read (${(error as Error).message}); putting back the split the plan was made from`);
  }
  const split: TrafficSplit = recorded && recorded.bundleHash === setup.bundleHash ? recorded.split : CHAMPION_ONLY;
  const shown = describeSplit(split);
  const before = await setup.provider.read(setup.target);
  if (before.ok && sameSplit(before.value, split, setup.capabilities.weightStep)) return `the provider serves the recorded ${shown}, unchanged`;
  const answer = settledSplit(await setup.provider.apply(setup.target, split));
  if (answer.ok && sameSplit(answer.value, split, setup.capabilities.weightStep)) {
    ctx.logger.warn(`${setup.name}: the state was not recorded, so traffic was put back to the recorded ${shown}`);
    return `traffic was put back to the recorded ${shown} (read back)`;
  }
  const serves = answer.ok ? `it serves ${describeSplit(answer.value)}` : answer.error;
  ctx.logger.warn(`${setup.name}: traffic could not be put back to the recorded ${shown}: ${serves}`);
  return `putting traffic back to the recorded ${shown} failed (${serves}): the provider is ahead of the record until the next tick reconciles it`;
}

/**
 * A `start` killed between the provider call and its first commit leaves the challenger serving
 * users with no rollout recorded, so no tick would ever judge it or roll it back. A release with
 * no state whose provider serves the challenger is set back to champion only; the next `start`
 * sets its first stage again and records it. Releases that do not resolve, or whose provider
 * cannot be read, are left alone: there is nothing safe to do for them here.
 */
export async function putBackUnrecordedRelease(
  ctx: ProviderContext & Pick<EngineContext, 'sha256' | 'dryRun'>,
  workspace: Workspace,
  name: string,
  branch: string,
): Promise<ReleaseOutcome | undefined> {
  const setup = resolveRollout(ctx, workspace, name);
  if ('error' in setup) return undefined;
  const served = await setup.provider.read(setup.target);
  if (!served.ok || !servesUsers(served.value)) return undefined;
  const before = `the provider serves ${describeSplit(served.value)}, but ${name} has no rollout recorded on ${branch} (a start that stopped before recording it)`;
  const action: Action = { type: 'set-traffic', release: name, split: CHAMPION_ONLY, from: served.value, reason: before };
  if (ctx.dryRun) return { ...errorOutcome(name, `${before}; dry run: would put back champion only`), decision: 'hold', actions: [action] };
  const answer = settledSplit(await setup.provider.apply(setup.target, CHAMPION_ONLY));
  const ok = answer.ok && sameSplit(answer.value, CHAMPION_ONLY, setup.capabilities.weightStep);
  const reason = ok
    ? `${before}; put back to champion only (read back); \`glidepath start --release ${name}\` starts it again`
    : `${before}; putting back champion only failed (${answer.ok ? `it serves ${describeSplit(answer.value)}` : answer.error})`;
  ctx.logger.warn(`${name}: ${reason}`);
  return ok ? { ...errorOutcome(name, reason), decision: 'hold', actions: [action] } : { ...errorOutcome(name, reason), actions: [action] };
}
