import type { CheckedRecord } from './results.js';
import type { FormatContext, StreamFormatter } from './format.js';
import { describeInstant, homeZone } from '../policy/window-text.js';
import { messages } from './messages.js';
import { printable } from './printable.js';
import { recordName, STDIN } from './source-text.js';

/** Workflow-command data: a newline would end the command, so it is encoded (as @actions/core does). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at `,` and `:`. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(level: 'error' | 'warning', record: CheckedRecord, title: string, message: string): string {
  const { source } = record;
  const properties: string[] = [];
  if (source !== undefined && source.file !== STDIN) properties.push(`file=${escapeProperty(printable(source.file))}`);
  if (source?.line !== undefined) properties.push(`line=${source.line}`);
  properties.push(`title=${escapeProperty(printable(title))}`);
  return `::${level} ${properties.join(',')}::${escapeData(printable(message))}\n`;
}

function annotations(record: CheckedRecord, index: number, ctx: FormatContext): string {
  const { verdict, source } = record;
  const id = recordName(verdict.id, source, index);
  const words = messages(ctx.lang);
  if (verdict.status === 'invalid') {
    const why = verdict.errors.map((error) => `${error.field}: ${error.message}`).join('; ');
    return command('error', record, `blackout/invalid-record · ${id}`, `${id}: ${why || words.invalidRecord}`);
  }
  const earliest = verdict.earliestAllowedAt === null ? '' : ` ${capitalize(words.mayGoOut)} ${describeInstant(verdict.earliestAllowedAt, homeZone(ctx.policy), ctx.lang)}.`;
  let out = '';
  for (const violation of verdict.violations) {
    const level = violation.severity === 'block' || ctx.failOn === 'review' ? 'error' : 'warning';
    const regions = `${words.regions}: ${violation.regions.join(', ')}`;
    out += command(level, record, `${violation.rule} · ${id}`, `${id}: ${violation.message} (${violation.citation}; ${regions}).${violation.severity === 'block' ? earliest : ''}`);
  }
  return out;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * GitHub Actions workflow commands: an `::error` or `::warning` annotation
 * per violation, on the record's file and line; an error per invalid
 * record; nothing for allowed ones.
 */
export const github: StreamFormatter = {
  kind: 'stream',
  start: () => '',
  result: annotations,
  end: () => '',
};
