// Writes N realistic publication records as NDJSON (about 500 bytes each, made
// by bench/records.mjs), for the input benchmarks. Seeded: same N, same file.
// Run: node bench/generate-records.mjs OUT.ndjson [count=1000000]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { makeRecords } from './records.mjs';

const [out, countText = '1000000'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node bench/generate-records.mjs OUT.ndjson [count]');
  process.exit(2);
}
const count = Number(countText);
// records.mjs writes offsets only; about one record in ten is turned into a
// local time with the zone that offset belongs to, as CMS exports often are.
const ZONES = { '+02:00': 'Europe/Paris', '+01:00': 'Europe/Paris', '-04:00': 'America/Guadeloupe', '+04:00': 'Indian/Reunion', '+11:00': 'Pacific/Noumea', '-10:00': 'Pacific/Tahiti' };
function localise(record, index) {
  const zone = ZONES[record.publishedAt.slice(19)];
  if (zone === undefined || index % 10 !== 3) return;
  record.publishedAt = record.publishedAt.slice(0, 19);
  record.zone = zone;
}
const stream = createWriteStream(out);
// In slices of their own seed, so a large count is never all in memory at once;
// ids and urls are renumbered to stay unique across slices.
const SLICE = 100_000;
let bytes = 0;
for (let start = 0; start < count; start += SLICE) {
  const records = makeRecords(Math.min(SLICE, count - start), 2017 + start / SLICE);
  let text = '';
  for (let index = 0; index < records.length; index++) {
    const record = records[index];
    record.id = `rec-${start + index}`;
    record.url = `https://example.org/articles/${start + index}`;
    localise(record, index);
    text += `${JSON.stringify(record)}\n`;
  }
  bytes += Buffer.byteLength(text);
  if (!stream.write(text)) await once(stream, 'drain');
}
stream.end();
await once(stream, 'finish');
console.log(`wrote ${count.toLocaleString('en')} records, ${(bytes / 1048576).toFixed(1)} MiB, to ${out}`);
