import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledPolicy } from '../compile/compiled.js';

/** The folder of the policies shipped with blackout, one folder per country, beside the installed package. */
export const SHIPPED_POLICIES: string = fileURLToPath(new URL('../../policies', import.meta.url));

/** The #MacronLeaks records the package ships, which `blackout` with no arguments opens. */
export const EXAMPLE_RECORDS: string = fileURLToPath(new URL('../../examples/macronleaks/records.json', import.meta.url));

/**
 * The path of a shipped policy, by the country's ISO 3166-1 alpha-2 code in
 * lower case (default `fr`), for `loadPolicy` and `createReloadingChecker`
 * from a project that depends on blackout.
 *
 * @example
 * const checker = createReloadingChecker(shippedPolicyPath('fr'));
 */
export function shippedPolicyPath(country = 'fr'): string {
  if (!/^[a-z]{2}$/.test(country)) throw new TypeError(`a country is its ISO 3166-1 alpha-2 code in lower case, not '${country}'`);
  return join(SHIPPED_POLICIES, country);
}

/** The shipped French policy, compiled. The compiler is loaded then, so the CLI's start can name the path without it. */
export async function loadDefaultPolicy(): Promise<CompiledPolicy> {
  return (await import('./load.js')).loadPolicy(shippedPolicyPath('fr'));
}

/**
 * The policy folders in a folder of policies (default: the shipped ones),
 * in code order: each subfolder that holds policy files of its own.
 */
export function policyFolders(folder: string = SHIPPED_POLICIES): string[] {
  return readdirSync(folder)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isDirectory() && readdirSync(path).some((file) => /\.ya?ml$/.test(file) && statSync(join(path, file)).isFile()));
}
