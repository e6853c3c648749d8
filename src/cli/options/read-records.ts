import { Readable } from 'node:stream';
import { InputError } from '../../errors.js';
import { readInputs } from '../../records/read-inputs.js';
import type { SourcedRecord } from '../../records/source.js';
import type { CliIo } from '../io.js';
import type { Lang } from './lang-option.js';

/**
 * Every record of the inputs at once, for the commands that need them all
 * (explain picks one, sweep sorts them): the same files, folders, formats and
 * `-` as check. Any input problem stops the command, naming file and line.
 */
export async function readAllRecords(paths: readonly string[], io: CliIo, lang: Lang): Promise<SourcedRecord[]> {
  const stdin = paths.includes('-') ? (io.stdin ?? Readable.from([await io.readStdin()])) : undefined;
  const records: SourcedRecord[] = [];
  const problems: string[] = [];
  for await (const batch of readInputs(paths, { stdin, lang })) {
    for (const item of batch) {
      if (item.kind === 'record') records.push({ record: item.record, source: item.source });
      // A draft or a file of another kind is not a publication: nothing to explain or sweep.
      else if (item.kind === 'error') problems.push(`${item.source.line === undefined ? item.source.file : `${item.source.file}:${item.source.line}`}: ${item.message}`);
    }
  }
  if (problems.length > 0) {
    const [first, ...rest] = problems;
    throw new InputError(first!.slice(0, first!.indexOf(': ')), `${first!.slice(first!.indexOf(': ') + 2)}${rest.length > 0 ? `\n${rest.join('\n')}` : ''}`);
  }
  return records;
}
