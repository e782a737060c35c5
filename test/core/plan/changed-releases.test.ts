import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findChangedPolicies, findChangedReleases } from '../../../src/core/plan/changed-releases.js';
import { edit, quickstartFiles, repositoryOf } from './quickstart.js';

function changes(base: Record<string, string>, head: Record<string, string>, changedPaths?: string[]): [string, string, string[]][] {
  return findChangedReleases(repositoryOf(base), repositoryOf(head), changedPaths).map((c) => [c.name, c.kind, [...c.reasons]]);
}

test('the same files at base and head change no release', () => {
  const files = quickstartFiles();
  assert.deepEqual(changes(files, { ...files }), []);
});

test('a comment-only edit of a release file changes nothing', () => {
  const base = quickstartFiles();
  const head = { ...base };
  edit(head, 'releases/support-assistant.yaml', '# The support assistant', '# Reworded: the support assistant');
  assert.deepEqual(changes(base, head), []);
});

test('a policy change affects every release that follows it', () => {
  const base = quickstartFiles();
  const head = { ...base };
  edit(head, 'policies/prompt-tweak.yaml', 'minDuration: 2h', 'minDuration: 1h');
  head['releases/faq-prompt.yaml'] = head['releases/summarizer-prompt.yaml']!.replace('name: summarizer-prompt', 'name: faq-prompt').replace('key: ticket-summarizer', 'key: faq');
  assert.deepEqual(changes(base, head), [
    ['faq-prompt', 'added', ['new release']],
    ['summarizer-prompt', 'modified', ['policy `prompt-tweak` changed']],
  ]);
});

test('a removed release file is a removed release', () => {
  const base = quickstartFiles();
  const head = { ...base };
  delete head['releases/summarizer-prompt.yaml'];
  assert.deepEqual(changes(base, head), [['summarizer-prompt', 'removed', ['release removed']]]);
});

test('a prompt file edited in place changes the release that names it', () => {
  const base = quickstartFiles();
  const head = { ...base };
  head['prompts/summarize-v2.md'] = `${head['prompts/summarize-v2.md']}\nOne more line.\n`;
  assert.deepEqual(changes(base, head), [['summarizer-prompt', 'modified', ['challenger prompt `prompts/summarize-v2.md` changed']]]);
});

test('switching policy is named with both policies', () => {
  const base = quickstartFiles();
  const head = { ...base };
  edit(head, 'releases/summarizer-prompt.yaml', 'policy: prompt-tweak', 'policy: model-upgrade');
  assert.deepEqual(changes(base, head), [['summarizer-prompt', 'modified', ['switches policy `prompt-tweak` → `model-upgrade`']]]);
});

test('a default traffic change affects only releases without their own traffic figure', () => {
  const base = quickstartFiles();
  const head = { ...base };
  edit(head, 'glidepath.yaml', 'requestsPerHour: 50000', 'requestsPerHour: 80000');
  assert.deepEqual(changes(base, head), [['support-assistant', 'modified', ['default traffic changed']]]);
});

test('changes from files the pull request did not touch are left out', () => {
  // The base branch moved on (a policy edit merged elsewhere); the pull request only touched a prompt.
  const base = quickstartFiles();
  const head = { ...base };
  edit(head, 'policies/prompt-tweak.yaml', 'minDuration: 2h', 'minDuration: 1h');
  head['prompts/support-v2.md'] = `${head['prompts/support-v2.md']}\nBe brief.\n`;
  assert.deepEqual(changes(base, head, ['prompts/support-v2.md']), [['support-assistant', 'modified', ['challenger prompt `prompts/support-v2.md` changed']]]);
  assert.equal(changes(base, head).length, 2);
});

test('changed policies list the releases that follow them', () => {
  const base = quickstartFiles();
  const head = { ...base };
  edit(head, 'policies/model-upgrade.yaml', 'minDuration: 1h', 'minDuration: 2h');
  const policies = findChangedPolicies(repositoryOf(base), repositoryOf(head));
  assert.deepEqual(policies.map((p) => [p.name, p.kind, p.usedBy]), [['model-upgrade', 'modified', ['support-assistant']]]);
});
