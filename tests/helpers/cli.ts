import { main } from '../../src/cli/main.js';

/** Runs the CLI in-process, as the bin does, and returns what it wrote and its exit code. */
export async function runCli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? { BLACKOUT_CACHE_DIR: process.env.BLACKOUT_CACHE_DIR },
    stdoutIsTty: false,
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}
