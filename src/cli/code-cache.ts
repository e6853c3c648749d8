import { isAscii } from 'node:buffer';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';
import { cacheDir, isPrivateFolder, keyHash } from '../fs/cache-dir.js';
import { markUsed, trimCache } from '../fs/cache-trim.js';
import { readRegularFileSync } from '../fs/regular-file.js';
import { v8FlagsChanged } from './memory-mode.js';
import { PROGRAM_WRAPPER } from './program-wrapper.js';

// Node 20 has no compile cache of its own (module.enableCompileCache is 22's),
// so the bundled CLI is compiled here with V8's code cache: kept after a run,
// it holds the bytecode of every function that run compiled, which a one-record
// check otherwise compiles afresh at each start.

/** Far above the CLI's (some 250 KB), bounded all the same. */
const MAX_PROGRAM_BYTES = 16 * 1024 * 1024;
/** Far above the program's compiled code (some 300 KB). */
const MAX_CACHE_BYTES = 16 * 1024 * 1024;
/** The CRC-32 comes last: the data then starts where the file's bytes do, aligned as V8 wants it (else it copies them). */
const CRC_BYTES = 4;
/** Each command keeps its own cache: the first run's functions are what the cache holds. */
const COMMANDS = new Set(['check', 'explain', 'sweep', 'policy', 'serve', 'tui']);

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Runs a CommonJS program (the bundled CLI), with its compiled code kept in
 * the cache folder between runs. The cache is only an optimisation: a
 * missing, unreadable or rejected one (V8 checks its version, flags and the
 * source) means a plain compile, and a new cache written at exit; a folder
 * others may write to is neither read nor written; BLACKOUT_NO_CACHE=1 turns it off.
 * Returns the program's start: throws, before running any of it, when the
 * file is missing, unreadable, not shaped as the bundler writes it, or does
 * not compile (a damaged installation).
 */
export function loadProgram(program: string, args: readonly string[], env: Env): () => void {
  const bytes = readRegularFileSync(program, { maxBytes: MAX_PROGRAM_BYTES });
  // esbuild writes ASCII (escapes for the rest): read as Latin-1, the same text, sooner than UTF-8 decodes it.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  if (!source.startsWith(PROGRAM_WRAPPER) || !source.endsWith('\n})')) throw new NotBundled();
  const cacheFile = env.BLACKOUT_NO_CACHE ? undefined : codeCacheFile(program, args[0], env);
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const script = new Script(source, { filename: program, ...(cachedData ? { cachedData } : {}) });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    // Not after a run that changed V8's flags (a long check: memory-mode.ts): V8 would reject that cache at the next start.
    process.once('exit', () => v8FlagsChanged() || writeCache(cacheFile, script));
  }
  const programUrl = pathToFileURL(program);
  const loaderImport = (specifier: string): Promise<unknown> => import(specifier.startsWith('.') ? new URL(specifier, programUrl).href : specifier);
  const module = { exports: {} };
  const run = script.runInThisContext() as (...parameters: unknown[]) => void;
  return () => run.call(module.exports, module.exports, createRequire(program), module, program, dirname(program), loaderImport);
}

/** A program file that does not begin and end as scripts/bundle-cli.mjs writes it. */
export class NotBundled extends Error {
  constructor() {
    super('not a program bundled by scripts/bundle-cli.mjs');
  }
}

/**
 * The cache's file: named for Node, the machine, Node's options (V8 rejects a
 * cache made under other flags: runs with and without them would each rewrite
 * the other's) and this very build of the program (its size and time of change).
 */
function codeCacheFile(program: string, command: string | undefined, env: Env): string | undefined {
  try {
    const dir = cacheDir(env);
    const { size, mtimeMs, ino } = statSync(program);
    const key = [process.version, process.arch, process.execArgv.join(' '), program, size, mtimeMs, ino].join('\n');
    return join(dir, `code-${command !== undefined && COMMANDS.has(command) ? command : 'other'}-${keyHash(key)}.v8`);
  } catch {
    return undefined;
  }
}

/**
 * The cache's data, when its CRC-32 (the last 4 bytes) holds: V8 checks a
 * cache's version, flags and source, not its bytes, and a damaged one can
 * crash the process.
 */
function readCache(file: string): Buffer | undefined {
  if (!isPrivateFolder(dirname(file))) return undefined;
  try {
    const bytes = readRegularFileSync(file, { maxBytes: MAX_CACHE_BYTES, noFollow: true });
    const data = bytes.subarray(0, bytes.length - CRC_BYTES);
    if (!(bytes.length > CRC_BYTES && bytes.readUInt32LE(data.length) === crc32(data))) return undefined;
    markUsed(file);
    return data;
  } catch {
    return undefined;
  }
}

/** Written aside and renamed, so that a reader never sees half a cache; a cache that cannot be written is left alone. */
function writeCache(file: string, script: Script): void {
  const dir = dirname(file);
  const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivateFolder(dir)) return;
    const data = script.createCachedData();
    const crc = Buffer.alloc(CRC_BYTES);
    crc.writeUInt32LE(crc32(data));
    writeFileSync(partial, Buffer.concat([data, crc]), { mode: 0o600, flag: 'wx' });
    renameSync(partial, file);
    trimCache(file);
  } catch {
    try {
      rmSync(partial, { force: true });
    } catch {
      // There was no folder to write the file in.
    }
  }
}
