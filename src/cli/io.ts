import type { Writable } from 'node:stream';
import { printable, printableLines } from '../text/printable.js';
import type { FdWriter } from './fd-writer.js';

/** What the CLI may touch of the process; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  /** Messages for people, one or more whole lines; {@link printableIo} escapes what they quote. */
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTty: boolean;
  /** Standard output's width when it is a terminal, for text wrapped to it. */
  readonly stdoutColumns?: number;
  readonly cwd: string;
  /** Standard output as a stream, for large outputs written with backpressure (else `stdout` is called). */
  readonly stdoutStream?: Writable;
  /** Standard output written on its descriptor (a pipe or a file), which wins over `stdoutStream`. */
  readonly stdoutWriter?: FdWriter;
  /** Standard input as a stream, for inputs read as they come (else `readStdin` is). */
  readonly stdin?: NodeJS.ReadableStream;
  /** Progress goes to standard error only when it is a terminal. */
  readonly stderrIsTty?: boolean;
  /** Redraws the one status line of standard error in place ('' clears it): the only control sequence written there. */
  readonly stderrStatus?: (text: string) => void;
}

/** Exit codes of the contract. */
export const EXIT = { ok: 0, violations: 1, failure: 2 } as const;

/** Goes back to the start of the line and erases it. */
const REDRAW = '\r\u001b[K';

/**
 * The io every command gets: whatever it writes on standard error (file names
 * from folder walks, paths given on the command line, policy values quoted in
 * problems, Node's argument-parser messages, the terminal UI's exit summary)
 * goes through printableLines, so no name or value can drive the terminal.
 * The status line is the one thing written raw, by stderrStatus.
 */
export function printableIo(io: CliIo): CliIo {
  const write = io.stderr;
  return {
    stdout: io.stdout,
    stderr: (text) => write(printableLines(text)),
    stderrStatus: (text) => write(`${REDRAW}${printable(text)}`),
    readStdin: io.readStdin,
    env: io.env,
    stdoutIsTty: io.stdoutIsTty,
    ...(io.stdoutColumns === undefined ? {} : { stdoutColumns: io.stdoutColumns }),
    cwd: io.cwd,
    // Getters: the bin opens standard input and output's stream only when they are used.
    get stdoutStream() {
      return io.stdoutStream;
    },
    ...(io.stdoutWriter === undefined ? {} : { stdoutWriter: io.stdoutWriter }),
    get stdin() {
      return io.stdin;
    },
    stderrIsTty: io.stderrIsTty,
  };
}
