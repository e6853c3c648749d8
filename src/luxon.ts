import type * as Luxon from 'luxon';
import { lazyModule } from './lazy-module.js';

const load = lazyModule<typeof Luxon>('luxon');
let given: typeof Luxon | undefined;

/** luxon, loaded on first use (or as given to {@link provideLuxon}); one copy serves the whole process. */
export const luxon = (): typeof Luxon => given ?? load();

/**
 * Hands luxon over where it cannot be loaded on demand: blackout/core imports
 * it statically, so that a browser bundle carries it, and gives it here.
 */
export function provideLuxon(module: typeof Luxon): void {
  given ??= module;
}
