#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { runProgram } from './code-cache.js';

// The package's bin: the CLI itself is program.cjs, beside this file, run through V8's code cache.
runProgram(fileURLToPath(new URL('./program.cjs', import.meta.url)), process.argv.slice(2), process.env);
