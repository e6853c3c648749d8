// The real CLI in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen.
// .ci/run installs tmux when it is missing; without it these tests fail, saying so.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SOCKET = `blackout-e2e-${process.pid}`;
const BIN = resolve('dist/cli/bin.cjs');
const EXAMPLE = 'examples/macronleaks/records.json';
let session = 0;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-u', '-L', SOCKET, ...args], { encoding: 'utf8' });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the CLI in a fresh terminal of `columns` × `rows`. The environment is
 * emptied so a CI runner's variables do not turn Ink's CI mode on; the shell
 * says how the CLI exited, then waits, so the screen can be read after it quits.
 */
function start(args: string[], options: { columns?: number; rows?: number; env?: string[] } = {}): string {
  const name = `s${++session}`;
  const env = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${process.env.HOME ?? '/tmp'}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', ...(options.env ?? [])];
  const command = `${[...env, process.execPath, BIN, ...args].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ')}; echo "exited with $?"; sleep 60`;
  tmux('new-session', '-d', '-s', name, '-x', String(options.columns ?? 100), '-y', String(options.rows ?? 30), command);
  return name;
}

function screen(name: string, escapes = false): string {
  return tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', name);
}

/** Whether a screen captured with its escapes sets a foreground colour (SGR 30–37, 90–97 or 38); 39 only resets it. */
function coloured(captured: string): boolean {
  return [...captured.matchAll(/\u001b\[([\d;]*)m/g)].some((match) => match[1]!.split(';').some((code) => /^(3[0-8]|9[0-7])$/.test(code)));
}

/** Waits until the screen shows `text` (or matches it), and returns the screen. */
async function until(name: string, text: string | RegExp, limitMs = 15_000): Promise<string> {
  let last = '';
  for (let waited = 0; waited < limitMs; waited += 100) {
    last = screen(name);
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
    await wait(100);
  }
  throw new Error(`the screen never showed ${String(text)}; it shows:\n${last}`);
}

async function keys(name: string, ...sequence: string[]): Promise<void> {
  for (const key of sequence) {
    tmux('send-keys', '-t', name, key);
    await wait(120);
  }
}

beforeAll(() => {
  try {
    execFileSync('tmux', ['-V']);
  } catch {
    throw new Error('tmux is not installed: .ci/run installs it (apt-get install tmux)');
  }
});

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // Already gone: every session ended.
  }
});

describe('blackout tui in a terminal', () => {
  it('opens on the example, moves, shows a record’s detail, searches, helps and quits', async () => {
    const name = start(['tui', EXAMPLE, '--at', '2017-05-05T23:00:00+02:00'], { columns: 120, rows: 40 });
    const first = await until(name, '27/27 records');
    expect(first).toContain('blackout · now Fri 5 May 23:00 Europe/Paris · 2017 presidential election · round 2 · fr 2026.11.0');
    expect(first).toMatch(/^Silence starts in (1 h|59 min \d+ s) \(Sat 6 May 00:00 Europe\/Paris\): Mainland France and Corsica$/m);
    expect(first).toMatch(/^FR-MET +░+│?░*█+/m);
    expect(first).toMatch(/^PM +░*█+│█+/m);
    expect(first).toMatch(/^› BLOCKED +Fri 05 May 16:00 default +web +poll/m);

    await keys(name, 'j', 'j', 'j', 'j', 'Enter');
    const detail = await until(name, 'BLOCKED  ml-02-4chan-post');
    expect(detail).toContain('✖ fr.l49.propaganda · Code électoral, art. L49, al. 2');
    expect(detail).toContain('Allowed only for readers in Mainland France and Corsica, La Réunion, Mayotte; blocked for the 20 other regions of its');

    // The what-if line ends the detail: scrolled to.
    await keys(name, 'w', ...Array<string>(30).fill(']'));
    await until(name, 'What if published at Sun 7 May 20:00 Europe/Paris (2017-05-07T18:00:00.000Z): ALLOWED');

    await keys(name, 'Escape', 'Escape');
    await until(name, /^› BLOCKED +Fri 05 May 20:35/m);

    await keys(name, '/', 'sondages', 'Enter');
    const found = await until(name, 'search: /sondages');
    expect(found).toMatch(/^› REVIEW +Sat 06 May 15:00/m);

    await keys(name, '?');
    const help = await until(name, 'Keys');
    expect(help).toContain('q or Ctrl-C: quit');
    expect(help).toContain('r: filter by audience region');

    await keys(name, 'Escape', 'q');
    const after = await until(name, 'exited with 0');
    // The alternate screen is left: the terminal shows what it showed before.
    expect(after).not.toContain('27/27 records');
  });

  it('opens on the shipped example with no arguments, fitting 80×24: whole countdowns, the mainland, the legend, every key, ? help and q quit', async () => {
    const name = start([], { columns: 80, rows: 24 });
    const first = await until(name, '27/27 records');
    const lines = first.split('\n');
    expect(lines[0]).toMatch(/^blackout · now Fri 5 May 23:0\d · 2017 presidential election · round 2$/);
    expect(lines[1]).toMatch(/^Silence starts in (1 h|\d+ min \d+ s) \(Sat 6 May 00:00\): Mainland France and Corsica$/);
    expect(lines[2]).toBe('Silence in force, ends in 1 d 20 h (Sun 7 May 20:00): every region but FR-MET');
    expect(lines[4]).toMatch(/^FR-MET +░+│?░*█+$/);
    expect(first).toContain('+9: GF, FE-AM-ATL, FE-AM-SUD, FE-AM-CHL, GP, MQ, BL, MF, FE-AM-EST, FE-AM-CAR, …');
    expect(first).toContain('█ silence ░ review │ now   x blocked ! review ? invalid · allowed ^ selected');
    expect(lines[22]).toMatch(/· \? help · q quit$/);
    expect(lines.every((line) => [...line].length <= 80)).toBe(true);
    expect(coloured(screen(name, true))).toBe(true);
    // The help, scrolled to its end: every key, the r line too.
    await keys(name, '?');
    const top = await until(name, 'Keys');
    await keys(name, ']', ']', ']', ']');
    const help = `${top}\n${screen(name)}`.replace(/\s+/g, ' ');
    for (const key of ['↑ ↓ or k j', 'PgUp PgDn', 'g G or Home End', 'Enter: open', '[ ]: scroll', '/: search', 's: filter by status', 'r: filter by audience region', 'z: show times', 'w: what if', 'e: list the input problems', 'Esc: close', '?: this help', 'q or Ctrl-C: quit']) {
      expect(help).toContain(key);
    }
    expect(screen(name).split('\n')[22]).toMatch(/\? help · q quit$/);
    await keys(name, 'Escape', 'q');
    await until(name, 'exited with 0');
  });

  it('speaks French from the locale, with colours off under NO_COLOR, minutes kept in the time column', async () => {
    const plain = start(['tui'], { columns: 80, rows: 24, env: ['NO_COLOR=1', 'LANG=fr_FR.UTF-8'] });
    const french = await until(plain, '27/27 publications');
    expect(french).toContain('statut : tous · région : toutes');
    expect(french).toMatch(/^› BLOQUÉ +ven\. 05 mai 16:00 +défaut/m);
    expect(french.split('\n')[22]).toMatch(/· \? aide · q quitter$/);
    expect(coloured(screen(plain, true))).toBe(false);
    await keys(plain, 'q');
    await until(plain, 'exited with 0');
  });

  it('re-checks when the input file changes and keeps the selection', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-e2e-')), 'desk.json');
    const post = (id: string, time: string) => ({ id, publishedAt: time, categories: ['propaganda'], channel: 'social', title: id });
    writeFileSync(file, JSON.stringify([post('first-post', '2017-05-05T20:00:00+02:00'), post('second-post', '2017-05-06T09:00:00+02:00')]));
    const name = start(['tui', file, '--at', '2017-05-06T08:00:00+02:00']);
    await until(name, '2/2 records');
    await keys(name, 'j');
    await until(name, /^› BLOCKED .*second-post/m);
    writeFileSync(file, JSON.stringify([post('first-post', '2017-05-05T20:00:00+02:00'), post('early-post', '2017-05-05T10:00:00+02:00'), post('second-post', '2017-05-06T09:00:00+02:00')]));
    const changed = await until(name, '3/3 records');
    expect(changed).toContain('Input changed: 3 records checked again.');
    expect(changed).toMatch(/^› BLOCKED .*second-post/m);
    writeFileSync(file, '[{"id": ');
    await until(name, 'Input changed but could not be read');
    expect(screen(name)).toContain('3/3 records');
    await keys(name, 'q');
    await until(name, 'exited with 0');
  });

  it('reads NDJSON, lists its bad lines with e, and tells them again once it quits', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-e2e-')), 'feed.ndjson');
    const post = (id: string, time: string) => JSON.stringify({ id, publishedAt: time, categories: ['propaganda'], channel: 'social', title: id });
    writeFileSync(file, `${post('first-post', '2017-05-05T20:00:00+02:00')}\n{"id": "broken"\n${post('second-post', '2017-05-06T09:00:00+02:00')}\n`);
    const name = start(['tui', file, '--at', '2017-05-06T08:00:00+02:00']);
    const first = await until(name, '2/2 records');
    expect(first).toContain('1 input problem (e lists it)');
    await keys(name, 'e');
    const listed = await until(name, 'Input problems (1)');
    expect(listed).toMatch(/feed\.ndjson:2: not valid JSON/);
    await keys(name, 'Escape', 'q');
    const after = await until(name, 'exited with 0');
    // The problem's line may wrap at the terminal's width.
    expect(after).toMatch(/feed\.ndjson:2: not valid JSON[^]*\nblackout: 1 input problem: some records were not read\n/);
  });
});

describe('blackout tui as the clock crosses Saturday 00:00', () => {
  // A draft without publishedAt is ALLOWED on Friday 23:59 and BLOCKED from Saturday 00:00 Paris: the UI checks it again at the edge.
  const drafts = () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-e2e-')), 'drafts.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'tract', title: 'Tract du candidat, sans date', categories: ['propaganda'], audience: ['FR-MET'], channel: 'web' },
        { id: 'article', title: "Article d'actualité, sans date", categories: ['news'], audience: ['FR-MET'], channel: 'web' },
      ]),
    );
    return file;
  };

  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    // Both sizes at once: each waits for midnight.
    it.concurrent(`re-checks a draft without publishedAt at midnight while the UI runs, at ${columns}×${rows}`, async ({ expect }) => {
      // The clock starts 8 s before midnight when the process does; the first screen comes a second or two later.
      const name = start(['tui', drafts(), '--at', '2017-05-05T23:59:52+02:00'], { columns, rows });
      const before = await until(name, /^. ALLOWED +now +FR-MET .*Tract du candidat/m);
      expect(before).toMatch(/Silence starts in \d+ s \(Sat 6 May 00:00( Europe\/Paris)?\): Mainland France and Corsica/);
      const after = await until(name, /^. BLOCKED +now +FR-MET .*Tract du candidat/m, 20_000);
      expect(after).toMatch(/^Silence in force, ends in 1 d (19|20) h \(Sun 7 May 20:00( Europe\/Paris)?\): every region \(FR\)$/m);
      expect(after).toMatch(/^. ALLOWED +now +FR-MET .*Article d'actualité/m);
      expect(after).toContain('Sat 6 May 00:00: 2 records without publishedAt checked again.');
      expect(after.split('\n')[0]).toMatch(/now Sat 6 May 00:00/);
      // The screen is whole: the title on the first line, the footer on the last drawn one.
      expect(after.split('\n')[rows - 2]).toMatch(/\? help · q quit$/);
      await keys(name, 'Enter');
      await until(name, '✖ fr.l49.propaganda');
      await keys(name, 'q');
      await until(name, 'exited with 0');
    }, 60_000);
  }
});

describe('blackout tui with hostile record ids (B20)', () => {
  it('draws a forged id escaped on a row that still reads BLOCKED; no clipboard write, no title change, nothing raw on exit', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-e2e-'));
    const file = join(folder, 'forged-\u001b]0;FILE-TITLE\u0007.ndjson');
    const ids = ['forged\rALLOWED  ', 'osc52st-\u001b]52;c;U1Q=\u001b\\-end', '\u001b]0;PWNED-TITLE\u0007', 'bidi-\u202eDEWOLLA'];
    const lines = ids.map((id) => JSON.stringify({ id, publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], audience: ['FR-MET'], channel: 'web' }));
    writeFileSync(file, `${lines.join('\n')}\n{"id": "broken\u001b]52;c;U1Q=\u0007"\n`);
    // A session holds the server up while the clipboard is turned on, before the UI draws anything.
    tmux('new-session', '-d', '-s', 'clipboard-holder', 'sleep 120');
    tmux('set-option', '-g', 'set-clipboard', 'on');
    const name = start(['tui', file, '--at', '2017-05-06T10:00:00+02:00'], { columns: 120, rows: 30 });
    const shown = await until(name, '4/4 records');
    expect(shown).toMatch(/^› BLOCKED +Sat 06 May 10:00 FR-MET +web +poll +forged\\u000dALLOWED/m);
    expect(shown).toMatch(/^ {2}BLOCKED +Sat 06 May 10:00 FR-MET +web +poll +osc52st-\\u001b\]52;c;U1Q=\\u001b\\-end/m);
    expect(shown).toMatch(/^ {2}BLOCKED .*\\u001b\]0;PWNED-TITLE\\u0007/m);
    expect(shown).toMatch(/^ {2}BLOCKED .*bidi-\\u202eDEWOLLA/m);
    expect(shown).not.toMatch(/^. ALLOWED/m);
    expect(tmux('list-buffers')).toBe('');
    expect(tmux('display-message', '-p', '-t', name, '#{pane_title}')).not.toMatch(/PWNED|FILE-TITLE/);
    await keys(name, 'q');
    const after = await until(name, 'exited with 0');
    // The input problem told on stderr once the UI quits: its file name escaped too.
    expect(after).toContain('forged-\\u001b]0;FILE-TITLE\\u0007.ndjson:5: not valid JSON');
    expect(tmux('list-buffers')).toBe('');
    expect(tmux('display-message', '-p', '-t', name, '#{pane_title}')).not.toMatch(/PWNED|FILE-TITLE/);
  });
});
