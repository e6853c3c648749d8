import { loadPolicyCached, policyCacheDir } from '../policy/cache.js';
import type { CompiledPolicy } from '../policy/compiled.js';
import type { CliIo } from './io.js';
import { version } from './version.js';

/** The policy a command works with, compiled once and kept between runs (BLACKOUT_NO_CACHE=1 compiles every time). */
export async function loadCheckPolicy(path: string, io: Pick<CliIo, 'env' | 'cwd'>): Promise<CompiledPolicy> {
  if (io.env.BLACKOUT_NO_CACHE) return (await import('../policy/load.js')).loadPolicy(path);
  return loadPolicyCached(path, { dir: policyCacheDir(io.env), version: version(), cwd: io.cwd });
}
