import type { AuditRecord } from '../core/audit/chain.js';
import { commentMarker } from '../core/report/comment-marker.js';
import { renderDashboard, type RolloutLinks } from '../core/report/dashboard.js';
import { renderRetrospective, retrospectiveMarker } from '../core/report/retrospective.js';
import { renderRolloutReport } from '../core/report/rollout-report.js';
import { renderRolloutSummary } from '../core/report/rollout-summary.js';
import type { RolloutState } from '../core/rollout/types.js';
import type { IssueTracker } from '../ports/issues.js';
import type { Logger } from '../ports/logger.js';
import type { CommentOutcome, ReviewChannel } from '../ports/review.js';
import type { ChangeRequests } from '../ports/scm.js';
import type { ReleaseOutcome } from './retry-on-conflict.js';

/** The label on every issue Glidepath keeps; the dashboard and retrospectives are found by it and their marker. */
export const ISSUE_LABEL = 'glidepath';
export const RETROSPECTIVE_LABEL = 'glidepath:retrospective';

/** Where decisions are shown on the host. Each is optional: the CLI has none, a job without a token has none. */
export interface ReportPorts {
  readonly review?: ReviewChannel;
  readonly issues?: IssueTracker;
  /** Finds the pull request that brought a rollout's merge commit. */
  readonly changeRequests?: Pick<ChangeRequests, 'forCommit'>;
  readonly logger: Logger;
}

export interface PublishInput {
  /** What this run decided, per release. */
  readonly outcomes: readonly ReleaseOutcome[];
  /** The state branch after the run: every release's state and audit records. */
  readonly states: ReadonlyMap<string, RolloutState>;
  readonly audit: ReadonlyMap<string, readonly AuditRecord[]>;
  readonly stateBranch: string;
  readonly now: Date;
  /** Release owners as the release files name them (a login or `@org/team`). */
  readonly owners?: Readonly<Record<string, string | undefined>>;
  /** Expected requests per hour per release, for the retrospective's impact estimate. */
  readonly requestsPerHour?: Readonly<Record<string, number | undefined>>;
}

/** One thing published (or not): `check run glidepath/rollout x` → created. */
export interface Publication {
  readonly what: string;
  readonly outcome: CommentOutcome | 'skipped' | 'failed';
  readonly url?: string;
}

export interface PublishResult {
  /** Markdown for the job summary: a row per decision, and charts of weight and key metrics. */
  readonly summary: string;
  readonly publications: readonly Publication[];
}

/** The check run a rollout's merge commit carries: one per release, updated on every decision. */
export function rolloutCheckName(release: string): string {
  return `glidepath/rollout ${release}`;
}

/** GitHub logins (not teams) can be assigned; `@` is how release files often write them. */
function assignableLogin(owner: string | undefined): string | undefined {
  const login = owner?.replace(/^@/, '');
  return login && /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login) ? login : undefined;
}

/**
 * Shows this run's decisions where people look, after the decisions are recorded: per release
 * whose state this run committed, the check run on its merge commit and the sticky comment on the
 * pull request that merged it; after a rollback, one retrospective issue for the owner; then the
 * dashboard issue. A release this run did not change is not published at all (a quiet tick makes
 * no request), and what is published is rewritten only when its text changed.
 *
 * Never throws: the decision stands on the state branch whatever the host says, so a failure
 * (a missing `checks: write`, GitHub down) is a warning naming what was not published and why.
 */
export async function publishReports(ports: ReportPorts, input: PublishInput): Promise<PublishResult> {
  const publications: Publication[] = [];
  const rows = input.outcomes.map((o) => {
    const state = input.states.get(o.release);
    return { release: o.release, decision: o.decision, reason: o.reason, ...(state ? { state } : {}), records: input.audit.get(o.release) ?? [] };
  });
  const summary = renderRolloutSummary(rows);

  const attempt = async (what: string, permission: string, publish: () => Promise<Omit<Publication, 'what'>>): Promise<void> => {
    try {
      const done = { what, ...(await publish()) };
      publications.push(done);
      ports.logger.debug(`glidepath: ${what}: ${done.outcome}`);
    } catch (error) {
      publications.push({ what, outcome: 'failed' });
      ports.logger.warn(`glidepath: could not publish ${what}: ${(error as Error).message}. The decision stands on the state branch; if the job lacks it, add \`permissions: ${permission}\`.`);
    }
  };

  const changed = input.outcomes.filter((o) => o.committed && input.states.has(o.release));
  for (const outcome of changed) {
    const state = input.states.get(outcome.release) as RolloutState;
    const records = input.audit.get(outcome.release) ?? [];
    const revertUrl = outcome.execution?.status === 'committed' && outcome.execution.revert && /^https?:\/\//.test(outcome.execution.revert.url) ? outcome.execution.revert.url : undefined;
    const report = renderRolloutReport(state, records, revertUrl ? { revert: revertUrl } : {});
    const commit = state.sourceCommit;
    const { review, changeRequests, issues } = ports;
    if (review && commit) {
      await attempt(`the check run '${rolloutCheckName(state.release)}' on ${commit.slice(0, 12)}`, 'checks: write', async () => {
        const result = await review.publishCheck({ name: rolloutCheckName(state.release), headSha: commit, conclusion: report.conclusion, title: report.title, summary: report.body, annotations: [] });
        return { outcome: result.outcome ?? 'updated', ...(result.url ? { url: result.url } : {}) };
      });
    }
    if (review && commit && (state.pullRequest || changeRequests)) {
      await attempt(`the rollout comment of ${state.release} on the pull request of ${commit.slice(0, 12)}`, 'pull-requests: write', async () => {
        // States written before the start kept its pull request: ask the host, as then.
        const pull = state.pullRequest ?? (await changeRequests?.forCommit(commit));
        if (pull?.number === undefined) return { outcome: 'skipped' };
        return { outcome: await review.upsertComment(pull.number, commentMarker('rollout', state.release), report.body), url: pull.url };
      });
    }
    if (issues && state.phase === 'rolled-back' && outcome.decision === 'rollback') {
      await attempt(`the retrospective issue of ${state.release}`, 'issues: write', async () => {
        const marker = retrospectiveMarker(state);
        const existing = await issues.findByMarker(marker, ISSUE_LABEL, 'all');
        if (existing) return { outcome: 'unchanged', url: existing.url };
        const owner = input.owners?.[state.release];
        const requestsPerHour = input.requestsPerHour?.[state.release];
        const { title, body } = renderRetrospective({ state, records, ...(revertUrl ? { revertUrl } : {}), ...(owner ? { owner } : {}), ...(requestsPerHour !== undefined ? { requestsPerHour } : {}) });
        const login = assignableLogin(owner);
        const created = await issues.create({ title, body, labels: [ISSUE_LABEL, RETROSPECTIVE_LABEL], ...(login ? { assignees: [login] } : {}) });
        return { outcome: 'created', url: created.url };
      });
    }
  }

  const { issues } = ports;
  if (issues && changed.length > 0) {
    await attempt('the rollouts dashboard issue', 'issues: write', async () => {
      const links: Record<string, RolloutLinks> = {};
      for (const [release, state] of input.states) {
        const pullRequest = state.pullRequest && /^https?:\/\//.test(state.pullRequest.url) ? state.pullRequest.url : undefined;
        if (state.sourceCommit || pullRequest) links[release] = { ...(pullRequest ? { pullRequest } : {}), ...(state.sourceCommit ? { commit: state.sourceCommit } : {}) };
      }
      const { title, body } = renderDashboard({ states: [...input.states.values()], now: input.now, stateBranch: input.stateBranch, links, absoluteTimes: true });
      const existing = await issues.findByMarker(commentMarker('dashboard'), ISSUE_LABEL);
      if (!existing) return { outcome: 'created', url: (await issues.create({ title, body, labels: [ISSUE_LABEL] })).url };
      if (normalise(existing.body) === normalise(body) && existing.title === title) return { outcome: 'unchanged', url: existing.url };
      return { outcome: 'updated', url: (await issues.update(existing.number, { title, body })).url };
    });
  }
  return { summary, publications };
}

const normalise = (text: string): string => text.replace(/\r\n/g, '\n').trimEnd();
