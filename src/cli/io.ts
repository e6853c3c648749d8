/** What the CLI may touch of the process; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTty: boolean;
  readonly cwd: string;
}

/** Exit codes of the contract. */
export const EXIT = { ok: 0, violations: 1, failure: 2 } as const;
