import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256 } from '../../../src/adapters/crypto.js';
import { parseAuditLog, sealRecord, serializeRecord, verifyAuditLog, verifyChain, type AuditRecord } from '../../../src/core/audit/chain.js';
import { GENESIS_HASH } from '../../../src/core/audit/hash.js';
import type { AuditRecordDraft } from '../../../src/core/rollout/types.js';

function draftAt(minute: number, extra: Partial<AuditRecordDraft> = {}): AuditRecordDraft {
  return {
    at: new Date(Date.UTC(2026, 2, 2, 10, minute)).toISOString(),
    release: 'support-assistant',
    bundleHash: 'b'.repeat(64),
    stage: 'canary-5',
    event: 'decision',
    decision: 'hold',
    reason: `tick ${minute}: bake time`,
    actor: 'glidepath[bot]',
    judgement: {
      release: 'support-assistant', stage: 'canary-5', outcome: 'insufficient-samples', reason: 'n too small',
      srm: { verdict: 'ok', pValue: 0.51 }, gates: [], rollback: [], samples: { control: 1200, canary: 61 },
    },
    ...extra,
  };
}

function chainOf(count: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let i = 0; i < count; i += 1) records.push(sealRecord(draftAt(i), records[records.length - 1], sha256));
  return records;
}

function logOf(records: readonly AuditRecord[]): string {
  return records.map((record) => `${serializeRecord(record)}\n`).join('');
}

test('the first record links to 64 zeros and each next one to the hash before it', () => {
  const [first, second] = chainOf(2);
  assert.equal(first?.seq, 1);
  assert.equal(first?.prevHash, GENESIS_HASH);
  assert.equal(second?.seq, 2);
  assert.equal(second?.prevHash, first?.hash);
  assert.match(first?.hash ?? '', /^[0-9a-f]{64}$/);
});

test('a log written by Glidepath parses and verifies', () => {
  const result = verifyAuditLog(logOf(chainOf(5)), sha256);
  assert.equal(result.ok, true);
  assert.equal(result.records.length, 5);
  assert.deepEqual(result.problems, []);
});

test('changing any single byte of any line is detected and reported with its line', () => {
  const text = logOf(chainOf(3));
  const lines = text.split('\n');
  const target = lines[1] ?? '';
  // Every position of the middle line, replaced by a different character.
  for (let index = 0; index < target.length; index += 1) {
    const replacement = target[index] === '1' ? '2' : '1';
    const altered = [...lines];
    altered[1] = target.slice(0, index) + replacement + target.slice(index + 1);
    const result = verifyAuditLog(altered.join('\n'), sha256);
    assert.equal(result.ok, false, `change at column ${index + 1} was not detected`);
    assert.ok(result.problems.some((problem) => problem.line === 2 || problem.line === 3), `change at column ${index + 1} reported on the wrong line`);
  }
});

test('a changed number in the evidence is reported with its seq and line as an altered record', () => {
  const records = chainOf(3);
  const text = logOf(records).replace('"canary":61', '"canary":610');
  const result = verifyAuditLog(text, sha256);
  assert.equal(result.ok, false);
  assert.deepEqual(result.problems.map((p) => [p.seq, p.line]), [[1, 1]]);
  assert.match(result.problems[0]?.message ?? '', /record content does not match its hash .*altered/);
});

test('deleting a record leaves a sequence gap and a broken link', () => {
  const records = chainOf(4);
  const { ok, problems } = verifyChain([records[0], records[1], records[3]] as AuditRecord[], sha256);
  assert.equal(ok, false);
  assert.ok(problems.some((p) => p.seq === 4 && /record\(s\) 3–3 are missing/.test(p.message)));
  assert.ok(problems.some((p) => p.seq === 4 && /prevHash/.test(p.message)));
});

test('reordering records is detected', () => {
  const records = chainOf(3);
  const { ok, problems } = verifyChain([records[0], records[2], records[1]] as AuditRecord[], sha256);
  assert.equal(ok, false);
  assert.ok(problems.some((p) => /out of order/.test(p.message)));
});

test('a record re-linked to a forged previous hash is detected even with a valid own hash', () => {
  const records = chainOf(3);
  const forged = sealRecord(draftAt(9), { ...records[0], hash: 'f'.repeat(64) } as AuditRecord, sha256);
  const { problems } = verifyChain([records[0], forged] as AuditRecord[], sha256);
  assert.deepEqual(problems.map((p) => p.seq), [2]);
  assert.match(problems[0]?.message ?? '', /prevHash/);
});

test('a re-formatted but otherwise equal line is reported as not canonical', () => {
  const records = chainOf(2);
  const pretty = [JSON.stringify(records[0], null, 1).replace(/\n/g, ''), serializeRecord(records[1] as AuditRecord)].join('\n');
  const parsed = parseAuditLog(pretty);
  assert.equal(parsed.records.length, 2);
  assert.deepEqual(parsed.problems.map((p) => [p.line, p.seq]), [[1, 1]]);
});

test('blank lines and CRLF line ends are tolerated, with records keeping their line numbers', () => {
  const records = chainOf(2);
  const text = `${serializeRecord(records[0] as AuditRecord)}\r\n\r\n${serializeRecord(records[1] as AuditRecord)}\r\n`;
  const result = verifyAuditLog(text, sha256);
  assert.equal(result.ok, true);
  assert.deepEqual(parseAuditLog(text).lines, [1, 3]);
});

test('a line that is not JSON is reported with its line number', () => {
  const result = verifyAuditLog(`${logOf(chainOf(1))}{"seq":2,`, sha256);
  assert.equal(result.ok, false);
  assert.equal(result.problems[0]?.line, 2);
  assert.match(result.problems[0]?.message ?? '', /not valid JSON/);
});
