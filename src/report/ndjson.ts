import type { CheckReport } from './results.js';

/** One verdict per line, in input order, each with its source: for pipes and log collectors. */
export function formatNdjson(report: CheckReport): string {
  return report.results.map(({ verdict, source }) => `${JSON.stringify({ ...verdict, source: source ?? null })}\n`).join('');
}
