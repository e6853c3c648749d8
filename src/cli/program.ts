import { text } from 'node:stream/consumers';
import { main } from './main.js';

// The CLI as bin.ts runs it. No top-level await: the bundle (scripts/bundle-cli.mjs) is a CommonJS file.
void main(process.argv.slice(2), {
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (chunk) => process.stderr.write(chunk),
  readStdin: () => text(process.stdin),
  env: process.env,
  stdoutIsTty: process.stdout.isTTY === true,
  ...(process.stdout.isTTY && process.stdout.columns > 0 ? { stdoutColumns: process.stdout.columns } : {}),
  cwd: process.cwd(),
  stdoutStream: process.stdout,
  // Opened when read: opening standard input costs a check of files a few milliseconds.
  get stdin() {
    return process.stdin;
  },
  stderrIsTty: process.stderr.isTTY === true,
}).then((code) => {
  process.exitCode = code;
  // The command is done: leaving now spares Node's teardown of the heap (a few milliseconds of a one-record check), unless output is still on its way.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
});
