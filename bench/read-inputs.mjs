// Throughput and peak memory of readInputs over an NDJSON file, alone and
// feeding checker.check(), against a bare readline + JSON.parse loop over the
// same file. Each reader runs in its own
// child process, so peak RSS is its own (the highest of its runs); best of five runs.
// Run: npm run build && node bench/generate-records.mjs /tmp/records.ndjson 1000000
//      node bench/read-inputs.mjs /tmp/records.ndjson
// `--long-line GiB` instead measures a single line of that many GiB from a stream.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const [mode, file] = process.argv.slice(2);
const RUNS = 5;
const SELF = fileURLToPath(import.meta.url);

async function bare(path) {
  let records = 0;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length > 0) {
      JSON.parse(line);
      records++;
    }
  }
  return { records, errors: 0 };
}

async function reader(path) {
  const { readInputs } = await import('../dist/records/read-inputs.js');
  let records = 0;
  let errors = 0;
  for await (const batch of readInputs([path])) {
    for (const item of batch) item.kind === 'record' ? records++ : errors++;
  }
  return { records, errors };
}

/** readInputs feeding checker.check(), as `blackout check` will: the figure the 60% target is about. */
async function check(path) {
  const { readInputs } = await import('../dist/records/read-inputs.js');
  const { createChecker, loadPolicy } = await import('../dist/index.js');
  const checker = createChecker(await loadPolicy(fileURLToPath(new URL('../policies/fr', import.meta.url))));
  let records = 0;
  let errors = 0;
  for await (const batch of readInputs([path])) {
    for (const item of batch) {
      if (item.kind === 'record') {
        checker.check(item.record);
        records++;
      } else errors++;
    }
  }
  return { records, errors };
}

/** A stream of one line of `gib` GiB of 'x', then one good record: nothing touches the disk. */
async function longLine(gib) {
  const { readInputs } = await import('../dist/records/read-inputs.js');
  const block = Buffer.alloc(1 << 20, 0x78);
  let left = gib * 1024;
  const stdin = Readable.from((function* () {
    while (left-- > 0) yield block;
    yield Buffer.from('\n{"id":"after"}\n');
  })());
  const items = [];
  for await (const batch of readInputs(['-'], { stdin, stdinFormat: 'ndjson' })) items.push(...batch);
  return { records: items.filter((item) => item.kind === 'record').length, errors: items.filter((item) => item.kind === 'error').length, first: items[0] };
}

const CHILDREN = { '--child-bare': bare, '--child-reader': reader, '--child-check': check, '--child-long': (gib) => longLine(Number(gib)) };
if (Object.hasOwn(CHILDREN, mode)) {
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const start = performance.now();
  const result = await CHILDREN[mode](file);
  const ms = performance.now() - start;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
  console.log(JSON.stringify({ ...result, ms, peakRss: peak }));
} else if (mode === '--long-line') {
  const result = JSON.parse(execFileSync(process.execPath, [SELF, '--child-long', file ?? '2'], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  console.log(`one line of ${file ?? 2} GiB from a stream: ${result.records} record(s), ${result.errors} error(s) in ${(result.ms / 1000).toFixed(1)} s, peak RSS ${(result.peakRss / 1048576).toFixed(0)} MB`);
  console.log(`first item: ${JSON.stringify(result.first)}`);
} else {
  const path = mode;
  if (!path) {
    console.error('usage: node bench/read-inputs.mjs RECORDS.ndjson | --long-line GiB');
    process.exit(2);
  }
  const run = (child) => JSON.parse(execFileSync(process.execPath, [SELF, child, path], { encoding: 'utf8' }));
  // Interleaved, so a busy spell on the machine hits both alike; the best run of each counts.
  const runs = { bare: [], reader: [], check: [] };
  for (let round = 0; round < RUNS; round++) {
    runs.bare.push(run('--child-bare'));
    runs.reader.push(run('--child-reader'));
    runs.check.push(run('--child-check'));
  }
  const best = (list) => ({ ...list.reduce((a, b) => (a.ms <= b.ms ? a : b)), peakRss: Math.max(...list.map((r) => r.peakRss)) });
  const base = best(runs.bare);
  const ours = best(runs.reader);
  const checked = best(runs.check);
  const rate = (r) => r.records / (r.ms / 1000);
  const line = (label, r) =>
    console.log(`${label.padEnd(34)} ${Math.round(rate(r)).toLocaleString('en').padStart(10)} records/s  ${(r.ms / 1000).toFixed(2)} s  peak RSS ${(r.peakRss / 1048576).toFixed(0)} MB  (${r.records.toLocaleString('en')} records, ${r.errors} errors)`);
  console.log(`best of ${RUNS} interleaved runs over ${path} (${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end)`);
  line('readline + JSON.parse (bare loop)', base);
  line('readInputs (NDJSON stream)', ours);
  line('readInputs + checker.check()', checked);
  console.log(`ratio readInputs / bare loop: ${(rate(ours) / rate(base)).toFixed(2)} (target 0.9)`);
  console.log(`ratio readInputs + check / bare loop: ${(rate(checked) / rate(base)).toFixed(2)} (target 0.6)`);
}
