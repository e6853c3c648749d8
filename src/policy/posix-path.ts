// The few path operations `extends` needs, as node:path's posix functions do
// them (tests/policy/posix-path.test.ts compares them), without importing
// node:path: the compiler's path from text also runs in a browser (blackout/core).

/** `path.posix.normalize`: `.` and `..` resolved, slashes collapsed, a trailing slash kept. */
export function normalizePosix(path: string): string {
  if (path.length === 0) return '.';
  const absolute = path.startsWith('/');
  const trailing = path.endsWith('/');
  const kept: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') kept.push(segment);
    else if (kept.length > 0 && kept[kept.length - 1] !== '..') kept.pop();
    else if (!absolute) kept.push('..');
  }
  const joined = kept.join('/');
  if (joined.length === 0) return absolute ? '/' : trailing ? './' : '.';
  return `${absolute ? '/' : ''}${joined}${trailing ? '/' : ''}`;
}

/** `path.posix.join`: the non-empty parts joined by slashes, normalized. */
export function joinPosix(...parts: readonly string[]): string {
  const joined = parts.filter((part) => part.length > 0).join('/');
  return joined.length === 0 ? '.' : normalizePosix(joined);
}

/** `path.posix.dirname`: the path without its last segment (and the slashes after it). */
export function dirnamePosix(path: string): string {
  if (path.length === 0) return '.';
  const rooted = path.startsWith('/');
  let end = -1;
  let inTrailingSlashes = true;
  for (let index = path.length - 1; index >= 1; index--) {
    if (path[index] === '/') {
      if (!inTrailingSlashes) {
        end = index;
        break;
      }
    } else inTrailingSlashes = false;
  }
  if (end === -1) return rooted ? '/' : '.';
  if (rooted && end === 1) return '//';
  return path.slice(0, end);
}
