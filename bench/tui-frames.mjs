// The terminal UI with 100,000 records: time to the first frame and time from a
// key press to the next frame. Targets (issue 4): first frame under 1 s, key to
// frame under 50 ms.
//
// Each measure runs `blackout tui FILE` (runTui, as main.ts reaches it) in a
// fresh Node process on a fake 120×40 terminal, so the first frame counts
// everything a user waits for: Node's start-up, the CLI's modules, the policy
// (from the compiled-policy cache, warmed first; one cold run is shown too),
// Ink and React, the first batch of records read and checked, and the first
// render. The same records are measured as NDJSON (read as a stream: the first
// frame needs the first 1000 lines) and as one JSON array (parsed whole before
// the first record is known).
//
// Run: npm run build && node bench/tui-frames.mjs [count]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const NOT_A_FRAME = /\u001b\[\?(25|1049|2026)[hl]/g;
const AT = '2017-05-06T10:00:00+02:00';

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4] === '--keys');
else await parent(Number(process.argv[2] ?? 100_000));

async function parent(count) {
  const { makeRecords } = await import('./records.mjs');
  const folder = mkdtempSync(join(tmpdir(), 'blackout-bench-'));
  const records = makeRecords(count);
  const ndjson = join(folder, 'records.ndjson');
  const json = join(folder, 'records.json');
  writeFileSync(ndjson, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
  writeFileSync(json, JSON.stringify(records));
  const cache = join(folder, 'cache');
  const run = (file, keys = false) => {
    const output = execFileSync(process.execPath, [SELF, '--child', file, ...(keys ? ['--keys'] : [])], {
      env: { ...process.env, BLACKOUT_CACHE_DIR: cache },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      // Its stderr only gets Ink's cursor escape on exit; a failure throws with it.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The figures are the last line; a terminal escape (the cursor shown again on exit) may come before it.
    return JSON.parse(output.trim().split('\n').at(-1).replace(/^[^{]*/, ''));
  };
  const size = (file) => `${(statSync(file).size / 1048576).toFixed(0)} MiB`;

  console.log(`records: ${count.toLocaleString('en')}; ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} (figures stretch with it)`);
  console.log('first frame, from process start (node start-up, CLI modules, policy, Ink and React, first batch, render); target < 1000 ms');
  const cold = run(ndjson);
  console.log(`  NDJSON, cold policy cache (first run ever)   ${line(cold)}`);
  const runs = [1, 2, 3].map(() => run(ndjson));
  const median = runs.sort((a, b) => a.firstFrame - b.firstFrame)[1];
  console.log(`  NDJSON ${size(ndjson)}, warm cache (median of 3) ${line(median)}`);
  console.log(`    all of it read and checked in the background by ${median.loaded.toFixed(0)} ms`);
  const whole = [1, 2, 3].map(() => run(json)).sort((a, b) => a.firstFrame - b.firstFrame)[1];
  console.log(`  JSON array ${size(json)}, warm (median of 3) ${line(whole)}`);
  console.log('    (a JSON array is parsed whole before its first record is known: NDJSON is the format for a feed this size)');

  console.log('key press to next frame, 100,000 records loaded (NDJSON), 120×40; target < 50 ms');
  const keys = run(ndjson, true);
  for (const [label, samples] of keys.keys) keyLine(label, samples);
  const all = keys.keys.filter(([label]) => !label.includes('while loading')).flatMap(([, samples]) => samples.map((sample) => sample.total));
  keyLine('all keys once loaded', all.map((total) => ({ total })));
  rmSync(folder, { recursive: true, force: true });
}

function line({ firstFrame, marks }) {
  const parts = [
    `policy ${marks.policy.toFixed(0)}`,
    `Ink+React loaded ${marks.ui.toFixed(0)}`,
    `first batch checked ${marks.batch.toFixed(0)}`,
  ];
  return `${firstFrame.toFixed(0).padStart(5)} ms  (at ${parts.join(', ')} ms)`;
}

function keyLine(label, samples) {
  const totals = samples.map((sample) => sample.total).sort((a, b) => a - b);
  const pick = (q) => totals[Math.min(totals.length - 1, Math.floor(q * totals.length))];
  const inks = samples.filter((sample) => sample.ink !== undefined).map((sample) => sample.ink).sort((a, b) => a - b);
  const ink = inks.length > 0 ? `  Ink output p50 ${inks[Math.floor(inks.length / 2)].toFixed(1)} ms` : '';
  console.log(`  ${label.padEnd(34)} p50 ${pick(0.5).toFixed(1).padStart(5)} ms  p95 ${pick(0.95).toFixed(1).padStart(5)} ms  max ${totals.at(-1).toFixed(1).padStart(5)} ms  (${totals.length})${ink}`);
}

/** One run of the UI in this process: prints a JSON line of figures. */
async function child(file, measureKeys) {
  /** A terminal of 120×40 that notes when each frame arrives. */
  class Terminal extends Writable {
    isTTY = true;
    columns = 120;
    rows = 40;
    waiters = [];
    _write(chunk, _encoding, done) {
      // Ink writes a frame in one chunk, only its changed lines (a key may change two); the alternate-screen
      // switch, cursor toggles and synchronized-output marks around a frame are not frames.
      if (chunk.toString().replace(NOT_A_FRAME, '').length > 0) for (const resolve of this.waiters.splice(0)) resolve(performance.now());
      done();
    }
    nextFrame() {
      return new Promise((resolve) => this.waiters.push(resolve));
    }
  }
  const stdout = new Terminal();
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode() {}, ref() {}, unref() {} });
  let firstFrame = 0;
  let lastRender;
  const io = { stdout: () => {}, stderr: () => {}, readStdin: async () => '', env: process.env, stdoutIsTty: true, cwd: process.cwd() };
  // As main.ts reaches it: a dynamic import of the command.
  const { runTui } = await import('../dist/cli/commands/tui-command.js');
  const running = runTui([file, '--at', AT, '--no-watch'], io, true, {
    stdin,
    stdout,
    onFirstFrame: () => (firstFrame = performance.now()),
    onRender: (ms) => (lastRender = ms),
  });
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const mark = (name) => performance.getEntriesByName(`blackout-tui:${name}`)[0]?.startTime ?? Number.NaN;
  while (firstFrame === 0) await pause(5);
  const keys = [];
  if (measureKeys) {
    /** Presses a key and returns the time to the next frame, and Ink's share of it. */
    const press = async (key) => {
      await pause(60); // past Ink's 30 fps throttle, so a frame is due at once
      lastRender = undefined;
      const frame = stdout.nextFrame();
      const pressed = performance.now();
      stdin.write(key);
      const total = (await frame) - pressed;
      return { total, ink: lastRender };
    };
    const series = async (label, sequence, times, only) => {
      const samples = [];
      for (let time = 0; time < times; time++) {
        const key = sequence[time % sequence.length];
        const sample = await press(key);
        if (only === undefined || key === only) samples.push(sample);
      }
      keys.push([label, samples]);
    };
    // While the rest loads, keys are answered between batches.
    const during = [];
    while (Number.isNaN(mark('loaded')) && during.length < 40) during.push(await press(during.length % 2 === 0 ? 'j' : 'k'));
    if (during.length > 0) keys.push(['j/k while loading (in the background)', during]);
    while (Number.isNaN(mark('loaded'))) await pause(20);
    await pause(300);
    await series('warm-up', ['j'], 5);
    keys.pop();
    await series('j (next record)', ['j'], 60);
    await series('k (previous record)', ['k'], 30);
    await series('PgDn (next page)', ['\u001b[6~'], 30);
    await series('G / g (last, first)', ['G', 'g'], 30);
    await series('Enter (detail open, close)', ['\r'], 30);
    await series('s (status filter over all rows)', ['s'], 30);
    await series('r (region filter over all rows)', ['r'], 26);
    await series('z (time zone)', ['z'], 30);
    await press('\r');
    await series('w (what if, detail open)', ['w', 'j'], 30, 'w');
    await press('\r');
    await press('/');
    await series('search typing over 100k rows', ['a', '\u007f', 'e', '\u007f'], 24);
    stdin.write('\u001b');
    await pause(100);
  } else {
    while (Number.isNaN(mark('loaded'))) await pause(20);
  }
  stdin.write('q');
  await running;
  const marks = { policy: mark('policy'), ui: mark('ui-loaded'), batch: mark('first-batch') };
  process.stdout.write(`${JSON.stringify({ firstFrame, marks, loaded: mark('loaded'), keys })}\n`);
  process.exit(0);
}
