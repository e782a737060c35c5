import { loadWorkspaceFiles } from '../engine/load-workspace.js';
import { renderCommentReply } from '../core/report/comment-reply.js';
import type { CommentCommands } from '../ports/comment-commands.js';
import { printedText, type Command, type CommandContext, type CommandOutcome } from './command.js';
import { decideCommentCommand, routeEvent, type CommentRequest, type EventRoute, type RoutedCommand } from './event-route.js';
import type { ExitCode } from '../engine/exit-code.js';
import { UsageError } from '../engine/errors.js';

/** Commands whose output the runner turns into annotations; the others print text to the log. */
const GITHUB_FORMAT = new Set(['validate', 'plan']);

export interface AutoInput {
  readonly eventName: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** The context every routed command runs with; its options are the Action's inputs (the route's own win). */
  readonly base: CommandContext;
  readonly commandNames: readonly string[];
  loadCommand(name: string): Promise<Command | undefined>;
  /** Present with a token: without one, comments cannot be checked or answered, and none runs. */
  readonly comments?: CommentCommands;
  /** Where `root` sits in the repository: '' at its top, else a folder path ending in '/'. */
  readonly rootPrefix: string;
}

export interface AutoOutcome extends CommandOutcome {
  /** What the route decided, for the log. */
  readonly route: EventRoute;
  /** Commands that ran, in order. */
  readonly ran: readonly string[];
}

/**
 * `command: auto`: the command(s) the event asks for (event-route.ts), run one after the other.
 * An event with nothing to do is a notice; a refused comment is answered on the comment and ends
 * the job green (the person has their answer); a malformed dispatch fails the job.
 */
export async function runAuto(input: AutoInput): Promise<AutoOutcome> {
  const route = routeEvent({ eventName: input.eventName, payload: input.payload, commandNames: input.commandNames });
  const { logger } = input.base;
  switch (route.kind) {
    case 'ignore':
      logger.info(`glidepath: nothing to do: ${route.reason}`);
      return { route, ran: [], exitCode: 0 };
    case 'refuse':
      if (route.comment && input.comments) {
        await answer(input.comments, route.comment, '-1', renderCommentReply({ user: commenter(input.payload), outcome: 'refused', text: route.reason }));
        logger.warn(`glidepath: refused: ${route.reason}`);
        return { route, ran: [], exitCode: 0 };
      }
      throw new UsageError(route.reason);
    case 'run': {
      logger.info(`glidepath: ${route.because}`);
      const outcome = await runAll(route.untrusted ? { ...input, base: { ...input.base, env: untrustedEnv(input.base.env) } } : input, route.commands);
      return { route, ...outcome };
    }
    case 'comment':
      return { route, ...(await runComment(input, route.request)) };
  }
}

/** What a fork's validate and plan see of the job's environment: the runner's own variables, never a credential. */
export function untrustedEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => /^(GITHUB_(?!TOKEN$)|RUNNER_)|^(CI|HOME|PATH|TMPDIR|TEMP|TMP|LANG|TZ)$/.test(name)));
}

function commenter(payload: Readonly<Record<string, unknown>>): string {
  const user = (payload['comment'] as { user?: { login?: unknown } } | undefined)?.user?.login;
  return typeof user === 'string' ? user : 'someone';
}

async function answer(comments: CommentCommands, comment: { id: number; issueNumber: number }, reaction: '+1' | '-1', body: string): Promise<void> {
  await comments.react(comment.id, reaction);
  await comments.reply(comment.issueNumber, body);
}

async function runAll(input: AutoInput, commands: readonly RoutedCommand[], print = input.base.print): Promise<Omit<AutoOutcome, 'route'>> {
  let exitCode: ExitCode = 0;
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  const ran: string[] = [];
  for (const routed of commands) {
    const command = await input.loadCommand(routed.command);
    if (!command) throw new Error(`the event asks for '${routed.command}', which is not a Glidepath command`);
    const options = { ...input.base.options, ...routed.options };
    if (input.base.options['format'] === undefined) options['format'] = GITHUB_FORMAT.has(routed.command) ? 'github' : 'text';
    const outcome = await command.run({ ...input.base, options, print });
    ran.push(routed.command);
    Object.assign(outputs, outcome.outputs ?? {});
    if (outcome.summary) summaries.push(outcome.summary);
    if (outcome.exitCode > exitCode) exitCode = outcome.exitCode;
  }
  return { ran, exitCode, outputs, ...(summaries.length > 0 ? { summary: summaries.join('\n\n') } : {}) };
}

async function runComment(input: AutoInput, request: CommentRequest): Promise<Omit<AutoOutcome, 'route'>> {
  const { comments, base } = input;
  const where = { id: request.commentId, issueNumber: request.issueNumber };
  if (!comments) {
    throw new UsageError(`/glidepath ${request.verb} from ${request.user} was not run: without a github-token Glidepath cannot check who may act, nor answer. Pass github-token (the default, \${{ github.token }}) with permissions contents: write, issues: write, pull-requests: write`);
  }
  const permission = await comments.permissionOf(request.user);
  const { repository } = await loadWorkspaceFiles(base.root, base.runtime.readRepository);
  const files = new Map([...repository.releases].map(([name, doc]) => [name, `${input.rootPrefix}${doc.file}`]));
  const releases = [...files.keys()];
  let changedReleases: string[] | undefined;
  let releaseAuthor: string | undefined;
  // Facts cost API calls: read them only for someone who may act.
  if (permission === 'write' || permission === 'maintain' || permission === 'admin') {
    if (request.onPullRequest) {
      const changed = new Set(await comments.changedFiles(request.issueNumber));
      changedReleases = releases.filter((name) => changed.has(files.get(name) as string));
    }
    const named = request.words[0];
    if (named !== undefined && files.has(named) && !changedReleases?.includes(named) && (request.verb === 'approve' || request.verb === 'resume')) {
      releaseAuthor = await comments.lastAuthorOf(files.get(named) as string);
    }
  }
  const decision = decideCommentCommand(request, { permission, releases, ...(changedReleases ? { changedReleases } : {}), ...(releaseAuthor ? { releaseAuthor } : {}) });
  if (decision.kind === 'refuse') {
    base.logger.warn(`glidepath: refused /glidepath ${request.verb} from ${request.user}: ${decision.reason}`);
    await answer(comments, where, '-1', renderCommentReply({ verb: request.verb, user: request.user, outcome: 'refused', text: decision.reason }));
    return { ran: [], exitCode: 0 };
  }
  await acknowledge(base, request, 'acknowledge', () => comments.react(request.commentId, 'eyes'));
  const printed: string[] = [];
  const print = (text: string | readonly string[]): void => {
    printed.push(printedText(text));
    base.print(text);
  };
  const ranCommand = `glidepath ${decision.command.command} --release ${decision.release}`;
  let outcome: Omit<AutoOutcome, 'route'>;
  try {
    outcome = await runAll(input, [decision.command], print);
  } catch (error) {
    // The person asked and waits for an answer: say it failed before failing the job.
    printed.push(`error: ${(error as Error).message}`);
    await acknowledge(base, request, 'answer', () => answer(comments, where, '-1', renderCommentReply({ verb: request.verb, user: request.user, outcome: 'failed', text: printed.join('\n'), ran: ranCommand })));
    throw error;
  }
  const done = outcome.exitCode === 0;
  await acknowledge(base, request, 'answer', () => answer(comments, where, done ? '+1' : '-1', renderCommentReply({ verb: request.verb, user: request.user, outcome: done ? 'done' : 'failed', text: printed.join('\n'), ran: ranCommand })));
  return outcome;
}

/**
 * Reacts to or answers a comment whose command runs or ran: its decision is recorded on the state
 * branch whatever GitHub says to the answer, so a token that may not write on the comment's issue
 * or pull request is a warning naming the permission to add, and the job goes on.
 */
async function acknowledge(base: CommandContext, request: CommentRequest, what: 'acknowledge' | 'answer', write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const permission = request.onPullRequest ? 'pull-requests: write' : 'issues: write';
    base.logger.warn(
      `glidepath: could not ${what} /glidepath ${request.verb} from ${request.user} on #${request.issueNumber}: ${(error as Error).message}\n`
      + `The command's decision is not affected: it stands on the state branch. To let Glidepath answer on ${request.onPullRequest ? 'pull requests' : 'issues'}, add \`permissions: ${permission}\` to the job.`,
    );
  }
}
