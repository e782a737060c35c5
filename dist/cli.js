#!/usr/bin/env node
import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import {
  UsageError,
  commands,
  systemClock
} from "./chunks/chunk-LR6QBQLW.js";

// src/cli.ts
import { parseArgs } from "node:util";
import { resolve } from "node:path";
var globalOptions = {
  root: { type: "string", default: "." },
  format: { type: "string", default: "text" },
  help: { type: "boolean", short: "h", default: false }
};
function usage() {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.values(commands).map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ["Usage: glidepath <command> [options]", "", "Commands:", ...lines, "", "Run `glidepath <command> --help` for its options."].join("\n");
}
function commandUsage(command) {
  return `Usage: glidepath ${command.name} ${command.usage}

${command.summary}`;
}
var stderrLogger = {
  info: (m) => process.stderr.write(`${m}
`),
  warn: (m) => process.stderr.write(`warning: ${m}
`),
  debug: (m) => {
    if (process.env["GLIDEPATH_DEBUG"]) process.stderr.write(`debug: ${m}
`);
  }
};
async function runCli(argv) {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${usage()}
`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`glidepath: unknown command '${name}'

${usage()}
`);
    return 2;
  }
  let values;
  const { subcommands } = command;
  try {
    let positionals;
    ({ values, positionals } = parseArgs({ args: [...rest], options: { ...globalOptions, ...command.options }, strict: true, allowPositionals: subcommands !== void 0 }));
    if (subcommands !== void 0) {
      const [sub, ...extra] = positionals;
      if (sub !== void 0 && !subcommands.includes(sub)) throw new Error(`unknown subcommand '${sub}'; use one of: ${subcommands.join(", ")}`);
      if (extra.length > 0) throw new Error(`unexpected argument '${extra[0]}'`);
      if (sub !== void 0) values["subcommand"] = sub;
    }
  } catch (error) {
    process.stderr.write(`glidepath ${name}: ${error.message}

${commandUsage(command)}
`);
    return 2;
  }
  if (values["help"]) {
    process.stdout.write(`${commandUsage(command)}
`);
    return 0;
  }
  try {
    const outcome = await command.run({
      root: resolve(String(values["root"] ?? ".")),
      options: values,
      print: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}
`),
      logger: stderrLogger,
      clock: systemClock,
      env: process.env
    });
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`glidepath ${name}: ${error.message}

${commandUsage(command)}
`);
      return 2;
    }
    process.stderr.write(`glidepath ${name}: internal error: ${error.message}
`);
    if (process.env["GLIDEPATH_DEBUG"]) process.stderr.write(`${error.stack}
`);
    return 2;
  }
}
var invokedDirectly = process.argv[1] !== void 0 && /(^|[/\\])cli\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  process.exitCode = await runCli(process.argv.slice(2));
}
export {
  runCli
};
