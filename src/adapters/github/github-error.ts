/**
 * A GitHub API call that failed, with a message that says what to do about it. Created once, at
 * the client's edge, from octokit's RequestError; the token never appears in it.
 */
export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  constructor(
    message: string,
    /** HTTP status (0 when GitHub could not be reached). */
    readonly status: number,
    /** `POST /repos/{owner}/{repo}/check-runs`: the operation, not the expanded URL. */
    readonly route: string,
    /** The `permissions:` entry the workflow needs, when a missing permission is the likely cause. */
    readonly permission?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What octokit's RequestError carries that we read (duck-typed: the class lives in a transitive package). */
interface RequestErrorLike {
  readonly name: string;
  readonly status: number;
  readonly message: string;
  readonly request?: { readonly method?: string; readonly url?: string };
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>>; readonly data?: unknown };
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return error instanceof Error && error.name === 'HttpError' && typeof (error as { status?: unknown }).status === 'number';
}

/**
 * The permission each API area needs from the workflow's token (`permissions:` in the job). Reads
 * need `read`; every write we make needs `write`. Order matters: the first match wins.
 */
const PERMISSIONS: readonly { readonly pattern: RegExp; readonly scope: string }[] = [
  { pattern: /\/check-runs|\/check-suites/, scope: 'checks' },
  // The repository's issue list and new issues (the dashboard, retrospectives); comments on pull requests are below.
  { pattern: /\/issues$/, scope: 'issues' },
  { pattern: /\/issues\/(\d+|\{issue_number\}|comments)/, scope: 'pull-requests' },
  { pattern: /\/pulls/, scope: 'pull-requests' },
  { pattern: /\/git\/|\/contents\/|\/branches|\/commits|\/compare/, scope: 'contents' },
  { pattern: /\/statuses/, scope: 'statuses' },
  { pattern: /\/actions\//, scope: 'actions' },
];

/** `checks: write` for a POST to /check-runs; undefined for routes outside the table. */
export function permissionFor(method: string, route: string): string | undefined {
  const scope = PERMISSIONS.find((p) => p.pattern.test(route))?.scope;
  if (!scope) return undefined;
  return `${scope}: ${method.toUpperCase() === 'GET' || method.toUpperCase() === 'HEAD' ? 'read' : 'write'}`;
}

function apiMessage(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return typeof data === 'string' && data ? data : undefined;
  const record = data as { message?: unknown; errors?: unknown };
  const parts: string[] = [];
  if (typeof record.message === 'string') parts.push(record.message);
  if (Array.isArray(record.errors)) {
    for (const e of record.errors) {
      if (typeof e === 'string') parts.push(e);
      else if (e && typeof e === 'object') {
        const x = e as { message?: unknown; field?: unknown; code?: unknown; resource?: unknown };
        parts.push(typeof x.message === 'string' ? x.message : [x.resource, x.field, x.code].filter((v) => typeof v === 'string').join(' '));
      }
    }
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

export interface WrapContext {
  readonly method: string;
  /** The route template (`/repos/{owner}/{repo}/check-runs`) or, for followed pages, the URL. */
  readonly route: string;
  /** Removes secrets (the token) from any text that goes into the message. */
  readonly redact: (text: string) => string;
}

/** Turns octokit's error into a GitHubError with an actionable message; anything else passes through. */
export function toGitHubError(error: unknown, context: WrapContext): unknown {
  if (error instanceof GitHubError || !isRequestError(error)) return error;
  const method = (context.method || error.request?.method || 'GET').toUpperCase();
  const routeText = context.route.replace(/^https?:\/\/[^/]+/, '');
  const route = `${method} ${routeText}`;
  const detail = context.redact(apiMessage(error.response?.data) ?? error.message);
  const headers = error.response?.headers ?? {};
  const permission = permissionFor(method, routeText);
  const status = error.status;
  const make = (message: string, withPermission = false): GitHubError =>
    new GitHubError(context.redact(message), status, route, withPermission ? permission : undefined, { cause: error });

  if (status === 401) {
    return make(`GitHub rejected the token for ${route} (401 ${detail}). Check the action's \`github-token\` input: the default \`\${{ github.token }}\` works inside GitHub Actions; a personal token may have expired.`);
  }
  if (status === 403 && String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? ` It resets at ${new Date(reset * 1000).toISOString()}.` : '';
    return make(`GitHub's API rate limit for this token is used up (${route}).${when} Run less often, or use a GitHub App token with a higher limit.`);
  }
  if (status === 403 && /not accessible by integration|must have (admin|push|write) access|permission/i.test(detail)) {
    const entry = permission ?? 'the permission this call needs';
    return make(
      `GitHub refused ${route} (403 ${detail}): the workflow's token lacks a permission. Add it to the job that runs Glidepath:\n\n`
      + `    permissions:\n      ${entry}\n\n`
      + 'On pull requests from forks the token is read-only whatever the workflow asks for.',
      true,
    );
  }
  if (status === 403) return make(`GitHub refused ${route} (403 ${detail}).${permission ? ` If the token lacks access, give the job \`permissions: { ${permission} }\`.` : ''}`, true);
  if (status === 404) {
    return make(`GitHub answered 404 for ${route}: the repository, pull request or resource does not exist, or the token cannot see it (GitHub answers 404, not 403, to tokens without access to a private repository).${permission ? ` The job may need \`permissions: { ${permission} }\`.` : ''}`, true);
  }
  if (status === 422) return make(`GitHub rejected ${route} as invalid (422): ${detail}.`);
  if (status === 0 || status >= 500) return make(`GitHub could not answer ${route} (${status || 'no response'}: ${detail}). This is usually temporary; rerun the job.`);
  return make(`GitHub answered ${status} for ${route}: ${detail}.`);
}
