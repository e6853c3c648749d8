import type { Writable } from 'node:stream';

/** What the CLI may touch of the process; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTty: boolean;
  readonly cwd: string;
  /** Standard output as a stream, for large outputs written with backpressure (else `stdout` is called). */
  readonly stdoutStream?: Writable;
  /** Standard input as a stream, for inputs read as they come (else `readStdin` is). */
  readonly stdin?: NodeJS.ReadableStream;
  /** Progress goes to standard error only when it is a terminal. */
  readonly stderrIsTty?: boolean;
}

/** Exit codes of the contract. */
export const EXIT = { ok: 0, violations: 1, failure: 2 } as const;
