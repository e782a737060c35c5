import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsToAnnotations } from '../../../src/core/validate/annotations.js';
import { renderGithub, renderJson, renderText } from '../../../src/core/validate/render-problems.js';
import { findInlineSecrets, mayHoldInlineSecrets } from '../../../src/core/validate/inline-secrets.js';
import { parseWithFullParser } from '../../../src/core/yaml/parse-yaml.js';
import { renderValidationSummary } from '../../../src/core/validate/render-summary.js';
import { CONFIG, loadWith, positionOf, release } from './repo-fixture.js';

// Built at run time so that no credential-shaped string sits in the repository for scanners to flag.
const fake = {
  openai: ['sk', 'proj', 'Zq3T8vN2xL5pR7kW9mB4cH6jD1fG0sY'].join('-'),
  github: `${'gh'}p_${'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'}`,
  githubPat: `github_${'pat'}_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz`,
  aws: `${'AK'}IA${'IOSFODNN7EXAMPLE'}`,
  slack: `${'xo'}xb-1234567890-abcdefghijkl`,
  bearer: `Bearer ${'eyJhbGciOiJIUzI1NiJ9'}X2a9`,
  random: 'q8Zr2VbN7xK3mT9wL4pH6sJ1dF5gC0yA8uE2',
  plain: 'correct-horse-battery',
};

function outputsOf(problems: ReturnType<typeof loadWith>['problems'], files: number): string[] {
  return [
    renderText(problems, files),
    renderJson(problems, files),
    renderGithub(problems, files),
    JSON.stringify(problemsToAnnotations(problems)),
    renderValidationSummary(problems, files),
  ];
}

function assertNeverShown(result: ReturnType<typeof loadWith>, secret: string): void {
  for (const output of outputsOf(result.problems, result.documentCount)) {
    assert.equal(output.includes(secret), false, `secret shown in output:\n${output}`);
  }
}

const providerWith = (extra: string): string => CONFIG.replace('      path: deploy/flags.json\n', `      path: deploy/flags.json\n${extra}`);

test('an API key in an unknown field is reported as an inline secret, not as an unknown field that echoes it', () => {
  const text = providerWith(`      apiKey: ${fake.openai}\n`);
  const result = loadWith({ 'glidepath.yaml': text });
  assert.deepEqual(result.problems.map((p) => p.rule), ['secret/inline']);
  const [problem] = result.problems;
  assert.deepEqual([problem!.line, problem!.col], Object.values(positionOf(text, fake.openai)));
  assert.match(problem!.message, /`spec\.providers\[0\]\.apiKey` looks like a secret written inline \(an OpenAI or Anthropic API key\); store it in a GitHub secret and name the environment variable instead \(e\.g\. `tokenEnv: UNLEASH_TOKEN`\)/);
  assertNeverShown(result, fake.openai);
});

test('any literal under a key such as token or password is a secret, whatever it looks like', () => {
  for (const key of ['token', 'password', 'api_key', 'Authorization', 'clientSecret']) {
    const text = providerWith(`      ${key}: ${fake.plain}\n`);
    const result = loadWith({ 'glidepath.yaml': text });
    const secrets = result.problems.filter((p) => p.rule === 'secret/inline');
    assert.equal(secrets.length, 1, key);
    assert.deepEqual([secrets[0]!.line, secrets[0]!.col], Object.values(positionOf(text, fake.plain)), key);
    assertNeverShown(result, fake.plain);
  }
});

test('known token shapes are found in any value, and the document is left out of the repository', () => {
  for (const [kind, secret] of Object.entries({ github: fake.github, githubPat: fake.githubPat, aws: fake.aws, slack: fake.slack, bearer: fake.bearer, random: fake.random })) {
    const text = release('assistant').replace('  name: assistant\n', `  name: assistant\n  description: "calls the API with ${secret} on every request"\n`);
    const result = loadWith({ 'releases/assistant.yaml': text });
    const secrets = result.problems.filter((p) => p.rule === 'secret/inline');
    assert.equal(secrets.length, 1, kind);
    assert.equal(secrets[0]!.line, positionOf(text, secret).line, kind);
    assert.equal(result.repository.releases.has('assistant'), false, kind);
    assertNeverShown(result, secret);
  }
});

test('a credential in a comment is reported too', () => {
  const text = `${CONFIG}# old key: ${fake.aws}\n`;
  const result = loadWith({ 'glidepath.yaml': text });
  const [problem] = result.problems;
  assert.equal(problem?.rule, 'secret/inline');
  assert.deepEqual([problem!.line, problem!.col], Object.values(positionOf(text, fake.aws)));
  assert.match(problem!.message, /a comment here looks like a secret/);
  assertNeverShown(result, fake.aws);
});

test('a credential used as a key, or as an unknown provider type, is never echoed', () => {
  const asKey = providerWith(`      ${fake.openai}: 1\n`);
  assertNeverShown(loadWith({ 'glidepath.yaml': asKey }), fake.openai);
  const asType = CONFIG.replace('type: flagd', `type: ${fake.openai}`);
  const result = loadWith({ 'glidepath.yaml': asType });
  assert.ok(result.problems.some((p) => p.rule === 'secret/inline'));
  assertNeverShown(result, fake.openai);
});

test('a credential in a file that does not parse is still found and never echoed', () => {
  const text = `apiVersion: glidepath.dev/v1\nkind: Release\nmetadata: { name: x\n  token: "${fake.github}"\n`;
  const result = loadWith({ 'releases/broken.yaml': text });
  const problems = result.problems.filter((p) => p.file === 'releases/broken.yaml');
  assert.ok(problems.some((p) => p.rule === 'secret/inline'));
  assertNeverShown(result, fake.github);
});

test('ordinary values that merely look technical are not secrets', () => {
  const text = release('assistant', `policy: default
owner: "@acme/ml-platform"
target: { provider: flags, key: support-agent-model-2024-08-06-experimental-long-key }
champion: { model: openai/gpt-4o-2024-08-06, prompt: prompts/a.md, parameters: { maxTokens: 1024 } }
challenger:
  model: anthropic.claude-3-5-sonnet-20240620-v1:0
  prompt: prompts/b.md
  tools: [lookup_order_status_for_customer_account_history]
`).replace('  name: assistant\n', '  name: assistant\n  description: Bearer tokens are never stored here; see docs/SecurityGuidelinesForPromptEngineering2024.md and e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n');
  assert.deepEqual(loadWith({ 'releases/assistant.yaml': text }).problems, []);
});

test('a valid file is scanned on its value, and its literals are asked for only where a secret could be', () => {
  const plain = 'metadata:\n  name: checkout\nspec:\n  tokenEnv: UNLEASH_TOKEN\n  owner: "@acme/team"\n';
  assert.equal(mayHoldInlineSecrets(plain, { metadata: { name: 'checkout' }, spec: { tokenEnv: 'UNLEASH_TOKEN', owner: '@acme/team' } }), false);
  assert.equal(mayHoldInlineSecrets(`a: ${fake.random}\n`, { a: fake.random }), true);
  assert.equal(mayHoldInlineSecrets('token: 12\n', { token: 12 }), true);
  // `token: ~` holds a literal, `token:` none; both read as null, so the full scan settles it.
  assert.equal(mayHoldInlineSecrets('token: ~\n', { token: null }), true);
  assert.equal(mayHoldInlineSecrets('token: ""\n', { token: '' }), false);
  assert.equal(mayHoldInlineSecrets(`# ${fake.github}\na: 1\n`, { a: 1 }), true, 'a known token shape anywhere in the text');
  assert.equal(mayHoldInlineSecrets('a: [', undefined), true, 'a file that did not parse');
});

test('a file the text check waves through holds no secret the full scan would find, however its keys and values are written', () => {
  const texts = [
    'Api-Key: x1\n', '__PASSWORD__: hunter2\n', 'TO\u212AEN: abc\n', '? token\n: abc\n', '{a: 1,secret: x}\n', '- client_secret: y\n',
    '"access-token": abc\n', "'pwd': abc\n", 'cred-en_tial: x\n', 't-o-k-e-n: 1\n', 'x.token: 1\n', 'tokens: 1\n', 'maxTokens: 1\n',
    `a: ${fake.random}\n`, `a: >\n  ${fake.random.slice(0, 20)}\n  ${fake.random.slice(20)}\n`, 'a: "\\x73k-proj-0123456789abcdefghij"\n', 'k: "to\\u006ben"\n',
    `a: '${fake.random.slice(0, 16)}''${fake.random.slice(16)}'\n`, 'description: a long sentence that is only prose and nothing else at all\n',
  ];
  let found = 0;
  for (const text of texts) {
    const parsed = parseWithFullParser(text);
    const findings = findInlineSecrets(parsed.scalars(), parsed.comments());
    if (findings.length > 0) found += 1;
    assert.ok(findings.length === 0 || mayHoldInlineSecrets(text, parsed.value), `${JSON.stringify(text)}: ${findings.map((f) => f.kind).join(', ')}`);
  }
  assert.ok(found >= 10, `the cases hold findings to miss (${found})`);
  assert.equal(mayHoldInlineSecrets('maxTokens: 1\nmodel: openai/gpt-4o-mini-2024-07-18\n', { maxTokens: 1, model: 'openai/gpt-4o-mini-2024-07-18' }), false);
  // A token shape spelled with escapes was once waved through on the text alone.
  const escaped = release('assistant', 'policy: default\n').replace('  name: assistant\n', '  name: assistant\n  description: "\\x73k-proj-0123456789abcdefghij"\n');
  const problems = loadWith({ 'releases/assistant.yaml': escaped }).problems;
  assert.ok(problems.some((p) => p.rule === 'secret/inline' && p.file === 'releases/assistant.yaml'), JSON.stringify(problems.map((p) => p.rule)));
  assert.ok(problems.every((p) => !`${p.message}${p.hint ?? ''}`.includes('0123456789abcdefghij')), 'never echoed');
});
