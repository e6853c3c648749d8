/**
 * Sets `record[path[0]][path[1]]... = value`, making plain objects on the way.
 * Every key becomes an own property, `__proto__` included, so a column or key
 * named after a prototype can only ever be data, never reach Object.prototype.
 */
export function setField(record: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let target = record;
  for (let depth = 0; depth < path.length - 1; depth++) {
    const key = path[depth]!;
    const next = Object.hasOwn(target, key) ? target[key] : undefined;
    if (next !== null && typeof next === 'object' && !Array.isArray(next)) {
      target = next as Record<string, unknown>;
      continue;
    }
    const created: Record<string, unknown> = {};
    define(target, key, created);
    target = created;
  }
  define(target, path[path.length - 1]!, value);
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
