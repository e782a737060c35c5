import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIG, assertAt, loadWith, onlyProblem, policy, positionOf, release } from './repo-fixture.js';

const P = 'policies/default.yaml';
const R = 'releases/assistant.yaml';

/** A policy file whose spec is `body`, and the load result of the base repository with it. */
function withPolicy(body: string): { text: string; result: ReturnType<typeof loadWith> } {
  const text = policy('default', body);
  return { text, result: loadWith({ [P]: text }) };
}

test('the base repository of these tests is valid', () => {
  assert.deepEqual(loadWith().problems, []);
});

test('a shadow stage with a weight is reported at the weight value', () => {
  const { text, result } = withPolicy(`strategy: shadow-then-canary
stages:
  - { name: shadow, mode: shadow, weight: 5 }
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const problem = onlyProblem(result, 'policy/shadow-weight');
  assertAt(problem, P, positionOf(text, '5 }'));
  assert.equal(problem.field, 'spec.stages[0].weight');
});

test('a weight lower than the stage before breaks the increasing ramp', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: a, weight: 25 }
  - { name: b, weight: 5 }
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const problem = onlyProblem(result, 'policy/weights-increase');
  assertAt(problem, P, positionOf(text, '5 }', 'name: b'));
  assert.match(problem.message, /stage `b` sends 5% .* less than stage `a` before it \(25%\)/);
});

test('two traffic stages at the same weight are reported unless the later one widens a ring', () => {
  const same = withPolicy(`strategy: canary
stages:
  - { name: a, weight: 10 }
  - { name: b, weight: 10 }
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(same.result, 'policy/weights-increase'), P, positionOf(same.text, '10 }', 'name: b'));
  const ring = withPolicy(`strategy: rings
stages:
  - { name: internal, weight: 0, segment: { attribute: tenant, values: [acme] } }
  - { name: beta, weight: 0, segment: { attribute: tenant, values: [acme, beta] } }
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assert.deepEqual(ring.result.problems, []);
});

test('a shadow stage after traffic has moved is reported at its mode', () => {
  const { text, result } = withPolicy(`strategy: shadow-then-canary
stages:
  - { name: shadow, mode: shadow }
  - { name: canary, weight: 10 }
  - { name: late-shadow, mode: shadow }
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(result, 'policy/weights-increase'), P, positionOf(text, 'shadow }', 'late-shadow'));
});

test('a ramp that stops short of 100 is reported at the last weight, except for an ab split', () => {
  const body = (strategy: string): string => `strategy: ${strategy}
stages:
  - { name: half, weight: 50 }
rollback:
  - { metric: error_rate, increase: 2pp }
`;
  const canary = withPolicy(body('canary'));
  const problem = onlyProblem(canary.result, 'policy/last-stage-full');
  assertAt(problem, P, positionOf(canary.text, '50 }'));
  assert.match(problem.message, /a `canary` rollout ends at 100%/);
  assert.deepEqual(withPolicy(body('ab')).result.problems, []);
});

test('a traffic stage without a weight is reported at the stage', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - name: canary
    minDuration: 1h
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(result, 'policy/missing-weight'), P, positionOf(text, 'name: canary'));
});

test('a shadow-then-canary policy that does not start with a shadow stage is reported', () => {
  const { text, result } = withPolicy(`strategy: shadow-then-canary
stages:
  - { name: canary, weight: 10 }
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(result, 'policy/shadow-first'), P, positionOf(text, '{ name: canary'));
});

test('a shadow stage under a plain canary strategy is a warning', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: shadow, mode: shadow }
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(result, 'policy/strategy-mismatch'), P, positionOf(text, 'shadow }'), 'warning');
});

test('watch on any stage but the last is reported at the watch key', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: canary, weight: 10, watch: 1h }
  - { name: full, weight: 100, watch: 24h }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(result, 'policy/watch-last'), P, positionOf(text, 'watch: 1h'));
});

test('stage names repeat within a policy', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: canary, weight: 10 }
  - { name: canary, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(result, 'policy/duplicate-stage'), P, positionOf(text, 'canary, weight: 100'));
});

test('a minimum duration longer than the maximum is reported at maxDuration', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: canary, weight: 10, minDuration: 2d, maxDuration: 36h }
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const problem = onlyProblem(result, 'policy/duration-order');
  assertAt(problem, P, positionOf(text, '36h'));
  assert.match(problem.message, /at least 2d but at most 36h/);
});

test('a stage that lists an undefined gate gets a suggestion, and an unused gate a warning', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: canary, weight: 10, gates: [errros] }
  - { name: full, weight: 100 }
gates:
  errors: { metric: error_rate, test: proportions, maxIncrease: 1pp }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const unknown = onlyProblem(result, 'policy/unknown-gate');
  assertAt(unknown, P, positionOf(text, 'errros'));
  assert.equal(unknown.hint, 'did you mean `errors`?');
  assertAt(onlyProblem(result, 'policy/unused-gate'), P, positionOf(text, 'errors:'), 'warning');
});

test('deploy window hours must open before they close, in a real time zone', () => {
  const backwards = withPolicy(`${'strategy: canary'}
window: { hours: "17:00-09:00", timezone: Europe/Berlin }
stages:
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(backwards.result, 'policy/window-hours'), P, positionOf(backwards.text, '"17:00'));
  const badZone = withPolicy(`strategy: canary
window: { days: [mon], timezone: Europe/Berln }
stages:
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const zone = onlyProblem(badZone.result, 'policy/window-timezone');
  assertAt(zone, P, positionOf(badZone.text, 'Europe/Berln'));
  assert.equal(zone.hint, 'did you mean `Europe/Berlin`?');
  for (const ok of ['UTC', 'America/New_York', 'Asia/Calcutta']) {
    const good = withPolicy(`strategy: canary\nwindow: { hours: "00:00-24:00", timezone: ${ok} }\nstages:\n  - { name: full, weight: 100 }\nrollback:\n  - { metric: error_rate, increase: 2pp }\n`);
    assert.deepEqual(good.result.problems, [], ok);
  }
});

test('a freeze that ends before it starts is reported at until', () => {
  const { text, result } = withPolicy(`strategy: canary
freezes:
  - { from: "2025-12-24T00:00:00Z", until: "2025-12-20T00:00:00+01:00" }
stages:
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(result, 'policy/freeze-order'), P, positionOf(text, '"2025-12-20'));
});

test('a rollback criterion needs exactly one condition', () => {
  const none = withPolicy(`strategy: canary
stages:
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate }
`);
  assertAt(onlyProblem(none.result, 'policy/rollback-condition'), P, positionOf(none.text, '{ metric: error_rate }'));
  const two = withPolicy(`strategy: canary
stages:
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, above: 0.1, increase: 2pp }
`);
  const problem = onlyProblem(two.result, 'policy/rollback-condition');
  assertAt(problem, P, positionOf(two.text, 'increase'));
  assert.match(problem.message, /2 conditions \(above, increase\)/);
});

test('a rollback quantile on a proportion metric is reported', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, quantile: 0.9, above: 0.1 }
`);
  assertAt(onlyProblem(result, 'policy/rollback-quantile'), P, positionOf(text, '0.9'));
});

test('gates and rollback criteria name metrics that glidepath.yaml defines', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: full, weight: 100, gates: [latency] }
gates:
  latency: { metric: latency_m, test: welch, maxIncrease: 10% }
rollback:
  - { metric: eror_rate, increase: 2pp }
`);
  const problems = result.problems.filter((p) => p.rule === 'policy/unknown-metric');
  assert.equal(problems.length, 2);
  assertAt(problems[0]!, P, positionOf(text, 'latency_m,'));
  assert.equal(problems[0]!.hint, 'did you mean `latency_ms`?');
  assertAt(problems[1]!, P, positionOf(text, 'eror_rate'));
  assert.equal(problems[1]!.hint, 'did you mean `error_rate`?');
});

test('a gate test must suit its metric type', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: full, weight: 100, gates: [errors, latency] }
gates:
  errors: { metric: error_rate, test: welch, maxIncrease: 10% }
  latency: { metric: latency_ms, test: proportions, maxIncrease: 10% }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const problems = result.problems.filter((p) => p.rule === 'policy/gate-test');
  assert.equal(problems.length, 2);
  assertAt(problems[0]!, P, positionOf(text, 'welch'));
  assert.match(problems[0]!.hint ?? '', /`proportions`/);
  assertAt(problems[1]!, P, positionOf(text, 'proportions, maxIncrease: 10%', 'latency:'));
});

test('a quantile gate needs a quantile and a bound, and does not compare with control', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: full, weight: 100, gates: [p99] }
gates:
  p99: { metric: latency_ms, test: quantile, versus: control }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(result, 'policy/gate-quantile'), P, positionOf(text, 'p99: {'));
  assertAt(onlyProblem(result, 'policy/gate-versus'), P, positionOf(text, 'control }'));
  const bound = withPolicy(`strategy: canary
stages:
  - { name: full, weight: 100, gates: [p99] }
gates:
  p99: { metric: latency_ms, test: quantile, quantile: 0.99 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(bound.result, 'policy/gate-bound'), P, positionOf(bound.text, 'p99: {'));
});

test('a gate against control needs a margin, and one margin is enough', () => {
  const none = withPolicy(`strategy: canary
stages:
  - { name: full, weight: 100, gates: [errors] }
gates:
  errors: { metric: error_rate, test: proportions }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  assertAt(onlyProblem(none.result, 'policy/gate-margin'), P, positionOf(none.text, 'errors: {'));
  const both = withPolicy(`strategy: canary
stages:
  - { name: full, weight: 100, gates: [errors] }
gates:
  errors: { metric: error_rate, test: proportions, maxIncrease: 1pp, nonInferiority: 1pp }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const problem = onlyProblem(both.result, 'policy/gate-margin');
  assert.equal(problem.severity, 'warning');
  assertAt(problem, P, positionOf(both.text, '1pp }'), 'warning');
});

test('a percentage-point margin on a continuous metric is an error, in gates and in rollback criteria', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: full, weight: 100, gates: [latency] }
gates:
  latency: { metric: latency_ms, test: welch, maxIncrease: 5pp }
rollback:
  - { metric: latency_ms, increase: 3pp }
`);
  const problems = result.problems.filter((p) => p.rule === 'policy/margin-unit');
  assert.equal(problems.length, 2);
  assertAt(problems[0]!, P, positionOf(text, '5pp'));
  assert.match(problems[0]!.hint ?? '', /\(ms\)/);
  assertAt(problems[1]!, P, positionOf(text, '3pp'));
});

test('margins so loose the gate can barely fail, and a zero maxIncrease, are warnings', () => {
  const { text, result } = withPolicy(`strategy: canary
stages:
  - { name: full, weight: 100, gates: [errors, cost, latency] }
gates:
  errors: { metric: error_rate, test: proportions, maxIncrease: 60pp }
  cost: { metric: latency_ms, test: welch, maxIncrease: 150% }
  latency: { metric: latency_ms, test: mann-whitney, maxIncrease: 0 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const loose = result.problems.filter((p) => p.rule === 'policy/margin-loose');
  assert.equal(loose.length, 2);
  assertAt(loose[0]!, P, positionOf(text, '60pp'), 'warning');
  assert.match(loose[0]!.message, /can barely fail/);
  assertAt(loose[1]!, P, positionOf(text, '150%'), 'warning');
  assertAt(onlyProblem(result, 'policy/margin-zero'), P, positionOf(text, '0 }', 'latency:'), 'warning');
  assert.equal(result.problems.filter((p) => p.severity === 'error').length, 0);
});

test('names repeat within the lists of glidepath.yaml', () => {
  const text = CONFIG.replace('      - { name: latency_ms,', '      - { name: error_rate, source: exports, type: proportion, direction: lower-is-better }\n      - { name: latency_ms,');
  const result = loadWith({ 'glidepath.yaml': text });
  const problem = onlyProblem(result, 'config/duplicate-name');
  assertAt(problem, 'glidepath.yaml', positionOf(text, 'error_rate', 'task_completion'));
  assert.match(problem.message, /metric name `error_rate` is used twice \(first on line 16\)/);
});

test('a metric definition reads from a source that exists', () => {
  const text = CONFIG.replace('name: latency_ms, source: exports', 'name: latency_ms, source: export');
  const problem = onlyProblem(loadWith({ 'glidepath.yaml': text }), 'config/unknown-source');
  assertAt(problem, 'glidepath.yaml', positionOf(text, 'export,'));
  assert.equal(problem.hint, 'did you mean `exports`?');
});

test('paths in glidepath.yaml stay inside the repository', () => {
  for (const [path, reason] of [['/etc/flags.json', /absolute/], ['../flags.json', /`\.\.`/], ['deploy\\flags.json', /backslash/]] as const) {
    const text = CONFIG.replace('path: deploy/flags.json', `path: "${path.replace('\\', '\\\\')}"`);
    const problem = onlyProblem(loadWith({ 'glidepath.yaml': text }), 'path/outside-repository');
    assertAt(problem, 'glidepath.yaml', positionOf(text, '"', 'type: flagd'));
    assert.match(problem.message, reason);
  }
});

test('a release follows a policy that exists, with a suggestion', () => {
  const text = release('assistant', `policy: defualt
target: { provider: flags, key: assistant }
champion: { model: a }
challenger: { model: b }
`);
  const problem = onlyProblem(loadWith({ [R]: text }), 'release/unknown-policy');
  assertAt(problem, R, positionOf(text, 'defualt'));
  assert.equal(problem.hint, 'did you mean `default`?');
});

test('a release that follows a policy with schema errors is not reported as missing its policy', () => {
  const broken = policy('default', `strategy: canary\nstages:\n  - { name: full, weight: 100, colour: red }\nrollback:\n  - { metric: error_rate, increase: 2pp }\n`);
  const result = loadWith({ [P]: broken });
  assert.deepEqual(result.problems.map((p) => p.rule), ['schema/unknown-field']);
});

test('a release names a provider of glidepath.yaml', () => {
  const text = release('assistant', `policy: default
target: { provider: flag, key: assistant }
champion: { model: a }
challenger: { model: b }
`);
  const problem = onlyProblem(loadWith({ [R]: text }), 'release/unknown-provider');
  assertAt(problem, R, positionOf(text, 'flag,'));
  assert.equal(problem.hint, 'did you mean `flags`?');
});

test('prompt files exist and stay inside the repository', () => {
  const text = release('assistant', `policy: default
target: { provider: flags, key: assistant }
champion: { model: a, prompt: prompts/a.md }
challenger: { model: b, prompt: prompts/c.md }
`);
  const missing = onlyProblem(loadWith({ [R]: text }), 'release/missing-prompt');
  assertAt(missing, R, positionOf(text, 'prompts/c.md'));
  assert.match(missing.hint ?? '', /did you mean `prompts\/[ab]\.md`\?/);
  const escaping = release('assistant', `policy: default
target: { provider: flags, key: assistant }
champion: { model: a, prompt: prompts/a.md }
challenger: { model: b, prompt: ../../etc/passwd }
`);
  const outside = onlyProblem(loadWith({ [R]: escaping }), 'path/outside-repository');
  assertAt(outside, R, positionOf(escaping, '../../etc/passwd'));
});

test('a high-risk release needs an approval at or before the stage that reaches 100%', () => {
  const text = release('assistant', `policy: default
risk: high
target: { provider: flags, key: assistant }
champion: { model: a }
challenger: { model: b }
`);
  const problem = onlyProblem(loadWith({ [R]: text }), 'release/high-risk-approval');
  assertAt(problem, R, positionOf(text, 'high'));
  assert.match(problem.message, /release `assistant` is high-risk, but its policy `default` \(policies\/default\.yaml\) reaches 100% without an approval/);
  const approved = policy('default', `strategy: canary\nstages:\n  - { name: canary, weight: 10, approval: required }\n  - { name: full, weight: 100 }\nrollback:\n  - { metric: error_rate, increase: 2pp }\n`);
  assert.deepEqual(loadWith({ [R]: text, [P]: approved }).problems, []);
  const tooLate = policy('default', `strategy: canary\nstages:\n  - { name: full, weight: 100 }\n  - { name: after, weight: 100, approval: required }\nrollback:\n  - { metric: error_rate, increase: 2pp }\n`);
  assert.ok(loadWith({ [R]: text, [P]: tooLate }).problems.some((p) => p.rule === 'release/high-risk-approval'));
});

test('names are unique among policies and among releases', () => {
  const result = loadWith({ 'policies/copy.yaml': policy('default'), 'releases/copy.yaml': release('assistant') });
  const problems = result.problems.filter((p) => p.rule === 'repository/duplicate-name');
  assert.equal(problems.length, 2);
  assert.deepEqual(problems.map((p) => [p.file, p.line, p.col]), [['policies/default.yaml', 4, 9], ['releases/copy.yaml', 4, 9]]);
  assert.match(problems[0]!.message, /already defined in policies\/copy\.yaml:4/);
});

test('a repository without glidepath.yaml is told to create one', () => {
  const problem = onlyProblem(loadWith({ 'glidepath.yaml': null }), 'repository/missing-config');
  assertAt(problem, 'glidepath.yaml', { line: 1, col: 1 });
});
