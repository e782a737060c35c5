import type { Command } from './command.js';
import { planCommand } from './plan.js';
import { validateCommand } from './validate.js';
import { evaluateCommand } from './evaluate.js';
import { startCommand } from './start.js';
import { watchCommand } from './watch.js';
import { rollbackCommand } from './rollback.js';
import { approveCommand } from './approve.js';
import { statusCommand } from './status.js';
import { drillCommand } from './drill.js';
import { auditCommand } from './audit.js';
import { demoCommand } from './demo.js';

/** Every command, by name. A new command is one file in src/commands/ plus one line here. */
export const commands: Readonly<Record<string, Command>> = {
  validate: validateCommand,
  plan: planCommand,
  evaluate: evaluateCommand,
  start: startCommand,
  watch: watchCommand,
  rollback: rollbackCommand,
  approve: approveCommand,
  status: statusCommand,
  drill: drillCommand,
  audit: auditCommand,
  demo: demoCommand,
};
