// What two cores give on this host, for the floor and for blackout, on one
// NDJSON file: each one whole, then its two halves checked at once by two
// processes (the best any split across two threads could do, with nothing
// shared between them), and blackout --jobs 2 (the main thread and one worker).
// Interleaved round by round, as bench/check-peers.mjs does. Prints each one's
// records/s as a ratio to the floor of its round, its CPU seconds (user + system,
// both processes of a pair), and what running two at once gains over one:
// when blackout's two halves at once fall short of the floor, no split of the
// same work over two threads can reach it, whatever the parallel check does.
// --jobs 2 is forced on a file of any size with BLACKOUT_TEST_CHUNK_BYTES at
// the default chunk size (512 KiB): only the 128 MiB threshold is lifted.
// Run: npm run build && node bench/two-cores.mjs [--records 200000] [--rounds 5] [--file PATH]
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FLOOR_SCRIPT, median } from './process-timing.mjs';

const { values } = parseArgs({ options: { records: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '5' }, file: { type: 'string' } } });
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.cjs');
const work = mkdtempSync(join(tmpdir(), 'blackout-two-cores-'));
const env = { ...process.env, BLACKOUT_CACHE_DIR: join(work, 'cache') };
const file = values.file ?? join(work, 'records.ndjson');
if (!values.file) spawnSync(process.execPath, [join(ROOT, 'bench/generate-records.mjs'), file, values.records], { stdio: 'inherit' });

/** Writes the file's first and second halves (by lines) beside the work; returns their paths and the line count. */
async function halves() {
  const count = Number(spawnSync('wc', ['-l', file], { encoding: 'utf8' }).stdout.trim().split(' ')[0]);
  const paths = [join(work, 'first.ndjson'), join(work, 'second.ndjson')];
  const outputs = paths.map((path) => createWriteStream(path));
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const output = outputs[line++ < count / 2 ? 0 : 1];
    if (!output.write(`${text}\n`)) await once(output, 'drain');
  }
  await Promise.all(outputs.map((output) => new Promise((resolve) => output.end(resolve))));
  return { paths, count };
}

/** One process under GNU time: resolves with its CPU seconds (user + system); rejects when it fails. */
function cpuSeconds(args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], { env: { ...env, ...extraEnv }, cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => {
      // blackout exits 1 for a blocked record and 2 for an invalid one: both are checks made.
      if (status === null || status > 2) reject(new Error(`${args.slice(0, 3).join(' ')} failed: ${stderr}`));
      else resolve(stderr.trim().split('\n').at(-1).split(' ').map(Number).reduce((sum, seconds) => sum + seconds, 0));
    });
  });
}

/** A process to run: node's arguments and what it adds to the environment. */
const run = (args, extraEnv = {}) => ({ args, extraEnv });

/** Wall seconds of the processes run at once, and their CPU seconds together. */
async function atOnce(runs) {
  const start = process.hrtime.bigint();
  const cpu = await Promise.all(runs.map(({ args, extraEnv }) => cpuSeconds(args, extraEnv)));
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpu: cpu.reduce((sum, seconds) => sum + seconds, 0) };
}

const { paths, count } = await halves();
const floor = (path) => run(['-e', FLOOR_SCRIPT, path]);
const jobs = (path, threads, extraEnv) => run([BIN, 'check', path, '--format', 'ndjson', '--jobs', String(threads), '--output', '/dev/null'], extraEnv);
const CONTENDERS = {
  floor: [floor(file)],
  'floor, halves at once': paths.map(floor),
  'blackout --jobs 1': [jobs(file, 1)],
  '--jobs 1, halves at once': paths.map((path) => jobs(path, 1)),
  'blackout --jobs 2': [jobs(file, 2, { BLACKOUT_TEST_CHUNK_BYTES: String(512 * 1024) })],
};

// A first check compiles the policy into the cache.
await atOnce(CONTENDERS['blackout --jobs 1']);
const names = Object.keys(CONTENDERS);
const ratios = Object.fromEntries(names.map((name) => [name, []]));
const cpu = Object.fromEntries(names.map((name) => [name, []]));
const rates = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < Number(values.rounds); round++) {
  const seconds = {};
  for (const name of names.map((_, index) => names[(index + round) % names.length])) {
    const run = await atOnce(CONTENDERS[name]);
    seconds[name] = run.seconds;
    cpu[name].push(run.cpu);
    rates[name].push(count / run.seconds);
  }
  for (const name of names) ratios[name].push(seconds.floor / seconds[name]);
}
const gain = (pair, single) => median(rates[pair].map((rate, index) => rate / rates[single][index]));
console.log(`node ${process.version}, ${count.toLocaleString('en')} records (${file}), ${values.rounds} rounds interleaved`);
console.log(`${''.padEnd(26)}${'records/s median'.padStart(17)}   ${'ratio to floor median'.padStart(21)}   CPU s median`);
for (const name of names) {
  console.log(`${name.padEnd(26)}${Math.round(median(rates[name])).toLocaleString('en').padStart(17)}   ${median(ratios[name]).toFixed(2).padStart(21)}   ${median(cpu[name]).toFixed(2).padStart(12)}`);
}
console.log(
  `two at once against one, median of rounds: the floor ${gain('floor, halves at once', 'floor').toFixed(2)}×, blackout --jobs 1 ${gain('--jobs 1, halves at once', 'blackout --jobs 1').toFixed(2)}×, ` +
    `blackout --jobs 2 ${gain('blackout --jobs 2', 'blackout --jobs 1').toFixed(2)}×`,
);
rmSync(work, { recursive: true, force: true });
