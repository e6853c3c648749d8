// blackout against its floor and a peer, on one generated NDJSON file, each in
// its own process, interleaved round by round (a busy shared host slows every
// contender of a round alike, so ratios within a round are what to compare):
//   floor          a bare readline + JSON.parse loop over the file
//   naive luxon    the 40-line checker below: luxon parses every date, a few
//                  hard-coded silences, violations counted, nothing written
//   --jobs 1       blackout check FILE --format ndjson --jobs 1 (full verdicts out)
//   default        blackout check FILE --format ndjson (one worker per core)
// Prints records/s (median and best of the rounds) and each one's ratio to the
// floor of its own round (median and best of those ratios), with peak RSS;
// then the cold start of a one-record `check --format json` (the machine path)
// against `node -e 0`, run in turn.
// With --before DIR (a checkout of another build, built), its --jobs 1 and default
// run in the same rounds too, and its cold start in the same turns, for a
// before/after in one run.
// Run: npm run build && node bench/check-peers.mjs [--records 200000] [--rounds 5] [--file PATH] [--before DIR]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FLOOR_SCRIPT, least, median, wallMs as timeProcess } from './process-timing.mjs';

const { values } = parseArgs({ options: { records: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '5' }, file: { type: 'string' }, starts: { type: 'string', default: '21' }, before: { type: 'string' } } });
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.cjs');
const work = mkdtempSync(join(tmpdir(), 'blackout-peers-'));
const env = { ...process.env, BLACKOUT_CACHE_DIR: join(work, 'cache') };
const file = values.file ?? join(work, 'records.ndjson');
if (!values.file) spawnSync(process.execPath, [join(ROOT, 'bench/generate-records.mjs'), file, values.records], { stdio: 'inherit' });


// A peer as a newsroom developer would write it in an afternoon: 40 lines.
const NAIVE = `
const { createReadStream } = require('node:fs');
const { createInterface } = require('node:readline');
const { DateTime, Interval } = require('luxon');
// The French electoral silence (L49): Saturday 00:00 to Sunday 20:00, Paris time.
const SATURDAYS = ['2017-04-22', '2017-05-06', '2019-05-25', '2022-04-09', '2022-04-23', '2024-06-08', '2024-06-29', '2024-07-06'];
const SILENCES = SATURDAYS.map((day) => {
  const start = DateTime.fromISO(day + 'T00:00', { zone: 'Europe/Paris' });
  return Interval.fromDateTimes(start, start.plus({ days: 1 }).set({ hour: 20 }));
});
const BANNED = new Set(['propaganda', 'poll', 'result', 'leaflet', 'political-ad', 'new-polemic', 'leak']);
(async () => {
  let records = 0;
  let violations = 0;
  let invalid = 0;
  for await (const line of createInterface({ input: createReadStream(process.argv[1]), crlfDelay: Infinity })) {
    if (line.length === 0) continue;
    const record = JSON.parse(line);
    records++;
    const at = DateTime.fromISO(record.publishedAt, { zone: record.zone ?? 'utc', setZone: true });
    if (!at.isValid) {
      invalid++;
      continue;
    }
    const banned = (record.categories ?? []).some((category) => BANNED.has(category));
    if (!banned) continue;
    for (const silence of SILENCES) {
      if (silence.contains(at)) {
        violations++;
        break;
      }
    }
  }
  process.stderr.write(records + ' ' + violations + ' ' + invalid + '\\n');
})();`;

const CONTENDERS = {
  floor: ['-e', FLOOR_SCRIPT, file],
  'naive luxon': ['-e', NAIVE, file],
  'blackout --jobs 1': [BIN, 'check', file, '--format', 'ndjson', '--jobs', '1', '--output', '/dev/null'],
  'blackout (default)': [BIN, 'check', file, '--format', 'ndjson', '--output', '/dev/null'],
};
if (values.before) {
  const before = join(values.before, 'dist/cli/bin.cjs');
  CONTENDERS['before --jobs 1'] = [before, 'check', file, '--format', 'ndjson', '--jobs', '1', '--output', '/dev/null'];
  CONTENDERS['before (default)'] = [before, 'check', file, '--format', 'ndjson', '--output', '/dev/null'];
}

/** Wall seconds (to the ms) and peak RSS (MB, GNU time) of one process. */
function run(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { env, cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status === null || result.status > 2) throw new Error(`${args.slice(0, 3).join(' ')} failed: ${result.stderr}`);
  return { seconds, rssMb: Number(result.stderr.trim().split('\n').at(-1)) / 1024 };
}

const count = Number(spawnSync('wc', ['-l', file], { encoding: 'utf8' }).stdout.trim().split(' ')[0]);
// A first check compiles the policy into the cache, as a newsroom's first run would.
run(CONTENDERS['blackout --jobs 1']);
if (values.before) run(CONTENDERS['before --jobs 1']);
const rounds = Number(values.rounds);
const rates = Object.fromEntries(Object.keys(CONTENDERS).map((name) => [name, []]));
const ratios = Object.fromEntries(Object.keys(CONTENDERS).map((name) => [name, []]));
const rss = Object.fromEntries(Object.keys(CONTENDERS).map((name) => [name, 0]));
for (let round = 0; round < rounds; round++) {
  // Each round in another order, so that none always runs first or last.
  const names = Object.keys(CONTENDERS);
  const order = names.map((_, index) => names[(index + round) % names.length]);
  const seconds = {};
  for (const name of order) {
    const { seconds: taken, rssMb } = run(CONTENDERS[name]);
    seconds[name] = taken;
    rates[name].push(count / taken);
    rss[name] = Math.max(rss[name], rssMb);
  }
  for (const name of names) ratios[name].push(seconds.floor / seconds[name]);
}
const best = (list) => Math.max(...list);
const thousands = (n) => Math.round(n).toLocaleString('en');
console.log(`node ${process.version}, ${count.toLocaleString('en')} records (${file}), ${rounds} rounds interleaved`);
console.log(`${''.padEnd(20)}${'records/s median'.padStart(17)}${'best'.padStart(10)}   ${'ratio to floor median'.padStart(21)}${'best'.padStart(7)}   peak RSS`);
for (const name of Object.keys(CONTENDERS)) {
  console.log(`${name.padEnd(20)}${thousands(median(rates[name])).padStart(17)}${thousands(best(rates[name])).padStart(10)}   ${median(ratios[name]).toFixed(2).padStart(21)}${best(ratios[name]).toFixed(2).padStart(7)}   ${rss[name].toFixed(0)} MB`);
}
console.log(`ratios by round: ${Object.keys(CONTENDERS).slice(1).map((name) => `${name} ${ratios[name].map((r) => r.toFixed(2)).join(' ')}`).join('; ')}`);

// Cold start: a one-record check (warm policy cache), --format json, against node -e 0, in turn.
const one = join(work, 'one.json');
writeFileSync(one, JSON.stringify({ id: 'a', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] }));
const wallMs = (args) => timeProcess(args, env);
// Each contender in turn, the order rotated every run, so that none always runs first.
const starters = { 'node -e 0': ['-e', '0'], blackout: [BIN, 'check', one, '--format', 'json'] };
if (values.before) starters.before = [join(values.before, 'dist/cli/bin.cjs'), 'check', one, '--format', 'json'];
const names = Object.keys(starters);
// Warm: the policy compiled into its cache, the code cache written.
for (const name of names) wallMs(starters[name]), wallMs(starters[name]);
const times = Object.fromEntries(names.map((name) => [name, []]));
for (let start = 0; start < Number(values.starts); start++) {
  for (let turn = 0; turn < names.length; turn++) {
    const name = names[(start + turn) % names.length];
    times[name].push(wallMs(starters[name]));
  }
}
const node0 = times['node -e 0'];
console.log(
  `cold start, ${values.starts} runs in turn: node -e 0 median ${median(node0).toFixed(1)} ms (best ${least(node0).toFixed(1)}); ` +
    names
      .slice(1)
      .map((name) => {
        const own = times[name];
        const pairs = own.map((ms, index) => ms / node0[index]);
        return `${name} check one.json --format json median ${median(own).toFixed(1)} ms (best ${least(own).toFixed(1)}): ratio of medians ${(median(own) / median(node0)).toFixed(2)}, of bests ${(least(own) / least(node0)).toFixed(2)}, median of pairs ${median(pairs).toFixed(2)}`;
      })
      .join('; '),
);
if (existsSync(work)) rmSync(work, { recursive: true, force: true });
