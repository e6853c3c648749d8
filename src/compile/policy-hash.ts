import { createHash } from 'node:crypto';

/** A policy's sha256: its files' texts in merge order, each followed by a NUL. */
export function policyHash(texts: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text).update('\0');
  return hash.digest('hex');
}
