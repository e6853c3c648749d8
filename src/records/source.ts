/** Where a record came from, so every verdict can name it. */
export interface RecordSource {
  /** The path as given (or `<stdin>`). */
  readonly file: string;
  /** Position among the file's records (0-based): the index in a JSON array, 0 for a single object. */
  readonly index: number;
  /** 1-based line where the record starts (every reader gives one; records built by a library caller may have none). */
  readonly line?: number;
  /**
   * 1-based column (in UTF-16 code units) where the record starts, where
   * several records may share a line or start inside it: JSON arrays (`{`)
   * and YAML (a document's or list item's first token).
   */
  readonly column?: number;
}

/** A record as read, before any check. */
export interface SourcedRecord {
  readonly record: unknown;
  readonly source: RecordSource;
}
