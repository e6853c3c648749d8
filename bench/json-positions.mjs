// The cost of placing every element of a large JSON array (line and column of
// each `{`), next to the JSON.parse the reader does anyway: best of five of
// each on the same text, and the heap the scan adds (it should add none).
// Run: npm run build && node bench/report-memory.mjs 600000 json   (writes the array)
//      node --expose-gc bench/json-positions.mjs /tmp/blackout-report-memory-600000.json
import { readFileSync } from 'node:fs';
import { JsonElementStarts } from '../dist/records/formats/json-element-starts.js';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node --expose-gc bench/json-positions.mjs ARRAY.json');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const gc = globalThis.gc ?? (() => {});
const time = (work) => {
  const start = process.hrtime.bigint();
  const result = work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
};
let parse = Infinity;
let scan = Infinity;
let elements = 0;
let heapDelta = 0;
for (let run = 0; run < 5; run++) {
  gc();
  const parsed = time(() => JSON.parse(text).length);
  parse = Math.min(parse, parsed.ms);
  gc();
  const before = process.memoryUsage().heapUsed;
  const scanned = time(() => {
    const starts = new JsonElementStarts(text);
    let count = 0;
    let lastLine = 0;
    while (starts.next()) {
      count++;
      lastLine = starts.line;
    }
    return { count, lastLine };
  });
  heapDelta = Math.max(heapDelta, process.memoryUsage().heapUsed - before);
  scan = Math.min(scan, scanned.ms);
  elements = scanned.result.count;
  if (elements !== parsed.result) throw new Error(`${elements} elements placed, ${parsed.result} parsed`);
}
console.log(`${(text.length / 1e6).toFixed(0)} M characters, ${elements.toLocaleString('en')} elements (node ${process.version})`);
console.log(`JSON.parse     ${parse.toFixed(0).padStart(6)} ms (best of 5)`);
console.log(`element starts ${scan.toFixed(0).padStart(6)} ms (best of 5), ${(scan / parse * 100).toFixed(0)} % of the parse, heap +${(heapDelta / 1e6).toFixed(1)} MB`);
