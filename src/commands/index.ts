import type { Command } from './command.js';

/** Every command, by name. A new command is one file in src/commands/ plus one line here. */
export const commands: Readonly<Record<string, Command>> = {
};
