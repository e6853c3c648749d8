import { createRequire } from 'node:module';

// Made with the first module loaded: createRequire costs a cold start half a millisecond.
let require: NodeJS.Require | undefined;

/**
 * A package or Node module loaded on first use, synchronously: the CLI's start-up time is
 * a promise (see the README), and a one-record check needs neither luxon
 * (records with offsets) nor the YAML parser (only to place a JSON error).
 */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= (require ??= createRequire(import.meta.url))(name) as T);
}
