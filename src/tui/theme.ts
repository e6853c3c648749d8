import type { Status } from '../engine/verdict.js';

/** Colours of the UI, one place for all of them (Ink colour names). */
export interface Theme {
  readonly status: Readonly<Record<Status, string | undefined>>;
  readonly accent: string | undefined;
  readonly dim: boolean;
  readonly band: { readonly block: string | undefined; readonly review: string | undefined };
  readonly now: string | undefined;
  readonly cursor: string | undefined;
}

const COLOURED: Theme = {
  status: { blocked: 'red', review: 'yellow', invalid: 'magenta', allowed: 'green' },
  accent: 'cyan',
  dim: true,
  band: { block: 'red', review: 'yellow' },
  now: 'cyan',
  cursor: 'cyan',
};

// NO_COLOR: no colour at all; statuses still differ by their words and timeline glyphs.
const PLAIN: Theme = {
  status: { blocked: undefined, review: undefined, invalid: undefined, allowed: undefined },
  accent: undefined,
  dim: false,
  band: { block: undefined, review: undefined },
  now: undefined,
  cursor: undefined,
};

/** The theme for an environment: `NO_COLOR` set to anything non-empty turns colour off (no-color.org). */
export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? PLAIN : COLOURED;
}
