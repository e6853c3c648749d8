// The CMS examples are typed and tested against the real CMS packages, which are
// theirs, not blackout's (examples/cms/package.json): installed here from their
// lockfile, without install scripts, when missing or older than the lockfile, so
// that `npm ci && npm test` works on a fresh clone. .ci/run installs them first.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const folder = new URL('../examples/cms/', import.meta.url);
const lock = new URL('package-lock.json', folder);
const installed = new URL('node_modules/.package-lock.json', folder);

const packagesOf = (url) => JSON.stringify(JSON.parse(readFileSync(url, 'utf8')).packages ?? {});
const fresh = existsSync(installed) && (() => {
  const wanted = JSON.parse(packagesOf(lock));
  const have = JSON.parse(packagesOf(installed));
  return Object.entries(wanted).every(([path, entry]) => path === '' || have[path]?.version === entry.version);
})();
if (!fresh) {
  console.error('blackout: installing the CMS examples\' packages (examples/cms, from its lockfile, no install scripts)');
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
}
