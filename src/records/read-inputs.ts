import { createReadStream } from 'node:fs';
import { readRegularFileSync } from '../fs/regular-file.js';
import type { FrontMatterMapping } from './front-matter/read-front-matter.js';
import { errorItem, type InputFormat, type InputItem } from './input-item.js';
import { describeFsError, listInputs, type InputEntry } from './list-inputs.js';
import { inputMessages, type InputLang } from './messages.js';
import { readCsv } from './formats/read-csv.js';
import { jsonItems } from './formats/read-json.js';
import { readNdjson } from './formats/read-ndjson.js';
import { readText, type Chunks } from './read-text.js';
import type { SiteChoice } from './front-matter/site-choice.js';
import type { SiteFinder } from './front-matter/site-config.js';
import { sniffFormat } from './sniff-format.js';
import type { TermMap } from './front-matter/term-map.js';

export type { InputItem, InputFormat, SkipReason, SkippedItem } from './input-item.js';
export type { FrontMatterMapping } from './front-matter/read-front-matter.js';
export { SITE_CHOICES, type SiteChoice } from './front-matter/site-choice.js';
export type { TermMap } from './front-matter/term-map.js';
export { DEFAULT_FRONT_MATTER, parseFrontMatterMapping } from './front-matter/mapping.js';

/** How to read the inputs. */
export interface ReadOptions {
  /** What `-` reads. */
  readonly stdin?: NodeJS.ReadableStream;
  /** The format of standard input; by default sniffed: `[`, or `{` opening an object over several lines, is JSON, else NDJSON. */
  readonly stdinFormat?: InputFormat;
  /** Which front-matter keys of Markdown and HTML files fill which record fields (see {@link parseFrontMatterMapping}); wins over a site's reading for the fields it names. */
  readonly frontMatter?: FrontMatterMapping;
  /** Whose reading of front matter to use: `auto` (default) finds a Hugo or Jekyll site above each page; `none` reads pages as plain records. */
  readonly site?: SiteChoice;
  /** Site terms to policy categories (see term-map.ts); wins over a site's own `blackout-terms.yaml`. */
  readonly terms?: TermMap;
  /** Check drafts and unpublished pages at their date instead of skipping them. */
  readonly includeDrafts?: boolean;
  /** The zone of local times in pages (`--zone`): wins over a site's zone; a page's own `blackout.zone` wins over it. */
  readonly zone?: string;
  /** Every record is checked at an instant given (`--at`): undated Hugo list pages are then checked, not skipped. */
  readonly instantGiven?: boolean;
  /** Longest line (NDJSON) or row (CSV) read as one record; default 1 MiB. */
  readonly maxRecordBytes?: number;
  /** Language of the error messages; default English. */
  readonly lang?: InputLang;
  /** NDJSON records plain enough are given as ScannedRecord, unparsed (see read-ndjson.ts): for the check command only. */
  readonly scanNdjson?: boolean;
}

/** The name standard input goes by in sources and messages. */
export const STDIN_NAME = '<stdin>';
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
/** Inputs parsed whole are held in memory: caps per format (the parsers' own memory grows with them, YAML's most). */
export const WHOLE_INPUT_LIMITS: Readonly<Record<'json' | 'yaml' | 'markdown' | 'html', number>> = {
  json: 256 * 1024 * 1024,
  yaml: 32 * 1024 * 1024,
  markdown: 16 * 1024 * 1024,
  html: 16 * 1024 * 1024,
};
/** Items handed over at once: big enough to make the hand-over cheap, small enough to start reporting early. */
const BATCH_SIZE = 1000;
const READ_CHUNK_BYTES = 256 * 1024;

/**
 * Reads records from files, folders and `-` (standard input), in the order
 * given, and yields them in batches. Never throws for bad content: a bad
 * line, row or file is an `error` item naming file and line, and reading goes
 * on with the next line or file. NDJSON and CSV are streamed in constant memory.
 *
 * @example
 * for await (const batch of readInputs(['posts/', 'feed.ndjson'])) {
 *   for (const item of batch) {
 *     if (item.kind === 'record') checker.check(item.record);
 *     else console.error(`${item.source.file}:${item.source.line ?? ''} ${item.message}`);
 *   }
 * }
 */
export async function* readInputs(paths: readonly string[], options: ReadOptions = {}): AsyncGenerator<readonly InputItem[]> {
  yield* inBatches(
    (async function* () {
      for await (const input of inputsOf(paths, options)) yield* input.items();
    })(),
  );
}

/** One input of a run: what it is, and its items, read when iterated. */
export interface Input {
  readonly entry: InputEntry;
  readonly items: () => AsyncGenerator<InputItem[]>;
}

/** The inputs behind the paths, in order, each to be read (or passed over) by the caller: what readInputs reads. */
export async function* inputsOf(paths: readonly string[], options: ReadOptions = {}): AsyncGenerator<Input> {
  const lang = options.lang ?? 'en';
  // Sites are looked for once per run, when the first page is read.
  const run: RunState = { sites: undefined };
  for await (const entry of listInputs(paths, lang)) {
    yield { entry, items: () => entryItems(entry, options, lang, run) };
  }
}

interface RunState {
  sites: SiteFinder | undefined;
}

/** Items regrouped into batches of at most BATCH_SIZE, in order. */
export async function* inBatches(groups: AsyncIterable<InputItem[]>): AsyncGenerator<readonly InputItem[]> {
  let batch: InputItem[] = [];
  for await (const items of groups) {
    // A batch-sized array from the reader goes straight out, not copied.
    if (batch.length === 0 && items.length >= BATCH_SIZE / 2 && items.length <= BATCH_SIZE) {
      yield items;
      continue;
    }
    for (const item of items) {
      batch.push(item);
      if (batch.length === BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

async function* entryItems(entry: InputEntry, options: ReadOptions, lang: InputLang, run: RunState): AsyncGenerator<InputItem[]> {
  if (entry.kind === 'error') yield [errorItem({ file: entry.path, index: 0 }, entry.message, true)];
  else if (entry.kind === 'skipped') yield [{ kind: 'skipped', source: { file: entry.path, index: 0 }, reason: 'unsupported-kind', message: entry.message }];
  else yield* readEntry(entry.kind === 'stdin' ? undefined : entry, options, lang, run);
}

/** A page's items, read as its site's generator reads it; the site lookup and the front-matter readers are loaded with the first page. */
async function pageItems(text: string, path: string | undefined, options: ReadOptions, lang: InputLang, run: RunState): Promise<InputItem[]> {
  const [{ frontMatterItems }, { SiteFinder }] = await Promise.all([import('./front-matter/read-front-matter.js'), import('./front-matter/site-config.js')]);
  run.sites ??= new SiteFinder(options.site ?? 'auto', lang);
  const site = await run.sites.siteOf(path);
  return frontMatterItems(text, path ?? STDIN_NAME, site, {
    lang,
    ...(options.frontMatter === undefined ? {} : { mapping: options.frontMatter }),
    ...(options.zone === undefined ? {} : { zone: options.zone }),
    ...(options.terms === undefined ? {} : { terms: options.terms }),
    includeDrafts: options.includeDrafts === true,
    instantGiven: options.instantGiven === true,
  });
}

/**
 * A regular file of one read chunk or less, read at once: a stream's reads
 * go through libuv's thread pool, whose start costs a one-record check more
 * than its policy does. Anything else (larger, not a regular file, not
 * readable) is left to the stream, which reads it or says why not.
 */
function smallFile(path: string): Chunks | undefined {
  let bytes: Buffer;
  try {
    bytes = readRegularFileSync(path, { maxBytes: READ_CHUNK_BYTES });
  } catch {
    return undefined;
  }
  return (async function* () {
    yield bytes;
  })();
}

/** The items of one file, or of standard input when `file` is undefined. */
async function* readEntry(file: { path: string; format: InputFormat } | undefined, options: ReadOptions, lang: InputLang, run: RunState): AsyncGenerator<InputItem[]> {
  const name = file?.path ?? STDIN_NAME;
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  try {
    let chunks: Chunks;
    let format: InputFormat;
    if (file) {
      chunks = smallFile(file.path) ?? createReadStream(file.path, { highWaterMark: READ_CHUNK_BYTES });
      format = file.format;
    } else if (!options.stdin) {
      yield [errorItem({ file: name, index: 0 }, inputMessages(lang).stdinUnavailable, true)];
      return;
    } else if (options.stdinFormat) {
      chunks = options.stdin;
      format = options.stdinFormat;
    } else {
      ({ chunks, format } = await sniffFormat(options.stdin, maxRecordBytes));
    }
    if (format === 'ndjson') yield* readNdjson(chunks, name, maxRecordBytes, lang, { scan: options.scanNdjson === true });
    else if (format === 'csv') yield* readCsv(chunks, name, maxRecordBytes, lang);
    else {
      const text = await readText(chunks, WHOLE_INPUT_LIMITS[format], lang);
      if (!text.ok) {
        yield [errorItem(text.line === undefined ? { file: name, index: 0 } : { file: name, index: 0, line: text.line }, text.message, true)];
        return;
      }
      if (format === 'json') yield jsonItems(text.text, name, lang);
      // The YAML parser is loaded only for YAML and front matter: JSON and NDJSON checks start faster without it.
      else if (format === 'yaml') yield (await import('./formats/read-yaml.js')).yamlItems(text.text, name, lang);
      else yield await pageItems(text.text, file?.path, options, lang, run);
    }
  } catch (error) {
    // The file went away, is unreadable, or a parser met input beyond its means: say so, go on.
    yield [errorItem({ file: name, index: 0 }, describeFsError(error, lang), true)];
  }
}
