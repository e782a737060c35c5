import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Problem } from '../../../src/core/problem.js';
import { problemsToAnnotations } from '../../../src/core/validate/annotations.js';
import { summaryLine } from '../../../src/core/validate/problem-summary.js';
import { escapeCommandData, escapeCommandProperty, renderGithub, renderJson, renderText } from '../../../src/core/validate/render-problems.js';
import { renderValidationSummary } from '../../../src/core/validate/render-summary.js';

const problems: Problem[] = [
  { file: 'policies/a,b:c.yaml', line: 3, col: 5, severity: 'error', message: 'unknown field `x` in spec', rule: 'schema/unknown-field', hint: 'did you mean `y`?', field: 'spec.x' },
  { file: 'releases/r.yaml', line: 7, col: 1, severity: 'warning', message: '100% | <b>\nsecond line\r', rule: 'policy/unused-gate' },
];

test('text output is one problem per line and a summary line', () => {
  assert.equal(renderText(problems, 12), [
    'policies/a,b:c.yaml:3:5: error: unknown field `x` in spec (did you mean `y`?) [schema/unknown-field]',
    'releases/r.yaml:7:1: warning: 100% | <b>\nsecond line\r [policy/unused-gate]',
    '1 error, 1 warning in 12 files',
  ].join('\n'));
});

test('the summary line counts errors and warnings and says when files are valid', () => {
  assert.equal(summaryLine({ errors: 3, warnings: 1, files: 12 }), '3 errors, 1 warning in 12 files');
  assert.equal(summaryLine({ errors: 0, warnings: 0, files: 12 }), '✓ 12 files valid');
  assert.equal(summaryLine({ errors: 0, warnings: 2, files: 1 }), '✓ 1 file valid, 2 warnings');
});

test('json output has every field of every problem and a summary', () => {
  const parsed = JSON.parse(renderJson(problems, 12)) as { problems: Record<string, unknown>[]; summary: Record<string, number> };
  assert.deepEqual(parsed.summary, { errors: 1, warnings: 1, files: 12 });
  assert.deepEqual(parsed.problems[0], { file: 'policies/a,b:c.yaml', line: 3, col: 5, severity: 'error', message: 'unknown field `x` in spec', rule: 'schema/unknown-field', hint: 'did you mean `y`?', field: 'spec.x' });
  assert.deepEqual(Object.keys(parsed.problems[1] ?? {}), ['file', 'line', 'col', 'severity', 'message', 'rule', 'hint', 'field']);
  assert.equal(parsed.problems[1]?.['hint'], null);
});

test('github output escapes data and properties the way the Actions toolkit does', () => {
  assert.equal(escapeCommandData('50% a\r\nb'), '50%25 a%0D%0Ab');
  assert.equal(escapeCommandProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
  const lines = renderGithub(problems, 12).split('\n');
  assert.equal(lines[0], '::error file=policies/a%2Cb%3Ac.yaml,line=3,col=5,title=Glidepath schema/unknown-field::unknown field `x` in spec (did you mean `y`?)');
  assert.equal(lines[1], '::warning file=releases/r.yaml,line=7,col=1,title=Glidepath policy/unused-gate::100%25 | <b>%0Asecond line%0D');
  assert.equal(lines.length, 3);
});

test('annotations carry the line, column and level of each problem', () => {
  assert.deepEqual(problemsToAnnotations(problems)[0], {
    path: 'policies/a,b:c.yaml', startLine: 3, endLine: 3, startColumn: 5, endColumn: 5, level: 'failure',
    message: 'unknown field `x` in spec (did you mean `y`?)', title: 'Glidepath schema/unknown-field',
  });
  assert.equal(problemsToAnnotations(problems)[1]?.level, 'warning');
});

test('the job summary is a Markdown table that user text cannot break', () => {
  const markdown = renderValidationSummary(problems, 12);
  assert.match(markdown, /^### Glidepath \/ validate\n\n\*\*1 error, 1 warning in 12 files\*\*\n/);
  assert.match(markdown, /\| `releases\/r\.yaml:7:1` \| warning \| 100% \\\| &lt;b&gt; second line {2}\| `policy\/unused-gate` \|/);
  assert.equal(renderValidationSummary([], 3), '### Glidepath / validate\n\n✓ 3 files valid\n');
});
