import { resolve } from 'node:path';
import { assemblePolicy } from './assemble.js';
import type { PolicyReader } from '../policy/collect-files.js';
import type { CompiledPolicy } from '../compile/compiled.js';
import { entriesOf, fileSystemReader } from '../policy/policy-files.js';

// Compiling from text needs no file system; it lives apart so that blackout/core can use it.
export { loadPolicyFromText, type TextPolicyOptions } from './from-text.js';

/**
 * Loads a policy from a YAML file or a folder of them, following `extends`,
 * and compiles it for checking. Rejects with a {@link PolicyError} that lists
 * every problem with file, line and column.
 *
 * @example
 * const policy = await loadPolicy('policies/fr');
 * const checker = createChecker(policy);
 */
export async function loadPolicy(path: string): Promise<CompiledPolicy> {
  return loadPolicySync(path);
}

/** {@link loadPolicy}, synchronously: for start-up code that cannot await. */
export function loadPolicySync(path: string): CompiledPolicy {
  return assemblePolicy(entriesOf(path), fileSystemReader);
}

/** One load of a policy from disk, and a way to tell whether its files have changed since. */
export interface RecordedLoad {
  /** The policy, or undefined when the load failed. */
  readonly policy: CompiledPolicy | undefined;
  /** Why the load failed (a PolicyError for a bad policy). */
  readonly error: Error | undefined;
  /**
   * Whether the files read now as they did: the same files in the policy
   * folder, each with the same bytes (or the same error). Reads, never compiles.
   */
  unchanged(): boolean;
}

/**
 * {@link loadPolicySync} that never throws and remembers what it read: the
 * reloading checker loads a changed policy, then reads the files again a
 * moment later and uses the policy only if they are still the same (a file
 * caught half-written must not be used).
 */
export function loadPolicyRecorded(path: string): RecordedLoad {
  const read = new Map<string, string>();
  const reader: PolicyReader = {
    key: fileSystemReader.key,
    read: (name) => {
      const found = readFile(name);
      read.set(resolve(name), found.seen);
      if (found.error) throw found.error;
      return found.text!;
    },
  };
  const entries = entriesOfPath(path);
  let policy: CompiledPolicy | undefined;
  let error: Error | undefined;
  try {
    policy = assemblePolicy(entries.list ?? entriesOf(path), reader);
  } catch (thrown) {
    error = thrown instanceof Error ? thrown : new Error(String(thrown));
  }
  return {
    policy,
    error,
    unchanged: () => entriesOfPath(path).seen === entries.seen && [...read].every(([name, seen]) => readFile(name).seen === seen),
  };
}

/** A policy file's text, or the error reading it met; `seen` tells one reading from another. */
function readFile(name: string): { seen: string; text?: string; error?: Error } {
  try {
    const text = fileSystemReader.read(name);
    return { seen: `text ${text}`, text };
  } catch (error) {
    return { seen: `error ${(error as NodeJS.ErrnoException).code ?? ''} ${(error as Error).message}`, error: error as Error };
  }
}

/** The entry files a path names, or the error finding them met. */
function entriesOfPath(path: string): { seen: string; list?: string[] } {
  try {
    const list = entriesOf(path);
    return { seen: JSON.stringify(list), list };
  } catch (error) {
    return { seen: `error ${(error as Error).message}` };
  }
}
