import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Node built-ins that an ES `import` in the chunks `validate` loads would load at every start:
 * an ES import builds the module's whole namespace (node:fs's brings streams, fs/promises and the
 * file watchers), and crypto, TLS and child processes cost milliseconds each that `validate`
 * never uses (decision 0014). Required lazily, or through `createRequire`, they cost nothing here.
 */
const HEAVY = ['node:crypto', 'node:fs', 'node:fs/promises', 'node:https', 'node:http', 'node:child_process', 'node:util', 'node:stream'];

/** The CLI bundled as scripts/build.mjs bundles it, in memory, with the map of what imports what. */
async function bundleCli(): Promise<Metafile> {
  const result = await build({
    absWorkingDir: root, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', write: false, metafile: true, logLevel: 'silent',
    bundle: true, splitting: true, chunkNames: 'chunks/[name]-[hash]', format: 'esm', platform: 'node', target: 'node24',
  });
  return result.metafile;
}

/** The chunks a run of `commands` loads through static imports from the CLI's start, each with the source files it holds. */
function staticClosure(outputs: Metafile['outputs'], commands: readonly string[]): Map<string, readonly string[]> {
  const entries = ['src/cli.ts', 'src/runtime.ts', ...commands.map((c) => `src/commands/${c}.ts`)];
  const starts = Object.keys(outputs).filter((out) => entries.includes(outputs[out]?.entryPoint ?? ''));
  assert.equal(starts.length, entries.length, `${entries.join(', ')} each have a chunk of their own`);
  const loaded = new Map<string, readonly string[]>();
  const visit = (out: string): void => {
    if (loaded.has(out)) return;
    loaded.set(out, Object.keys(outputs[out]?.inputs ?? {}));
    for (const edge of outputs[out]?.imports ?? []) {
      if (edge.kind === 'import-statement' && !edge.external) visit(edge.path);
    }
  };
  for (const start of starts) visit(start);
  return loaded;
}

/** Adapter code validate and plan never run: they check policies against the providers' generated capability table. */
const ADAPTER_FOLDERS = ['src/adapters/providers/', 'src/adapters/metrics/', 'src/adapters/notify/'];

for (const command of ['validate', 'plan']) {
  test(`${command} loads no traffic provider, metrics source or notifier through a static import`, async () => {
    const { outputs } = await bundleCli();
    const adapters = [...staticClosure(outputs, [command])].flatMap(([out, inputs]) =>
      inputs.filter((file) => ADAPTER_FOLDERS.some((folder) => file.startsWith(folder))).map((file) => `${out} holds ${file}`));
    assert.deepEqual(adapters, []);
  });
}

test('validate loads no heavy Node built-in through a static import: not crypto, fs, https or child processes', async () => {
  const { outputs } = await bundleCli();
  const starts = Object.keys(outputs).filter((out) => ['src/cli.ts', 'src/commands/validate.ts', 'src/runtime.ts'].includes(outputs[out]?.entryPoint ?? ''));
  assert.equal(starts.length, 3, 'the CLI, the validate command and the runtime each have a chunk of their own');
  const loaded = new Set<string>();
  const heavy: string[] = [];
  const visit = (out: string): void => {
    if (loaded.has(out)) return;
    loaded.add(out);
    for (const edge of outputs[out]?.imports ?? []) {
      if (edge.kind !== 'import-statement') continue;
      if (edge.external) {
        if (HEAVY.includes(edge.path)) heavy.push(`${out} imports ${edge.path}`);
      } else {
        visit(edge.path);
      }
    }
  };
  for (const start of starts) visit(start);
  assert.deepEqual(heavy, []);
});

test('validate on the quickstart never loads node:fs/promises, crypto, TLS or child processes, however it reaches them, and plan only adds child processes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glidepath-start-up-'));
  try {
    await build({
      absWorkingDir: root, entryPoints: { cli: 'src/cli.ts' }, outdir: join(dir, 'dist'), logLevel: 'silent',
      bundle: true, splitting: true, chunkNames: 'chunks/[name]-[hash]', format: 'esm', platform: 'node', target: 'node24',
      banner: { js: "import { createRequire as __glidepathCreateRequire } from 'node:module';\nconst require = __glidepathCreateRequire(import.meta.url);" },
    });
    // Node's own list of the built-ins it has loaded, written as the process exits.
    const list = join(dir, 'modules.txt');
    writeFileSync(join(dir, 'list-modules.cjs'), `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`);
    const builtins = (...args: string[]): string[] => {
      const child = spawnSync(process.execPath, ['--require', join(dir, 'list-modules.cjs'), join(dir, 'dist/cli.js'), ...args, '--root', join(root, 'examples/quickstart')], { encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' } });
      assert.equal(child.status, 0, child.stderr);
      return readFileSync(list, 'utf8').split('\n').filter((line) => line.startsWith('NativeModule ')).map((line) => line.slice('NativeModule '.length));
    };
    const unwanted = (loaded: readonly string[], names: readonly string[]): string[] => loaded.filter((name) => names.includes(name));
    assert.deepEqual(unwanted(builtins('validate'), ['fs/promises', 'internal/fs/promises', 'crypto', 'https', 'tls', 'child_process']), []);
    // plan reads both revisions through git; fs/promises (readline, the REPL history) is for commits only.
    const plan = builtins('plan', '--base', 'HEAD', '--head', 'HEAD', '--format', 'json');
    assert.ok(plan.includes('child_process'), 'plan reads through git');
    assert.deepEqual(unwanted(plan, ['fs/promises', 'internal/fs/promises', 'internal/readline/interface', 'crypto', 'https', 'tls']), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
