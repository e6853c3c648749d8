// The WordPress plugin (examples/cms/wordpress) against a real WordPress: Debian's wordpress package,
// a MariaDB server on its own data folder and socket (started here, stopped after), PHP's built-in
// server, and a running `blackout serve`. PHP runs under libfaketime, so WordPress itself lives on
// the weekend of the second round of 2017. .ci/run installs the Debian packages when they are
// missing; without them these tests fail, saying which is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const WORDPRESS = '/usr/share/wordpress';
const PLUGIN = resolve('examples/cms/wordpress/blackout-check.php');
const TOOL = resolve('tests/e2e/wordpress/wp-tool.php');
const BIN = resolve('dist/cli/bin.cjs');
const TOKEN = 'wordpress-e2e-token';

const PARIS = 'Europe/Paris';
const paris = (iso: string) => DateTime.fromISO(iso, { zone: PARIS });
const SATURDAY = paris('2017-05-06T10:00:00');
const FRIDAY = paris('2017-05-05T10:00:00');
// Polls may go out again once the last polling stations of metropolitan France close: Sunday 20:00 Paris.
const LAWFUL = paris('2017-05-07T20:00:00');
const LAWFUL_LOCAL = LAWFUL.toFormat('yyyy-MM-dd HH:mm:ss');
const LAWFUL_GMT = LAWFUL.toUTC().toFormat('yyyy-MM-dd HH:mm:ss');

interface PostState {
  readonly id: number;
  readonly status: string;
  readonly date: string;
  readonly date_gmt: string;
  readonly terms: readonly string[];
  readonly notice: '' | { readonly action: string; readonly message: string };
  readonly cron: string | null;
}

let scratch: string;
let site: string;
let socket: string;
let serviceUrl: string;
let service: ChildProcess;
let appPassword: string;
let installed: { active: boolean; plugin: Record<string, string> };
let terms: Record<'poll' | 'propaganda' | 'politique', number>;
const children = new Set<ChildProcess>();

/** A command that must succeed; its stdout. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env, timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}${result.error?.message ?? ''}`);
  return result.stdout;
}

/** faketime's argument: the clock, as UTC wall time (the processes run with TZ=UTC). */
const fake = (clock: DateTime) => ['-f', `@${clock.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')}`];

function phpEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, TZ: 'UTC', BLACKOUT_URL: serviceUrl, BLACKOUT_TOKEN: TOKEN, ...extra };
}

/** Runs the site tool (tests/e2e/wordpress/wp-tool.php) with PHP's clock at `clock`. */
function tool<T>(clock: DateTime, command: string, input?: unknown, env: NodeJS.ProcessEnv = {}): T {
  const stdout = run('faketime', [...fake(clock), 'php', TOOL, site, command, ...(input === undefined ? [] : [JSON.stringify(input)])], phpEnv(env));
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null') as T;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resolves once something accepts connections at `path` (a Unix socket) or 127.0.0.1:`port`. */
async function accepting(target: string | number, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((done) => {
      const connection = typeof target === 'string' ? createConnection(target) : createConnection(target, '127.0.0.1');
      connection.once('connect', () => (connection.destroy(), done(true)));
      connection.once('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not start`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** A long-running child in its own process group: faketime runs PHP as its own child, and both must stop. */
function start(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, log?: string): ChildProcess {
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'ignore', log === undefined ? 'pipe' : 'ignore'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  await exited;
  // A faketime killed so leaves its semaphore and shared memory, named for its pid: once the pid comes round again, the next faketime fails (sem_open: File exists).
  if (child.pid !== undefined && child.spawnfile === 'faketime') {
    for (const name of [`faketime_shm_${child.pid}`, `sem.faketime_sem_${child.pid}`]) rmSync(join('/dev/shm', name), { force: true });
  }
}

/** `blackout serve` on a free port; its URL. */
async function startService(): Promise<{ child: ChildProcess; url: string }> {
  const child = start(process.execPath, [BIN, 'serve', '--port', '0', '--token', TOKEN]);
  const url = await new Promise<string>((done, fail) => {
    let said = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(said);
      if (match?.[1] !== undefined) done(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`blackout serve exited with ${code}: ${said}`)));
  });
  return { child, url };
}

/** PHP's built-in server for the site, its clock at `clock`. */
const phpServers = new Map<string, { child: ChildProcess; base: string }>();
async function wordpressAt(clock: DateTime, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const key = `${clock.toISO()} ${JSON.stringify(env)}`;
  const running = phpServers.get(key);
  if (running !== undefined && running.child.exitCode === null) return running.base;
  const port = await freePort();
  const child = start('faketime', [...fake(clock), 'php', '-S', `127.0.0.1:${port}`, '-t', site], phpEnv(env), 'quiet');
  await accepting(port, child, 'php -S');
  const base = `http://127.0.0.1:${port}`;
  phpServers.set(key, { child, base });
  return base;
}

/** A REST API request as the editor (application password), to the site with PHP's clock at `clock`. */
async function rest(clock: DateTime, method: string, route: string, body?: unknown, env: NodeJS.ProcessEnv = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const base = await wordpressAt(clock, env);
  const response = await fetch(`${base}/?rest_route=${encodeURIComponent(route)}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`editor:${appPassword}`).toString('base64')}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const post = (id: number) => tool<PostState>(SATURDAY, 'post', id);

beforeAll(async () => {
  const missing = ['mariadbd', 'mariadb-install-db', 'php', 'faketime'].filter((command) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0);
  if (!existsSync(join(WORDPRESS, 'wp-settings.php'))) missing.push('wordpress');
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: apt-get install wordpress mariadb-server php-cli php-mysql faketime (.ci/run does)`);

  scratch = mkdtempSync(join(tmpdir(), 'blackout-wp-'));
  socket = join(scratch, 'mysql.sock');

  // MariaDB on its own data folder and socket, no network.
  run('mariadb-install-db', ['--no-defaults', `--datadir=${join(scratch, 'db')}`, `--user=${userInfo().username}`, '--auth-root-authentication-method=normal', '--skip-test-db']);
  const mariadb = start('mariadbd', ['--no-defaults', `--datadir=${join(scratch, 'db')}`, `--socket=${socket}`, '--skip-networking', `--pid-file=${join(scratch, 'mysql.pid')}`, `--user=${userInfo().username}`, `--log-error=${join(scratch, 'mysql.err')}`, '--innodb-buffer-pool-size=32M'], process.env, 'quiet');
  await accepting(socket, mariadb, 'mariadbd');
  run('mariadb', ['--no-defaults', '-S', socket, '-uroot', '-e', 'CREATE DATABASE wordpress CHARACTER SET utf8mb4']);

  // The site: Debian's WordPress files, this folder's own wp-config.php, the plugin.
  site = join(scratch, 'site');
  cpSync(WORDPRESS, site, { recursive: true, verbatimSymlinks: true });
  rmSync(join(site, '.htaccess'), { force: true });
  const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map((name) => `define('${name}', '${name.toLowerCase()}-e2e-only');`).join('\n');
  writeFileSync(
    join(site, 'wp-config.php'),
    `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:${socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = 'wp_';
${salts}
define('WP_HOME', 'http://127.0.0.1');
define('WP_SITEURL', 'http://127.0.0.1');
define('WP_ENVIRONMENT_TYPE', 'local'); // application passwords over plain HTTP
define('DISABLE_WP_CRON', true);        // cron is run by the test, with wp-cron.php
define('BLACKOUT_URL', (string) getenv('BLACKOUT_URL'));
define('BLACKOUT_TOKEN', (string) getenv('BLACKOUT_TOKEN'));
if (getenv('BLACKOUT_FAIL_ON')) define('BLACKOUT_FAIL_ON', getenv('BLACKOUT_FAIL_ON'));
define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`,
  );
  mkdirSync(join(site, 'wp-content/plugins/blackout-check'), { recursive: true });
  cpSync(PLUGIN, join(site, 'wp-content/plugins/blackout-check/blackout-check.php'));

  ({ child: service, url: serviceUrl } = await startService());
  const install = tool<{ appPassword: string; active: boolean; plugin: Record<string, string>; error?: string }>(FRIDAY, 'install');
  if (install.error !== undefined) throw new Error(install.error);
  ({ appPassword } = install);
  installed = install;
  ({ terms } = tool<{ terms: typeof terms }>(FRIDAY, 'setup'));
}, 180_000);

afterAll(async () => {
  // Children only (by handle): PHP servers, the service, MariaDB last.
  for (const child of [...children].reverse()) await stop(child);
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
}, 60_000);

describe('the plugin in WordPress', () => {
  it('is activated by WordPress, whose activation checks its Requires PHP and Requires at least', () => {
    expect(installed.active).toBe(true);
    expect(installed.plugin.RequiresPHP).toBe('7.4');
    expect(installed.plugin.RequiresWP).toBe('6.1');
    expect(readFileSync(join(WORDPRESS, 'wp-includes/version.php'), 'utf8')).toMatch(/\$wp_version = '6\./);
  });
});

describe('REST API and block editor: the terms chosen in the publishing request are checked', () => {
  it('Saturday 10:00 Paris: a poll created with its category in the same request is rescheduled to Sunday 20:00, not published', async () => {
    const { status, json } = await rest(SATURDAY, 'POST', '/wp/v2/posts', { title: 'Sondage Ifop : le second tour', content: 'Les intentions de vote.', status: 'publish', electoral_category: [terms.poll] });
    expect(status).toBe(201);
    expect(json.status).toBe('future');
    expect(json.date).toBe(LAWFUL.toFormat("yyyy-MM-dd'T'HH:mm:ss"));
    expect(json.date_gmt).toBe(LAWFUL.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss"));
    expect(json.electoral_category).toEqual([terms.poll]);
    expect((json.blackout as { action: string; message: string }).message).toMatch(/^Aucun sondage .*Publication reprogrammée au 2017-05-07 20:00:00/);
    const saved = post(json.id as number);
    expect(saved).toMatchObject({ status: 'future', date_gmt: LAWFUL_GMT, terms: ['poll'], cron: LAWFUL_GMT });
  });

  it('Saturday: a draft published from the block editor with its category ticked in the same click is rescheduled', async () => {
    const draft = await rest(SATURDAY, 'POST', '/wp/v2/posts', { title: 'Sondage du jour', content: 'Brouillon.', status: 'draft' });
    expect(draft.json.status).toBe('draft');
    // What the block editor sends when Publish is clicked: the edited fields, terms included.
    const { json } = await rest(SATURDAY, 'POST', `/wp/v2/posts/${draft.json.id as number}`, { status: 'publish', electoral_category: [terms.poll] });
    expect(json.status).toBe('future');
    expect(post(json.id as number)).toMatchObject({ status: 'future', date: LAWFUL_LOCAL, date_gmt: LAWFUL_GMT, terms: ['poll'] });
  });

  it('Saturday: a post already saved with its category, published without sending terms, is rescheduled too', async () => {
    const draft = await rest(SATURDAY, 'POST', '/wp/v2/posts', { title: 'Tract', content: 'Votez !', status: 'draft', electoral_category: [terms.propaganda] });
    const { json } = await rest(SATURDAY, 'POST', `/wp/v2/posts/${draft.json.id as number}`, { status: 'publish' });
    expect(json.status).toBe('future');
    expect(json.date_gmt).toBe(LAWFUL.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss"));
  });

  it('Saturday: removing the category in the publishing request is what is checked (the post goes out)', async () => {
    const draft = await rest(SATURDAY, 'POST', '/wp/v2/posts', { title: 'Météo du week-end', content: 'Soleil.', status: 'draft', electoral_category: [terms.poll] });
    const { json } = await rest(SATURDAY, 'POST', `/wp/v2/posts/${draft.json.id as number}`, { status: 'publish', electoral_category: [] });
    expect(json.status).toBe('publish');
    expect(json.electoral_category).toEqual([]);
  });

  it('Friday 10:00 Paris: the same poll goes out', async () => {
    const { json } = await rest(FRIDAY, 'POST', '/wp/v2/posts', { title: 'Sondage Ifop : le second tour', content: 'Les intentions de vote.', status: 'publish', electoral_category: [terms.poll] });
    expect(json.status).toBe('publish');
    // Published now: the faked clock runs on from Friday 10:00.
    expect(json.date).toMatch(new RegExp(`^${FRIDAY.toFormat("yyyy-MM-dd'T'HH:mm")}`));
    expect(json.blackout).toBeNull();
  });

  it('Saturday: an edit to a poll published on Friday is refused too: the post is taken offline until Sunday 20:00', async () => {
    const online = tool<PostState>(FRIDAY, 'insert', { post_title: 'Sondage de vendredi', post_content: 'Les chiffres.', post_status: 'publish', tax_input: { electoral_category: [terms.poll] } });
    expect(online.status).toBe('publish');
    const { json } = await rest(SATURDAY, 'POST', `/wp/v2/posts/${online.id}`, { content: 'Les chiffres, corrigés.' });
    expect(json.status).toBe('future');
    expect(json.date_gmt).toBe(LAWFUL.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss"));
  });

  it('Saturday: a term that is not a policy category is held as pending, with the reason', async () => {
    const { json } = await rest(SATURDAY, 'POST', '/wp/v2/posts', { title: 'Analyse', content: 'Texte.', status: 'publish', electoral_category: [terms.politique] });
    expect(json.status).toBe('pending');
    expect((json.blackout as { message: string }).message).toMatch(/Publication suspendue.*categories\[0\].*catégorie inconnue "politique"/);
  });

  it('Saturday: a text the policy flags for review goes out, and the reason is kept on the post', async () => {
    const { json } = await rest(SATURDAY, 'POST', '/wp/v2/posts', { title: 'Les premiers résultats en Guadeloupe', content: 'Estimation.', status: 'publish' });
    expect(json.status).toBe('publish');
    expect((json.blackout as { action: string; message: string }).message).toMatch(/^Publié ; à vérifier/);
  });

  it('Saturday, with BLACKOUT_FAIL_ON=review: the same text is held as pending', async () => {
    const { json } = await rest(SATURDAY, 'POST', '/wp/v2/posts', { title: 'Les premiers résultats en Guadeloupe', content: 'Estimation.', status: 'publish' }, { BLACKOUT_FAIL_ON: 'review' });
    expect(json.status).toBe('pending');
  });
});

describe("the classic editor's code path (tax_input)", () => {
  it('Saturday: Publish with the poll box ticked (edit_post, as post.php runs it) is rescheduled', () => {
    const saved = tool<PostState>(SATURDAY, 'classic-editor', { title: 'Sondage Elabe', content: 'Les chiffres.', terms: [terms.poll] });
    expect(saved).toMatchObject({ status: 'future', date: LAWFUL_LOCAL, date_gmt: LAWFUL_GMT, terms: ['poll'] });
    expect(saved.notice).toMatchObject({ action: 'reschedule' });
  });

  it('wp_insert_post with tax_input: rescheduled on Saturday, published on Friday', () => {
    const postarr = { post_title: 'Sondage Kantar', post_content: 'Les chiffres.', post_status: 'publish', tax_input: { electoral_category: [terms.poll] } };
    expect(tool<PostState>(SATURDAY, 'insert', postarr)).toMatchObject({ status: 'future', date_gmt: LAWFUL_GMT, terms: ['poll'] });
    const friday = tool<PostState>(FRIDAY, 'insert', postarr);
    expect(friday).toMatchObject({ status: 'publish', terms: ['poll'] });
    expect(friday.date.startsWith(FRIDAY.toFormat('yyyy-MM-dd HH:mm'))).toBe(true);
  });
});

describe('wp-cron publishing a scheduled post', () => {
  it('a poll scheduled on Friday for Saturday 10:00 is moved to Sunday 20:00 when cron runs it', () => {
    const scheduled = tool<PostState>(FRIDAY, 'insert', { post_title: 'Sondage programmé', post_content: 'x', post_status: 'publish', post_date: SATURDAY.toFormat('yyyy-MM-dd HH:mm:ss'), tax_input: { electoral_category: [terms.poll] } });
    expect(scheduled).toMatchObject({ status: 'future', cron: SATURDAY.toUTC().toFormat('yyyy-MM-dd HH:mm:ss') });
    run('faketime', [...fake(SATURDAY.plus({ minutes: 1 })), 'php', join(site, 'wp-cron.php')], phpEnv());
    expect(post(scheduled.id)).toMatchObject({ status: 'future', date: LAWFUL_LOCAL, date_gmt: LAWFUL_GMT, cron: LAWFUL_GMT });
  });
});

describe('other post types', () => {
  it('Saturday: results published as a page are checked as a post is (every public post type but attachments, by default)', () => {
    const page = { post_type: 'page', post_title: 'Estimations', post_content: 'x', post_status: 'publish', tax_input: { electoral_category: [terms.poll] } };
    expect(tool<PostState>(SATURDAY, 'insert', page)).toMatchObject({ status: 'future', date_gmt: LAWFUL_GMT, terms: ['poll'] });
    expect(tool<PostState>(FRIDAY, 'insert', page)).toMatchObject({ status: 'publish', terms: ['poll'] });
  });
});

describe('a plugin that publishes with wp_publish_post(), past wp_insert_post', () => {
  it('Saturday: the poll is taken back offline at once and rescheduled to Sunday 20:00; on Friday it stays online', () => {
    const draft = { post_title: 'Sondage importé', post_content: 'x', tax_input: { electoral_category: [terms.poll] } };
    const saturday = tool<PostState>(SATURDAY, 'publish-direct', draft);
    expect(saturday).toMatchObject({ status: 'future', date_gmt: LAWFUL_GMT, terms: ['poll'], cron: LAWFUL_GMT });
    expect(saturday.notice).toMatchObject({ action: 'reschedule' });
    expect(tool<PostState>(FRIDAY, 'publish-direct', draft)).toMatchObject({ status: 'publish', terms: ['poll'], notice: '' });
  });
});

describe('no yes from the service: never published', () => {
  it('a blocked verdict without a lawful time holds the post (the plugin\'s decision, from a verdict the service would send with no policy loaded)', () => {
    const verdict = { id: 'wp-1', status: 'blocked', violations: [], earliestAllowedAt: null, errors: [{ field: 'policy', code: 'policy-unavailable', message: 'no policy loaded' }] };
    expect(tool<{ action: string; message: string }>(SATURDAY, 'decide', verdict)).toEqual({ action: 'hold', message: 'Publication suspendue / Publication held : policy: no policy loaded' });
  });

  it('a wrong token (401): held as pending, saying why', async () => {
    const { json } = await rest(FRIDAY, 'POST', '/wp/v2/posts', { title: 'Météo', content: 'Soleil.', status: 'publish' }, { BLACKOUT_TOKEN: 'not-the-token' });
    expect(json.status).toBe('pending');
    expect((json.blackout as { message: string }).message).toMatch(/n'a pas pu vérifier cet article \(HTTP 401/);
  });

  it('the service stopped: a post published on Friday is held as pending, and so is a scheduled one when cron runs', async () => {
    const scheduled = tool<PostState>(FRIDAY, 'insert', { post_title: 'Programmé', post_content: 'x', post_status: 'publish', post_date: FRIDAY.plus({ hours: 1 }).toFormat('yyyy-MM-dd HH:mm:ss') });
    expect(scheduled.status).toBe('future');
    await stop(service);
    const { json } = await rest(FRIDAY, 'POST', '/wp/v2/posts', { title: 'Météo', content: 'Soleil.', status: 'publish' });
    expect(json.status).toBe('pending');
    expect((json.blackout as { message: string }).message).toMatch(/^Publication suspendue : le service blackout n'a pas pu vérifier cet article/);
    expect(tool<PostState>(FRIDAY, 'insert', { post_title: 'Météo', post_content: 'Soleil.', post_status: 'publish' }).status).toBe('pending');
    run('faketime', [...fake(FRIDAY.plus({ hours: 1, minutes: 1 })), 'php', join(site, 'wp-cron.php')], phpEnv());
    expect(post(scheduled.id)).toMatchObject({ status: 'pending', notice: { action: 'hold' } });
  });
});
