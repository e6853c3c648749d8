import type { StreamFormatter } from './format.js';
import { verdictJson } from './verdict-json.js';

/**
 * The contract's JSON report, streamed: `{ policy, results, summary }`, one
 * verdict a line. The summary comes last because it is known last; the
 * document parses to the same object as one written whole.
 */
export const json: StreamFormatter = {
  kind: 'stream',
  start: ({ policy }) => `{"policy":${JSON.stringify({ id: policy.id, sha256: policy.sha256, version: policy.version })},"results":[\n`,
  result: (record, index) => (index === 0 ? verdictJson(record) : `,\n${verdictJson(record)}`),
  end: (summary) => `\n],"summary":${JSON.stringify(summary)}}\n`,
};
