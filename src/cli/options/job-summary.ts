import { appendFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JobSummary } from '../../report/index.js';
import type { CliIo } from '../io.js';
import type { Lang } from './lang-option.js';

/**
 * The most a step's summary file may hold: past it the runner drops the
 * whole summary ("$GITHUB_STEP_SUMMARY upload aborted, supports content up
 * to a size of 1024k"; 1,048,576 bytes are accepted).
 */
export const STEP_SUMMARY_BYTES = 1024 * 1024;

const MESSAGES = {
  en: (path: string, reason: string) => `cannot write the job summary to ${path} (${reason}); the annotations are written all the same`,
  fr: (path: string, reason: string) => `impossible d’écrire le résumé du job dans ${path} (${reason}) ; les annotations sont écrites quand même`,
} as const;

/**
 * GitHub's job summary for `--format github`, from $GITHUB_STEP_SUMMARY (a
 * file the runner gives each step; the Markdown is appended, as every tool
 * of the step does); undefined when the variable is unset or empty. Its
 * room is what the file has left of GitHub's 1 MiB. A write that fails is
 * told on stderr: the check and its exit code stand, and the last
 * annotation says the summary is missing.
 */
export function githubJobSummary(io: Pick<CliIo, 'env' | 'cwd' | 'stderr'>, lang: Lang): JobSummary | undefined {
  const given = io.env.GITHUB_STEP_SUMMARY;
  if (given === undefined || given === '') return undefined;
  const path = resolve(io.cwd, given);
  let held = 0;
  try {
    held = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    // Unreadable: the append will say why.
  }
  return {
    room: Math.max(0, STEP_SUMMARY_BYTES - held),
    append(markdown) {
      try {
        appendFileSync(path, markdown);
        return true;
      } catch (error) {
        io.stderr(`blackout: ${MESSAGES[lang](given, (error as NodeJS.ErrnoException).code ?? (error as Error).message)}\n`);
        return false;
      }
    },
  };
}
