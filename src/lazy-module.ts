// Made with the first module loaded: createRequire costs a cold start half a millisecond.
let require: NodeJS.Require | undefined;

/**
 * A package or Node module loaded on first use, synchronously: the CLI's start-up time is
 * a promise (see the README), and a one-record check needs neither luxon
 * (records with offsets) nor the YAML parser (only to place a JSON error).
 */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= (require ??= nodeRequire())(name) as T);
}

/**
 * Node's `require`, reached through `process` rather than an import of
 * node:module: the modules that load packages on demand are then bundled
 * for a browser as they are (blackout/core), where what they need is handed
 * to them instead (see luxon.ts).
 */
function nodeRequire(): NodeJS.Require {
  const modules = globalThis.process?.getBuiltinModule?.('node:module');
  if (!modules) throw new Error('blackout: packages are loaded on demand only in Node (>= 20.16); in a browser, use blackout/core');
  return modules.createRequire(import.meta.url);
}
