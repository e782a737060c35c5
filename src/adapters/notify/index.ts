import type { NotifierRegistry } from '../../ports/notifier.js';
import { createPagerDutyNotifier } from './pagerduty.js';
import { createSlackNotifier } from './slack.js';

/** Every notification channel, by `type`. A new channel is one file here plus one line below (and its entry in the config schema). */
export const notifiers: NotifierRegistry = {
  pagerduty: createPagerDutyNotifier,
  slack: createSlackNotifier,
};
