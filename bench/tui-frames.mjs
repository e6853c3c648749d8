// The terminal UI with 100,000 records: time to the first frame (policy load,
// read, check, lay out, render) and time from a key press to the next frame.
// Targets: first frame under 1 s, key to frame under 50 ms.
// Run: npm run build && node bench/tui-frames.mjs [count]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { createChecker, loadPolicy } from '../dist/index.js';
import { loadRows } from '../dist/tui/session.js';
// As the CLI does before it loads the UI: React's production build.
process.env.NODE_ENV ??= 'production';
const { startTui } = await import('../dist/tui/start.js');
import { makeRecords } from './records.mjs';

const count = Number(process.argv[2] ?? 100_000);
const file = join(mkdtempSync(join(tmpdir(), 'blackout-bench-')), 'records.json');
writeFileSync(file, JSON.stringify(makeRecords(count)));

/** A terminal of 120×40 that notes when each frame arrives. */
class Terminal extends Writable {
  isTTY = true;
  columns = 120;
  rows = 40;
  frames = 0;
  waiters = [];
  _write(chunk, _encoding, done) {
    const text = chunk.toString();
    // Ink writes a frame in one chunk; the alternate-screen switch is not a frame.
    if (text.length > 200) {
      this.frames++;
      for (const resolve of this.waiters.splice(0)) resolve(performance.now());
    }
    done();
  }
  nextFrame() {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

const stdout = new Terminal();
const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode() {}, ref() {}, unref() {} });
const at = Date.parse('2017-05-06T10:00:00+02:00');

const start = performance.now();
const firstFrame = stdout.nextFrame();
const checker = createChecker(await loadPolicy(new URL('../policies/fr', import.meta.url).pathname));
const loaded = performance.now();
const rows = loadRows(checker, [file], at, 'en');
const checked = performance.now();
const running = startTui({ checker, rows, files: [file], lang: 'en', clock: () => at, watch: false, env: {}, stdin, stdout });
const first = await firstFrame;
console.log(`records: ${count.toLocaleString('en')} (${file}); ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} (figures stretch with it)`);
console.log(`first frame: ${(first - start).toFixed(0)} ms  (policy ${(loaded - start).toFixed(0)} ms, read+check+rows ${(checked - loaded).toFixed(0)} ms, render ${(first - checked).toFixed(0)} ms)  target < 1000 ms`);

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Presses a key `times` times, each after the last frame has settled; returns each press's time to the next frame. */
async function press(key, times) {
  const samples = [];
  for (let time = 0; time < times; time++) {
    await pause(60); // past Ink's 30 fps throttle, so a frame is due at once
    const frame = stdout.nextFrame();
    const pressed = performance.now();
    stdin.write(key);
    samples.push((await frame) - pressed);
  }
  return samples.sort((a, b) => a - b);
}
/** Presses `keys` in turn, `times` presses in all (each changes the screen); keeps the samples of `only` when given. */
async function alternate(keys, times, only) {
  const samples = [];
  for (let time = 0; time < times; time++) {
    const key = keys[time % keys.length];
    const [sample] = await press(key, 1);
    if (only === undefined || key === only) samples.push(sample);
  }
  return samples.sort((a, b) => a - b);
}
const line = (label, samples) => {
  const pick = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
  console.log(`${label.padEnd(34)} median ${pick(0.5).padStart(5)} ms  p95 ${pick(0.95).padStart(5)} ms  max ${samples.at(-1).toFixed(1).padStart(5)} ms  (${samples.length} presses)  target < 50 ms`);
};
await press('j', 5); // warm-up
line('j (next record)', await press('j', 60));
line('k (previous record)', await press('k', 30));
line('PgDn (next page)', await press('\u001b[6~', 30));
line('G / g (last, first)', await alternate(['G', 'g'], 30));
line('Enter (detail open, close)', await alternate(['\r'], 30));
line('s (status filter over all rows)', await alternate(['s'], 30));
line('r (region filter over all rows)', await alternate(['r'], 26));
line('z (time zone)', await alternate(['z'], 30));
await press('\r', 1);
line('w (what if, detail open)', await alternate(['w', 'j'], 30, 'w'));
await press('\r', 1);
await press('/', 1);
line('search typing over 100k rows', await alternate(['a', '\u007f', 'e', '\u007f'], 24));
stdin.write('\u001b');
await pause(100);
stdin.write('q');
await running;
