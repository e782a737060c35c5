import { test } from 'node:test';
import assert from 'node:assert/strict';
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
