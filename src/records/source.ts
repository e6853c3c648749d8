/** Where a record came from, so every verdict can name it. */
export interface RecordSource {
  /** The path as given (or `<stdin>`). */
  readonly file: string;
  /** Position among the file's records (0-based): the index in a JSON array, 0 for a single object. */
  readonly index: number;
  /** 1-based line where the record starts, for line-oriented inputs (NDJSON, CSV) and front matter. */
  readonly line?: number;
}

/** A record as read, before any check. */
export interface SourcedRecord {
  readonly record: unknown;
  readonly source: RecordSource;
}
