#!/usr/bin/env node
// The CLI entry for `npx glidepath`: runs the bundled CLI.
import module from 'node:module';

// V8 keeps the bundle's compiled code in Node's cache folder (in the temp folder, per Node
// version; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so every start after the first skips most
// of compiling the bundle. Node before 22.1 has no such cache. The import comes after, or the
// CLI's own module would be compiled before the cache is on.
module.enableCompileCache?.();
const { runCli } = await import('../dist/cli.js');

process.exitCode = await runCli(process.argv.slice(2));
