/**
 * How blackout parses YAML it is given, policies and records alike: the core
 * schema (dates stay strings, read later without guessing a zone), no custom
 * or known tags (`!!binary`, `!!set`, `!!omap` would turn into Buffers, Sets
 * and Maps no schema sees), no merge keys. Duplicate keys are refused by
 * the walks that read a document (safe-yaml.ts, policy/source-file.ts), a set
 * a mapping: the parser's own check compares each key with every earlier
 * one, and 40,000 keys took it 8 s.
 */
export const SAFE_YAML_OPTIONS = {
  prettyErrors: false,
  uniqueKeys: false,
  strict: true,
  schema: 'core',
  resolveKnownTags: false,
  merge: false,
  keepSourceTokens: false,
  // Problems are read from the document and reported with their place, never printed by the parser.
  logLevel: 'error',
} as const;
