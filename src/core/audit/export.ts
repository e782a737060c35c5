import { prose, valueCell } from '../report/markdown.js';
import type { Verdict } from '../gates/verdict.js';
import { describeSplit } from '../rollout/split.js';
import type { Approval } from '../rollout/types.js';
import type { AuditRecord } from './chain.js';

export interface ComplianceOptions {
  /** The result of verifyChain/verifyAuditLog over the whole log, to state in the report. */
  readonly verification?: { readonly ok: boolean; readonly problems: readonly { readonly seq?: number; readonly line: number; readonly message: string }[] };
}

interface VerdictRow {
  readonly kind: 'gate' | 'rollback criterion';
  readonly name: string;
  readonly metric: string;
  readonly verdict: string;
  readonly effect?: number;
  readonly interval?: readonly [number, number];
  readonly threshold?: number;
  readonly pValue?: number;
  readonly n?: { readonly control: number; readonly canary: number };
  readonly reason: string;
}

interface ComplianceReport {
  readonly release: string;
  readonly records: number;
  readonly firstSeq?: number;
  readonly lastSeq?: number;
  readonly headHash?: string;
  readonly bundles: readonly string[];
  readonly verification: { readonly checked: boolean; readonly ok?: boolean; readonly problems: readonly { readonly seq?: number; readonly line: number; readonly message: string }[] };
  readonly timeline: readonly { seq: number; at: string; event: string; stage: string; decision?: string; actor: string; traffic?: string; reason: string; hash: string }[];
  readonly gates: readonly { seq: number; at: string; stage: string; outcome: string; reason: string; samples: { control: number; canary: number }; verdicts: readonly VerdictRow[] }[];
  readonly approvals: readonly { seq: number; at: string; stage: string; kind: string; by: string; reason?: string; hash: string }[];
  readonly rollbacks: readonly { seq: number; at: string; stage: string; trigger: string; actor: string; reason: string; hash: string }[];
  readonly drills: readonly { seq: number; at: string; stage: string; actor: string; reason: string; hash: string }[];
  readonly reconciliations: readonly { seq: number; at: string; stage: string; actor: string; reason: string; hash: string }[];
}

function verdictRow(kind: VerdictRow['kind'], verdict: Verdict): VerdictRow {
  const e = verdict.evidence;
  return {
    kind,
    name: verdict.segment ? `${verdict.gate} (${verdict.segment.attribute}=${verdict.segment.value})` : verdict.gate,
    metric: verdict.metric,
    verdict: verdict.verdict,
    ...(e?.effect !== undefined ? { effect: e.effect } : {}),
    ...(e?.interval !== undefined ? { interval: e.interval } : {}),
    ...(e?.threshold !== undefined ? { threshold: e.threshold } : {}),
    ...(e?.pValue !== undefined ? { pValue: e.pValue } : {}),
    ...(e?.n !== undefined ? { n: e.n } : {}),
    reason: verdict.reason,
  };
}

function traffic(record: AuditRecord): string | undefined {
  if (record.splitBefore && record.splitAfter) return `${describeSplit(record.splitBefore)} → ${describeSplit(record.splitAfter)}`;
  return undefined;
}

function buildReport(records: readonly AuditRecord[], release: string, options: ComplianceOptions): ComplianceReport {
  const mine = records.filter((record) => record.release === release);
  const last = mine[mine.length - 1];
  const brief = (record: AuditRecord) => ({ seq: record.seq, at: record.at, stage: record.stage, hash: record.hash });
  return {
    release,
    records: mine.length,
    ...(mine[0] ? { firstSeq: mine[0].seq } : {}),
    ...(last ? { lastSeq: last.seq, headHash: last.hash } : {}),
    bundles: [...new Set(mine.map((record) => record.bundleHash))],
    verification: options.verification
      ? { checked: true, ok: options.verification.ok, problems: options.verification.problems }
      : { checked: false, problems: [] },
    timeline: mine.map((record) => ({
      seq: record.seq,
      at: record.at,
      event: record.event,
      stage: record.stage,
      ...(record.decision ? { decision: record.decision } : {}),
      actor: record.actor,
      ...withTraffic(traffic(record)),
      reason: record.reason,
      hash: record.hash,
    })),
    gates: mine.filter((record) => record.judgement).map((record) => {
      const judgement = record.judgement as NonNullable<AuditRecord['judgement']>;
      return {
        seq: record.seq,
        at: record.at,
        stage: judgement.stage,
        outcome: judgement.outcome,
        reason: judgement.reason,
        samples: judgement.samples,
        verdicts: [...judgement.gates.map((v) => verdictRow('gate', v)), ...judgement.rollback.map((v) => verdictRow('rollback criterion', v))],
      };
    }),
    approvals: mine.filter((record) => record.event === 'approval').map((record) => {
      const given = (record.details?.['approval'] ?? {}) as Partial<Approval>;
      return { ...brief(record), stage: given.stage ?? record.stage, kind: given.kind ?? 'stage', by: given.by ?? record.actor, ...(given.reason ? { reason: given.reason } : {}) };
    }),
    rollbacks: mine.filter((record) => record.event === 'rollback').map((record) => ({
      ...brief(record),
      trigger: String(record.details?.['trigger'] ?? 'unknown'),
      actor: record.actor,
      reason: record.reason,
    })),
    drills: mine.filter((record) => record.event === 'drill').map((record) => ({ ...brief(record), actor: record.actor, reason: record.reason })),
    reconciliations: mine.filter((record) => record.event === 'reconcile').map((record) => ({ ...brief(record), actor: record.actor, reason: record.reason })),
  };
}

function table(head: readonly string[], rows: readonly (readonly unknown[])[], empty: string): string[] {
  if (rows.length === 0) return [empty, ''];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(valueCell).join(' | ')} |`), ''];
}

function shortHash(hash: string): string {
  return `\`${hash.slice(0, 12)}\``;
}

function markdown(report: ComplianceReport): string {
  const lines: string[] = [`# Compliance report: \`${report.release}\``, ''];
  if (report.records === 0) {
    lines.push('The audit log holds no record of this release.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `${report.records} audit record(s), seq ${report.firstSeq}–${report.lastSeq}; head record \`${report.headHash}\`.`,
    `Challenger bundle(s): ${report.bundles.map((hash) => `\`${hash}\``).join(', ')}.`,
    '',
  );
  if (!report.verification.checked) {
    lines.push('Hash chain: not verified by this export; run `glidepath audit verify`.', '');
  } else if (report.verification.ok) {
    lines.push('Hash chain: **verified** — every record matches its hash and links to the one before it.', '');
  } else {
    lines.push('Hash chain: **BROKEN**', '', ...report.verification.problems.map((p) => `- line ${p.line}${p.seq !== undefined ? ` (seq ${p.seq})` : ''}: ${prose(p.message)}`), '');
  }
  lines.push('## Timeline', '', ...table(
    ['seq', 'time', 'event', 'stage', 'decision', 'actor', 'traffic', 'reason', 'record'],
    report.timeline.map((r) => [r.seq, r.at, r.event, r.stage, r.decision, r.actor, r.traffic, r.reason, shortHash(r.hash)]),
    'No records.',
  ));
  lines.push('## Gate verdicts', '');
  if (report.gates.length === 0) lines.push('No judgement was recorded.', '');
  for (const judged of report.gates) {
    lines.push(
      `### seq ${judged.seq} · ${judged.at} · ${judged.stage}: ${judged.outcome}`,
      '',
      `${prose(judged.reason)} (samples: control ${judged.samples.control}, canary ${judged.samples.canary})`,
      '',
      ...table(
        ['kind', 'name', 'metric', 'verdict', 'effect', 'interval', 'threshold', 'p', 'n control / canary', 'why'],
        judged.verdicts.map((v) => [v.kind, v.name, v.metric, v.verdict, v.effect, v.interval ? `[${valueCell(v.interval[0])}, ${valueCell(v.interval[1])}]` : undefined, v.threshold, v.pValue, v.n ? `${v.n.control} / ${v.n.canary}` : undefined, v.reason]),
        'No verdicts.',
      ),
    );
  }
  lines.push('## Approvals', '', ...table(['seq', 'time', 'stage', 'kind', 'by', 'reason', 'record'], report.approvals.map((a) => [a.seq, a.at, a.stage, a.kind, a.by, a.reason, shortHash(a.hash)]), 'No approvals.'));
  lines.push('## Rollbacks', '', ...table(['seq', 'time', 'stage', 'trigger', 'actor', 'reason', 'record'], report.rollbacks.map((r) => [r.seq, r.at, r.stage, r.trigger, r.actor, r.reason, shortHash(r.hash)]), 'No rollbacks.'));
  lines.push('## Rollback drills', '', ...table(['seq', 'time', 'stage', 'actor', 'reason', 'record'], report.drills.map((d) => [d.seq, d.at, d.stage, d.actor, d.reason, shortHash(d.hash)]), 'No drills.'));
  lines.push('## Reconciliations', '', ...table(['seq', 'time', 'stage', 'actor', 'reason', 'record'], report.reconciliations.map((r) => [r.seq, r.at, r.stage, r.actor, r.reason, shortHash(r.hash)]), 'No provider errors or out-of-band traffic changes.'));
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * A compliance report for one release from the audit log: timeline, gate verdicts with their
 * statistics, approvals, rollbacks, drills and reconciliations, each tied to its record hash.
 * Markdown for people, JSON (stable field order, two-space indent) for tools. Pass the chain
 * verification to have the report state it.
 */
export function exportCompliance(records: readonly AuditRecord[], release: string, format: 'md' | 'json', options: ComplianceOptions = {}): string {
  const report = buildReport(records, release, options);
  return format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : markdown(report);
}

function withTraffic(traffic: string | undefined): { traffic?: string } {
  return traffic ? { traffic } : {};
}
