// `npm test` calls this first: it installs the Debian packages the tests drive for real
// (R for the statistics references, PostgreSQL under the real Unleash server) when they are
// missing, so a fresh machine needs only `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
// Debian keeps initdb and pg_ctl off PATH, under /usr/lib/postgresql/<major>/bin.
const hasPostgres = () => existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((major) => existsSync(`/usr/lib/postgresql/${major}/bin/initdb`));

const debianPackages = [
  { present: () => has('Rscript'), pkg: 'r-base-core', why: 'statistics are checked against R' },
  { present: hasPostgres, pkg: 'postgresql', why: 'the Unleash provider is tested against a real unleash-server on PostgreSQL' },
  { present: () => has('promtool'), pkg: 'prometheus', why: 'the Prometheus metrics source is tested against a real server' },
];

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
