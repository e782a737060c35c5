import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../../ports/logger.js';
import { toGitHubError } from './github-error.js';

/** The octokit instance the GitHub adapters share. */
export type GitHubClient = ReturnType<typeof getOctokit>;

export interface OctokitOptions {
  /** The HTTP client (tests pass the spec-checked fake); default: @actions/github's proxy-aware fetch. */
  readonly fetch?: typeof fetch;
  /** Wait and retry when GitHub says a rate limit is hit (default true; tests turn it off). */
  readonly throttle?: boolean;
  /** Retry 5xx and network failures with backoff (default true; tests turn it off). */
  readonly retry?: boolean;
  /** API root; default `GITHUB_API_URL` or https://api.github.com (GHES: https://host/api/v3). */
  readonly baseUrl?: string;
  /** How many times a rate-limited request is retried before it fails (default 2). */
  readonly rateLimitRetries?: number;
  /** Milliseconds waited per second of backoff GitHub asks for (default 1000; tests pass 0 to retry at once). */
  readonly delayScaleMs?: number;
  readonly logger?: Logger;
}

const silent: Logger = { info: () => {}, warn: () => {}, debug: () => {} };

/**
 * An octokit for `token` with throttling and retries, whose failures are GitHubErrors with an
 * actionable message (wrapped once, here, around every request, pagination included). The
 * token is registered nowhere but the auth header and is scrubbed from every error message.
 */
export function createOctokit(token: string, options: OctokitOptions = {}): GitHubClient {
  const logger = options.logger ?? silent;
  const limit = options.rateLimitRetries ?? 2;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
    if (retryCount < limit) {
      logger.warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s (attempt ${retryCount + 1} of ${limit}).`);
      return true;
    }
    logger.warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}; giving up after ${limit} retries.`);
    return false;
  };
  const octokit = getOctokit(
    token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
      throttle: {
        enabled: options.throttle ?? true,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        ...(options.delayScaleMs !== undefined ? { retryAfterBaseValue: options.delayScaleMs } : {}),
      },
      retry: { enabled: options.retry ?? true, ...(options.delayScaleMs !== undefined ? { retryAfterBaseValue: options.delayScaleMs } : {}) },
    },
    throttling,
    retry,
  );
  const redact = (text: string): string => (token ? text.split(token).join('***') : text);
  octokit.hook.wrap('request', async (request, endpoint) => {
    try {
      return await request(endpoint);
    } catch (error) {
      throw toGitHubError(error, { method: endpoint.method, route: endpoint.url, redact });
    }
  });
  return octokit;
}
