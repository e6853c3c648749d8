import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledPolicy } from './compiled.js';
import { entriesOf, fileSystemReader, policyHash } from './policy-files.js';
import { restorePolicy, storePolicy, type StoredPolicy } from './serialize.js';

/** Bump when the stored shape changes. */
const STORE_FORMAT = 2;

/** The first line of an entry; the stored policy follows on the second. */
interface EntryHeader {
  readonly format: number;
  /** The policy's entry files when it was compiled: a file added to the folder makes the entry stale. */
  readonly entries: readonly string[];
  /** sha256 of the second line: a damaged entry is compiled afresh, never trusted. */
  readonly digest: string;
}

/** Where compiled policies are kept: BLACKOUT_CACHE_DIR, else $XDG_CACHE_HOME/blackout (when absolute, as the spec says), else ~/.cache/blackout. */
export function policyCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.BLACKOUT_CACHE_DIR) return env.BLACKOUT_CACHE_DIR;
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'blackout');
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
 * earlier run when the policy's files are byte for byte the same (their
 * sha256, which the compiled policy carries, is checked on every load), and
 * so is the compiler (its own code, Node's version and time-zone data are in
 * the key). Compiling parses YAML, validates the schema and computes every
 * window with luxon; reusing skips all three, which is most of a one-record
 * check's start-up. The cache is only ever an optimisation: an unreadable,
 * damaged or stale entry is compiled afresh, a folder others may write to is
 * not used, and a cache that cannot be written is left alone.
 */
export async function loadPolicyCached(path: string, options: PolicyCacheOptions): Promise<CompiledPolicy> {
  const entries = entriesOf(path);
  const key = createHash('sha256').update(JSON.stringify([STORE_FORMAT, options.version, compilerFingerprint(), options.cwd, path])).digest('hex');
  const file = join(options.dir, `${key}.json`);
  const cached = privateFolder(options.dir) ? readEntry(file, entries) : undefined;
  if (cached) return cached;
  const { loadPolicySync } = await import('./load.js');
  const policy = loadPolicySync(path);
  writeEntry(file, entries, storePolicy(policy));
  return policy;
}

let fingerprint: string | undefined;

/** What a compiled policy depends on besides its files: this folder's code (the compiler), luxon, Node and its time-zone data. */
function compilerFingerprint(): string {
  if (fingerprint === undefined) {
    const folder = dirname(fileURLToPath(import.meta.url));
    // Read, not required: requiring would load nothing of luxon but register it as loaded.
    const luxonVersion = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('luxon/package.json'), 'utf8')) as { version: string }).version;
    const hash = createHash('sha256').update(`${process.version} ${process.versions.tz ?? ''} luxon ${luxonVersion}`);
    for (const name of readdirSync(folder).sort()) {
      if (/\.(js|ts|json)$/.test(name) && !name.endsWith('.d.ts')) hash.update(name).update(readFileSync(join(folder, name)));
    }
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

/** An entry another user could have written is not trusted: the folder must be ours and closed to others. */
function privateFolder(dir: string): boolean {
  try {
    const { uid, mode } = statSync(dir);
    return (mode & 0o022) === 0 && (process.getuid === undefined || uid === process.getuid());
  } catch {
    return false;
  }
}

function readEntry(file: string, entries: readonly string[]): CompiledPolicy | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as EntryHeader;
    const body = text.slice(newline + 1);
    if (header.format !== STORE_FORMAT || createHash('sha256').update(body).digest('hex') !== header.digest) return undefined;
    if (header.entries.length !== entries.length || header.entries.some((name, index) => name !== entries[index])) return undefined;
    const stored = JSON.parse(body) as StoredPolicy;
    if (policyHash(stored.files.map((name) => fileSystemReader.read(name))) !== stored.sha256) return undefined;
    return restorePolicy(stored);
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, entries: readonly string[], policy: StoredPolicy): void {
  // Written aside under a name no one can guess or pre-create, then renamed: a reader never sees half a file.
  const partial = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const body = JSON.stringify(policy);
    const header: EntryHeader = { format: STORE_FORMAT, entries, digest: createHash('sha256').update(body).digest('hex') };
    writeFileSync(partial, `${JSON.stringify(header)}\n${body}`, { mode: 0o600, flag: 'wx' });
    renameSync(partial, file);
  } catch {
    // A read-only or full disk costs the next run a compile, nothing more; nothing is left behind.
    try {
      rmSync(partial, { force: true });
    } catch {
      // There was no folder to write the file in.
    }
  }
}
