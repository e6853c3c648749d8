// Throughput of checker.check() on one core: a million pre-parsed records,
// the shipped French policy. Prints the mixed set, then the same records split
// by where they fall, since a check inside a silence does much more work.
// Run: npm run build && node bench/check-throughput.mjs [count]
import { createChecker, loadPolicy } from '../dist/index.js';
import { makeRecords } from './records.mjs';

const count = Number(process.argv[2] ?? 1_000_000);
const loadStart = performance.now();
const policy = await loadPolicy(new URL('../policies/fr', import.meta.url).pathname);
const loadMs = performance.now() - loadStart;
const checker = createChecker(policy);
const records = makeRecords(count);

/** Best of seven timed passes after a warm-up pass (a busy shared host slows some for seconds); returns ns per record. */
function measure(set) {
  for (const record of set) checker.check(record);
  // A major collection of the generated records must not run inside the timed passes.
  globalThis.gc?.();
  let best = Infinity;
  for (let run = 0; run < 7; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < set.length; i++) checker.check(set[i]);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / set.length);
  }
  return best;
}

/** No window covers `ms`: outside the timeline's span, or in a segment between windows. */
function outsideEveryWindow(ms) {
  const segment = policy.timeline.segmentAt(ms);
  return segment < 0 || policy.timeline.slicesAt(segment).length === 0;
}

const statuses = { allowed: 0, blocked: 0, review: 0, invalid: 0 };
const quiet = [];
const silent = [];
for (const record of records) {
  const verdict = checker.check(record);
  statuses[verdict.status]++;
  (verdict.status === 'allowed' && verdict.violations.length === 0 && outsideEveryWindow(Date.parse(record.publishedAt)) ? quiet : silent).push(record);
}

const line = (label, set) => {
  const ns = measure(set);
  console.log(`${label.padEnd(44)} ${Math.round(1e9 / ns).toLocaleString('en').padStart(10)} records/s  ${ns.toFixed(0).padStart(5)} ns/record  (${set.length.toLocaleString('en')} records)`);
};
console.log(`policy: ${policy.id} ${policy.version}, ${policy.windows.length} windows, loaded in ${loadMs.toFixed(0)} ms`);
console.log(`records: ${count.toLocaleString('en')} ${JSON.stringify(statuses)}`);
line('check(), all records (one core)', records);
line('check(), records outside every window', quiet);
line('check(), records inside some window', silent);
