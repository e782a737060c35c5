import { weakeningReleases, type Plan } from '../plan/build-plan.js';
import { failedOfflineGates } from './offline-gate.js';

/** The plan at a glance: `2 releases change · 1 weakens its policy ⚠`. */
export function planHeadline(plan: Plan): string {
  const count = plan.releases.length;
  const parts = [count === 0 ? 'No release changes' : `${count} release${count === 1 ? '' : 's'} change${count === 1 ? 's' : ''}`];
  const weakening = weakeningReleases(plan).length;
  if (weakening > 0) parts.push(`${weakening} weaken${weakening === 1 ? 's its policy' : ' their policies'} ⚠`);
  const offline = failedOfflineGates(plan);
  if (offline > 0) parts.push(`${offline} fail${offline === 1 ? 's its' : ' their'} offline gate ⛔`);
  const orphans = plan.policies.filter((p) => p.usedBy.length === 0).length;
  if (orphans > 0) parts.push(`${orphans} polic${orphans === 1 ? 'y changes' : 'ies change'} that no release uses`);
  return parts.join(' · ');
}

/** The check run's verdict on a plan: a failed offline gate fails it; weakenings ask for a reviewer's eye. */
export function planConclusion(plan: Plan): 'success' | 'neutral' | 'failure' {
  if (failedOfflineGates(plan) > 0) return 'failure';
  return weakeningReleases(plan).length > 0 ? 'neutral' : 'success';
}
