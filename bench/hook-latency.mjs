// Latency of one in-process check inside a CMS hook, shipped French policy:
// check(), assertPublishable() on its pass and refusal paths, and the cost of
// logging the decision (write only, and write + fdatasync). Each call is timed
// on its own; prints p50/p99/p99.9 in microseconds.
// Run: npm run build && node bench/hook-latency.mjs [calls]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertPublishable, createChecker, loadPolicy, openDecisionLog } from '../dist/index.js';
import { makeRecords } from './records.mjs';

const calls = Number(process.argv[2] ?? 200_000);
const checker = createChecker(await loadPolicy(new URL('../policies/fr', import.meta.url).pathname));
const records = makeRecords(calls);
const passing = records.filter((record) => checker.check(record).status !== 'blocked' && checker.check(record).status !== 'invalid');
const refused = records.filter((record) => checker.check(record).status === 'blocked');

/** Times `run` once per item (after a warm-up pass) and prints percentiles. */
function measure(label, items, run) {
  for (let i = 0; i < Math.min(items.length, 20_000); i++) run(items[i]);
  const times = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const start = process.hrtime.bigint();
    run(items[i]);
    times[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  times.sort();
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2).padStart(8);
  console.log(`${label.padEnd(52)} p50 ${at(0.5)} µs  p99 ${at(0.99)} µs  p99.9 ${at(0.999)} µs  (${items.length.toLocaleString('en')} calls)`);
}

const refuse = (record) => {
  try {
    assertPublishable(checker, record, { lang: 'fr' });
  } catch (error) {
    if (error.code !== 'PUBLICATION_BLOCKED') throw error;
  }
};

console.log(`node ${process.version}, policy ${checker.policy.id} ${checker.policy.version}, ${checker.policy.windows.length} windows`);
measure('check(), mixed records', records, (record) => checker.check(record));
measure('assertPublishable(), records it lets through', passing, (record) => assertPublishable(checker, record));
measure('assertPublishable(), refusals (throws, fr + en messages)', refused, refuse);

const folder = mkdtempSync(join(tmpdir(), 'blackout-bench-'));
const logged = (fsync) => {
  const file = join(folder, `decisions-${fsync}.jsonl`);
  const log = openDecisionLog(file, { fsync });
  const sample = records.slice(0, fsync ? 20_000 : records.length);
  measure(`check() + decision log (${fsync ? 'write + fdatasync' : 'write only'})`, sample, (record) => log.record(record, checker.check(record), checker.policy));
  return { log, file, lines: sample.length };
};
for (const fsync of [false, true]) {
  const { log, file, lines } = logged(fsync);
  await log.close();
  console.log(`  log: ${lines.toLocaleString('en')} lines, ${(statSync(file).size / lines).toFixed(0)} bytes a line, on ${folder}`);
}
rmSync(folder, { recursive: true, force: true });
