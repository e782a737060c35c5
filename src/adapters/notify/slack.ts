import type { SlackNotifierConfig } from '../../core/model/index.js';
import type { NoticeKind, Notifier, NotifierFactory } from '../../ports/notifier.js';

export type { SlackNotifierConfig };
import { requestJson } from '../http/http-json.js';
import { credentialFrom } from './credential.js';


const ICON: Readonly<Record<NoticeKind, string>> = {
  'rolled-back': ':rotating_light:',
  'needs-attention': ':warning:',
  recovered: ':white_check_mark:',
  completed: ':tada:',
};

/** Slack incoming webhooks: one message per notice, user text escaped so it cannot ping or link. */
export const createSlackNotifier: NotifierFactory<SlackNotifierConfig> = (config, deps) => {
  const url = credentialFrom(deps.env, config, 'webhookUrlEnv', config.webhookUrlEnv);
  if (!url.ok) return url;
  if (!/^https:\/\//.test(url.value)) {
    return { ok: false, field: ['webhookUrlEnv'], error: `${config.name}: environment variable ${config.webhookUrlEnv} (webhookUrlEnv) does not hold an https:// webhook URL; copy it from the Slack app's "Incoming Webhooks" page` };
  }
  const on = new Set<NoticeKind>(config.on ?? ['rolled-back', 'needs-attention', 'recovered', 'completed']);
  const notifier: Notifier = {
    type: 'slack',
    name: config.name,
    wants: (kind) => on.has(kind),
    async send(notice, options) {
      const links = (notice.links ?? []).filter((l) => /^https?:\/\//.test(l.href)).map((l) => `<${escapeSlack(l.href)}|${escapeSlack(l.text)}>`);
      const text = [
        `${ICON[notice.kind]} *${escapeSlack(notice.release)}*${notice.stage ? ` (${escapeSlack(notice.stage)})` : ''}: ${escapeSlack(notice.summary)}`,
        ...(links.length > 0 ? [links.join(' · ')] : []),
      ].join('\n');
      const answer = await requestJson(deps, { method: 'POST', url: url.value, body: { text } }, { label: `slack '${config.name}'`, ...(options?.signal ? { signal: options.signal } : {}), secretUrl: true, acceptText: true });
      if (!answer.ok) return { ...answer, error: answer.error.split(url.value).join('***') };
      return { ok: true, value: undefined };
    },
  };
  return { ok: true, value: notifier };
};

/**
 * Slack's mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping):
 * escaping `&`, `<` and `>` is all it takes to stop `<!channel>`, `<@U123>` and fake links in
 * user text (a rollback reason, a release owner's note).
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
