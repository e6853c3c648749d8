/**
 * How blackout parses YAML it is given, policies and records alike: the core
 * schema (dates stay strings, read later without guessing a zone), no custom
 * or known tags (`!!binary`, `!!set`, `!!omap` would turn into Buffers, Sets
 * and Maps no schema sees), no merge keys, duplicate keys refused.
 */
export const SAFE_YAML_OPTIONS = {
  prettyErrors: false,
  uniqueKeys: true,
  strict: true,
  schema: 'core',
  resolveKnownTags: false,
  merge: false,
  keepSourceTokens: false,
} as const;
