// Cost of the policy-author tools on the shipped French policy: generating and
// checking every window edge (policy test --edges), building the calendar
// (policy show) and explaining one record against every rule (explain).
// Run: npm run build && node bench/policy-tools.mjs
import { createChecker, loadPolicy } from '../dist/index.js';
import { edgeCases, edgeHolds } from '../dist/cli/policy-test/edges.js';
import { calendarRows, formatCalendarTable } from '../dist/cli/commands/policy-show-command.js';
import { explain } from '../dist/engine/explain.js';

const policy = await loadPolicy(new URL('../policies/fr', import.meta.url).pathname);
const checker = createChecker(policy);

/** Best of five runs after a warm-up, in ms. */
function best(run) {
  run();
  let fastest = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

let edges = [];
const generateMs = best(() => (edges = edgeCases(policy)));
let failures = 0;
const checkMs = best(() => {
  failures = 0;
  for (const edge of edges) if (!edgeHolds(policy, edge, checker.check(edge.record).violations)) failures++;
});
let rows = [];
const showMs = best(() => (rows = calendarRows(policy, {}, 'en')));
const tableMs = best(() => formatCalendarTable(rows, 'en'));
const record = { id: 'x', publishedAt: '2017-05-05T23:40:00+02:00', categories: ['propaganda', 'new-polemic'], channel: 'social', publisher: { name: 'p', kind: 'party' } };
const explainMs = best(() => explain(policy, record, {}, checker));

const heap = process.memoryUsage().heapUsed / 1048576;
console.log(`policy: ${policy.id} ${policy.version}, ${policy.rules.length} rules, ${policy.windows.length} windows`);
console.log(`--edges: ${edges.length} instants generated in ${generateMs.toFixed(1)} ms, checked in ${checkMs.toFixed(1)} ms (${((checkMs * 1e6) / edges.length).toFixed(0)} ns each), ${failures} failures`);
console.log(`show: ${rows.length} rows in ${showMs.toFixed(1)} ms, text table in ${tableMs.toFixed(1)} ms`);
console.log(`explain: one record against ${policy.rules.length} rules in ${explainMs.toFixed(2)} ms`);
console.log(`heap used: ${heap.toFixed(1)} MB`);
