import { summarize, type CheckReport } from './results.js';

/** The contract's JSON report: policy, summary, then verdicts in input order. */
export function formatJson(report: CheckReport): string {
  return `${JSON.stringify(
    {
      policy: { id: report.policy.id, sha256: report.policy.sha256, version: report.policy.version },
      summary: summarize(report.results),
      results: report.results.map(({ verdict, source }) => ({ ...verdict, source: source ?? null })),
    },
    null,
    2,
  )}\n`;
}
