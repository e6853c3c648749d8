import type { ErrorItem, SkippedItem } from '../records/input-item.js';
import type { StreamFormatter } from './format.js';
import { NO_INPUT_NOTES, notListed } from './inputs.js';
import { verdictJson } from './verdict-json.js';

/** An input problem as the report lists it: where (line and column when known), what, and whether the whole input was lost. */
function problemJson({ source, message, fatal }: ErrorItem): string {
  return JSON.stringify({ file: source.file, ...place(source), message, fatal: fatal === true });
}

function skippedJson({ source, reason, message }: SkippedItem): string {
  return JSON.stringify({ file: source.file, ...place(source), reason, message });
}

function place({ line, column }: ErrorItem['source']): { line?: number; column?: number } {
  if (line === undefined) return {};
  return column === undefined ? { line } : { line, column };
}

function list(entries: readonly string[]): string {
  return entries.length === 0 ? '[]' : `[\n${entries.join(',\n')}\n]`;
}

/**
 * The contract's JSON report, streamed: `{ policy, results, problems,
 * skipped, notListed, summary }`, one verdict a line. Input problems and
 * skipped items come between records: the first ones are kept and listed
 * after the results, every one is counted in the summary, and `notListed`
 * says how many the lists left out. The summary comes last because it is
 * known last; the document parses to the same object as one written whole.
 */
export const json: StreamFormatter = {
  kind: 'stream',
  start: ({ policy }) => `{"policy":${JSON.stringify({ id: policy.id, sha256: policy.sha256, version: policy.version })},"results":[\n`,
  result: (record, index) => (index === 0 ? verdictJson(record) : `,\n${verdictJson(record)}`),
  end: (summary, _ctx, inputs = NO_INPUT_NOTES) => {
    const problems = list(inputs.problems.map(problemJson));
    const skipped = list(inputs.skipped.map(skippedJson));
    const counts = { ...summary, problems: inputs.problemCount, skipped: inputs.skippedCount };
    return `\n],"problems":${problems},"skipped":${skipped},"notListed":${JSON.stringify(notListed(inputs))},"summary":${JSON.stringify(counts)}}\n`;
  },
};
