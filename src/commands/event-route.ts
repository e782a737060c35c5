import type { RepositoryPermission } from '../ports/comment-commands.js';
import { payloadField as field } from '../core/model/payload-field.js';

/**
 * Which command a GitHub event asks for (`command: auto`). Pure: the event's name and payload in,
 * a decision out; the Action performs it. Comments need facts only the API knows (the
 * commenter's permission, the files a pull request changes), so they route in two steps:
 * `routeEvent` reads the comment, `decideCommentCommand` decides once the facts are in.
 */

/** One command to run, with options as the CLI would take them. */
export interface RoutedCommand {
  readonly command: string;
  readonly options: Readonly<Record<string, string | boolean>>;
}

/** A `/glidepath …` comment, as read from an `issue_comment` payload. */
export interface CommentRequest {
  readonly verb: CommentVerb;
  /** Words after the verb: a release name and/or the reason, sorted out by `decideCommentCommand`. */
  readonly words: readonly string[];
  readonly commentId: number;
  readonly issueNumber: number;
  /** Whether the issue is a pull request (`issue.pull_request` is set). */
  readonly onPullRequest: boolean;
  /** Who wrote the comment. */
  readonly user: string;
  /** Who opened the issue or pull request (for a pull request: the author of the change). */
  readonly issueAuthor: string;
}

export type EventRoute =
  /**
   * Run these commands in order (a pull request: validate, then plan). `untrusted`: the code comes
   * from a fork, so the commands run without the job's environment (no credential can be read).
   */
  | { readonly kind: 'run'; readonly commands: readonly RoutedCommand[]; readonly because: string; readonly untrusted?: true }
  /** A `/glidepath` comment: check the commenter and find the release, then `decideCommentCommand`. */
  | { readonly kind: 'comment'; readonly request: CommentRequest }
  /** Nothing to do for this event: a notice, not a failure. */
  | { readonly kind: 'ignore'; readonly reason: string }
  /** The event asks for something Glidepath will not do; `comment` is where to answer, when it came from one. */
  | { readonly kind: 'refuse'; readonly reason: string; readonly comment?: { readonly id: number; readonly issueNumber: number } };

export const COMMENT_VERBS = ['approve', 'pause', 'resume', 'rollback'] as const;
export type CommentVerb = (typeof COMMENT_VERBS)[number];

/** The `repository_dispatch` type monitoring sends (`event_type` in the dispatch request). */
export const ALERT_EVENT_TYPE = 'glidepath-alert';

/** `workflow_dispatch` inputs passed through as command options. */
const DISPATCH_OPTIONS = ['release', 'stage', 'reason', 'base', 'head', 'metrics-file', 'interval', 'duration', 'by'] as const;

/** Pull request activity that changes what a plan says. */
const PLAN_ACTIONS = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review', 'edited']);

/** Same pattern as a release's `metadata.name` (common.schema.json#/definitions/name), so a payload cannot smuggle options. */
const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

const ZERO_SHA = /^0+$/;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** What `routeEvent` reads besides the payload. */
export interface RouteInput {
  readonly eventName: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** The commands that exist (for `workflow_dispatch`'s `command` input). */
  readonly commandNames: readonly string[];
}

/** The decision for one event; see the README's "Set up in your repository" for the table. */
export function routeEvent(input: RouteInput): EventRoute {
  const { eventName, payload } = input;
  switch (eventName) {
    case 'pull_request':
      return routePullRequest(payload);
    case 'pull_request_target':
      return { kind: 'ignore', reason: 'Glidepath does not run on pull_request_target: that event gives a write token to a workflow that may check out untrusted code. Use `on: pull_request`; pull requests from forks then get validate and plan with a read-only token.' };
    case 'push':
      return routePush(payload);
    case 'schedule':
      return { kind: 'run', commands: [{ command: 'evaluate', options: {} }], because: 'a scheduled tick evaluates every active rollout' };
    case 'repository_dispatch':
      return routeDispatch(payload);
    case 'workflow_dispatch':
      return routeWorkflowDispatch(payload, input.commandNames);
    case 'issue_comment':
      return routeComment(payload);
    default:
      return { kind: 'ignore', reason: `Glidepath has nothing to do on ${eventName} events; it acts on pull_request, push, schedule, repository_dispatch (${ALERT_EVENT_TYPE}), workflow_dispatch and issue_comment` };
  }
}

function routePullRequest(payload: Readonly<Record<string, unknown>>): EventRoute {
  const action = text(payload['action']) ?? '';
  if (!PLAN_ACTIONS.has(action)) return { kind: 'ignore', reason: `pull_request ${action || '(no action)'}: nothing in the change moved, so there is nothing to validate or plan` };
  const head = text(field(payload, 'pull_request', 'head', 'repo', 'full_name'));
  const base = text(field(payload, 'pull_request', 'base', 'repo', 'full_name'));
  const fork = head === undefined || head !== base || field(payload, 'pull_request', 'head', 'repo', 'fork') === true;
  return {
    kind: 'run',
    ...(fork ? { untrusted: true as const } : {}),
    commands: [{ command: 'validate', options: {} }, { command: 'plan', options: {} }],
    because: fork
      ? 'a pull request from a fork: validate and plan only, with the read-only token GitHub gives forks'
      : `pull_request ${action}: validate the files and plan the rollout`,
  };
}

function routePush(payload: Readonly<Record<string, unknown>>): EventRoute {
  const ref = text(payload['ref']) ?? '';
  const defaultBranch = text(field(payload, 'repository', 'default_branch'));
  if (payload['deleted'] === true) return { kind: 'ignore', reason: `push deleted ${ref}; nothing to start` };
  if (defaultBranch === undefined || ref !== `refs/heads/${defaultBranch}`) {
    return { kind: 'ignore', reason: `push to ${ref || 'an unknown ref'}: rollouts start only from merges to the default branch${defaultBranch ? ` (${defaultBranch})` : ''}` };
  }
  const before = text(payload['before']);
  const after = text(payload['after']);
  // A first push has no "before": start compares HEAD~1..HEAD by itself.
  const range: Record<string, string> = before && after && !ZERO_SHA.test(before) ? { base: before, head: after } : {};
  return { kind: 'run', commands: [{ command: 'start', options: range }], because: `push to ${defaultBranch}: start the rollouts of the releases it changed` };
}

function routeDispatch(payload: Readonly<Record<string, unknown>>): EventRoute {
  const type = text(payload['action']);
  if (type !== ALERT_EVENT_TYPE) return { kind: 'ignore', reason: `repository_dispatch of type ${type ?? '(none)'}: Glidepath acts on type ${ALERT_EVENT_TYPE}` };
  const release = text(field(payload, 'client_payload', 'release'));
  if (release === undefined) {
    return { kind: 'refuse', reason: `the ${ALERT_EVENT_TYPE} dispatch names no release: send client_payload.release (and client_payload.action "rollback" to roll it back at once)` };
  }
  if (!NAME.test(release)) return { kind: 'refuse', reason: `client_payload.release of the ${ALERT_EVENT_TYPE} dispatch is not a release name (lowercase letters, digits and dashes)` };
  const action = text(field(payload, 'client_payload', 'action')) ?? 'evaluate';
  if (action === 'evaluate') {
    return { kind: 'run', commands: [{ command: 'evaluate', options: { release } }], because: `an alert for ${release}: evaluate it now instead of at the next scheduled tick` };
  }
  if (action === 'rollback') {
    const said = text(field(payload, 'client_payload', 'reason'));
    const reason = `alert from monitoring${said ? `: ${said}` : ''}`;
    return { kind: 'run', commands: [{ command: 'rollback', options: { release, reason } }], because: `an alert asks to roll back ${release}` };
  }
  return { kind: 'refuse', reason: `client_payload.action of the ${ALERT_EVENT_TYPE} dispatch is '${action}'; use "evaluate" (the default) or "rollback"` };
}

function routeWorkflowDispatch(payload: Readonly<Record<string, unknown>>, names: readonly string[]): EventRoute {
  const inputs = field(payload, 'inputs');
  const command = text(field(inputs, 'command'));
  if (command === undefined) return { kind: 'refuse', reason: `workflow_dispatch with command: auto needs a workflow input named "command" (one of: ${names.join(', ')}), or set the Action's command input` };
  const [name = '', subcommand] = command.split(/\s+/);
  if (!names.includes(name)) return { kind: 'refuse', reason: `the workflow input "command" is '${command}', which is not a Glidepath command; use one of: ${names.join(', ')}` };
  const options: Record<string, string | boolean> = {};
  if (subcommand !== undefined) options['subcommand'] = subcommand;
  for (const key of DISPATCH_OPTIONS) {
    const value = text(field(inputs, key));
    if (value !== undefined) options[key] = value;
  }
  const dryRun = field(inputs, 'dry-run');
  if (dryRun === true || dryRun === 'true') options['dry-run'] = true;
  return { kind: 'run', commands: [{ command: name, options }], because: `workflow_dispatch asks for ${command}` };
}

/** The first line of a comment that starts with `/glidepath`, split into words. */
export function parseCommentCommand(body: string): { readonly verb: string; readonly words: readonly string[] } | undefined {
  for (const line of body.split(/\r?\n/)) {
    const words = line.trim().split(/\s+/);
    if (words[0] !== '/glidepath') continue;
    return { verb: (words[1] ?? '').toLowerCase(), words: words.slice(2) };
  }
  return undefined;
}

function routeComment(payload: Readonly<Record<string, unknown>>): EventRoute {
  const action = text(payload['action']);
  // Editing a comment must not replay the command it held.
  if (action !== 'created') return { kind: 'ignore', reason: `issue_comment ${action ?? '(no action)'}: only new comments carry commands` };
  const body = typeof field(payload, 'comment', 'body') === 'string' ? (field(payload, 'comment', 'body') as string) : '';
  const parsed = parseCommentCommand(body);
  if (!parsed) return { kind: 'ignore', reason: 'the comment holds no /glidepath command' };
  const user = text(field(payload, 'comment', 'user', 'login')) ?? '';
  const commentId = field(payload, 'comment', 'id');
  const issueNumber = field(payload, 'issue', 'number');
  if (typeof commentId !== 'number' || typeof issueNumber !== 'number' || user === '') return { kind: 'ignore', reason: 'the issue_comment payload lacks the comment id, issue number or author' };
  // Our own replies quote commands; answering them would loop.
  if (field(payload, 'comment', 'user', 'type') === 'Bot' || /\[bot\]$/i.test(user)) return { kind: 'ignore', reason: `the comment is from a bot (${user}); commands are a person's decision` };
  const comment = { id: commentId, issueNumber };
  if (!(COMMENT_VERBS as readonly string[]).includes(parsed.verb)) {
    const shown = /^[a-z-]{1,30}$/.test(parsed.verb) ? `'/glidepath ${parsed.verb}'` : 'command';
    return { kind: 'refuse', reason: `unknown ${shown}; use /glidepath ${COMMENT_VERBS.join(' | ')} [release] [reason]`, comment };
  }
  return {
    kind: 'comment',
    request: {
      verb: parsed.verb as CommentVerb,
      words: parsed.words,
      commentId,
      issueNumber,
      onPullRequest: field(payload, 'issue', 'pull_request') !== undefined && field(payload, 'issue', 'pull_request') !== null,
      user,
      issueAuthor: text(field(payload, 'issue', 'user', 'login')) ?? '',
    },
  };
}

/** What the API said about a comment's author and context, for `decideCommentCommand`. */
export interface CommentFacts {
  /** The commenter's permission on the repository (`GET /repos/{o}/{r}/collaborators/{user}/permission`). */
  readonly permission: RepositoryPermission;
  /** Every release the repository defines. */
  readonly releases: readonly string[];
  /** Releases the pull request changes (undefined when the comment is not on a pull request). */
  readonly changedReleases?: readonly string[];
  /** The author of the named release's latest change, when the comment is not on a pull request that changes it (found through the API). */
  readonly releaseAuthor?: string;
}


const PERMISSION_RANK: Readonly<Record<RepositoryPermission, number>> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export type CommentDecision =
  | { readonly kind: 'run'; readonly command: RoutedCommand; readonly release: string }
  | { readonly kind: 'refuse'; readonly reason: string };

/**
 * Whether a `/glidepath` comment runs, and as which command. Only people with write access (or
 * more) act: anyone may comment on a public repository's pull requests, forks' authors included.
 * The release is the first word when it names one; else the one release the pull request changes.
 */
export function decideCommentCommand(request: CommentRequest, facts: CommentFacts): CommentDecision {
  if (PERMISSION_RANK[facts.permission] < PERMISSION_RANK.write) {
    const has = facts.permission === 'none' ? 'no' : facts.permission;
    return { kind: 'refuse', reason: `${request.user} has ${has} access to this repository; /glidepath commands need write access` };
  }
  const [first, ...rest] = request.words;
  let release: string | undefined;
  let words: readonly string[] = request.words;
  if (first !== undefined && facts.releases.includes(first)) {
    release = first;
    words = rest;
  } else if (facts.changedReleases?.length === 1) {
    release = facts.changedReleases[0];
  }
  if (release === undefined) {
    const where = facts.changedReleases === undefined
      ? 'this issue is not a pull request'
      : facts.changedReleases.length === 0 ? 'this pull request changes no release' : `this pull request changes ${facts.changedReleases.length} releases (${facts.changedReleases.join(', ')})`;
    const named = first !== undefined && NAME.test(first) ? `'${first}' is not a release of this repository, and ` : '';
    return { kind: 'refuse', reason: `${named}${where}: name the release, as in /glidepath ${request.verb} <release> [reason]` };
  }
  const reason = words.join(' ').trim();
  const options: Record<string, string | boolean> = { release, by: request.user };
  if (reason) options['reason'] = reason;
  switch (request.verb) {
    case 'approve':
    case 'resume': {
      // The pull request's author wrote the release only if the pull request changes it.
      const author = request.onPullRequest && facts.changedReleases?.includes(release) ? request.issueAuthor || undefined : facts.releaseAuthor;
      if (author) options['author'] = author;
      // Approving a paused or frozen rollout is what resumes it (planApprove); `resume` refuses anything else.
      if (request.verb === 'resume') options['resume'] = true;
      return { kind: 'run', command: { command: 'approve', options }, release };
    }
    case 'pause':
    case 'rollback':
      if (!reason) options['reason'] = `requested by ${request.user} in a comment on #${request.issueNumber}`;
      return { kind: 'run', command: { command: request.verb, options }, release };
  }
}
