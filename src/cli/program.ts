import { text } from 'node:stream/consumers';
import { FdWriter } from './fd-writer.js';
import { main } from './main.js';

// The CLI as bin.ts runs it. No top-level await: the bundle (scripts/bundle-cli.mjs) is a CommonJS file.
// A pipe or a file is written on its descriptor; process.stdout and process.stderr, which cost a start
// some 10 ms each when they are pipes, are made only for a terminal or when the descriptor refuses a write.
const stdout = FdWriter.forDescriptor(1, () => process.stdout);
const stderr = FdWriter.forDescriptor(2, () => process.stderr);
const stdoutIsTty = stdout === undefined && process.stdout.isTTY === true;

void main(process.argv.slice(2), {
  stdout: (chunk) => (stdout ? stdout.write(chunk) : process.stdout.write(chunk)),
  stderr: (chunk) => (stderr ? stderr.write(chunk) : process.stderr.write(chunk)),
  readStdin: () => text(process.stdin),
  env: process.env,
  stdoutIsTty,
  ...(stdoutIsTty && process.stdout.columns > 0 ? { stdoutColumns: process.stdout.columns } : {}),
  cwd: process.cwd(),
  ...(stdout ? { stdoutWriter: stdout } : {}),
  // Opened when used: opening standard input costs a check of files a few milliseconds.
  get stdoutStream() {
    return process.stdout;
  },
  get stdin() {
    return process.stdin;
  },
  get stderrIsTty() {
    return stderr === undefined && process.stderr.isTTY === true;
  },
}).then((code) => {
  process.exitCode = code;
  // The command is done: leaving now spares Node's teardown of the heap (a few milliseconds of a one-record check), unless output is still on its way.
  const pending = (writer: FdWriter | undefined, stream: () => NodeJS.WriteStream) => (writer ? writer.pending : stream().writableLength);
  if (pending(stdout, () => process.stdout) === 0 && pending(stderr, () => process.stderr) === 0) process.exit();
});
