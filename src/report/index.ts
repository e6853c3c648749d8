import { formatJson } from './json.js';
import { formatNdjson } from './ndjson.js';
import type { CheckReport } from './results.js';
import { formatText, type TextOptions } from './text.js';

/** Options every formatter may read. */
export type FormatOptions = TextOptions;

/** Formatters by name; each is a pure function of the report. */
export const formatters = {
  text: formatText,
  json: (report: CheckReport) => formatJson(report),
  ndjson: (report: CheckReport) => formatNdjson(report),
} as const satisfies Record<string, (report: CheckReport, options: FormatOptions) => string>;

export type FormatName = keyof typeof formatters;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formatters, name);
}
