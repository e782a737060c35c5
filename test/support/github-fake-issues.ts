// ---------------------------------------------------------------------------------------------
// Issues on the spec-checked GitHub fake: create, update, and the repository's issue list with
// GitHub's filters (labels, state, sort, direction) and pages. Every request and answer is still
// checked against @octokit/openapi by the fake. Kept apart from github-fake.ts, so the fake's
// other extensions merge freely.
// ---------------------------------------------------------------------------------------------
import type { FakeGitContext } from './github-fake-git.js';
import type { FakeHandler, FakeRequest, FakeResponse } from './github-fake.js';

export interface FakeIssue {
  readonly number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  labels: string[];
  assignees: string[];
  readonly login: string;
  readonly created_at: string;
  updated_at: string;
}

export interface FakeIssues {
  readonly issues: FakeIssue[];
  /** Logins GitHub would accept as assignees (collaborators); any other answers 422, as GitHub does. */
  readonly assignable: Set<string>;
}

/** Issue numbers the fake gives: far from its pull requests', which GitHub numbers in the same sequence. */
const FIRST_ISSUE = 500;

function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, body, headers };
}

export function createFakeIssues(context: FakeGitContext, page: <T>(request: FakeRequest, items: readonly T[]) => { items: T[]; headers: Record<string, string> }): { state: FakeIssues; handlers: Record<string, FakeHandler> } {
  const state: FakeIssues = { issues: [], assignable: new Set(['octocat']) };
  let nextNumber = FIRST_ISSUE;
  const owner = (r: FakeRequest): string => r.params['owner'] as string;
  const repo = (r: FakeRequest): string => r.params['repo'] as string;

  function user(login: string): Record<string, unknown> {
    const base = context.example('issue')['user'] as Record<string, unknown>;
    return { ...base, login, url: `https://api.github.com/users/${login}`, html_url: `https://github.com/${login}`, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
  }

  function issueJson(r: FakeRequest, issue: FakeIssue): Record<string, unknown> {
    const body: Record<string, unknown> = { ...context.example('issue') };
    delete body['pull_request'];
    const url = `${context.repoUrl(owner(r), repo(r))}/issues/${issue.number}`;
    const assignees = issue.assignees.map(user);
    return {
      ...body,
      id: issue.number + 700_000,
      node_id: Buffer.from(`Issue${issue.number}`).toString('base64'),
      url,
      repository_url: context.repoUrl(owner(r), repo(r)),
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: `https://github.com/${owner(r)}/${repo(r)}/issues/${issue.number}`,
      number: issue.number,
      state: issue.state,
      title: issue.title,
      body: issue.body,
      user: user(issue.login),
      labels: issue.labels.map((name, i) => ({ id: 9100 + i, node_id: Buffer.from(`Label${name}`).toString('base64'), url: `${context.repoUrl(owner(r), repo(r))}/labels/${encodeURIComponent(name)}`, name, description: null, color: 'ededed', default: false })),
      assignee: assignees[0] ?? null,
      assignees,
      milestone: null,
      comments: 0,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_at: issue.state === 'closed' ? issue.updated_at : null,
      closed_by: null,
    };
  }

  function refusedAssignees(logins: readonly string[] | undefined): FakeResponse | undefined {
    const refused = (logins ?? []).filter((l) => !state.assignable.has(l));
    if (refused.length === 0) return undefined;
    return json(422, { message: 'Validation Failed', errors: refused.map((value) => ({ value, resource: 'Issue', field: 'assignees', code: 'invalid' })), documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue', status: '422' });
  }

  const labelNames = (labels: readonly (string | { name?: string })[] | undefined): string[] => [...new Set((labels ?? []).flatMap((l) => (typeof l === 'string' ? [l] : l.name ? [l.name] : [])))];

  const handlers: Record<string, FakeHandler> = {
    'issues/create': (r) => {
      const body = r.body as { title: string | number; body?: string; labels?: (string | { name?: string })[]; assignees?: string[] };
      const refused = refusedAssignees(body.assignees);
      if (refused) return refused;
      const now = context.timestamp();
      const issue: FakeIssue = { number: (nextNumber += 1), title: String(body.title), body: body.body ?? null, state: 'open', labels: labelNames(body.labels), assignees: [...new Set(body.assignees ?? [])], login: context.login, created_at: now, updated_at: now };
      state.issues.push(issue);
      return json(201, issueJson(r, issue), { location: `${context.repoUrl(owner(r), repo(r))}/issues/${issue.number}` });
    },
    'issues/update': (r) => {
      const issue = state.issues.find((i) => i.number === Number(r.params['issue_number']));
      if (!issue) return json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      const body = r.body as { title?: string | number | null; body?: string | null; state?: 'open' | 'closed'; labels?: (string | { name?: string })[]; assignees?: string[] };
      const refused = refusedAssignees(body.assignees);
      if (refused) return refused;
      if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
      if (body.body !== undefined) issue.body = body.body;
      if (body.state) issue.state = body.state;
      if (body.labels) issue.labels = labelNames(body.labels);
      if (body.assignees) issue.assignees = [...new Set(body.assignees)];
      issue.updated_at = context.timestamp();
      return json(200, issueJson(r, issue));
    },
    'issues/get': (r) => {
      const issue = state.issues.find((i) => i.number === Number(r.params['issue_number']));
      return issue ? json(200, issueJson(r, issue)) : json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    },
    'issues/list-for-repo': (r) => {
      const wanted = r.query['state'] ?? 'open';
      const labels = (r.query['labels'] ?? '').split(',').map((l) => l.trim()).filter((l) => l !== '');
      const key = r.query['sort'] === 'updated' ? 'updated_at' : 'created_at';
      const ascending = r.query['direction'] === 'asc';
      const matching = state.issues
        .filter((i) => (wanted === 'all' || i.state === wanted) && labels.every((l) => i.labels.includes(l)))
        .sort((a, b) => (a[key] === b[key] ? a.number - b.number : a[key] < b[key] ? -1 : 1) * (ascending ? 1 : -1));
      const { items, headers } = page(r, matching);
      return json(200, items.map((i) => issueJson(r, i)), headers);
    },
  };
  return { state, handlers };
}
