import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { crc32 } from 'node:zlib';

/** Where blackout keeps what it can make again (compiled policies, compiled code): BLACKOUT_CACHE_DIR, else $XDG_CACHE_HOME/blackout (when absolute, as the spec says), else ~/.cache/blackout. */
export function cacheDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.BLACKOUT_CACHE_DIR) return env.BLACKOUT_CACHE_DIR;
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'blackout');
}

/** Whether a cache folder can be trusted: ours and closed to others' writes (what another user wrote there would be run or believed). */
export function isPrivateFolder(dir: string): boolean {
  try {
    const { uid, mode } = statSync(dir);
    return (mode & 0o022) === 0 && (process.getuid === undefined || uid === process.getuid());
  } catch {
    return false;
  }
}

/** A file name for what a cache entry is for: its CRC-32 as 8 hex digits (a name, not a guard: the entry holds its key or is checked otherwise). */
export function keyHash(key: string): string {
  return crc32(key).toString(16).padStart(8, '0');
}
