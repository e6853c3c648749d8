import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPrivateFolder, keyHash } from '../fs/cache-dir.js';
import { markUsed, trimCache } from '../fs/cache-trim.js';
import { readSizedFileRangeSync } from '../fs/regular-file.js';
import { encodeEntry, MAX_ENTRY_BYTES, readEntryFile } from './cache-entry.js';
import { compilerStamp } from './compiler-stamp.js';
import type { CompiledPolicy } from '../compile/compiled.js';
import { entriesOf, readPolicyBytes, withoutBom } from '../policy/policy-files.js';
import { restorePolicy, storePolicy, type StoredCold, type StoredPolicy } from './serialize.js';

/** Bump when the stored shape changes. */
const STORE_FORMAT = 5;

/** An entry's header. */
interface EntryHeader {
  readonly format: number;
  /** What the entry is for (see {@link loadPolicyCached}): the file name is only a hash of it. */
  readonly key: string;
  /** The policy's entry files when it was compiled: a file added to the folder makes the entry stale. */
  readonly entries: readonly string[];
  /** The size and CRC-32 of each of the policy's files as compiled, in the order of `policy.files`. */
  readonly files: readonly (readonly [size: number, crc: number])[];
  readonly policy: StoredPolicy;
}

export interface PolicyCacheOptions {
  /** The cache folder. */
  readonly dir: string;
  /** The running blackout's version. */
  readonly version: string;
  /** The working folder, which relative policy paths depend on. */
  readonly cwd: string;
}

/**
 * Loads a policy like `loadPolicy`, reusing the compiled form kept from an
 * earlier run when the policy's files hold the same bytes (their sizes and
 * CRC-32s are in the entry, and compared on every load), and so is the compiler
 * (its files, luxon, Node and its time-zone data are in the key). Compiling
 * parses YAML, validates the schema and computes every window with luxon;
 * reusing skips all three, which is most of a one-record check's start-up.
 * The cache is only ever an optimisation: an unreadable, damaged or stale
 * entry is compiled afresh, a folder others may write to is not used, and a
 * cache that cannot be written is left alone.
 */
export async function loadPolicyCached(path: string, options: PolicyCacheOptions): Promise<CompiledPolicy> {
  const entries = entriesOf(path);
  const key = JSON.stringify([STORE_FORMAT, options.version, compilerFingerprint(), options.cwd, path]);
  const file = join(options.dir, `${keyHash(key)}.policy`);
  const cached = isPrivateFolder(options.dir) ? readEntry(file, key, entries) : undefined;
  if (cached) return cached;
  const { loadPolicySync } = await import('./load.js');
  const policy = loadPolicySync(path);
  await writeEntry(file, key, entries, policy);
  return policy;
}

let fingerprint: string | undefined;

/**
 * What a compiled policy depends on besides its files: the compiler (its
 * build's stamp: compiler-stamp.ts), luxon, Node and its time-zone data.
 * Bundled code runs from dist/cli/, beside dist/policy-load/: the compiler's
 * folders are found from either.
 */
function compilerFingerprint(): string {
  if (fingerprint === undefined) {
    const root = fileURLToPath(new URL('../', import.meta.url));
    // The entry's numbers are in the machine's byte order.
    fingerprint = [process.version, process.versions.tz ?? '', `luxon ${luxonVersion()}`, endianness(), compilerStamp(root)].join('\n');
  }
  return fingerprint;
}

/**
 * luxon's version, from its package.json: read, not required (requiring would
 * load luxon). Found first where Node's resolution finds it in an ordinary
 * install, the nearest node_modules up from here (a millisecond or two
 * sooner than the resolution itself, cold), else through the resolution.
 */
function luxonVersion(): string {
  let manifest: string | undefined;
  for (let folder = fileURLToPath(new URL('.', import.meta.url)); !manifest; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', 'luxon', 'package.json');
    if (existsSync(candidate)) manifest = candidate;
    else if (dirname(folder) === folder) manifest = createRequire(import.meta.url).resolve('luxon/package.json');
  }
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function readEntry(file: string, key: string, entries: readonly string[]): CompiledPolicy | undefined {
  try {
    const entry = readEntryFile<EntryHeader, StoredCold>(file);
    if (!entry) return undefined;
    const { header } = entry;
    if (header.format !== STORE_FORMAT || header.key !== key) return undefined;
    if (header.entries.length !== entries.length || header.entries.some((name, index) => name !== entries[index])) return undefined;
    const names = header.policy.files;
    if (names.length === 0 || names.length !== header.files.length || names.some((name, index) => !sameBytes(name, header.files[index]!))) return undefined;
    const [windows, starts, spans] = entry.numbers;
    const [slices] = entry.lazy;
    if (entry.numbers.length !== 3 || entry.lazy.length !== 1 || !windows || !starts || !spans || !slices || slices.length % 4 !== 0) return undefined;
    const sliceNumbers = { length: slices.length / 4, slice: (start: number, end: number) => slices.int32s(start, end) };
    const policy = restorePolicy({ policy: header.policy, numbers: [windows, sliceNumbers, starts, spans], texts: entry.texts, cold: entry.cold });
    markUsed(file);
    return policy;
  } catch {
    return undefined;
  }
}

/** Whether a file holds bytes of this size and CRC-32 (the size is compared first: a changed file is seldom read; nor is more than that size). */
function sameBytes(name: string, [size, crc]: readonly [size: number, crc: number]): boolean {
  const bytes = readSizedFileRangeSync(name, { size }, 0, size);
  return bytes !== undefined && crc32(bytes) === crc;
}

async function writeEntry(file: string, key: string, entries: readonly string[], policy: CompiledPolicy): Promise<void> {
  const { randomBytes } = await import('node:crypto');
  // Written aside under a name no one can guess or pre-create, then renamed: a reader never sees half a file.
  const partial = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    // The files as compiled: read again, and kept only if they still are what the compiler read.
    const files = policy.files.map((name) => readPolicyBytes(name));
    const { policyHash } = await import('../compile/policy-hash.js');
    if (policyHash(files.map((bytes) => withoutBom(bytes.toString('utf8')))) !== policy.sha256) return;
    const stored = storePolicy(policy);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const header: EntryHeader = { format: STORE_FORMAT, key, entries, files: files.map((bytes) => [bytes.length, crc32(bytes)]), policy: stored.policy };
    const [windows, slices, starts, spans] = stored.numbers;
    const lazy = [new Uint8Array(slices.buffer, slices.byteOffset, slices.byteLength)];
    const bytes = encodeEntry({ header, cold: stored.cold, numbers: [windows, starts, spans], lazy, texts: stored.texts });
    // An entry too large to be read back is not written.
    if (bytes.length > MAX_ENTRY_BYTES) return;
    writeFileSync(partial, bytes, { mode: 0o600, flag: 'wx' });
    renameSync(partial, file);
    trimCache(file);
  } catch {
    // A read-only or full disk costs the next run a compile, nothing more; nothing is left behind.
    try {
      rmSync(partial, { force: true });
    } catch {
      // There was no folder to write the file in.
    }
  }
}
