import type * as Luxon from 'luxon';
import { lazyModule } from './lazy-module.js';

/** luxon, loaded on first use; one copy serves the whole process. */
export const luxon = lazyModule<typeof Luxon>('luxon');
