import { readdir as readdirCallback, realpath as realpathCallback, stat as statCallback } from 'node:fs';
import { promisify } from 'node:util';

// fs's callback functions, promised: node:fs/promises costs a cold start some
// 2 ms to load (its module is compiled on first use), these nothing.

export const stat = promisify(statCallback);
export const readdir = promisify(readdirCallback);
// The native realpath, as fs/promises uses.
export const realpath = promisify(realpathCallback.native);
