import { exportCompliance } from '../core/audit/export.js';
import { verifyAuditLog } from '../core/audit/chain.js';
import { checkAuditLogs, formatAuditCheck } from '../engine/audit-check.js';
import { engineForCommand } from './command-engine.js';
import { botActor, requireOption, stringOption } from './command-options.js';
import { stateStoreFor } from '../engine/run-tick.js';
import { loadWorkspace } from '../engine/workspace.js';
import type { Command, CommandContext, CommandOutcome } from './command.js';
import { UsageError } from '../engine/errors.js';

const SUBCOMMANDS = ['verify', 'export'] as const;

/** `glidepath audit verify | export`: the audit trail on the state branch. */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'Verify the audit logs (hash chain and decision replay), or export a compliance report',
  usage: 'verify [--release NAME] [--root DIR]\n' +
    '       glidepath audit export --release NAME [--format md|json] [--root DIR]\n\n' +
    '  verify          recompute every record\'s hash and link, replay every automatic decision from its\n' +
    '                  recorded evidence, and compare each states/<release>.json with the state the chain\n' +
    '                  sealed last; exit 1 naming the log line and seq of any altered record, decision\n' +
    '                  that no longer follows, or state field that differs\n' +
    '  export          a compliance report for one release: timeline, verdicts with statistics, approvals,\n' +
    '                  rollbacks and drills, each tied to its record hash\n' +
    '  --release NAME  the release (verify: default every release)\n' +
    '  --format md|json  the export\'s format (default md)',
  subcommands: SUBCOMMANDS,
  options: { release: { type: 'string' } },
  async run(ctx: CommandContext): Promise<CommandOutcome> {
    const sub = ctx.options['subcommand'];
    if (sub !== 'verify' && sub !== 'export') throw new UsageError(`audit needs a subcommand: ${SUBCOMMANDS.join(' or ')}`);
    const engine = await engineForCommand(ctx, { actor: botActor() });
    const store = stateStoreFor(engine, await loadWorkspace(ctx.root, ctx.runtime.readRepository));
    const release = stringOption(ctx, 'release');
    if (sub === 'verify') {
      const checks = await checkAuditLogs(store, engine.sha256, release);
      if (checks.length === 0) {
        ctx.print(`No audit logs on ${store.branch}.`);
        return { exitCode: 0 };
      }
      for (const check of checks) for (const line of formatAuditCheck(check)) ctx.print(line);
      const failed = checks.filter((c) => !c.ok);
      ctx.print(failed.length === 0 ? `audit verify: ${checks.length} log${checks.length === 1 ? '' : 's'} intact` : `audit verify: ${failed.length} of ${checks.length} logs FAILED`);
      return { exitCode: failed.length === 0 ? 0 : 1, outputs: { verified: String(failed.length === 0) } };
    }
    const name = requireOption(ctx, 'release', 'name the release to export');
    const asked = String(ctx.options['format'] ?? 'text');
    const format = asked === 'text' || asked === 'github' ? 'md' : asked;
    if (format !== 'md' && format !== 'json') throw new UsageError(`--format is '${asked}'; audit export writes md or json`);
    const text = await store.readAuditLog(name);
    if (text === undefined) {
      ctx.print(`${name} has no audit log on ${store.branch}.`);
      return { exitCode: 1 };
    }
    const verification = verifyAuditLog(text, engine.sha256);
    ctx.print(exportCompliance(verification.records, name, format, { verification }));
    return { exitCode: verification.ok ? 0 : 1 };
  },
};
