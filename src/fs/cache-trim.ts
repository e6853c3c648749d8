import { lstatSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Entries are keyed by the build, Node, the policy's path and the working
// folder, so every upgrade, and every CI run from a fresh checkout folder,
// leaves a new one (1.5 MB for the French policy) that nothing reads again.
// The folder only grows when blackout writes to it, so it is trimmed then
// (a cache miss already pays for a compile), least recently used first: a
// hit marks its entry, at most once a day, by its time of change.

/** Past this, the entries used longest ago are removed... */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** ...until this is left, so that the next writes do not trim again at once. */
export const TRIMMED_CACHE_BYTES = 48 * 1024 * 1024;
/** A file being written is renamed into place within a second; one left older than this was a writer that died. */
const ABANDONED_MS = 60 * 60 * 1000;
/** A hit marks its entry again once its mark is older than this: a stat per hit, and a write of its times once a day. */
const MARK_EVERY_MS = 24 * 60 * 60 * 1000;
/** Names looked at, at most: the folder is ours, but a trim must end soon whatever it holds. */
const MAX_NAMES = 10_000;

/** What blackout writes in its cache folder: compiled policies, compiled code, and either being written. */
const ENTRY = /^(?:[0-9a-f]{8}\.policy|code-[a-z]+-[0-9a-f]{8}\.v8)$/;
const BEING_WRITTEN = /^(?:[0-9a-f]{8}\.policy|code-[a-z]+-[0-9a-f]{8}\.v8)\.[0-9a-z.]+\.tmp$/;

export interface TrimLimits {
  readonly maxBytes: number;
  readonly trimmedBytes: number;
  readonly now: number;
}

/** Marks a cache file as used now (its time of change), unless it was within the day; a file that cannot be marked is only trimmed sooner. */
export function markUsed(file: string, now = Date.now()): void {
  try {
    if (now - statSync(file).mtimeMs > MARK_EVERY_MS) utimesSync(file, now / 1000, now / 1000);
  } catch {
    // Gone, or not ours to change: nothing to mark.
  }
}

/**
 * After `written` was put in its cache folder: removes files of writers that
 * died, and, when blackout's files there pass {@link MAX_CACHE_BYTES}, those
 * used longest ago (never `written`) until {@link TRIMMED_CACHE_BYTES} are
 * left. Other files are never touched. A reader that had opened a removed
 * entry goes on reading it; one that opens it later compiles afresh. Best
 * effort: a file that cannot be seen or removed is left.
 */
export function trimCache(written: string, limits: TrimLimits = { maxBytes: MAX_CACHE_BYTES, trimmedBytes: TRIMMED_CACHE_BYTES, now: Date.now() }): void {
  const dir = dirname(written);
  let names: string[];
  try {
    names = readdirSync(dir).slice(0, MAX_NAMES);
  } catch {
    return;
  }
  const entries: { readonly path: string; readonly bytes: number; readonly mtimeMs: number }[] = [];
  let total = 0;
  for (const name of names) {
    const entry = ENTRY.test(name);
    if (!entry && !BEING_WRITTEN.test(name)) continue;
    const path = join(dir, name);
    const stats = statOf(path);
    if (!stats?.isFile()) continue;
    if (!entry) {
      if (limits.now - stats.mtimeMs > ABANDONED_MS) remove(path);
      continue;
    }
    total += stats.size;
    if (name !== basename(written)) entries.push({ path, bytes: stats.size, mtimeMs: stats.mtimeMs });
  }
  if (total <= limits.maxBytes) return;
  entries.sort((a, b) => a.mtimeMs - b.mtimeMs);
  for (const entry of entries) {
    if (total <= limits.trimmedBytes) break;
    if (remove(entry.path)) total -= entry.bytes;
  }
}

function statOf(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function remove(path: string): boolean {
  try {
    rmSync(path);
    return true;
  } catch {
    return false;
  }
}
