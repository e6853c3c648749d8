import type { CliIo } from '../io.js';

/** Colour on a terminal, unless NO_COLOR is set to something (no-color.org); FORCE_COLOR (not 0) forces it. */
export function colorWanted(io: CliIo): boolean {
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTty && !io.env.NO_COLOR;
}
