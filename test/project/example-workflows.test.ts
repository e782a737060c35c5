import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const dir = fileURLToPath(new URL('../../examples/workflows/', import.meta.url));

interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string>;
  readonly concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  readonly jobs: Record<string, { if?: string; steps: { uses?: string; with?: Record<string, unknown> }[] }>;
}

const load = (name: string): Workflow => parse(readFileSync(`${dir}${name}`, 'utf8')) as Workflow;

test('the example workflows are the five the setup guide names', () => {
  assert.deepEqual(readdirSync(dir).sort(), ['alert.yml', 'commands.yml', 'merge.yml', 'pr.yml', 'tick.yml']);
});

test('every example workflow declares its permissions, and only the pull request one is read-only on contents', () => {
  for (const name of readdirSync(dir)) {
    const workflow = load(name);
    assert.ok(workflow.permissions, `${name} declares permissions`);
    assert.equal(workflow.permissions['contents'], name === 'pr.yml' ? 'read' : 'write', name);
    assert.ok(!('pull_request_target' in workflow.on), `${name} does not use pull_request_target`);
    for (const [scope, level] of Object.entries(workflow.permissions)) assert.ok(['contents', 'checks', 'pull-requests', 'issues'].includes(scope) && ['read', 'write'].includes(level), `${name}: ${scope}: ${level}`);
  }
});

test('the workflows that write rollout state share one concurrency group and never cancel a run in progress', () => {
  for (const name of ['merge.yml', 'tick.yml', 'alert.yml', 'commands.yml']) {
    assert.deepEqual(load(name).concurrency, { group: 'glidepath-state', 'cancel-in-progress': false }, name);
  }
});

test('the tick runs every 10 minutes, the alert listens for glidepath-alert, commands only for new comments', () => {
  assert.deepEqual(load('tick.yml').on['schedule'], [{ cron: '*/10 * * * *' }]);
  assert.deepEqual(load('alert.yml').on['repository_dispatch'], { types: ['glidepath-alert'] });
  assert.deepEqual(load('commands.yml').on['issue_comment'], { types: ['created'] });
});

test('every example workflow leaves the command input at auto, so the event picks the command', () => {
  for (const name of readdirSync(dir)) {
    const steps = Object.values(load(name).jobs).flatMap((job) => job.steps).filter((step) => step.uses?.startsWith('glidepath/glidepath@'));
    assert.equal(steps.length, 1, name);
    assert.equal(steps[0]!.with?.['command'], undefined, name);
  }
});
