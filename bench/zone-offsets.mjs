// Cost of local times spread over many zones and years (issue 11, break B9):
// checkAll over batches of 10,000 fresh records of three kinds, shipped French
// policy, one core:
//   offset   publishedAt with an offset (random instants, years 1000-9999)
//   paris    local times in Europe/Paris, random years 1000-9999
//   zones    local times in every IANA zone Intl knows (~420), random years 1000-9999
// Every batch is new records (made before the timing starts), so nothing
// learnt from one helps the next beyond what a zone shares with itself. Kinds
// take turns, batch by batch. Prints µs a record (median and best of the
// batches) and the ratios to `offset`; the first `zones` batch apart, timed
// once the checker is warm (two batches with offsets first): what a run pays
// to learn zones never met, an Intl formatter made per zone (some 130 µs
// each, ICU's) and their offsets learnt, as a ratio to the median of `offset`.
// Run: npm run build && node bench/zone-offsets.mjs [--dist DIR] [--batches N]
//      (--dist /path/to/other/dist measures another build, e.g. before a change)
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { random as seededRandom } from './records.mjs';

const { values } = parseArgs({ options: { dist: { type: 'string', default: new URL('../dist', import.meta.url).pathname }, batches: { type: 'string', default: '15' } } });
const { createChecker, loadPolicy } = await import(pathToFileURL(resolve(values.dist, 'index.js')).href);
const checker = createChecker(await loadPolicy(new URL('../policies/fr', import.meta.url).pathname));
const batches = Number(values.batches);
const zones = Intl.supportedValuesOf('timeZone');

const random = seededRandom(20170506);
const below = (n) => Math.floor(random() * n);
const pad = (n, width = 2) => String(n).padStart(width, '0');
const wall = () => `${1000 + below(9000)}-${pad(1 + below(12))}-${pad(1 + below(28))}T${pad(below(24))}:${pad(below(60))}:00`;
const offset = () => {
  const minutes = (below(113) - 56) * 15;
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
};
const KINDS = {
  offset: (index) => ({ id: `o${index}`, publishedAt: `${wall()}${offset()}`, categories: ['poll'] }),
  paris: (index) => ({ id: `p${index}`, publishedAt: wall(), zone: 'Europe/Paris', categories: ['poll'] }),
  zones: (index) => ({ id: `z${index}`, publishedAt: wall(), zone: zones[below(zones.length)], categories: ['poll'] }),
};
const BATCH = 10_000;
const batch = (kind) => Array.from({ length: BATCH }, (_, index) => KINDS[kind](index));

/** µs a record for one batch. */
function time(records) {
  const start = process.hrtime.bigint();
  checker.checkAll(records);
  return Number(process.hrtime.bigint() - start) / 1e3 / records.length;
}

// The JIT warmed on records with offsets, so that the first batch of zones times the learning.
time(batch('offset'));
time(batch('offset'));
const first = time(batch('zones'));
for (const kind of Object.keys(KINDS)) time(batch(kind)); // warm-up
const planned = Array.from({ length: batches }, () => Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, batch(kind)])));
const results = {};
for (const kind of Object.keys(KINDS)) results[kind] = [];
for (const round of planned) for (const kind of Object.keys(KINDS)) results[kind].push(time(round[kind]));
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const best = (list) => Math.min(...list);

console.log(`node ${process.version}, ${values.dist}, ${zones.length} zones, ${batches} batches of ${BATCH.toLocaleString('en')} records a kind`);
console.log(`first batch of zones (an Intl formatter made per zone, every zone learnt): ${first.toFixed(1)} µs a record, ${(first / median(results.offset)).toFixed(1)}× offset (median)`);
for (const kind of Object.keys(KINDS)) {
  const ratio = median(results[kind]) / median(results.offset);
  const bestRatio = best(results[kind]) / best(results.offset);
  console.log(`${kind.padEnd(7)} median ${median(results[kind]).toFixed(2).padStart(8)} µs  best ${best(results[kind]).toFixed(2).padStart(8)} µs a record   ${ratio.toFixed(1).padStart(6)}× offset (medians), ${bestRatio.toFixed(1).padStart(6)}× (bests)`);
}
