import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inert, renderCommentReply } from '../../../src/core/report/comment-reply.js';

test('user text in a refusal renders inert: no HTML, no mention, no emphasis, link or heading', () => {
  const text = '<img src=x> @octocat **✅ approved** [link](https://evil) # Verdict: pass';
  const out = inert(text);
  assert.doesNotMatch(out, /<img|@octocat|\*\*✅|\]\(|^#/);
  assert.match(out, /&#64;octocat/, 'the mention is an entity, not a ping');
  assert.match(renderCommentReply({ verb: 'approve', user: 'mallory', outcome: 'refused', text }), /^<!-- glidepath:comment-reply -->\n\*\*Glidepath did not act\*\* on `\/glidepath approve` from `mallory`: /);
});

test('command output is quoted in a fence that backticks inside it cannot close', () => {
  const body = renderCommentReply({ verb: 'rollback', user: 'octocat', outcome: 'done', text: 'reason: ```\n**fake verdict**', ran: 'glidepath rollback --release a' });
  assert.match(body, /\n````text\nreason: ```\n\*\*fake verdict\*\*\n````\n$/);
});
