import { readdirSync, statSync } from 'node:fs';
import { cacheDir } from '../../fs/cache-dir.js';
import { loadPolicyCached } from '../../policy-load/cache.js';
import type { CompiledPolicy } from '../../compile/compiled.js';
import { policyFolders } from '../../policy-load/shipped.js';
import type { CliIo } from '../io.js';
import { version } from '../version.js';

/**
 * The policy a command works with, compiled once and kept between runs
 * (BLACKOUT_NO_CACHE=1 compiles every time). Several paths, or a folder of
 * policy folders (`policies/`), are checked as one: see combinePolicies.
 */
export async function loadCheckPolicy(paths: string | readonly string[], io: Pick<CliIo, 'env' | 'cwd'>): Promise<CompiledPolicy> {
  const each = (typeof paths === 'string' ? [paths] : paths).flatMap(expandFolderOfPolicies);
  const policies = await Promise.all(each.map((path) => loadOne(path, io)));
  if (policies.length === 1) return policies[0]!;
  return (await import('../../compile/combine.js')).combinePolicies(policies);
}

async function loadOne(path: string, io: Pick<CliIo, 'env' | 'cwd'>): Promise<CompiledPolicy> {
  if (io.env.BLACKOUT_NO_CACHE) return (await import('../../policy-load/load.js')).loadPolicy(path);
  return loadPolicyCached(path, { dir: cacheDir(io.env), version: version(), cwd: io.cwd });
}

/** A folder with no policy file of its own but policy folders in it stands for them; any other path for itself. */
function expandFolderOfPolicies(path: string): string[] {
  try {
    if (!statSync(path).isDirectory() || readdirSync(path).some((name) => /\.ya?ml$/i.test(name))) return [path];
    const folders = policyFolders(path);
    return folders.length > 0 ? folders : [path];
  } catch {
    // The loader says why the path cannot be read.
    return [path];
  }
}
