import type { PagerDutyNotifierConfig } from '../../core/model/index.js';
import type { NoticeKind, Notifier, NotifierFactory } from '../../ports/notifier.js';

export type { PagerDutyNotifierConfig };
import { requestJson } from '../http/http-json.js';
import { credentialFrom } from './credential.js';


const DEFAULT_URL = 'https://events.pagerduty.com';
const SEVERITY: Readonly<Record<NoticeKind, 'critical' | 'error' | 'warning' | 'info'>> = {
  // Traffic is already back on the champion when this is sent: an error to look into, not an outage in progress.
  'rolled-back': 'error',
  'needs-attention': 'warning',
  recovered: 'info',
  completed: 'info',
};

/**
 * PagerDuty Events API v2: a rollback or a rollout that needs a person triggers an alert, and the
 * release recovering or completing resolves it. One dedup key per release, so repeated notices
 * update one alert instead of opening many.
 */
export const createPagerDutyNotifier: NotifierFactory<PagerDutyNotifierConfig> = (config, deps) => {
  const key = credentialFrom(deps.env, config, 'routingKeyEnv', config.routingKeyEnv);
  if (!key.ok) return key;
  const endpoint = `${(config.url ?? DEFAULT_URL).replace(/\/$/, '')}/v2/enqueue`;
  const on = new Set<NoticeKind>(config.on ?? ['rolled-back', 'needs-attention', 'recovered', 'completed']);
  const notifier: Notifier = {
    type: 'pagerduty',
    name: config.name,
    wants: (kind) => on.has(kind),
    async send(notice, options) {
      const resolve = notice.kind === 'recovered' || notice.kind === 'completed';
      const body = {
        routing_key: key.value,
        event_action: resolve ? 'resolve' : 'trigger',
        dedup_key: dedupKey(notice.release),
        ...(resolve
          ? {}
          : {
              client: 'Glidepath',
              payload: {
                summary: clip(notice.summary, 1024),
                timestamp: notice.at,
                severity: SEVERITY[notice.kind],
                source: `glidepath/${notice.release}`,
                component: notice.release,
                class: notice.kind,
                ...(notice.stage ? { group: notice.stage } : {}),
                ...(notice.details ? { custom_details: notice.details } : {}),
              },
              ...(notice.links && notice.links.length > 0 ? { links: notice.links.map((l) => ({ href: l.href, text: l.text })) } : {}),
            }),
      };
      const answer = await requestJson(deps, { method: 'POST', url: endpoint, body }, { label: `pagerduty '${config.name}'`, ...(options?.signal ? { signal: options.signal } : {}) });
      if (!answer.ok) return { ...answer, error: answer.error.split(key.value).join('***') };
      return { ok: true, value: undefined };
    },
  };
  return { ok: true, value: notifier };
};

/** The alert of one release: every notice about it triggers, updates or resolves this one. */
export function dedupKey(release: string): string {
  return `glidepath/${release}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
