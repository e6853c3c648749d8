// Throughput and memory of the output formats. The streaming formats (ndjson,
// json, text, github) write a million results one at a time into a sink that
// only counts bytes, as the CLI's stream to stdout would; the heap is
// measured before and after to show it does not grow with the record count.
// junit and sarif need the whole report and are timed on a smaller batch.
// Run: npm run build && node --expose-gc bench/format-throughput.mjs [count]
import { createChecker, loadPolicy } from '../dist/index.js';
import { formats, formatReport, emptySummary, count as tally } from '../dist/report/index.js';
import { makeRecords } from './records.mjs';

const total = Number(process.argv[2] ?? 1_000_000);
const POOL = 100_000;
const REPORT = 20_000;
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
    bytes += formatter.result(result, index, ctx).length;
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
for (const name of ['ndjson', 'json', 'text', 'github']) {
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

const report = { policy, results: pool.slice(0, REPORT) };
for (const name of ['junit', 'sarif']) {
  formatReport(name, report, ctx);
  const start = process.hrtime.bigint();
  const out = formatReport(name, report, ctx);
  const ns = Number(process.hrtime.bigint() - start) / REPORT;
  print(`${name} (whole report, ${REPORT.toLocaleString('en')})`, ns, out.length);
}
