// `npm test` calls this first: it installs the Debian packages the tests drive for real
// (R for the statistics references) when they are missing, so a fresh machine needs only `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';

const debianPackages = [
  { command: 'Rscript', pkg: 'r-base-core', why: 'statistics are checked against R' },
  { command: 'promtool', pkg: 'prometheus', why: 'the Prometheus metrics source is tested against a real server' },
];

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const missing = debianPackages.filter((d) => !has(d.command));
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
