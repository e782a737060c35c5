import type { AdapterDeps, Built } from './adapter-deps.js';
import type { CallOptions, CallResult } from './call.js';

import type { PagerDutyNotifierConfig, SlackNotifierConfig } from '../core/model/index.js';
import type { NoticeKind } from '../core/rollout/types.js';

export type { NoticeKind } from '../core/rollout/types.js';

/** One decision worth telling people about, as every channel receives it. */
export interface Notice {
  readonly release: string;
  readonly kind: NoticeKind;
  /** One line: what happened and why. */
  readonly summary: string;
  /** ISO time of the decision. */
  readonly at: string;
  readonly stage?: string;
  readonly links?: readonly { readonly href: string; readonly text: string }[];
  readonly details?: Readonly<Record<string, string | number>>;
}

/** Where notices go: a pager, a chat channel. A new channel is one file in src/adapters/notify/ plus one registry line. */
export interface Notifier {
  readonly type: string;
  /** The entry's name in glidepath.yaml, for messages. */
  readonly name: string;
  /** Whether this channel wants notices of this kind (the entry's `on`, or the channel's default). */
  wants(kind: NoticeKind): boolean;
  send(notice: Notice, options?: CallOptions): Promise<CallResult<void>>;
}

/** Builds a notifier from its glidepath.yaml entry; a credential variable that is not set is a configuration error. */
export type NotifierFactory<Config> = (config: Config, deps: AdapterDeps) => Built<Notifier>;

/** A `spec.notifications` entry of glidepath.yaml. */
export type NotificationEntry = PagerDutyNotifierConfig | SlackNotifierConfig;

/** Every notification channel type glidepath.yaml may name, each built from its own entry type. */
export type NotifierRegistry = { readonly [K in NotificationEntry['type']]: NotifierFactory<Extract<NotificationEntry, { readonly type: K }>> };
