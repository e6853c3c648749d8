// Throughput and memory of the output formats. Every format writes a million
// results one at a time into a sink that only counts bytes, as the CLI's
// stream to stdout would (junit's test cases go to its spool the same way,
// and its suites are laid out at the end); the heap is measured before and
// after to show it does not grow with the record count.
// Run: npm run build && node --expose-gc bench/format-throughput.mjs [count]
import { createChecker, loadPolicy } from '../dist/index.js';
import { formats, emptySummary, count as tally } from '../dist/report/index.js';
import { makeRecords } from './records.mjs';

const total = Number(process.argv[2] ?? 1_000_000);
const POOL = 100_000;
const policy = await loadPolicy(new URL('../policies/fr', import.meta.url).pathname);
const checker = createChecker(policy);
// Real verdicts, checked once; the streams cycle through them so that only formatting is timed.
const pool = makeRecords(POOL).map((record, index) => ({
  verdict: checker.check(record),
  source: { file: 'bench/records.ndjson', index, line: index + 1 },
}));
const statuses = { allowed: 0, blocked: 0, review: 0, invalid: 0 };
for (const { verdict } of pool) statuses[verdict.status]++;
const ctx = { policy, color: false, lang: 'en' };
const gc = globalThis.gc ?? (() => {});
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
};

function stream(formatter) {
  let bytes = 0;
  const summary = emptySummary();
  const heapBefore = heapMb();
  const start = process.hrtime.bigint();
  bytes += formatter.start(ctx).length;
  for (let index = 0; index < total; index++) {
    const result = pool[index % POOL];
    tally(summary, result.verdict.status);
    const text = formatter.result(result, index, ctx);
    // The separator the CLI writes between two records' texts (SARIF's commas).
    if (text !== '' && formatter.separator !== undefined) bytes += formatter.separator.length;
    bytes += text.length;
  }
  bytes += formatter.end(summary, ctx).length;
  const ns = Number(process.hrtime.bigint() - start) / total;
  return { ns, bytes, heapDelta: heapMb() - heapBefore };
}

function print(label, ns, bytes, extra = '') {
  const rate = Math.round(1e9 / ns).toLocaleString('en');
  console.log(`${label.padEnd(34)} ${rate.padStart(11)} records/s ${ns.toFixed(0).padStart(6)} ns/record ${(bytes / 1_048_576).toFixed(0).padStart(6)} MB out${extra}`);
}

console.log(`policy: ${policy.id} ${policy.version}; verdicts: ${POOL.toLocaleString('en')} distinct ${JSON.stringify(statuses)}`);
console.log(`node ${process.version}, gc ${globalThis.gc ? 'exposed' : 'NOT exposed (run with --expose-gc for heap figures)'}`);
for (const name of ['ndjson', 'json', 'text', 'sarif']) {
  stream(formats[name]); // warm-up
  const { ns, bytes, heapDelta } = stream(formats[name]);
  print(`${name} (stream, ${total.toLocaleString('en')})`, ns, bytes, `  heap ${heapDelta >= 0 ? '+' : ''}${heapDelta.toFixed(1)} MB`);
}

// The obvious ndjson line, for comparison: a copy of each verdict with its source, then stringify.
{
  const naive = { kind: 'stream', start: () => '', result: ({ verdict, source }) => `${JSON.stringify({ ...verdict, source })}\n`, end: () => '' };
  stream(naive);
  const { ns, bytes } = stream(naive);
  print(`ndjson, spread+stringify baseline`, ns, bytes);
}

// junit and github: junit's writer keeps counts per file and hashed names, github's counts its
// annotations for the last notice; their texts go to the spool (counted here).
for (const name of ['junit', 'github']) {
  const spooled = () => {
    const writer = formats[name].open(ctx);
    const summary = emptySummary();
    let bytes = 0;
    const heapBefore = heapMb();
    const start = process.hrtime.bigint();
    for (let index = 0; index < total; index++) {
      const result = pool[index % POOL];
      tally(summary, result.verdict.status);
      // Each pass of the pool is another file, as a walk of many files would be.
      bytes += writer.result({ verdict: result.verdict, source: { ...result.source, file: `bench/records-${Math.floor(index / POOL)}.ndjson` } }, index).length;
    }
    for (const part of writer.finish(summary)) if (typeof part === 'string') bytes += part.length;
    const ns = Number(process.hrtime.bigint() - start) / total;
    return { ns, bytes, heapDelta: heapMb() - heapBefore };
  };
  spooled();
  const { ns, bytes, heapDelta } = spooled();
  print(`${name} (spooled, ${total.toLocaleString('en')})`, ns, bytes, `  heap ${heapDelta >= 0 ? '+' : ''}${heapDelta.toFixed(1)} MB`);
}
