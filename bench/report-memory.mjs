// Peak memory and time of `blackout check` per output format on one large
// JSON array (the shape of a CMS export), each run in its own process under
// GNU time. The array is written once (seeded records from bench/records.mjs,
// bodies cut so that N records fit under the reader's 256 MiB cap for a JSON
// file); each format writes its report to a file, whose size is printed.
// Run: npm run build && node bench/report-memory.mjs [count=600000] [formats=json,junit,sarif]
//      node bench/report-memory.mjs 600000 json,junit,sarif --input ndjson   (the same records as NDJSON, streamed)
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRecords } from './records.mjs';

const args = process.argv.slice(2);
const inputAt = args.indexOf('--input');
const input = inputAt < 0 ? 'json' : args.splice(inputAt, 2)[1];
const [countText = '600000', formatList = 'json,junit,sarif'] = args;
const count = Number(countText);
const BIN = fileURLToPath(new URL('../dist/cli/bin.cjs', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'blackout-report-memory-'));
const env = { ...process.env, BLACKOUT_CACHE_DIR: join(folder, 'cache') };
const file = join(tmpdir(), `blackout-report-memory-${count}.${input}`);

/** The records, written in slices so the writer never holds them all. */
async function write(path) {
  const stream = createWriteStream(path);
  const SLICE = 100_000;
  if (input === 'json') stream.write('[\n');
  for (let start = 0; start < count; start += SLICE) {
    const records = makeRecords(Math.min(SLICE, count - start), 2017 + start / SLICE);
    let text = '';
    for (let index = 0; index < records.length; index++) {
      const record = records[index];
      record.id = `rec-${start + index}`;
      record.url = `https://example.org/articles/${start + index}`;
      record.body = record.body.slice(0, 120);
      const separator = input === 'json' ? (start + index === 0 ? '  ' : ',\n  ') : '';
      text += `${separator}${JSON.stringify(record)}${input === 'json' ? '' : '\n'}`;
    }
    if (!stream.write(text)) await once(stream, 'drain');
  }
  if (input === 'json') stream.write('\n]\n');
  stream.end();
  await once(stream, 'close');
}

if (!existsSync(file)) await write(file);
console.log(`input: ${count.toLocaleString('en')} records, ${(statSync(file).size / 1e6).toFixed(0)} MB of ${input} (${file})`);
// A first run compiles the policy into the cache.
spawnSync(process.execPath, [BIN, 'check', file, '--format', 'ndjson', '--output', '/dev/null'], { env });
for (const format of formatList.split(',')) {
  const output = join(folder, `report.${format}`);
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, BIN, 'check', file, '--format', format, '--output', output, '--jobs', '1'], { env, encoding: 'utf8' });
  const lines = run.stderr.trim().split('\n');
  const [seconds, kilobytes] = lines.at(-1).split(' ').map(Number);
  const size = existsSync(output) ? `${(statSync(output).size / 1e6).toFixed(0)} MB report` : 'no report';
  // Exit 2 is also the exit of a check with invalid records: the messages say which it was.
  const said = lines.slice(0, -1).filter((line) => line.startsWith('blackout:') || /error/i.test(line));
  const messages = said.length === 0 ? '' : `  (${said.join(' | ').slice(0, 160)})`;
  console.log(`${format.padEnd(7)} ${seconds.toFixed(1).padStart(6)} s   peak RSS ${(kilobytes / 1024).toFixed(0).padStart(5)} MiB   exit ${run.status}   ${size}${messages}`);
  rmSync(output, { force: true });
}
rmSync(folder, { recursive: true, force: true });
