import type { Notifier } from '../../ports/notifier.js';
import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import { createPagerDutyNotifier, type PagerDutyNotifierConfig } from './pagerduty.js';
import { createSlackNotifier, type SlackNotifierConfig } from './slack.js';

export type NotificationEntry = PagerDutyNotifierConfig | SlackNotifierConfig;

/** Every notification channel, by `type`. A new channel is one file here plus one line below. */
export const notifiers: { readonly [K in NotificationEntry['type']]: (config: Extract<NotificationEntry, { type: K }>, deps: AdapterDeps) => Built<Notifier> } = {
  pagerduty: createPagerDutyNotifier,
  slack: createSlackNotifier,
};
