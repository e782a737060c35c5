import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallOptions, CallResult } from '../../ports/call.js';
import type { ApiProvider, ProviderCapabilities, TrafficTarget } from '../../ports/traffic-provider.js';
import type { TrafficSplit } from '../../core/model/traffic-split.js';
import { hmacSha256 } from '../crypto.js';
import { requestJson } from '../http/http-json.js';

/** A glidepath.yaml provider entry of type `webhook` (schema: webhook.schema.json beside this file). */
export interface WebhookProviderConfig {
  readonly name: string;
  readonly type: 'webhook';
  readonly description?: string;
  /** The receiver's URL (https, or http on loopback for local testing). */
  readonly url: string;
  /** The environment variable holding the shared secret the requests are signed with. */
  readonly secretEnv: string;
  /** What the receiver can do; default: shadow as a marker, no segments, weights to 0.01%. */
  readonly capabilities?: { readonly shadow?: ProviderCapabilities['shadow']; readonly segments?: boolean; readonly weightStep?: number };
}

/** What a receiver is assumed to do unless its entry says more. */
export const webhookCapabilities: ProviderCapabilities = { shadow: 'marker', segments: false, weightStep: 0.01, settles: 'now' };

/** The request body's `version`: receivers can refuse one they do not know. */
export const WEBHOOK_PROTOCOL = 1;
export const TIMESTAMP_HEADER = 'x-glidepath-timestamp';
export const SIGNATURE_HEADER = 'x-glidepath-signature';

/**
 * The signature of one request: HMAC-SHA256 with the shared secret over `<timestamp>.<body>`, as
 * `sha256=<hex>`. Signing the timestamp with the body lets a receiver refuse replays (an old
 * timestamp) as well as forgeries (docs/providers/webhook.md has a receiver's check).
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${hmacSha256(secret, `${timestamp}.${body}`)}`;
}

/**
 * A traffic provider of the user's own: Glidepath POSTs the desired split, signed, to a URL, and
 * the receiver answers the split it serves afterwards (or, for `read`, now). For routers and
 * gateways no other provider covers.
 */
export function createWebhookProvider(config: WebhookProviderConfig, deps: AdapterDeps): Built<ApiProvider> {
  const secret = deps.env[config.secretEnv];
  if (secret === undefined || secret === '') {
    return { ok: false, field: ['secretEnv'], error: `provider ${config.name}: environment variable ${config.secretEnv} (secretEnv) is not set; add it to the workflow's env from a secret, e.g. ${config.secretEnv}: \${{ secrets.${config.secretEnv} }}` };
  }
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    return { ok: false, field: ['url'], error: `provider ${config.name}: url '${config.url}' is not a URL` };
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { ok: false, field: ['url'], error: `provider ${config.name}: url must use https (plain http only on loopback): the split and its signature would travel in the clear` };
  }
  const capabilities: ProviderCapabilities = {
    shadow: config.capabilities?.shadow ?? webhookCapabilities.shadow,
    segments: config.capabilities?.segments ?? webhookCapabilities.segments,
    weightStep: config.capabilities?.weightStep ?? webhookCapabilities.weightStep,
    settles: 'now',
  };
  const label = `webhook '${config.name}'`;

  async function call(action: 'read' | 'apply', target: TrafficTarget, split: TrafficSplit | undefined, options?: CallOptions): Promise<CallResult<TrafficSplit>> {
    const body = JSON.stringify({ version: WEBHOOK_PROTOCOL, action, release: target.release, key: target.key, champion: target.champion, challenger: target.challenger, ...(split ? { split } : {}) });
    const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
    const answer = await requestJson<unknown>(deps, {
      method: 'POST',
      url: config.url,
      // Sent as the exact bytes signed: requestJson would re-serialise an object.
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signWebhook(secret as string, timestamp, body) },
      rawBody: body,
    }, { label, ...(options?.signal ? { signal: options.signal } : {}) });
    if (!answer.ok) return answer;
    const served = (answer.value.body as { split?: unknown } | undefined)?.split;
    const problem = splitProblem(served);
    if (problem !== undefined) return { ok: false, kind: 'invalid', error: `${label}: ${action} answered without a valid split (${problem}); answer {"split": {"mode": "off"|"shadow"|"traffic", "weight": 0-100}}` };
    return { ok: true, value: served as TrafficSplit };
  }

  return {
    ok: true,
    value: {
      kind: 'api',
      type: 'webhook',
      capabilities,
      read: (target, options) => call('read', target, undefined, options),
      async apply(target, split, options) {
        const served = await call('apply', target, split, options);
        return served.ok ? { ok: true, value: { status: 'settled', split: served.value } } : served;
      },
    },
  };
}

function splitProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'no split object';
  const { mode, weight } = value as Record<string, unknown>;
  if (mode !== 'off' && mode !== 'shadow' && mode !== 'traffic') return `mode ${JSON.stringify(mode)}`;
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > 100) return `weight ${JSON.stringify(weight)}`;
  return undefined;
}
