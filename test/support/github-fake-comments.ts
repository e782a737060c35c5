// ---------------------------------------------------------------------------------------------
// Comment commands on the spec-checked GitHub fake: collaborator permissions, reactions on issue
// comments, a pull request's files and the latest commit on a path. Kept apart from
// github-fake.ts (it plugs in through `fake.handle`), so the fake's other extensions merge freely.
// Every request and answer is still checked against @octokit/openapi by the fake.
// ---------------------------------------------------------------------------------------------
import { loadGitHubSpec, type GitHubFake } from './github-fake.js';

type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface FakeReaction {
  readonly commentId: number;
  readonly content: string;
  readonly login: string;
}

export interface CommentCommandsFake {
  /** Role per login; a login absent here answers 404, as GitHub does for no such user. */
  readonly permissions: Map<string, Permission>;
  readonly reactions: FakeReaction[];
  /** Files of each pull request, by number. */
  readonly pullFiles: Map<number, string[]>;
  /** Author login of the latest commit that changed each path. */
  readonly lastAuthors: Map<string, string>;
}

function example(name: string): Record<string, unknown> {
  const examples = (loadGitHubSpec().document['components'] as Record<string, unknown>)['examples'] as Record<string, { value: unknown }>;
  return structuredClone(examples[name]!.value) as Record<string, unknown>;
}

function user(login: string, id = 1): Record<string, unknown> {
  const base = example('reaction')['user'] as Record<string, unknown>;
  return { ...base, login, id, url: `https://api.github.com/users/${login}`, html_url: `https://github.com/${login}` };
}

/** The legacy `permission` field GitHub still sends: maintain reads as write, triage as read. */
const LEGACY: Readonly<Record<Permission, string>> = { admin: 'admin', maintain: 'write', write: 'write', triage: 'read', read: 'read', none: 'none' };

/** Serves the comment-command operations on `fake`, with state the test seeds. */
export function serveCommentCommands(fake: GitHubFake, login = 'github-actions[bot]'): CommentCommandsFake {
  const state: CommentCommandsFake = { permissions: new Map(), reactions: [], pullFiles: new Map(), lastAuthors: new Map() };
  let nextReaction = 1;
  fake.handle('repos/get-collaborator-permission-level', (r) => {
    const username = r.params['username'] as string;
    const role = state.permissions.get(username);
    if (role === undefined) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } };
    const body = example('repository-collaborator-permission-response-if-user-has-admin-permissions');
    return { status: 200, body: { ...body, permission: LEGACY[role], role_name: role, user: { ...(body['user'] as object), login: username, role_name: role } } };
  });
  fake.handle('reactions/create-for-issue-comment', (r) => {
    const commentId = Number(r.params['comment_id']);
    if (!fake.comments.some((c) => c.id === commentId)) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } };
    const content = (r.body as { content: string }).content;
    state.reactions.push({ commentId, content, login });
    return { status: 201, body: { ...example('reaction'), id: (nextReaction += 1), content, user: user(login, 41898282) } };
  });
  fake.handle('pulls/list-files', (r) => {
    const files = state.pullFiles.get(Number(r.params['pull_number']));
    if (!files) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } };
    const template = (example('diff-entry-items') as unknown as Record<string, unknown>[])[0]!;
    return { status: 200, body: files.map((filename) => ({ ...template, filename, status: 'modified' })) };
  });
  fake.handle('repos/list-commits', (r) => {
    const author = state.lastAuthors.get(r.query['path'] ?? '');
    if (!author) return { status: 200, body: [] };
    const template = (example('commit-items') as unknown as Record<string, unknown>[])[0]!;
    return { status: 200, body: [{ ...template, author: { ...(template['author'] as object), login: author } }] };
  });
  return state;
}
