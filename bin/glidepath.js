#!/usr/bin/env node
// The CLI entry for `npx glidepath`: runs the bundled CLI.
import { runCli } from '../dist/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
