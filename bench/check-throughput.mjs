// Throughput of checker.check() on one core: a million pre-parsed records,
// the shipped French policy. Run: npm run build && node bench/check-throughput.mjs [count]
import { createChecker, loadPolicy } from '../dist/index.js';
import { makeRecords } from './records.mjs';

const count = Number(process.argv[2] ?? 1_000_000);
const loadStart = performance.now();
const policy = await loadPolicy(new URL('../policies/fr', import.meta.url).pathname);
const loadMs = performance.now() - loadStart;
const checker = createChecker(policy);
const records = makeRecords(count);

// Warm up the JIT on a slice, then measure the whole set three times and keep the best.
for (let i = 0; i < Math.min(count, 200_000); i++) checker.check(records[i]);
const statuses = { allowed: 0, blocked: 0, review: 0, invalid: 0 };
let best = Infinity;
for (let run = 0; run < 3; run++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const verdict = checker.check(records[i]);
    if (run === 0) statuses[verdict.status]++;
  }
  best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
}
const perSecond = Math.round(count / (best / 1000));
console.log(`policy: ${policy.id} ${policy.version}, ${policy.windows.length} windows, loaded in ${loadMs.toFixed(0)} ms`);
console.log(`records: ${count.toLocaleString('en')} (${JSON.stringify(statuses)})`);
console.log(`check(): ${perSecond.toLocaleString('en')} records/s, ${((best * 1e6) / count).toFixed(0)} ns/record (best of 3 runs, one core)`);
