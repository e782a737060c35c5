// Bundles the Action (dist/index.js) and the CLI (dist/cli.js) with esbuild.
// `--check` builds into a temporary folder and fails when the committed dist/ differs.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const outdir = check ? mkdtempSync(join(tmpdir(), 'glidepath-dist-')) : join(root, 'dist');
// Chunk names carry content hashes: without a clean folder, old chunks would linger in dist/.
if (!check) rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node24',
  legalComments: 'none',
  // Smaller text parses faster at every start; identifiers stay, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // Bundled CommonJS dependencies (and ajv's standalone validators) call require().
  banner: { js: "import { createRequire as __glidepathCreateRequire } from 'node:module';\nconst require = __glidepathCreateRequire(import.meta.url);" },
});

if (check) {
  const list = (dir) => existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort()
    : [];
  const built = list(outdir);
  const committed = list(join(root, 'dist'));
  const differs = built.length !== committed.length || built.some((f, i) => f !== committed[i] || !readFileSync(join(outdir, f)).equals(readFileSync(join(root, 'dist', f))));
  rmSync(outdir, { recursive: true, force: true });
  if (differs) {
    console.error('dist/ is stale: it does not match a fresh build of src/. Run `npm run build` and commit dist/.');
    process.exit(1);
  }
  console.log('dist/ matches src/');
}
