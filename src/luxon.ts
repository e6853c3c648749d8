import { createRequire } from 'node:module';
import type * as Luxon from 'luxon';

let loaded: typeof Luxon | undefined;

/**
 * luxon, loaded on first use: checking records that carry an offset never
 * needs it, and the CLI's start-up time is a promise (see the README). One
 * copy serves the whole process.
 */
export function luxon(): typeof Luxon {
  return (loaded ??= createRequire(import.meta.url)('luxon') as typeof Luxon);
}
