#!/usr/bin/env node
import { text } from 'node:stream/consumers';
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (chunk) => process.stderr.write(chunk),
  readStdin: () => text(process.stdin),
  env: process.env,
  stdoutIsTty: process.stdout.isTTY === true,
  cwd: process.cwd(),
  stdoutStream: process.stdout,
  stdin: process.stdin,
  stderrIsTty: process.stderr.isTTY === true,
});
