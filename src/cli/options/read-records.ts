import { Readable } from 'node:stream';
import { readInputs } from '../../records/read-inputs.js';
import type { SourcedRecord } from '../../records/source.js';
import type { CliIo } from '../io.js';
import { inputProblemLine } from '../print-issues.js';
import { withZone } from './zone-options.js';
import type { Lang } from './lang-option.js';

/** What {@link readAllRecords} read, and how many input problems it told. */
export interface AllRecords {
  readonly records: SourcedRecord[];
  readonly problems: number;
}

/**
 * Every record of the inputs at once, for the commands that need them all
 * (explain picks one, sweep sorts them): the same files, folders, formats and
 * `-` as check. As check does, each input problem is one line on stderr,
 * naming file and line, and reading goes on: the caller shows what it could
 * read and exits 2 when any input had a problem.
 */
export async function readAllRecords(paths: readonly string[], io: CliIo, lang: Lang, zone?: string): Promise<AllRecords> {
  const stdin = paths.includes('-') ? (io.stdin ?? Readable.from([await io.readStdin()])) : undefined;
  const records: SourcedRecord[] = [];
  let problems = 0;
  for await (const batch of readInputs(paths, { stdin, lang, ...(zone === undefined ? {} : { zone }) })) {
    for (const item of batch) {
      if (item.kind === 'record') records.push({ record: zone === undefined ? item.record : withZone(item.record, zone), source: item.source });
      // A draft or a file of another kind is not a publication: nothing to explain or sweep.
      else if (item.kind === 'error') {
        problems++;
        io.stderr(inputProblemLine(item));
      }
    }
  }
  return { records, problems };
}
