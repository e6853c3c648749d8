import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CompiledPolicy } from './compiled.js';
import { entriesOf, fileSystemReader, policyHash } from './policy-files.js';
import { restorePolicy, storePolicy, type StoredPolicy } from './serialize.js';

/** Bump when the stored shape changes. */
const STORE_FORMAT = 1;

interface CacheEntry {
  readonly format: number;
  readonly blackout: string;
  /** The policy's entry files when it was compiled: a file added to the folder makes the entry stale. */
  readonly entries: readonly string[];
  readonly policy: StoredPolicy;
}

/** Where compiled policies are kept: BLACKOUT_CACHE_DIR, else the user's cache folder. */
export function policyCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.BLACKOUT_CACHE_DIR) return env.BLACKOUT_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'blackout');
}

export interface PolicyCacheOptions {
  /** The cache folder. */
  readonly dir: string;
  /** The running blackout's version: another version compiles afresh. */
  readonly version: string;
  /** The working folder, which relative policy paths depend on. */
  readonly cwd: string;
}

/**
 * Loads a policy like `loadPolicy`, reusing the compiled form kept from an
 * earlier run when the policy's files are byte for byte the same (their
 * sha256, which the compiled policy carries, is checked on every load).
 * Compiling parses YAML, validates the schema and computes every window
 * with luxon; reusing skips all three, which is most of a one-record check's
 * start-up. The cache is only ever an optimisation: an unreadable, corrupt
 * or stale entry is compiled afresh, and a cache that cannot be written is
 * left alone.
 */
export async function loadPolicyCached(path: string, options: PolicyCacheOptions): Promise<CompiledPolicy> {
  const entries = entriesOf(path);
  const key = createHash('sha256').update(JSON.stringify([STORE_FORMAT, options.version, options.cwd, path])).digest('hex');
  const file = join(options.dir, `${key}.json`);
  const cached = readEntry(file, entries, options.version);
  if (cached) return cached;
  const { loadPolicySync } = await import('./load.js');
  const policy = loadPolicySync(path);
  writeEntry(file, { format: STORE_FORMAT, blackout: options.version, entries, policy: storePolicy(policy) });
  return policy;
}

function readEntry(file: string, entries: readonly string[], version: string): CompiledPolicy | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
    if (entry.format !== STORE_FORMAT || entry.blackout !== version) return undefined;
    if (entry.entries.length !== entries.length || entry.entries.some((name, index) => name !== entries[index])) return undefined;
    if (policyHash(entry.policy.files.map((name) => fileSystemReader.read(name))) !== entry.policy.sha256) return undefined;
    return restorePolicy(entry.policy);
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, entry: CacheEntry): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    // Written aside, then renamed: a reader never sees half a file.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(entry), { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // A read-only or full disk costs the next run a compile, nothing more.
  }
}
