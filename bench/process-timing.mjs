// What the benches that time whole processes share: the floor they are held
// to, a wall-clock timer to 0.1 ms (GNU time's %e counts in 10 ms steps, a
// sixth of `node -e 0`), and the statistics they print.
import { spawnSync } from 'node:child_process';

/** The floor: a bare readline + JSON.parse loop over an NDJSON file (argv[1]), for `node -e`; prints the records to stderr. */
export const FLOOR_SCRIPT = `
const { createReadStream } = require('node:fs');
const { createInterface } = require('node:readline');
(async () => {
  let records = 0;
  for await (const line of createInterface({ input: createReadStream(process.argv[1]), crlfDelay: Infinity })) {
    if (line.length > 0) { JSON.parse(line); records++; }
  }
  process.stderr.write(records + '\\n');
})();`;

/** Wall milliseconds of `node ARGS`; throws when it fails (exit over 1, or a signal). */
export function wallMs(args, env) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (run.status === null || run.status > 1) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const median = (list) => list.toSorted((a, b) => a - b)[list.length >> 1];
export const least = (list) => Math.min(...list);
