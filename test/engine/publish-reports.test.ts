import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditRecord } from '../../src/core/audit/chain.js';
import type { AuditRecordDraft, RolloutState } from '../../src/core/rollout/types.js';
import { publishReports, rolloutCheckName, type PublishInput, type ReportPorts } from '../../src/engine/publish-reports.js';
import type { ReleaseOutcome } from '../../src/engine/retry-on-conflict.js';
import type { IssueRef, IssueTracker, NewIssue } from '../../src/ports/issues.js';
import type { CheckRunReport, CommentOutcome, ReviewChannel } from '../../src/ports/review.js';
import type { ChangeRequestRef } from '../../src/ports/scm.js';
import { BUNDLE, at, iso, makeJudgement, makePolicy, makeState } from '../support/rollout-fixtures.js';

const policy = makePolicy();
const MERGE = 'c'.repeat(40);

/** A review channel that, like GitHub's adapter, writes only when the text changes, and records every write. */
function memoryReview() {
  const checks = new Map<string, CheckRunReport>();
  const comments = new Map<string, string>();
  const writes: string[] = [];
  const channel: ReviewChannel = {
    async publishCheck(report) {
      const key = `${report.name}@${report.headSha}`;
      const previous = checks.get(key);
      if (previous && JSON.stringify(previous) === JSON.stringify(report)) return { outcome: 'unchanged' };
      checks.set(key, report);
      writes.push(`check ${key}`);
      return { url: `https://example.test/checks/${checks.size}`, outcome: previous ? 'updated' : 'created' };
    },
    async upsertComment(issueNumber, marker, body): Promise<CommentOutcome> {
      const key = `${issueNumber}:${marker}`;
      const previous = comments.get(key);
      if (previous === body) return 'unchanged';
      comments.set(key, body);
      writes.push(`comment ${key}`);
      return previous === undefined ? 'created' : 'updated';
    },
  };
  return { channel, checks, comments, writes };
}

function memoryIssues() {
  const issues: (IssueRef & { labels: readonly string[]; assignees: readonly string[] })[] = [];
  const writes: string[] = [];
  const tracker: IssueTracker = {
    async findByMarker(marker, label, state = 'open') {
      return [...issues].reverse().find((i) => i.labels.includes(label) && i.body.includes(marker) && (state === 'all' || i.state === 'open'));
    },
    async create(issue: NewIssue) {
      const created = { number: issues.length + 1, url: `https://example.test/issues/${issues.length + 1}`, title: issue.title, body: issue.body, state: 'open' as const, labels: issue.labels, assignees: issue.assignees ?? [] };
      issues.push(created);
      writes.push(`create ${issue.title}`);
      return created;
    },
    async update(number, change) {
      const index = issues.findIndex((i) => i.number === number);
      issues[index] = { ...issues[index]!, ...change };
      writes.push(`update #${number}`);
      return issues[index]!;
    },
  };
  return { tracker, issues, writes };
}

function logs() {
  const warnings: string[] = [];
  return { warnings, logger: { info: () => {}, debug: () => {}, warn: (m: string) => { warnings.push(m); } } };
}

function outcome(state: RolloutState, extra: Partial<ReleaseOutcome> = {}): ReleaseOutcome {
  return { release: state.release, stage: state.stage, split: state.split, phase: state.phase, decision: state.lastDecision?.decision ?? 'hold', reason: state.lastDecision?.reason ?? 'held', actions: [], committed: true, attempts: 1, ...extra };
}

function record(seq: number, draft: Partial<AuditRecordDraft>): AuditRecord {
  return { at: iso(seq), release: 'support-assistant', bundleHash: BUNDLE, stage: 'canary-5', event: 'decision', reason: `record ${seq}`, actor: 'glidepath[bot]', seq, prevHash: '0'.repeat(64), hash: String(seq).padStart(64, 'a'), ...draft };
}

const records: AuditRecord[] = [
  record(0, { event: 'start', stage: 'shadow', splitAfter: { mode: 'shadow', weight: 0 } }),
  record(1, { decision: 'advance', splitAfter: { mode: 'traffic', weight: 5 }, judgement: makeJudgement('shadow', 'pass') }),
  record(2, { decision: 'hold', judgement: makeJudgement('canary-5', 'inconclusive', { gates: [{ gate: 'errors', metric: 'error_rate', verdict: 'inconclusive', reason: 'r', evidence: { test: 'proportions', effect: 0.003, interval: [-0.001, 0.006], pValue: 0.1, n: { control: 9000, canary: 3000 }, threshold: 0.005 } }] }) }),
];

function input(state: RolloutState, extra: Partial<PublishInput> = {}): PublishInput {
  return { outcomes: [outcome(state)], states: new Map([[state.release, state]]), audit: new Map([[state.release, records]]), stateBranch: 'glidepath/state', now: at(3), ...extra };
}

function ports(review = memoryReview(), issues = memoryIssues(), log = logs(), pulls: Record<string, ChangeRequestRef> = { [MERGE]: { number: 7, url: 'https://example.test/pull/7', branch: 'warmer' } }): ReportPorts {
  return { review: review.channel, issues: issues.tracker, changeRequests: { forCommit: async (commit) => pulls[commit] }, logger: log.logger };
}

const holding = makeState(policy, 1, 1, { sourceCommit: MERGE, lastDecision: { decision: 'hold', at: iso(2), reason: 'errors: inconclusive, 3000 of 4000 samples', code: 'judgement:inconclusive' } });

test('a recorded decision updates the check run on the merge commit, the comment on its pull request and the dashboard issue', async () => {
  const review = memoryReview();
  const issues = memoryIssues();
  const result = await publishReports(ports(review, issues), input(holding));
  const check = review.checks.get(`${rolloutCheckName('support-assistant')}@${MERGE}`);
  assert.ok(check, [...review.checks.keys()].join(', '));
  assert.equal(check.conclusion, 'neutral');
  assert.match(check.title, /support-assistant: rolling out at canary-5/);
  assert.match(check.summary, /\| Why \| errors: inconclusive, 3000 of 4000 samples \|/);
  assert.match(review.comments.get('7:<!-- glidepath:rollout:support-assistant -->') ?? '', /\| Waits for \| more data for a verdict \|/);
  assert.equal(issues.issues.length, 1);
  assert.equal(issues.issues[0]?.title, 'Glidepath rollouts dashboard');
  assert.deepEqual(issues.issues[0]?.labels, ['glidepath']);
  assert.match(issues.issues[0]?.body ?? '', /\| support-assistant \| progressing \| 2\. canary-5 \|[^\n]*since 2026-03-02 11:00 UTC[^\n]*cccccccc/);
  assert.deepEqual(result.publications.map((p) => p.outcome), ['created', 'created', 'created']);
});

test('publishing the same decisions again, later, writes nothing', async () => {
  const review = memoryReview();
  const issues = memoryIssues();
  await publishReports(ports(review, issues), input(holding));
  const before = [...review.writes, ...issues.writes];
  const again = await publishReports(ports(review, issues), input(holding, { now: at(5) }));
  assert.deepEqual([...review.writes, ...issues.writes], before);
  assert.deepEqual(again.publications.map((p) => p.outcome), ['unchanged', 'unchanged', 'unchanged']);
});

test('a release whose state this run did not commit publishes nothing, yet the job summary charts it', async () => {
  const review = memoryReview();
  const issues = memoryIssues();
  const result = await publishReports(ports(review, issues), { ...input(holding), outcomes: [outcome(holding, { committed: false })] });
  assert.deepEqual([...review.writes, ...issues.writes], []);
  assert.deepEqual(result.publications, []);
  assert.match(result.summary, /\| support-assistant \| \*\*hold\*\* \| progressing \| canary-5 \|/);
  assert.match(result.summary, /```mermaid\nxychart-beta\n {2}title "support-assistant: challenger weight \(%\)"/);
  assert.match(result.summary, /line \[0, 5\]/);
  assert.match(result.summary, /title "support-assistant: error_rate, canary − control"\n[^\n]*\n[^\n]*\n {2}line \[0\.001, 0\.001\]/);
});

const rolledBack = makeState(policy, 1, 1, {
  sourceCommit: MERGE,
  phase: 'rolled-back',
  split: { mode: 'traffic', weight: 0 },
  phaseReason: 'error_rate rose by 3pp',
  rolledBack: { at: iso(3), trigger: 'criterion', reason: 'error_rate rose by 3pp', by: 'glidepath[bot]' },
  lastDecision: { decision: 'rollback', at: iso(3), reason: 'error_rate rose by 3pp' },
});
const revert = { status: 'committed' as const, sha: 'd'.repeat(40), records: [], traffic: [], decision: 'rollback' as const, reason: 'r', revert: { branch: 'glidepath/revert/support-assistant-bbbbbbbb', url: 'https://example.test/pull/9', number: 9, created: true, method: 'api' } };

test('a rollback opens one retrospective issue for its owner, with the revert pull request, and a rerun opens no second', async () => {
  const issues = memoryIssues();
  const run = () => publishReports(ports(memoryReview(), issues), input(rolledBack, { outcomes: [outcome(rolledBack, { execution: revert })], owners: { 'support-assistant': '@octocat' } }));
  await run();
  await run();
  const retrospectives = issues.issues.filter((i) => i.labels.includes('glidepath:retrospective'));
  assert.equal(retrospectives.length, 1);
  assert.equal(retrospectives[0]?.title, 'Retrospective: support-assistant rolled back at canary-5');
  assert.deepEqual(retrospectives[0]?.assignees, ['octocat']);
  assert.match(retrospectives[0]?.body ?? '', /\| Revert pull request \| https:\/\/example\.test\/pull\/9 \|/);
  assert.match(retrospectives[0]?.body ?? '', /^<!-- glidepath:retrospective:support-assistant@2026-03-02T10:00:00\.000Z -->/);
});

test('a team that owns a release is named in its retrospective but not assigned', async () => {
  const issues = memoryIssues();
  await publishReports(ports(memoryReview(), issues), input(rolledBack, { outcomes: [outcome(rolledBack)], owners: { 'support-assistant': '@acme/ml-platform' } }));
  const retrospective = issues.issues.find((i) => i.labels.includes('glidepath:retrospective'));
  assert.deepEqual(retrospective?.assignees, []);
  assert.match(retrospective?.body ?? '', /\| Owner \| &#64;acme\/ml-platform \|/);
});

test('a report the host refuses is a warning naming it and the permission, and the other reports are still published', async () => {
  const review = memoryReview();
  const issues = memoryIssues();
  const log = logs();
  review.channel.publishCheck = async () => { throw new Error('Resource not accessible by integration (403)'); };
  const result = await publishReports(ports(review, issues, log), input(holding));
  assert.equal(log.warnings.length, 1);
  assert.match(log.warnings[0] ?? '', /could not publish the check run 'glidepath\/rollout support-assistant' on cccccccccccc: Resource not accessible by integration \(403\)\. The decision stands on the state branch; if the job lacks it, add `permissions: checks: write`/);
  assert.deepEqual(result.publications.map((p) => p.outcome), ['failed', 'created', 'created']);
});

test('without a merge commit or a pull request for it, only the dashboard is published', async () => {
  const review = memoryReview();
  const issues = memoryIssues();
  const { sourceCommit: _none, ...unmerged } = holding;
  await publishReports(ports(review, issues), input(unmerged));
  await publishReports(ports(review, issues, logs(), {}), input({ ...holding, release: 'other' }, { audit: new Map() }));
  assert.deepEqual(review.writes, [`check ${rolloutCheckName('other')}@${MERGE}`]);
  assert.deepEqual(issues.writes, ['create Glidepath rollouts dashboard', 'update #1']);
});

test('a rollout whose state keeps its pull request is commented on and linked from the dashboard without asking the host, and an older state without it still finds it', async () => {
  const review = memoryReview();
  const issues = memoryIssues();
  const asked: string[] = [];
  const withPull = { ...holding, pullRequest: { number: 12, url: 'https://github.com/o/r/pull/12' } };
  const older = { ...holding, release: 'older' };
  const states = new Map<string, RolloutState>([[withPull.release, withPull], [older.release, older]]);
  await publishReports(
    { review: review.channel, issues: issues.tracker, changeRequests: { forCommit: async (commit) => { asked.push(commit); return { number: 7, url: 'https://example.test/pull/7', branch: 'warmer' }; } }, logger: logs().logger },
    input(withPull, { outcomes: [outcome(withPull), outcome(older)], states }),
  );
  assert.ok(review.comments.has('12:<!-- glidepath:rollout:support-assistant -->'), [...review.comments.keys()].join(', '));
  assert.ok(review.comments.has('7:<!-- glidepath:rollout:older -->'), [...review.comments.keys()].join(', '));
  assert.deepEqual(asked, [MERGE], 'asked only for the state without its pull request');
  const dashboard = issues.issues[0]?.body ?? '';
  assert.match(dashboard, /\| support-assistant \| progressing \|[^\n]*\| \[pull request\]\(https:\/\/github\.com\/o\/r\/pull\/12\) · c{40} \|/);
  assert.match(dashboard, /\| older \| progressing \|[^\n]*\| c{40} \|/);
});
