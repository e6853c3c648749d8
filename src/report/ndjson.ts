import type { StreamFormatter } from './format.js';
import { verdictJson } from './verdict-json.js';

/** One verdict per line, in input order, each with its source: for pipes and log collectors. */
export const ndjson: StreamFormatter = {
  kind: 'stream',
  start: () => '',
  result: (record) => `${verdictJson(record)}\n`,
  end: () => '',
};
