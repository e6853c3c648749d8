/**
 * The WordPress plugin without WordPress: it is written for the PHP version it
 * declares, and the service answers with the fields it reads. Its behaviour in
 * a real WordPress is proved in tests/e2e/wordpress-site.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChecker } from '../../src/index.js';
import { createService, type Service } from '../../src/serve/server.js';
import { frenchPolicy } from '../helpers/policies.js';
import type { Json } from '../serve/client.js';

const PLUGIN = 'examples/cms/wordpress/blackout-check.php';
const php = readFileSync(PLUGIN, 'utf8');

// glayzzle's php-parser (the examples' dev dependency) refuses some PHP 8 syntax when told 7.4, not all of it:
// what it lets through is looked for in its syntax tree. (Attributes need no check: PHP 7.4 reads #[...] as a comment.)
const fromExamples = createRequire(new URL('../../examples/cms/package.json', import.meta.url));
const { Engine } = fromExamples('php-parser') as { Engine: new (options: object) => { parseCode(code: string, file: string): PhpNode } };
interface PhpNode {
  readonly kind: string;
  readonly [key: string]: unknown;
}

// Functions PHP 8.0+ added (php.net's migration80/81/82/83 "New Functions" pages, core and bundled extensions WordPress uses).
const PHP8_FUNCTIONS = new Set(['str_contains', 'str_starts_with', 'str_ends_with', 'get_debug_type', 'get_resource_id', 'fdiv', 'preg_last_error_msg', 'array_is_list', 'enum_exists', 'fsync', 'fdatasync', 'ini_parse_quantity', 'memory_reset_peak_usage', 'mb_str_pad', 'json_validate', 'str_increment', 'str_decrement', 'array_find', 'array_any', 'array_all']);
const PHP8_TYPES = new Set(['mixed', 'static', 'never', 'null', 'false', 'true']);

/** Every construct in `code` that PHP 7.4 cannot run, as "line: what". */
function php8Only(code: string): string[] {
  const engine = new Engine({ parser: { version: '7.4', suppressErrors: false, extractDoc: false }, ast: { withPositions: true } });
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null || !('kind' in node)) return;
    const n = node as PhpNode & { loc?: { start: { line: number } } };
    const at = (what: string) => found.push(`${n.loc?.start.line ?? '?'}: ${what}`);
    if (['uniontype', 'intersectiontype', 'match', 'nullsafepropertylookup', 'enum', 'namedargument'].includes(n.kind)) at(n.kind);
    if (n.kind === 'parameter' && (n.flags !== 0 || n.readonly === true)) at('promoted constructor parameter');
    if (n.kind === 'typereference' && PHP8_TYPES.has(String(n.name).toLowerCase())) at(`type ${String(n.name)}`);
    if (n.kind === 'call' && (n.what as PhpNode).kind === 'name' && PHP8_FUNCTIONS.has(String((n.what as PhpNode).name).toLowerCase())) at(`${String((n.what as PhpNode).name)}()`);
    for (const [key, value] of Object.entries(n)) if (key !== 'loc') visit(value);
  };
  visit(engine.parseCode(code, PLUGIN));
  return found;
}

describe('the WordPress plugin is written for the PHP it declares', () => {
  it('declares Requires PHP 7.4 and Requires at least 6.1 in its header', () => {
    expect(php).toMatch(/^ \* Requires PHP: 7\.4$/m);
    expect(php).toMatch(/^ \* Requires at least: 6\.1$/m);
  });

  it('parses as PHP 7.4 and uses no PHP 8 syntax, type or function', () => {
    expect(php8Only(php)).toEqual([]);
  });

  it('would catch the PHP 8 constructs the parser lets through (the check can fail)', () => {
    const php8 = '<?php function f(WP_Post|array $p, mixed $m): static { return str_contains($a, "b"); }\nclass A { public function __construct(private int $x) {} }';
    expect(php8Only(php8)).toEqual(['1: uniontype', '1: type mixed', '1: type static', '1: str_contains()', '2: promoted constructor parameter']);
    expect(() => php8Only('<?php echo match($a) { 1 => 2 };')).toThrow(/Match statements are not allowed before PHP 8/);
  });

  it('passes php -l where PHP is installed (Debian php-cli: the version WordPress runs in the end-to-end test)', () => {
    expect(execFileSync('php', ['-l', PLUGIN], { encoding: 'utf8' })).toMatch(/^No syntax errors detected/);
  });
});

describe('the service answers with the fields the plugin reads', () => {
  let service: Service;
  let url: string;
  beforeAll(async () => {
    service = createService({ checker: createChecker(await frenchPolicy()), token: 'wordpress-token' });
    ({ url } = await service.listen(0));
  });
  afterAll(() => service.close());

  const ask = (body: unknown, token = 'wordpress-token') =>
    fetch(`${url}/v1/check?lang=fr`, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8', 'Accept-Language': 'fr', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

  it('a blocked post: results[0].status, earliestAllowedAt and violations[].message', async () => {
    expect(php).toContain("$report['results'][0]");
    const response = await ask({ id: 'wp-42', publishedAt: '2017-05-06T08:00:00Z', categories: ['propaganda'], channel: 'web', title: 'Meeting', body: 'Venez nombreux.' });
    expect(response.status).toBe(200);
    const verdict = ((await response.json()) as Json).results[0];
    expect(verdict).toMatchObject({ status: 'blocked', earliestAllowedAt: '2017-05-07T18:00:00.000Z' });
    expect(verdict.violations[0].message).toMatch(/^La propagande électorale/);
  });

  it('a post that cannot be checked: errors[].field and errors[].message', async () => {
    const verdict = ((await (await ask({ id: 'wp-43', publishedAt: '2017-05-06T08:00:00Z', categories: ['politique'], channel: 'web', title: 'x' })).json()) as Json).results[0];
    expect(verdict.status).toBe('invalid');
    expect(verdict.errors[0]).toMatchObject({ field: 'categories[0]', message: expect.stringMatching(/politique/) });
  });

  it('a refused request: not 200, with error.message (the plugin holds the post and says why)', async () => {
    const response = await ask({ id: 'wp-44' }, 'wrong-token');
    expect(response.status).toBe(401);
    expect(((await response.json()) as Json).error.message).toEqual(expect.any(String));
  });
});
