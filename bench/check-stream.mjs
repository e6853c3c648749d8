// The streaming check end to end, as CI runs it: `blackout check FILE --format
// ndjson` (NDJSON in, NDJSON out) against a bare read-and-JSON.parse-per-line
// loop over the same file, each in its own process; best of three, interleaved.
// Prints records/s, the ratio, and each process's peak RSS (GNU time).
// Also times the cold start of a one-record check against `node -e 0`.
// Options after the file go to every check (e.g. --jobs 1, the sequential path).
// Run: npm run build && node bench/generate-records.mjs /tmp/records.ndjson 1000000
//      node bench/check-stream.mjs /tmp/records.ndjson [--jobs 1]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOOR_SCRIPT, least, median, wallMs as timeProcess } from './process-timing.mjs';

const [file, ...options] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/check-stream.mjs RECORDS.ndjson [CHECK OPTIONS...]');
  process.exit(2);
}
const BIN = fileURLToPath(new URL('../dist/cli/bin.cjs', import.meta.url));
const cache = mkdtempSync(join(tmpdir(), 'blackout-bench-cache-'));
const env = { ...process.env, BLACKOUT_CACHE_DIR: cache };


/** Wall seconds and peak RSS (MB) of a command, from GNU time. */
function timed(command, args) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const [seconds, kilobytes] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { seconds, rssMb: kilobytes / 1024, status: run.status, stderr: run.stderr };
}

const records = Number(execFileSync('wc', ['-l', file], { encoding: 'utf8' }).trim().split(' ')[0]);
// A first check compiles the policy into the cache, as a newsroom's first run would.
timed(process.execPath, [BIN, 'check', file, '--format', 'ndjson', '--output', '/dev/null', ...options]);

const best = { bare: Infinity, check: Infinity };
const rss = { bare: 0, check: 0 };
for (let run = 0; run < 3; run++) {
  const bare = timed(process.execPath, ['-e', FLOOR_SCRIPT, file]);
  const check = timed(process.execPath, [BIN, 'check', file, '--format', 'ndjson', '--output', '/dev/null', ...options]);
  if (check.status !== 0 && check.status !== 1 && check.status !== 2) throw new Error(`check failed: ${check.stderr}`);
  best.bare = Math.min(best.bare, bare.seconds);
  best.check = Math.min(best.check, check.seconds);
  rss.bare = Math.max(rss.bare, bare.rssMb);
  rss.check = Math.max(rss.check, check.rssMb);
}
const rate = (seconds) => Math.round(records / seconds).toLocaleString('en');
console.log(`records: ${records.toLocaleString('en')} (${file})`);
const label = ['blackout check --format ndjson', ...options].join(' ');
const width = Math.max(label.length, 30) + 3;
console.log(`${'bare readline + JSON.parse loop'.padEnd(width)}${rate(best.bare).padStart(10)} records/s   peak RSS ${rss.bare.toFixed(0)} MB`);
console.log(`${label.padEnd(width)}${rate(best.check).padStart(10)} records/s   peak RSS ${rss.check.toFixed(0)} MB`);
console.log(`${'ratio'.padEnd(width)}${(best.bare / best.check).toFixed(2)}`);

// Cold start: a one-record check (warm policy cache) against node -e 0, run in turn 15 times:
// the best of each, and the medians, which a busy shared machine moves less.
const one = join(cache, 'one.json');
writeFileSync(one, JSON.stringify({ id: 'a', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['news'] }));
const wallMs = (args) => timeProcess(args, env);
const node0 = [];
const cold = [];
for (let run = 0; run < 15; run++) {
  node0.push(wallMs(['-e', '0']));
  cold.push(wallMs([BIN, 'check', one]));
}
for (const [label, pick] of [['best', least], ['median', median]]) {
  console.log(`cold start (${label}): node -e 0 ${pick(node0).toFixed(1)} ms, blackout check one-record.json ${pick(cold).toFixed(1)} ms, ratio ${(pick(cold) / pick(node0)).toFixed(2)}`);
}
