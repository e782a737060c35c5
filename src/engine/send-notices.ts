import type { GlidepathConfig } from '../core/model/index.js';
import type { Action } from '../core/rollout/types.js';
import type { Built } from '../ports/adapter-deps.js';
import type { NotificationEntry, Notifier } from '../ports/notifier.js';
import { adapterDepsOf } from './adapter-deps.js';
import type { EngineContext } from './context.js';
import { withDeadline } from './guarded-port.js';

/** A page or a chat message must not hold up the tick that decided it. */
const NOTIFY_TIMEOUT_MS = 10_000;

/**
 * Sends a `notify` action to every channel glidepath.yaml names that wants its kind. Runs after
 * the decision is committed: a channel that is down, misconfigured or slow is a warning in the
 * log, never a failed run, and never stops the other channels.
 */
export async function sendNotices(ctx: EngineContext, config: GlidepathConfig | undefined, action: Extract<Action, { type: 'notify' }>, links: readonly { readonly href: string; readonly text: string }[] = []): Promise<void> {
  const entries = (config?.spec.notifications ?? []) as readonly NotificationEntry[];
  if (entries.length === 0 || !ctx.notifiers) {
    ctx.logger.info(`notify: ${action.message}`);
    return;
  }
  await Promise.all(entries.map(async (entry) => {
    // The registry's type ties each factory to its own entry type, which TypeScript cannot follow through the union.
    const factory = ctx.notifiers?.[entry.type] as ((config: NotificationEntry, deps: ReturnType<typeof adapterDepsOf>) => Built<Notifier>) | undefined;
    if (!factory) return ctx.logger.warn(`notifications: ${entry.name} has type ${entry.type}, which this Glidepath does not support`);
    const built = factory(entry, adapterDepsOf(ctx));
    if (!built.ok) return ctx.logger.warn(`notifications: ${built.error}`);
    if (!built.value.wants(action.kind)) return undefined;
    const notice = { release: action.release, kind: action.kind, summary: action.message, at: ctx.clock.now().toISOString(), links };
    const sent = await withDeadline(`notification ${entry.name}`, NOTIFY_TIMEOUT_MS, (options) => built.value.send(notice, options));
    const answer = sent.ok ? (sent.answer as Awaited<ReturnType<Notifier['send']>>) : sent;
    if (answer.ok) ctx.logger.info(`notified ${entry.name} (${entry.type}): ${action.kind} ${action.release}`);
    else ctx.logger.warn(`notification ${entry.name} (${entry.type}) failed: ${answer.error}`);
    return undefined;
  }));
}
