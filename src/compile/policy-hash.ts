import { sha256Hex } from './sha256.js';

/** A policy's sha256: its files' texts in merge order, each followed by a NUL. */
export function policyHash(texts: Iterable<string>): string {
  // Node's own sha256 where there is one; the same digest in plain JavaScript in a browser (blackout/core).
  const crypto = globalThis.process?.getBuiltinModule?.('node:crypto');
  if (!crypto) return sha256Hex([...texts].map((text) => `${text}\0`).join(''));
  const hash = crypto.createHash('sha256');
  for (const text of texts) hash.update(text).update('\0');
  return hash.digest('hex');
}
